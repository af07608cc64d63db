"""Candidates by blocks of rows and cosines read on demand: the same values the full matrix gives."""
from __future__ import annotations

import numpy as np
import pytest

from corroborate.analyse.neighbours import Cosines, nearest

SENTENCES = [
    "A ferry carrying 212 passengers ran aground off Kessel Point late on Thursday.",
    "The ferry, with 212 people aboard, struck rocks near Kessel Point on Thursday night.",
    "Everyone on board was brought safely to shore, the coast guard said.",
    "All passengers were rescued, according to the coast guard.",
    "The operator said the ferry had left the channel in thick fog.",
    "Bluewater Lines blamed dense fog for the ship straying from its route.",
    "The seafarers' union said the route had become dangerous.",
    "Union head Jonas Berg said the accident was waiting to happen.",
    "Shares in the operator fell 4 percent in early trading.",
]


@pytest.mark.slow
def test_blocks_of_rows_find_what_the_full_matrix_finds():
    from corroborate.nlp import embed

    vectors = embed(SENTENCES, "all-MiniLM-L6-v2")
    full = vectors @ vectors.T
    for block_rows in (1, 2, 4, 100):
        found = {i: (set(picked.tolist()), cosines) for i, picked, cosines in nearest(vectors, 3, block_rows)}
        assert list(found) == list(range(len(SENTENCES)))
        for i, (picked, cosines) in found.items():
            assert picked == set(np.argsort(-full[i])[:3].tolist())
            assert np.allclose(sorted(cosines), sorted(full[i, list(picked)]), atol=1e-6)
    # the two tellings of the grounding are each other's nearest; the market sentence is no one's
    neighbours = {i: set(picked.tolist()) - {i} for i, picked, _ in nearest(vectors, 2)}
    assert neighbours[0] == {1} and neighbours[1] == {0}
    assert all(8 not in found for i, found in neighbours.items() if i != 8)


def test_fewer_units_than_k_gives_every_unit():
    vectors = np.eye(3, dtype=np.float32)
    assert [(i, sorted(p.tolist())) for i, p, _ in nearest(vectors, 5)] == [(0, [0, 1, 2]), (1, [0, 1, 2]), (2, [0, 1, 2])]


def test_cosines_read_like_the_full_matrix():
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(40, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    full = vectors @ vectors.T
    sims = Cosines(vectors)
    assert np.isclose(sims[4, 31], full[4, 31], atol=1e-6) and np.isclose(sims[31, 4], sims[4, 31])
    rows, cols = [0, 7, 39], [2, 7]
    block = sims[np.ix_(rows, cols)]
    assert block.shape == (3, 2)
    assert np.allclose(block, full[np.ix_(rows, cols)], atol=1e-6)
    assert np.isclose(block[1, 1], 1.0, atol=1e-6)  # a unit with itself
