"""Each unit's nearest units in embedding space, without the full units x units matrix.

Alignment needs, for every unit, its few most similar units (the candidates it may be paired
with). A full similarity matrix holds n x n floats: 214 MB for the 7,489 units of a 500-report
story, 3.4 GB for 2,000 reports. Computing it a block of rows at a time keeps memory at
block x n, linear in the story's size, for the same candidates: each row's values are the
same products, and its k largest are picked the same way.
"""
from __future__ import annotations

from collections.abc import Iterator

import numpy as np

# rows compared at a time: 512 x 30,000 units is 60 MB of float32
BLOCK_ROWS = 512


def nearest(vectors: np.ndarray, k: int, block_rows: int = BLOCK_ROWS) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """For every row i in order: the indices of its k most similar rows (i itself among them,
    in no particular order) and their cosine similarities. `vectors` are unit length."""
    n = len(vectors)
    k = min(k, n)
    for start in range(0, n, block_rows):
        sims = vectors[start:start + block_rows] @ vectors.T
        for offset, row in enumerate(sims):
            picked = np.argpartition(-row, k - 1)[:k] if n > k else np.arange(n)
            yield start + offset, picked, row[picked]
