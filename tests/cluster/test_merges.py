"""A report that shows two stories to be one event merges them, and the merge is on record.

Profiles are built by hand here: two reports whose leads are too far apart to be compared
(cosine 0.4) and a third that reads like both (cosine 0.8 to each), all naming the same people."""
from __future__ import annotations

import numpy as np

from corroborate.cluster import StoryIndex
from corroborate.cluster.evidence import STORY_AFFINITY
from corroborate.cluster.features import Profile, minhash_of
from corroborate.cluster.index import attach_strays


def profile(key: str, vector: np.ndarray, text: str) -> Profile:
    return Profile(id=key, outlet=key.split("-")[0], title=text, day=20150, years=[2025],
                   names={"lisse": 2, "udden": 1, "varden": 1}, main_person="udden",
                   vector=(vector / np.linalg.norm(vector)).astype("float32"), minhash=minhash_of(text).hashvalues)


def test_a_bridging_report_merges_two_stories_on_record():
    x, y = np.eye(384)[0], np.eye(384)[1]
    a = profile("courier-a", x, "Lisse counts its dead after night of terror")
    c = profile("gazette-c", 0.4 * x + np.sqrt(1 - 0.16) * y, "Engineers blame unreinforced houses in Varden")
    b_dir = a.vector + c.vector
    b = profile("wire-b", b_dir, "Strong earthquake kills 14 in Varden valley")
    index = StoryIndex()
    first = index.add_profiles([a, c])
    assert first.stories["courier-a"] != first.stories["gazette-c"] and not first.merges
    second = index.add_profiles([b])
    assert len(second.merges) == 1
    merge = second.merges[0]
    assert merge.by == "wire-b" and {merge.into, merge.merged} == set(first.stories.values())
    assert index.merges == [merge]
    assert len({index.story_of[k] for k in ("courier-a", "wire-b", "gazette-c")}) == 1
    # the same three in one batch form the same story, with nothing to merge
    once = StoryIndex()
    assert not once.add_profiles([a, b, c]).merges
    assert len(set(once.story_of.values())) == 1


def vectors_with_cosines(gram: np.ndarray) -> list[np.ndarray]:
    """Unit vectors in 384 dimensions whose pairwise cosines are the given ones."""
    rows = np.linalg.cholesky(gram)
    return [np.pad(r, (0, 384 - len(r))) for r in rows]


SHARED_WORDS = 0.3  # the rare-word cosine of any two of the hand-made reports below


def with_affinities(keys: list[str], affinities: np.ndarray) -> list[Profile]:
    """Reports whose pairwise affinities are the given ones: one rare word shared by all (the
    rare-word cosine SHARED_WORDS) and one of each report's own, the rest from the leads' cosine;
    leads alone could not hold affinities this close to 1 and this far apart at once."""
    gram = affinities - SHARED_WORDS
    np.fill_diagonal(gram, 1.0)
    return [Profile(id=key, outlet=key, title=key, day=20150, years=[2025], names={}, main_person=None,
                    vector=v.astype("float32"), minhash=minhash_of(f"report {key} alone").hashvalues,
                    terms=np.array([1, 100 + n], dtype="uint32"),
                    term_weights=np.sqrt([SHARED_WORDS, 1 - SHARED_WORDS]).astype("float32"))
            for n, (key, v) in enumerate(zip(keys, vectors_with_cosines(gram)))]


def test_reports_that_leave_their_story_get_a_story_of_their_own():
    """b1-b3 and c1-c4 read as one story, named after b1; e, close to the c reports but not to
    the b reports, draws them away: the b reports are left (three of them, too many to be
    attached back as a splinter of the larger story) and must not be filed under the id their
    old story keeps."""
    t = STORY_AFFINITY
    keys = ["b1", "b2", "b3", "c1", "c2", "c3", "c4", "e"]
    group = [k[0] for k in keys]
    affinities = np.array([[1.0 if i == j else t + 0.12 if group[i] == group[j] else t + 0.08 if {group[i], group[j]} == {"c", "e"}
                            else t - 0.3 if "e" in (group[i], group[j]) else t + 0.05
                            for j in range(len(keys))] for i in range(len(keys))])
    b1, b2, b3, c1, c2, c3, c4, e = with_affinities(keys, affinities)
    index = StoryIndex()
    index.add_profiles([b1, b2, b3, c1, c2, c3, c4])
    assert len(set(index.story_of.values())) == 1
    index.add_profiles([e])
    assert index.story_of["b1"] == index.story_of["b3"] != index.story_of["c1"] == index.story_of["e"]
    assert sorted(s.articles for s in index.stories()) == [["b1", "b2", "b3"], ["c1", "c2", "c3", "c4", "e"]]


def test_a_lone_report_left_by_average_link_joins_the_story_it_links_to_strongly():
    """A short report reads like two of a story's reports (above the story affinity) and only
    loosely like the other two: by its average it would be a story of its own, by its strongest
    links it belongs to the story."""
    t = STORY_AFFINITY
    affinities = np.array([[1.0, t + 0.05, t + 0.05, t - 0.15, t - 0.15],
                           [t + 0.05, 1.0, t + 0.1, t + 0.1, t + 0.1],
                           [t + 0.05, t + 0.1, 1.0, t + 0.1, t + 0.1],
                           [t - 0.15, t + 0.1, t + 0.1, 1.0, t + 0.1],
                           [t - 0.15, t + 0.1, t + 0.1, t + 0.1, 1.0]])
    found = with_affinities(["a", "c1", "c2", "c3", "c4"], affinities)
    index = StoryIndex()
    index.add_profiles(found)
    assert [s.articles for s in index.stories()] == [["a", "c1", "c2", "c3", "c4"]]


def test_a_stray_about_another_person_stays_apart_however_close_its_wording():
    """A results or earnings report filled in with other names reads like the story's reports
    word for word; the one closest link reaching the story affinity does not attach it when its
    main person is one the story never names."""
    def named(key: str, main: str, names: dict[str, int]) -> Profile:
        return Profile(id=key, outlet=key, title=key, day=20150, years=[2025], names=names, main_person=main,
                       vector=np.zeros(384, dtype="float32"), minhash=minhash_of(key).hashvalues)

    story = [named(k, "varden", {"varden": 3, "lisse": 1}) for k in ("c1", "c2", "c3")]
    pair = np.full((4, 4), STORY_AFFINITY - 0.3)
    pair[:3, :3] = 0.9
    pair[0, 3] = pair[3, 0] = STORY_AFFINITY + 0.2
    clusters = [{"c1", "c2", "c3"}, {"stray"}]
    same_person = named("stray", "varden", {"varden": 2})
    assert attach_strays(clusters, [*story, same_person], pair) == [{"c1", "c2", "c3", "stray"}]
    other_person = named("stray", "udden", {"udden": 2, "lisse": 1})
    assert attach_strays(clusters, [*story, other_person], pair) == clusters
