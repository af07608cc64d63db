"""The store tests run against SQLite and a real PostgreSQL server (no mocks; the server comes
from tests/conftest.py). When no server can be started the PostgreSQL cases fail: proving the
store on PostgreSQL is part of the suite."""
from __future__ import annotations

import pytest

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture
def pg_url(new_pg_database):
    """A new, empty PostgreSQL database, dropped afterwards."""
    with new_pg_database("test") as url:
        yield url


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    """A new, empty database of each kind."""
    if request.param == "sqlite":
        return str(tmp_path / "corroborate.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture(scope="session")
def annotated_seeds(seed_files):
    """The seed reports read, cleaned and annotated (each on its own), as `ingest` does (not yet analysed)."""
    from corroborate.pipeline import annotated

    articles, errors = annotated(seed_files)
    assert not errors and len(articles) == 5
    return articles
