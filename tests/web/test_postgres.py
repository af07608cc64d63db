"""The same API over PostgreSQL: the stored seed reports copied into a throwaway server's
database (export, then import: the store's own round trip) answer as they do from SQLite."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def postgres_url(new_pg_database):
    with new_pg_database("web") as url:
        yield url


@pytest.fixture(scope="module")
def clients(stored_db, postgres_url):
    from fastapi.testclient import TestClient

    from corroborate.store import Store
    from corroborate.web import ServeOptions, create_app

    with Store(str(stored_db)) as lite, Store(postgres_url) as pg:
        for record in lite.export_reports():
            pg.import_report(record)
        for record in lite.export_stories():
            pg.import_story(record)
        yield [TestClient(create_app(store, ServeOptions(token="s3cret")), raise_server_exceptions=False) for store in (lite, pg)]


@pytest.mark.parametrize("path", [
    "/api/v1/stories?outlet=newsweek", "/api/v1/stories?person=Jens%20Stoltenberg", "/api/v1/stories?q=harbour%20budget",
    "/api/v1/stories/1/briefing", "/api/v1/search?q=believe%20what%20we%20see", "/api/v1/people/Dmytro%20Kuleba",
    "/api/v1/reports/1",
])
def test_postgresql_answers_as_sqlite_does(clients, path):
    lite, pg = (c.get(path) for c in clients)
    assert pg.status_code == lite.status_code == 200
    drop = {"updated_at", "first_seen", "ingested_at"}
    assert strip(pg.json(), drop) == strip(lite.json(), drop)
    assert pg.json() and (not isinstance(pg.json(), dict) or pg.json().get("items", [1]))


def strip(value, keys: set):
    if isinstance(value, dict):
        return {k: strip(v, keys) for k, v in value.items() if k not in keys}
    if isinstance(value, list):
        return [strip(v, keys) for v in value]
    return value
