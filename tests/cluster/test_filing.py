"""Filing real reports into stored stories: a store read back from its export files later reports
as the store it came from does, and later reports that show two stored stories to be one event
merge them on record."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

from corroborate.archive import store_report
from corroborate.filing import file_unfiled
from corroborate.settings import Settings
from corroborate.store import Store, StoreError
from corroborate.store.exchange import export_lines, import_lines

pytestmark = pytest.mark.slow
SETTINGS = Settings()
ROOT = Path(__file__).resolve().parents[2]


def ingest(store: Store, articles) -> None:
    for article in articles:
        store_report(store, copy.deepcopy(article), SETTINGS)
    file_unfiled(store, SETTINGS)


def stories_by_article(store: Store) -> list[list[str]]:
    found = []
    for row in store.story_rows():
        found.append(sorted(r.article.id for r in store.reports(store.story(row["id"])["reports"])))
    return sorted(found)


def test_a_store_read_back_from_its_export_files_later_reports_alike(tmp_path, mixed_articles):
    ordered = sorted(mixed_articles, key=lambda a: a.id)
    first, later = ordered[::2], ordered[1::2]
    with Store(str(tmp_path / "kept.db")) as kept, Store(str(tmp_path / "read.db")) as read:
        ingest(kept, first)
        import_lines(read, iter(list(export_lines(kept))))
        file_unfiled(read, SETTINGS)  # as `ingest` does after reading an export: nothing is left to file
        assert stories_by_article(read) == stories_by_article(kept)
        ingest(kept, later)
        ingest(read, later)
        after = stories_by_article(kept)
        assert stories_by_article(read) == after
        # later reports joined stories that were read back, not only stories of their own
        earlier = {a.id for a in first}
        joined = [s for s in after if set(s) & earlier and set(s) - earlier]
        assert len(joined) >= 4, joined


@pytest.fixture(scope="module")
def caravan():
    """Three real reports of one event (the migrant caravan reaching the US border, 2018) from
    three outlets: two that alone read too differently to share a story, one that tells both."""
    from corroborate.pipeline import annotated

    event = ROOT.parent / "shared" / "eval" / "newswcl50" / "event_6"
    articles, errors = annotated([str(event / name) for name in ("6_LL.txt", "6_M.txt", "6_L.txt")])
    assert not errors
    return {a.id: a for a in articles}


def test_a_later_report_that_tells_two_stored_stories_merges_them_on_record(tmp_path, caravan):
    with Store(str(tmp_path / "stories.db")) as store:
        ingest(store, [caravan["6_LL.txt"], caravan["6_M.txt"]])
        assert len(store.story_rows()) == 2
        ingest(store, [caravan["6_L.txt"]])
        [story] = store.story_rows()
        assert story["reports"] == 3
        [merge] = story["merges"]
        assert "Migrant Caravan of Asylum Seekers Reaches U.S. Border" in merge["reason"]
        assert "tells the event of both" in merge["reason"]
        merged = merge["merged_story"]
    with Store(str(tmp_path / "stories.db")) as store:
        with pytest.raises(StoreError, match=f"no story {merged}: it was merged into story {story['id']}"):
            store.story(merged)
