"""The bottom line's centrality (LexRank) on a sparse graph: the same ranking as the textbook
full-matrix LexRank on small stories, and memory that does not grow with the square of a big one."""
import tracemalloc

import numpy as np
import pytest

from corroborate.analyse.summary import DAMPING, LINKS, centrality, states_something
from corroborate.nlp import embed
from corroborate.settings import Settings

SENTENCES = [
    "Russia said some troops were returning to their bases after exercises.",
    "Moscow announced that some units were pulling back from the border with Ukraine.",
    "The Russian defence ministry said troops were going back to their garrisons.",
    "NATO said it had seen no sign of de-escalation on the ground.",
    "Ukraine's foreign minister said he would believe in a withdrawal when he saw it.",
    "Oil prices fell after the announcement.",
]


def full_matrix_lexrank(vectors: np.ndarray) -> np.ndarray:
    n = len(vectors)
    sims = np.clip(vectors @ vectors.T, 0, None)
    np.fill_diagonal(sims, 0)
    rows = sims.sum(axis=1, keepdims=True)
    transition = np.divide(sims, rows, out=np.full_like(sims, 1 / n), where=rows > 0)
    rank = np.full(n, 1 / n)
    for _ in range(50):
        rank = (1 - DAMPING) / n + DAMPING * transition.T @ rank
    return rank


def test_small_story_ranks_as_full_lexrank():
    vectors = embed(SENTENCES, Settings().embedding_model).astype(np.float32)
    rank = centrality(vectors)
    assert np.allclose(rank, full_matrix_lexrank(vectors), atol=1e-7)
    # the three tellings of the pullback are the centre of this story, the oil price its edge
    assert set(np.argsort(-rank)[:3]) == {0, 1, 2}
    assert int(np.argmin(rank)) == 5


def test_big_story_needs_no_square_matrix():
    n = 6000  # a full float32 similarity matrix alone would be 144 MB
    vectors = np.random.default_rng(7).standard_normal((n, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    tracemalloc.start()
    rank = centrality(vectors)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 40 * 2**20
    assert len(rank) == n and abs(rank.sum() - 1) < 1e-6
    assert LINKS < n


@pytest.mark.parametrize("sentence, states", [
    # ScrapingHub set: a review's rhetorical question and a campaign's slogan, both carried by two outlets
    ("First, \"Is streaming the future of gaming?\"", False),
    ("We’re on it.”", False),
    ("Inner Mongolia health authority reported its third case of bubonic plague on Sunday after two other plague "
     "cases were revealed last week.", True),
])
def test_a_bottom_line_states_something(sentence, states):
    assert states_something(sentence) is states
