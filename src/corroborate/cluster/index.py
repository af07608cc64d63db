"""StoryIndex: reports arrive in batches of any size and order; each joins the story of the
reports it tells one event with, or opens a new one; a report that shows two stories to be one
event merges them, and the merge is recorded.

Stories are the connected parts of a graph whose links are judged pair by pair
(`evidence.same_event`, `evidence.is_copy`), and every pair that could link is looked at, so
the stories do not depend on batch order or size; only story ids and the merge record do.

Candidates come from blocking, not from an approximate nearest-neighbour library: reports are
kept in week-long buckets by date and a new report is compared exactly (one numpy product) with
the reports of the buckets its date window touches. Approximate indexes (HNSW in usearch,
hnswlib, faiss) return neighbours that depend on insertion order, which would make the batch
and incremental stories differ; the date window bounds the cost by the reports of those weeks,
not by the whole store. Reports without any date are compared with every bucket. Copies are
found by MinHash LSH (datasketch), one LSH per week, looked up over the same window.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from datasketch import MinHashLSH

from ..model import Article, Story
from ..settings import Settings
from .evidence import WINDOW_DAYS, is_copy, same_event
from .features import EPOCH, NUM_PERM, Profile, as_minhash, profiles

BUCKET_DAYS = 7
UNDATED = None
CANDIDATE_COSINE = 0.5  # below this no rule of same_event links two reports


@dataclass
class Merge:
    """Story `merged` joined story `into` when report `by` was found to tell both their events."""
    into: str
    merged: str
    by: str


@dataclass
class Update:
    """What one `add` did: the story of every report added, and the merges it caused."""
    stories: dict[str, str] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)


@lru_cache(maxsize=4)
def lsh_bands(jaccard: float) -> tuple[int, int]:
    """datasketch's bands and rows for the threshold: worked out once, not for every week's LSH
    (it integrates numerically, 0.1 s each time)."""
    lsh = MinHashLSH(threshold=jaccard, num_perm=NUM_PERM)
    return lsh.b, lsh.r


class _Bucket:
    """The reports of one week: their vectors in a growing matrix, their MinHashes in an LSH."""

    def __init__(self, jaccard: float) -> None:
        self.ids: list[str] = []
        self.matrix = np.zeros((16, 384), dtype="float32")
        self.lsh = MinHashLSH(num_perm=NUM_PERM, params=lsh_bands(jaccard))

    def add(self, profile: Profile) -> None:
        if len(self.ids) == len(self.matrix):
            self.matrix = np.concatenate([self.matrix, np.zeros_like(self.matrix)])
        self.matrix[len(self.ids)] = profile.vector
        self.ids.append(profile.id)
        self.lsh.insert(profile.id, as_minhash(profile))

    def near(self, vector: np.ndarray, cosine: float) -> list[tuple[str, float]]:
        sims = self.matrix[:len(self.ids)] @ vector
        return [(self.ids[i], float(sims[i])) for i in np.flatnonzero(sims >= cosine)]


class StoryIndex:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.profiles: dict[str, Profile] = {}
        self.story_of: dict[str, str] = {}  # article id -> story id
        self.members: dict[str, list[str]] = {}  # story id -> article ids, in arrival order
        self.copies: list[tuple[str, str]] = []
        self.merges: list[Merge] = []
        self._buckets: dict[int | None, _Bucket] = {}

    # ---- adding ----
    def add(self, articles: list[Article]) -> Update:
        """Assign annotated articles to stories; an article already in the index keeps its story."""
        new = [a for a in dict((a.id, a) for a in articles).values() if a.id not in self.profiles]
        update = self.add_profiles(profiles(new, self.settings))
        for a in articles:
            update.stories[a.id] = self.story_of[a.id]
        return update

    def add_profiles(self, batch: list[Profile]) -> Update:
        update = Update()
        for profile in sorted(batch, key=lambda p: p.id):
            if profile.id in self.profiles:
                continue
            links = self._links(profile)
            self._store(profile)
            stories = sorted({self.story_of[other] for other in links}, key=lambda s: (-len(self.members[s]), s))
            if not stories:
                story = "story-" + hashlib.sha1(profile.id.encode("utf-8")).hexdigest()[:12]
                self.members[story] = []
            else:
                story = stories[0]
                for absorbed in stories[1:]:
                    for member in self.members.pop(absorbed):
                        self.story_of[member] = story
                        self.members[story].append(member)
                    merge = Merge(into=story, merged=absorbed, by=profile.id)
                    self.merges.append(merge)
                    update.merges.append(merge)
            self.story_of[profile.id] = story
            self.members[story].append(profile.id)
            update.stories[profile.id] = story
        for merge in update.merges:  # stories of reports added earlier in this batch may have moved
            for key, story in update.stories.items():
                update.stories[key] = self.story_of[key]
        return update

    def _links(self, profile: Profile) -> list[str]:
        """Stored reports that tell the same event as `profile`, or carry its text."""
        linked = set()
        minhash = as_minhash(profile)
        window = self._window(profile.day)
        for other in sorted(o for bucket in window for o in bucket.lsh.query(minhash)):
            if is_copy(profile, self.profiles[other], self.settings.shared_copy_jaccard):
                self.copies.append((min(profile.id, other), max(profile.id, other)))
                linked.add(other)
        for bucket in window:
            for other, cosine in bucket.near(profile.vector, CANDIDATE_COSINE):
                if other not in linked and same_event(profile, self.profiles[other], cosine):
                    linked.add(other)
        return sorted(linked)

    def _window(self, day: int | None) -> list[_Bucket]:
        if day is None:
            return list(self._buckets.values())
        keys = range((day - WINDOW_DAYS) // BUCKET_DAYS, (day + WINDOW_DAYS) // BUCKET_DAYS + 1)
        return [self._buckets[k] for k in [*keys, UNDATED] if k in self._buckets]

    def _store(self, profile: Profile) -> None:
        self.profiles[profile.id] = profile
        key = UNDATED if profile.day is None else profile.day // BUCKET_DAYS
        if key not in self._buckets:
            self._buckets[key] = _Bucket(self.settings.shared_copy_jaccard)
        self._buckets[key].add(profile)

    # ---- reading ----
    def stories(self, articles: dict[str, Article] | None = None) -> list[Story]:
        """Every story, largest first; dates and outlets from the articles when given."""
        copy_groups = _groups(self.copies)
        out = []
        for story_id, members in self.members.items():
            found = [articles[m] for m in members if articles and m in articles]
            dates = sorted(str(a.published)[:10] for a in found if a.published and not a.published_inferred) or \
                sorted(_iso(self.profiles[m].day) for m in members if self.profiles[m].day is not None)
            out.append(Story(
                id=story_id, title=self._title(members), articles=sorted(members),
                outlets=sorted({self.profiles[m].outlet for m in members if self.profiles[m].outlet}),
                first_published=dates[0] if dates else None, last_published=dates[-1] if dates else None,
                copies=sorted(g for g in (sorted(x for x in grp if self.story_of[x] == story_id) for grp in copy_groups)
                              if len(g) > 1),
            ))
        return sorted(out, key=lambda s: (-len(s.articles), s.first_published or "", s.id))

    def _title(self, members: list[str]) -> str:
        """The title of the report nearest the story's mean vector: the most typical telling."""
        vectors = np.stack([self.profiles[m].vector for m in members])
        centre = vectors.mean(axis=0)
        scores = vectors @ centre
        best = max(range(len(members)), key=lambda i: (round(float(scores[i]), 6), -ord(members[i][0]) if members[i] else 0, members[i]))
        return self.profiles[members[best]].title

    # ---- saving ----
    def state(self) -> dict:
        """Plain data (JSON-able) from which `from_state` rebuilds the same index."""
        return {
            "profiles": [p.to_dict() for p in self.profiles.values()],
            "stories": {s: list(m) for s, m in self.members.items()},
            "copies": [list(c) for c in self.copies],
            "merges": [vars(m) for m in self.merges],
        }

    @classmethod
    def from_state(cls, state: dict, settings: Settings | None = None) -> StoryIndex:
        index = cls(settings)
        for data in state["profiles"]:
            index._store(Profile.from_dict(data))
        index.members = {s: list(m) for s, m in state["stories"].items()}
        index.story_of = {a: s for s, m in index.members.items() for a in m}
        index.copies = [tuple(c) for c in state["copies"]]
        index.merges = [Merge(**m) for m in state["merges"]]
        return index


def _iso(day: int) -> str:
    from datetime import date

    return date.fromordinal(EPOCH.toordinal() + day).isoformat()


def _groups(pairs: list[tuple[str, str]]) -> list[set[str]]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    groups: dict[str, set[str]] = defaultdict(set)
    for x in list(parent):
        groups[find(x)].add(x)
    return list(groups.values())
