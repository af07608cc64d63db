"""Shared fixtures: the real seed reports (read from ../shared), the example story, one model load per run."""
from __future__ import annotations

import json
import subprocess
import sys
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
