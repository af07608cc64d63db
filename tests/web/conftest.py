"""The web app against a real store: the seed reports ingested once (as `corroborate ingest`
does) into a SQLite file that every test copies, so tests never see each other's writes."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile.txt"


def as_one_story(store, report_ids: list[int]) -> int:
    """The story ingestion put these reports in, or a new one holding them (ingest that does not
    cluster yet leaves them outside every story)."""
    from corroborate.web import catalog

    placed = set(catalog.stories_of(store, report_ids).values())
    if len(placed) == 1 and len(catalog.stories_of(store, report_ids)) == len(report_ids):
        return placed.pop()
    story_id = store.create_story()
    store.add_to_story(story_id, report_ids)
    return story_id


@pytest.fixture(scope="session")
def stored_db(seed_files, tmp_path_factory) -> Path:
    """Story 1: the five seed reports; then a hostile report in a story of its own."""
    from corroborate.archive import ingest_inputs
    from corroborate.settings import Settings
    from corroborate.store import Store

    path = tmp_path_factory.mktemp("store") / "corroborate.db"
    with Store(str(path)) as store:
        counts, errors = ingest_inputs(seed_files, store, Settings())
        assert counts["new"] == 5 and not errors
        seeds = store.report_ids()
        assert as_one_story(store, seeds) == 1
        ingest_inputs([str(HOSTILE)], store, Settings())
        as_one_story(store, [i for i in store.report_ids() if i not in seeds])
    return path


@pytest.fixture
def db(stored_db, tmp_path) -> str:
    path = tmp_path / "corroborate.db"
    shutil.copy(stored_db, path)
    return str(path)


@pytest.fixture
def make_client(db):
    """A client of the real app over a copy of the store, with the options a test asks for."""
    from fastapi.testclient import TestClient

    from corroborate.store import Store
    from corroborate.web import ServeOptions, create_app

    opened = []

    def make(**options):
        store = Store(db)
        opened.append(store)
        return TestClient(create_app(store, ServeOptions(**({"token": "s3cret"} | options))), raise_server_exceptions=False)

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def client(make_client):
    return make_client()
