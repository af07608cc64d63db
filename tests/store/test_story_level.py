"""Steps that compare reports belong to one story: ingesting unrelated reports together never
makes a person of one story out of a name in another, and a stored story's briefing is the
briefing of its files."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.cli import app
from corroborate.store import Store

pytestmark = pytest.mark.slow

SENATE = """Collins will vote against the health bill

WASHINGTON (Reuters) - Republican Senator Susan Collins of Maine said on Tuesday she would vote against her party's health bill, leaving its backers one vote short.

"I cannot support a bill that takes coverage away from tens of thousands of people in my state," Senator Susan Collins told reporters at the Capitol.

Collins said she had told the majority leader of her decision on Monday night.
"""

FOOTBALL = """Rovers hold on for a first away win

Rovers beat City 2-1 on Saturday for their first away win of the season, with both goals coming before half-time.

The Rovers manager, Mr Collins, praised his defenders after the match. "They kept going until the last whistle, and that is all I ask of them," Mr Collins said.

City had a late penalty saved by the visiting goalkeeper.
"""


def test_two_stories_ingested_together_that_share_a_surname_do_not_share_a_person(tmp_path):
    (tmp_path / "senate.txt").write_text(SENATE, encoding="utf-8")
    (tmp_path / "football.txt").write_text(FOOTBALL, encoding="utf-8")
    db = str(tmp_path / "corroborate.db")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "senate.txt"), str(tmp_path / "football.txt"),
                                      "--db", db, "--workers", "1", "-q"])
    assert result.exit_code == 0, result.stderr
    with Store(db) as store:
        stored = {r.article.id: r.article for r in store.reports(store.report_ids())}
    football, senate = stored["football.txt"], stored["senate.txt"]
    assert {q.speaker for q in senate.quotes} == {"Susan Collins"}
    assert {q.speaker for q in football.quotes} == {"Collins"}  # the manager, not the senator
    assert "Susan Collins" not in {e.name for e in football.entities}

    briefing = tmp_path / "football.json"
    CliRunner().invoke(app, ["brief", "--db", db, "--query", "Rovers", "-f", "json", "-o", str(briefing), "-q"])
    speakers = {s["speaker"] for s in json.loads(briefing.read_text())["statements"]}
    assert "Collins" in speakers and "Susan Collins" not in speakers


EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "story"


def test_a_story_ingested_report_by_report_briefs_as_its_files_do(tmp_path):
    """Each report ingested by its own command: its vectors are encoded beside other texts than
    when `brief` reads all the files at once, and the briefings must still be the same."""
    from corroborate.pipeline import analysis_texts, encode_alone
    from corroborate.settings import Settings

    db = str(tmp_path / "corroborate.db")
    paths = sorted(str(p) for p in EXAMPLE.iterdir())
    for path in reversed(paths):
        assert CliRunner().invoke(app, ["ingest", path, "--db", db, "--workers", "1", "-q"]).exit_code == 0
    with Store(db) as store:
        [story] = store.story_ids()
        for report in store.reports(store.report_ids()):
            assert report.vector_texts == analysis_texts(report.article, Settings())
            assert (report.vectors == encode_alone(report.vector_texts, Settings()).astype("float32")).all()
    runs = {"stored": ["--story", str(story), "--db", db], "files": paths}
    briefings = {}
    for name, args in runs.items():
        out = tmp_path / f"{name}.json"
        assert CliRunner().invoke(app, ["brief", *args, "-f", "json", "-o", str(out), "-q"]).exit_code == 0
        briefings[name] = json.loads(out.read_text())
    for part in ("statements", "discrepancies", "claims"):
        assert briefings["stored"][part] == briefings["files"][part], part
    assert len(briefings["files"]["statements"]) > 5 and briefings["files"]["discrepancies"]
