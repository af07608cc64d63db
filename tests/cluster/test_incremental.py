"""Batch and incremental clustering agree: the same reports added in ten random batches form the
stories one batch forms, and a saved index goes on as if it had never been saved."""
from __future__ import annotations

import json
import random
from collections import defaultdict

import pytest

from corroborate.cluster import StoryIndex
from corroborate.cluster.features import profiles
from corroborate.settings import Settings

pytestmark = pytest.mark.slow


def bcubed_f1(system: dict[str, str], gold: dict[str, str]) -> float:
    by_system, by_gold = defaultdict(set), defaultdict(set)
    for item in gold:
        by_system[system[item]].add(item)
        by_gold[gold[item]].add(item)
    shared = {i: len(by_system[system[i]] & by_gold[gold[i]]) for i in gold}
    p = sum(shared[i] / len(by_system[system[i]]) for i in gold) / len(gold)
    r = sum(shared[i] / len(by_gold[gold[i]]) for i in gold) / len(gold)
    return 2 * p * r / (p + r)


@pytest.fixture(scope="module")
def mixed_profiles(mixed_articles):
    return profiles(mixed_articles, Settings())


def test_ten_random_batches_give_the_one_batch_stories(mixed_profiles):
    one = StoryIndex()
    one.add_profiles(mixed_profiles)
    for seed in range(3):
        shuffled = mixed_profiles[:]
        random.Random(seed).shuffle(shuffled)
        cuts = sorted(random.Random(seed).sample(range(1, len(shuffled)), 9))
        index = StoryIndex()
        for start, end in zip([0, *cuts], [*cuts, len(shuffled)]):
            index.add_profiles(shuffled[start:end])
        assert bcubed_f1(index.story_of, one.story_of) >= 0.98


def test_the_real_events_are_told_apart(mixed_profiles):
    """Four real events of spring 2018, among them two with the same actors days apart (the CIA
    director's secret visit to North Korea; North Korea suspending its tests): the distinctive
    people each report names apart keep them in two stories."""
    index = StoryIndex()
    index.add_profiles(mixed_profiles)
    events = defaultdict(set)
    for p in mixed_profiles:
        if p.id[0].isdigit():  # NewsWCL50: "3_LL.txt" is event 3
            events[p.id.split("_")[0]].add(index.story_of[p.id])
    stories = [s for found in events.values() for s in found]
    assert len(stories) == len(set(stories)), "two events share a story"


def test_a_saved_index_goes_on_like_the_one_never_saved(mixed_profiles):
    half = len(mixed_profiles) // 2
    kept = StoryIndex()
    kept.add_profiles(mixed_profiles[:half])
    saved = StoryIndex.from_state(json.loads(json.dumps(kept.state())))
    assert saved.stories() == kept.stories()
    assert saved.add_profiles(mixed_profiles[half:]) == kept.add_profiles(mixed_profiles[half:])
    assert saved.state() == kept.state()
