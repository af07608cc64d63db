"""Each unit's nearest units in embedding space, without the full units x units matrix.

Alignment needs, for every unit, its few most similar units (the candidates it may be paired
with), and later the similarities inside the few groups it considers joining. A full
similarity matrix holds n x n floats: 214 MB for the 7,489 units of a 500-report story,
3.4 GB for 2,000 reports. Computing it a block of rows at a time keeps memory at block x n,
linear in the story's size, for the same candidates: each row's values are the same products,
and its k largest are picked the same way; the other similarities are computed when asked for.
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


class Cosines:
    """The similarity matrix of unit-length vectors, read like one (`sims[i, j]`,
    `sims[np.ix_(rows, cols)]`) but computed only where it is read: memory stays linear in the
    number of vectors, and alignment reads a few small blocks of it."""

    def __init__(self, vectors: np.ndarray):
        self.vectors = vectors

    def __getitem__(self, key: tuple) -> np.ndarray | np.float32:
        rows, cols = key
        if np.ndim(rows) == 0 and np.ndim(cols) == 0:
            return self.vectors[rows] @ self.vectors[cols]
        # np.ix_ gives a column of row indices and a row of column indices
        return self.vectors[np.ravel(rows)] @ self.vectors[np.ravel(cols)].T
