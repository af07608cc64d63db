"""StoryIndex: reports arrive in batches of any size and order; each joins the story of the
reports it tells one event with, or opens a new one; a report that shows two stories to be one
event merges them, and the merge is recorded.

Two reports are linked when they carry one text or their affinity (`evidence.affinity`)
reaches STORY_AFFINITY. The stories of a linked part are its average-link clusters cut at that
affinity (one odd pair neither makes nor breaks a story), with the strays average link leaves
(one to three reports) attached to the story they link to most strongly, recomputed whenever
new reports touch the part: a function of the part's reports alone, so batch order and size do
not change them.
Reclustering costs the square of the part's size: a story followed for weeks makes a large part.

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
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from ..model import Article, Story
from ..settings import Settings
from .evidence import STORY_AFFINITY, WINDOW_DAYS, affinity, is_copy, set_apart
from .features import EPOCH, NUM_PERM, Profile, as_minhash, profiles

BUCKET_DAYS = 7
UNDATED = None
CANDIDATE_COSINE = 0.45  # leads further apart than this are not looked at
# the splinters average link leaves of a story are one to three short reports (strays of up to
# 1, 2, 3 reports attached: ECB+ odd topics 0.944, 0.947, 0.956; 4 gives what 3 gives)
STRAY_SIZE = 3
TITLE_TIE = 1e-5  # cosines closer than this to the best are ties (float32 carries about 7 digits)


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
        self.links: dict[str, set[str]] = {}  # reports close enough that they may share a story
        self._copied: dict[str, set[str]] = {}
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
        touched: set[str] = set()
        for profile in sorted(batch, key=lambda p: p.id):
            if profile.id in self.profiles:
                continue
            copied, near = self._candidates(profile)
            self._store(profile)
            self.links.setdefault(profile.id, set())
            for other in copied:
                self._note_copy(profile.id, other)
            for other in sorted(set(copied) | {o for o, c in near
                                               if affinity(profile, self.profiles[o], c) >= STORY_AFFINITY}):
                self.links[profile.id].add(other)
                self.links[other].add(profile.id)
            touched.add(profile.id)
        done: set[str] = set()
        for key in sorted(touched):
            if key not in done:
                part = self._linked_part(key)
                done |= part
                self._recluster(part, by=sorted(part & touched)[0], update=update)
        for key in sorted(touched):
            update.stories[key] = self.story_of[key]
        return update

    def _note_copy(self, a: str, b: str) -> None:
        self.copies.append((min(a, b), max(a, b)))
        self._copied.setdefault(a, set()).add(b)
        self._copied.setdefault(b, set()).add(a)

    def _linked_part(self, start: str) -> set[str]:
        """Every report reachable from `start` over links: average link never joins across parts."""
        part, todo = {start}, [start]
        while todo:
            for other in self.links[todo.pop()]:
                if other not in part:
                    part.add(other)
                    todo.append(other)
        return part

    def _recluster(self, part: set[str], by: str, update: Update) -> None:
        """Average-link clustering of one linked part, a function of its reports alone; the
        stories keep their ids where they keep most of their reports, and a story taken
        into another is recorded as a merge."""
        clusters = average_link([self.profiles[k] for k in sorted(part)], self._copy_groups(part))
        old = {k: self.story_of[k] for k in part if k in self.story_of}
        claims = sorted(((sum(old.get(k) == s for k in c), s, i) for i, c in enumerate(clusters) for s in {old[k] for k in c if k in old}),
                        key=lambda t: (-t[0], t[1], t[2]))
        names: dict[int, str] = {}
        for _, story, i in claims:
            if i not in names and story not in names.values():
                names[i] = story
        taken = set(names.values()) | (self.members.keys() - set(old.values()))
        for i, cluster in enumerate(clusters):
            story = names.get(i) or new_story_id(cluster, taken)
            for absorbed in sorted({old[k] for k in cluster if k in old} - {story}):
                if all(k in cluster for k in self.members.get(absorbed, [])):
                    merge = Merge(into=story, merged=absorbed, by=by)
                    self.merges.append(merge)
                    update.merges.append(merge)
            for key in cluster:
                self.story_of[key] = story
        for story in set(old.values()):  # a story lies within one linked part: it is rebuilt whole
            del self.members[story]
        for key in sorted(part):
            self.members.setdefault(self.story_of[key], []).append(key)

    def _copy_groups(self, part: set[str]) -> list[set[str]]:
        pairs = [(key, other) for key in sorted(part) for other in self._copied.get(key, ())]
        return [g for g in _groups(pairs) if len(g) > 1]

    def _candidates(self, profile: Profile) -> tuple[list[str], list[tuple[str, float]]]:
        """Stored reports that carry `profile`'s text, and those whose lead reads near it."""
        minhash = as_minhash(profile)
        window = self._window(profile.day)
        copied = [o for o in sorted(o for bucket in window for o in bucket.lsh.query(minhash))
                  if is_copy(profile, self.profiles[o], self.settings.shared_copy_jaccard)]
        near = sorted(pair for bucket in window for pair in bucket.near(profile.vector, CANDIDATE_COSINE))
        return copied, near

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
        # reports within TITLE_TIE of the nearest are equally typical (the two of a two-report
        # story are, exactly): the first by id of them, so that a vector's last bits (a saved
        # index reloaded, another order of arithmetic) never change the title
        typical = [m for m, score in zip(members, scores) if score >= scores.max() - TITLE_TIE]
        return self.profiles[min(typical)].title

    # ---- saving ----
    def state(self) -> dict:
        """Plain data (JSON-able) from which `from_state` rebuilds the same index."""
        return {
            "profiles": [p.to_dict() for p in self.profiles.values()],
            "stories": {s: list(m) for s, m in self.members.items()},
            "copies": [list(c) for c in self.copies],
            "links": sorted([a, b] for a, others in self.links.items() for b in others if a < b),
            "merges": [vars(m) for m in self.merges],
        }

    @classmethod
    def from_state(cls, state: dict, settings: Settings | None = None) -> StoryIndex:
        index = cls(settings)
        for data in state["profiles"]:
            index._store(Profile.from_dict(data))
        index.members = {s: list(m) for s, m in state["stories"].items()}
        index.story_of = {a: s for s, m in index.members.items() for a in m}
        for a, b in state["copies"]:
            index._note_copy(a, b)
        index.links = {k: set() for k in index.profiles}
        for a, b in state["links"]:
            index.links[a].add(b)
            index.links[b].add(a)
        index.merges = [Merge(**m) for m in state["merges"]]
        return index


