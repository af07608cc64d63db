"""A report's row values and back: the Article as JSON (its text in a column of its own), sentence
vectors as float16, MinHash signatures as uint32."""
from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import numpy as np

from ..model import Article

VECTOR_DIM = 384  # all-MiniLM-L6-v2


def article_json(article: Article) -> str:
    data = asdict(article)
    del data["text"]
    return json.dumps(data, ensure_ascii=False, default=str)


def article_from(text: str, article_json: str) -> Article:
    return Article.from_dict({**json.loads(article_json), "text": text})


def pack_vectors(vectors: Any) -> bytes:
    """float16 halves the bytes; cosine similarities move by about 1e-4, far below any threshold step."""
    return np.ascontiguousarray(vectors, dtype="<f2").tobytes()


def unpack_vectors(data: bytes, dim: int = VECTOR_DIM) -> np.ndarray:
    return np.frombuffer(data, dtype="<f2").reshape(-1, dim).astype("float32")


def pack_minhash(hashvalues: Any) -> bytes:
    """datasketch's affine32 MinHash values are uint32: 4 bytes each."""
    return np.asarray(hashvalues, dtype="<u4").tobytes()


def unpack_minhash(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4").astype("uint32")
