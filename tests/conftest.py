"""Shared fixtures: the real seed reports (read from ../shared), the example story, one model load per run."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLE = ROOT / "examples" / "story"


@pytest.fixture(scope="session")
def seed_files() -> list[str]:
    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    assert len(files) == 5, f"the seed reports are expected in {SEEDS}"
    return files


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads((SEEDS / "seeds.gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_briefing(seed_files):
    from corroborate.pipeline import brief

    return brief(seed_files)


@pytest.fixture(scope="session")
def seed_articles(seed_briefing) -> dict:
    return {a.id: a for a in seed_briefing.articles}


@pytest.fixture(scope="session")
def seed_scores(seed_briefing, tmp_path_factory) -> dict:
    """The seed scores exactly as the issues measure them: shared/tools/score_seeds.py."""
    from corroborate.render.jsonout import render

    path = tmp_path_factory.mktemp("brief") / "brief.json"
    path.write_text(render(seed_briefing), encoding="utf-8")
    result = subprocess.run([sys.executable, str(SHARED / "tools" / "score_seeds.py"), str(path), str(SEEDS / "seeds.gold.json")],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def example_briefing():
    from corroborate.pipeline import brief

    return brief([str(EXAMPLE)])


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server: the one `./test` started (CORROBORATE_TEST_PG), else a throwaway
    cluster started here with the same script. A server that cannot start fails the tests that
    need it: they are never skipped."""
    url = os.environ.get("CORROBORATE_TEST_PG")
    if url:
        yield url
        return
    folder = tempfile.mkdtemp(prefix="corroborate-pg-")
    script = ROOT / "scripts" / "throwaway-postgres"
    started = subprocess.run([str(script), "start", folder], capture_output=True, text=True)
    if started.returncode != 0:
        subprocess.run([str(script), "stop", folder], capture_output=True)
        pytest.fail(f"could not start PostgreSQL: {started.stderr.strip()}")
    try:
        yield started.stdout.strip()
    finally:
        subprocess.run([str(script), "stop", folder], capture_output=True)


@pytest.fixture(scope="session")
def new_pg_database(postgres_server):
    """`with new_pg_database(prefix) as url:` a new, empty database on the server, dropped afterwards."""
    import psycopg

    @contextmanager
    def database(prefix: str):
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(postgres_server, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        try:
            yield postgres_server.rsplit("/", 1)[0] + "/" + name
        finally:
            with psycopg.connect(postgres_server, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    return database
