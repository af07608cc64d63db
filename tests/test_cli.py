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


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def test_wrong_types_lose_one_record_and_the_output_lands_beside_the_input(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        (reports / seed.name).write_bytes(seed.read_bytes())
    (reports / "a.jsonl").write_text('{"id":"a","text":"Hi. \\"Yes,\\" said Ann Lee.","authors":42}\n')
    out = reports / "briefing.json"  # a briefing of an earlier run, in the folder read: never read back as a report
    out.write_text(json.dumps({"articles": [{"id": "briefing", "text": "Bottom line\n\nEverything was confirmed by all."}]}))
    result = corroborate("brief", str(reports), "-f", "json", "-o", str(out), "-q")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("error") == 1
    assert f"{reports / 'a.jsonl'}:1: field 'authors' must be a list of names or one string of names (got int)" in result.stderr
    briefing = json.loads(out.read_text())
    assert sorted(a["id"] for a in briefing["articles"]) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert all(a["quotes"] for a in briefing["articles"])


def test_annotate_keeps_the_good_records_of_a_bad_batch(tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"id":"bad","text":"x","published":{}}\n'
                     '{"id":"good","text":"Port reopens after the storm\\n\\n\\"The port is open again,\\" harbour master Ann Lee '
                     'said on Monday.\\n\\nShips were waiting outside the harbour for two days, officials said."}\n')
    out = tmp_path / "articles.jsonl"
    result = corroborate("annotate", str(batch), "-o", str(out), "-q")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == ["good"]
    assert records[0]["quotes"][0]["speaker"] == "Ann Lee"


@pytest.mark.parametrize("command", ["brief", "annotate"])
def test_an_output_that_is_an_input_is_refused_and_the_input_kept(tmp_path, command):
    report = tmp_path / "report.txt"
    report.write_text("Port reopens after storm\n\nThe port reopened on Monday, officials said.\n")
    result = corroborate(command, str(tmp_path), str(report), "-o", str(report))
    assert result.returncode == 2
    assert f"{report}: the output file is also an input ({report}); choose another output" in result.stderr
    assert report.read_text().startswith("Port reopens after storm")


def test_an_unwritable_output_is_reported_before_any_work(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("a file, not a folder")
    result = corroborate("brief", str(tmp_path / "missing.txt"), "-o", str(blocker / "briefing.md"))
    assert result.returncode == 2
    assert f"cannot write {blocker / 'briefing.md'}" in result.stderr
    assert "no such file or folder" not in result.stderr  # the inputs were never read


def test_names_and_reasons_are_printed_as_they_are(tmp_path):
    odd = tmp_path / "notes [b].txt"
    odd.write_text("---\noutlet [red]Harbour[/red] Daily\n---\nPort reopens after the storm\n\nThe port reopened on Monday.\n")
    result = corroborate("annotate", str(odd), str(tmp_path / "gone [/i].txt"), "-o", str(tmp_path / "out.jsonl"), "-q")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{odd}: front matter: cannot read the line 'outlet [red]Harbour[/red] Daily' (expected 'key: value')" in result.stderr
    assert f"{tmp_path / 'gone [/i].txt'}: no file matches this pattern" in result.stderr
