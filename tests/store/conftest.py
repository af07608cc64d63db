"""The store tests run against SQLite and a real PostgreSQL server (no mocks).

`./test` starts a throwaway PostgreSQL cluster and exports its URL as CORROBORATE_TEST_PG; run
alone, pytest starts one itself with the same script. When no server can be started the
PostgreSQL cases fail: proving the store on PostgreSQL is part of the suite.
"""
from __future__ import annotations

import os
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres_server():
    url = os.environ.get("CORROBORATE_TEST_PG")
    if url:
        yield url
        return
    folder = tempfile.mkdtemp(prefix="corroborate-pg-")
    script = ROOT / "scripts" / "throwaway-postgres"
    started = subprocess.run([str(script), "start", folder], capture_output=True, text=True)
    if started.returncode != 0:
        subprocess.run([str(script), "stop", folder], capture_output=True)
        pytest.fail(f"could not start PostgreSQL for the store tests: {started.stderr.strip()}")
    try:
        yield started.stdout.strip()
    finally:
        subprocess.run([str(script), "stop", folder], capture_output=True)


@pytest.fixture
def pg_url(postgres_server):
    """A new, empty PostgreSQL database, dropped afterwards."""
    import psycopg

    name = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield postgres_server.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    """A new, empty database of each kind."""
    if request.param == "sqlite":
        return str(tmp_path / "corroborate.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture(scope="session")
def annotated_seeds(seed_files):
    """The seed reports read, cleaned and annotated together, as `ingest` does (not yet analysed)."""
    from corroborate.pipeline import annotated

    articles, errors = annotated(seed_files)
    assert not errors and len(articles) == 5
    return articles
