"""Reports filed into stories as they are ingested, on SQLite and PostgreSQL: batches of any size
and order agree with one batch, merges are logged with their reason, copies share a story."""
from __future__ import annotations

import copy
import random
from collections import defaultdict
from pathlib import Path

import pytest

from corroborate.archive import ingest_inputs, store_report
from corroborate.filing import file_unfiled
from corroborate.settings import Settings
from corroborate.store import Store

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SETTINGS = Settings()


@pytest.fixture(scope="module")
def mixed_stream():
    """The example stream's invented stories mixed with two real events of NewsWCL50, five
    outlets each, annotated once."""
    from corroborate.pipeline import annotated

    files = sorted(str(p) for p in (ROOT / "examples" / "stream").glob("*.txt"))
    files += sorted(str(p) for event in range(2) for p in (SHARED / "eval" / "newswcl50" / f"event_{event}").glob("*.txt"))
    articles, errors = annotated(files)
    assert not errors and len(articles) == len(files)
    return articles


def filed(db_url: str, articles, batches: int, seed: int) -> dict[str, int]:
    """Ingest the articles in `batches` random batches, filing after each: article id -> story id."""
    order = list(articles)
    random.Random(seed).shuffle(order)
    size = -(-len(order) // batches)
    with Store(db_url) as store:
        for start in range(0, len(order), size):
            for article in order[start:start + size]:
                store_report(store, copy.deepcopy(article), SETTINGS)
            file_unfiled(store, SETTINGS)
        return story_of_articles(store)


def story_of_articles(store: Store) -> dict[str, int]:
    found = {}
    for row in store.story_rows():
        for report in store.reports(store.story(row["id"])["reports"]):
            found[report.article.id] = row["id"]
    return found


def bcubed_f1(found: dict[str, int], gold: dict[str, int]) -> float:
    def clusters(assign):
        groups = defaultdict(set)
        for item, label in assign.items():
            groups[label].add(item)
        return {item: groups[label] for item, label in assign.items()}

    f, g = clusters(found), clusters(gold)
    precision = sum(len(f[i] & g[i]) / len(f[i]) for i in gold) / len(gold)
    recall = sum(len(f[i] & g[i]) / len(g[i]) for i in gold) / len(gold)
    return 2 * precision * recall / (precision + recall)


def test_ten_random_batches_file_reports_as_one_batch_does(db_url, tmp_path, mixed_stream):
    one_batch = filed(str(tmp_path / "one.db"), mixed_stream, batches=1, seed=0)
    ten_batches = filed(db_url, mixed_stream, batches=10, seed=1)
    assert set(ten_batches) == {a.id for a in mixed_stream}
    assert bcubed_f1(ten_batches, one_batch) >= 0.98
    for stories in (one_batch, ten_batches):
        varden = {stories[n] for n in stories if "varden-quake" in n}
        ostmark = {stories[n] for n in stories if "ostmark-quake" in n}
        assert len(varden) == 1 and not varden & ostmark  # two earthquakes in one country stay apart


def test_every_story_opened_is_kept_or_logged_as_merged(db_url, mixed_stream):
    """Reports arriving one by one open stories that later reports may merge: every story ever
    opened is still there or in the merge log with the report that caused it, never gone silently."""
    with Store(db_url) as store:
        opened = set()
        for article in sorted(mixed_stream, key=lambda a: a.id, reverse=True):
            store_report(store, copy.deepcopy(article), SETTINGS)
            file_unfiled(store, SETTINGS)
            opened |= set(store.story_ids())
        rows = store.story_rows()
        merges = [(row["id"], m) for row in rows for m in row["merges"]]
        assert opened == {r["id"] for r in rows} | {m["merged_story"] for _, m in merges}
        for into, merge in merges:
            assert merge["reason"].startswith("the report '") and "tells the event of both" in merge["reason"]
            with pytest.raises(Exception, match=f"merged into story {into}"):
                store.story(merge["merged_story"])


def test_a_wire_copy_shares_its_originals_story_and_is_marked(db_url, tmp_path):
    stream = ROOT / "examples" / "stream"
    original = (stream / "coastal-wire-varden-quake.txt").read_text(encoding="utf-8")
    (tmp_path / "inputs").mkdir()
    for name in ("coastal-wire-varden-quake.txt", "coastal-wire-ostmark-quake.txt", "harbour-gazette-varden-quake.txt"):
        (tmp_path / "inputs" / name).write_text((stream / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "inputs" / "z-reprint.txt").write_text(
        "Reprinted from Coastal Wire\n" + original + "\nMore from our region\n", encoding="utf-8")
    with Store(db_url) as store:
        ingest_inputs([str(tmp_path / "inputs")], store, SETTINGS)
        stories = story_of_articles(store)
        assert stories["z-reprint.txt"] == stories["coastal-wire-varden-quake.txt"] \
            == stories["harbour-gazette-varden-quake.txt"] != stories["coastal-wire-ostmark-quake.txt"]
        reports = {r.article.id: r for r in store.reports(store.report_ids())}
        assert reports["z-reprint.txt"].copy_of == reports["coastal-wire-varden-quake.txt"].id
        assert reports["harbour-gazette-varden-quake.txt"].copy_of is None
        row = next(r for r in store.story_rows() if r["id"] == stories["z-reprint.txt"])
        assert (row["reports"], row["copies"], row["independent_sources"]) == (3, 1, 2)  # the reprint counts once


def test_a_report_stored_but_not_filed_is_filed_by_the_next_ingest(tmp_path, mixed_stream):
    """What a killed ingest leaves (reports committed, the batch not yet filed) is finished by the
    next run, without duplicates."""
    db = str(tmp_path / "killed.db")
    quakes = [a for a in mixed_stream if "quake" in a.id]
    with Store(db) as store:
        for article in quakes:
            store_report(store, copy.deepcopy(article), SETTINGS)
        assert store.story_ids() == [] and len(store.unfiled_profiles()) == len(quakes)
        assert file_unfiled(store, SETTINGS)["filed"] == len(quakes)
        assert file_unfiled(store, SETTINGS) == {}
        assert sorted(len(store.story(s)["reports"]) for s in store.story_ids()) == [2, 4]
        assert store.counts()["story_members"] == len(quakes)