def average_link(profiles: list[Profile], copies: list[set[str]]) -> list[set[str]]:
    """Stories of one linked part: agglomerative average link (scipy) over report affinities,
    cut where stories are no longer STORY_AFFINITY near on average. Copies of one text are one
    unit first, so they always share a story."""
    unit_of = {p.id: i for i, p in enumerate(profiles)}
    for group in copies:
        first = min(unit_of[k] for k in group)
        for k in group:
            unit_of[k] = first
    units = sorted(set(unit_of.values()))
    if len(units) == 1:
        return [{p.id for p in profiles}]
    vectors = np.stack([p.vector for p in profiles])
    cosines = vectors @ vectors.T
    pair = np.zeros((len(profiles), len(profiles)))
    for i, a in enumerate(profiles):
        for j in range(i + 1, len(profiles)):
            pair[i, j] = pair[j, i] = affinity(a, profiles[j], float(cosines[i, j]))
    index = {u: n for n, u in enumerate(units)}
    member = np.zeros((len(units), len(profiles)))
    for i, p in enumerate(profiles):
        member[index[unit_of[p.id]], i] = 1
    sizes = member.sum(axis=1)
    unit_affinity = (member @ pair @ member.T) / np.outer(sizes, sizes)
    distance = np.clip(2.0 - unit_affinity, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    labels = fcluster(linkage(squareform(distance, checks=False), method="average"), 2.0 - STORY_AFFINITY, "distance")
    clusters: dict[int, set[str]] = defaultdict(set)
    for p in profiles:
        clusters[labels[index[unit_of[p.id]]]].add(p.id)
    return attach_strays(sorted(clusters.values(), key=min), profiles, pair)


def attach_strays(clusters: list[set[str]], profiles: list[Profile], pair: np.ndarray) -> list[set[str]]:
    """A report or a small group left apart by average link joins the story it has its strongest
    single link to, when that link alone reaches STORY_AFFINITY, the story is at least twice its
    size, and nothing sets the two linked reports apart (dates, their main people, all their
    distinctive names): as news aggregators attach a lone report to its nearest story. A short
    report naming no date or person reads only moderately like most of its story's reports and
    close to a few of them, so its average falls just short. The evidence is checked again because
    a link can reach the story affinity against it (a template filled with other names: results,
    earnings). Two groups of similar size stay two stories. Decided on the clusters average link
    gave, then applied, so the result does not depend on their order."""
    row = {p.id: i for i, p in enumerate(profiles)}
    members = [[row[k] for k in sorted(c)] for c in clusters]
    strays = [i for i, c in enumerate(clusters) if len(c) <= STRAY_SIZE]
    stories = [j for j, c in enumerate(clusters) if len(c) >= 2]
    if not strays or not stories:
        return clusters
    # every report's strongest link into each story that could take a stray: one pass per story
    reach = np.stack([pair[:, members[j]].max(axis=1) for j in stories])  # stories x reports
    target: dict[int, int] = {}
    for i in strays:
        allowed = [n for n, j in enumerate(stories) if len(clusters[j]) >= 2 * len(clusters[i])]
        if not allowed:
            continue
        links = reach[np.ix_(allowed, members[i])]
        n, r = np.unravel_index(int(np.argmax(links)), links.shape)  # the first story among equals
        story, report = stories[allowed[n]], members[i][r]
        partner = members[story][int(np.argmax(pair[report, members[story]]))]
        if links[n, r] >= STORY_AFFINITY and not set_apart(profiles[report], profiles[partner]):
            target[i] = story
    joined: dict[int, set[str]] = defaultdict(set)
    for i, cluster in enumerate(clusters):
        while i in target:  # the target is larger, so this ends
            i = target[i]
        joined[i] |= cluster
    return sorted(joined.values(), key=min)


def new_story_id(cluster: set[str], taken: set[str]) -> str:
    """Named after the cluster's first report, numbered on when a story that keeps its id was
    once named after that report (the report has left it)."""
    seed, n = min(cluster), 0
    story = "story-" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:12]
    while story in taken:
        n += 1
        story = "story-" + hashlib.sha1(f"{seed}#{n}".encode("utf-8")).hexdigest()[:12]
    return story


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
