"""The command line as people use it: outputs, error lines without tracebacks, exit codes."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "story"


def corroborate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "corroborate", *args], capture_output=True, text=True, timeout=600)


def test_annotate_writes_one_json_object_per_article(tmp_path):
    out = tmp_path / "articles.jsonl"
    result = corroborate("annotate", str(EXAMPLE), "--format", "json", "-o", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["id"] for r in records} == {p.name for p in EXAMPLE.iterdir()}
    for field in ("id", "source", "title", "outlet", "authors", "published", "wire", "relies_on", "language", "text",
                  "lines", "quotes", "entities", "values"):
        assert all(field in r for r in records), field


def test_bad_inputs_are_named_the_rest_is_briefed(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    out = tmp_path / "brief.md"
    result = corroborate("brief", str(EXAMPLE), str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"), "-o", str(out), "-q")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{tmp_path / 'empty.txt'}: file is empty" in result.stderr
    assert f"{tmp_path / 'missing.txt'}: no such file or folder" in result.stderr
    assert "## Bottom line" in out.read_text()


def test_nothing_readable_exits_3(tmp_path):
    result = corroborate("brief", str(tmp_path / "missing.txt"))
    assert result.returncode == 3 and "Traceback" not in result.stderr


def test_help_reads_like_a_tool():
    result = corroborate("--help")
    assert result.returncode == 0 and "brief" in result.stdout and "annotate" in result.stdout
