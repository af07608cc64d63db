"""`corroborate spark` on local[2] gives what the local path gives on the same real reports:
the same annotated lines (ids, quotes, everything) in the same order, and the same stories."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "story"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    """A folder of text files, a JSON Lines feed, a second file named like one of the folder's
    (its id must be made unique across files), and a file that is not there."""
    tmp = tmp_path_factory.mktemp("inputs")
    feed = tmp / "seeds.jsonl"
    feed.write_text("".join(json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")}) + "\n"
                            for p in sorted(SEEDS.glob("*.txt"))), encoding="utf-8")
    (tmp / "other").mkdir()
    shutil.copy(EXAMPLE / "coastal-wire.txt", tmp / "other" / "coastal-wire.txt")
    return [str(EXAMPLE), str(feed), str(tmp / "other"), str(tmp / "missing.txt")]


@pytest.fixture(scope="module")
def spark_run(inputs, tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path_factory.mktemp("spark")
    result = subprocess.run([sys.executable, "-m", "corroborate", "spark", *inputs, "--out", str(out), "--master", "local[2]"],
                            capture_output=True, text=True, timeout=600)
    return result, out


@pytest.fixture(scope="module")
def local_run(inputs):
    from corroborate.cluster import cluster
    from corroborate.model import Article
    from corroborate.render.jsonout import article_line
    from corroborate.workers import annotate_stream

    articles = [a for a in annotate_stream(inputs, workers=1) if isinstance(a, Article)]
    return [article_line(a) for a in articles], cluster(articles)


def test_spark_writes_the_annotated_reports_the_local_path_writes(spark_run, local_run, inputs):
    result, out = spark_run
    assert result.returncode == 1, result.stderr  # one input missing, the rest written
    assert f"{inputs[-1]}: no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr
    lines = out.joinpath("articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines == local_run[0]
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == [*sorted(p.name for p in EXAMPLE.iterdir()),
                                          *sorted(p.stem for p in SEEDS.glob("*.txt")), f"{inputs[2]}/coastal-wire.txt"]
    speakers = {q["speaker"] for r in records if r["id"] == "harbour-gazette.txt" for q in r["quotes"]}
    assert "Ilse Varga" in speakers


def test_spark_makes_the_stories_the_local_path_makes(spark_run, local_run, inputs):
    result, out = spark_run
    written = json.loads(out.joinpath("stories.json").read_text(encoding="utf-8"))
    assert written["stories"] == json.loads(json.dumps([vars(s) for s in local_run[1]]))
    assert written["errors"] == [{"source": inputs[-1], "reason": "no such file or folder"}]
    by_report = {key: s["id"] for s in written["stories"] for key in s["articles"]}
    harbour = {by_report[p.name] for p in EXAMPLE.iterdir()} | {by_report[f"{inputs[2]}/coastal-wire.txt"]}
    assert len(harbour) == 1  # the example story and its reprint are one story
    assert by_report["000_7d330c0cd085de50"] not in harbour


def test_a_master_spark_cannot_use_is_told_in_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "corroborate", "spark", str(EXAMPLE), "--out", str(tmp_path / "out"),
                             "--master", "nowhere"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 2
    assert "error Spark could not start:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
