"""The store commands as people run them: ingest, search, export, brief of stored reports, a
killed ingest resumed, two ingests at once."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from dataclasses import dataclass

import pytest
from typer.testing import CliRunner

from corroborate.cli import app
from corroborate.store import Store

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "story"
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear" / "train" / "text"


def corroborate(*args: str) -> Result:
    """The command run in this process (the models load once for all tests)."""
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Result(result.exit_code, result.stdout, result.stderr)


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def substance(briefing: dict) -> dict:
    """What a briefing says, apart from which of equally central wordings names a statement."""
    return {
        "statements": sorted(sorted((m["article"], m["start"], m["end"]) for m in s["mentions"]) for s in briefing["statements"]),
        "discrepancies": sorted((d["kind"], d["verdict"], d["about"], sorted((v["article"], v["line"]) for v in d["values"]))
                                for d in briefing["discrepancies"]),
        "claims": sorted((c["claimed_by"] or "", c["status"], len(c["evidence"])) for c in briefing["claims"]),
    }


def test_ingest_twice_search_and_brief_a_stored_story(db_url, tmp_path):
    first = corroborate("ingest", str(EXAMPLE), "--db", db_url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().endswith("4 new, 0 unchanged, 0 updated, 0 unreadable, 1 stories")
    again = corroborate("ingest", str(EXAMPLE), "--db", db_url)
    assert again.stdout.strip().endswith("0 new, 4 unchanged, 0 updated, 0 unreadable, 1 stories")

    found = corroborate("search", "union fog", "--db", db_url, "--format", "json")
    hits = json.loads(found.stdout)
    assert hits and all("union" in h["sentence"].lower() and "fog" in h["sentence"].lower() for h in hits)
    assert {h["article_id"] for h in hits} <= {p.name for p in EXAMPLE.iterdir()}

    with Store(db_url) as store:
        [story] = store.story_ids()  # ingest filed the four reports of the example into one story
        assert store.story(story)["reports"] == store.report_ids()
    stored = corroborate("brief", "--story", str(story), "--db", db_url, "-f", "json", "-o", str(tmp_path / "stored.json"))
    assert stored.returncode == 0, stored.stderr
    files = corroborate("brief", str(EXAMPLE), "-f", "json", "-o", str(tmp_path / "files.json"))
    stored_briefing = json.loads((tmp_path / "stored.json").read_text())
    assert substance(stored_briefing) == substance(json.loads((tmp_path / "files.json").read_text()))
    assert len(stored_briefing["statements"]) > 5 and stored_briefing["discrepancies"]

    one_outlet = corroborate("brief", "--db", db_url, "--outlet", "kessel today", "-f", "json")
    assert [a["outlet"] for a in json.loads(one_outlet.stdout)["articles"]] == ["Kessel Today"]
    missing = corroborate("brief", "--story", "99", "--db", db_url)
    assert missing.returncode == 4 and "no story 99" in missing.stderr and "Traceback" not in missing.stderr


def test_export_is_read_back_by_ingest(db_url, tmp_path):
    corroborate("ingest", str(EXAMPLE), "--db", db_url, "-q")  # its four reports are filed into one story
    exported = tmp_path / "everything.jsonl"
    assert corroborate("export", "--db", db_url, "--format", "jsonl", "-o", str(exported)).returncode == 0
    copy = str(tmp_path / "copy.db")
    result = corroborate("ingest", str(exported), "--db", copy)
    assert result.stdout.strip().endswith("4 new, 0 unchanged, 0 updated, 0 unreadable, 1 stories"), result.stdout
    again = corroborate("export", "--db", copy)
    assert again.stdout == exported.read_text()
    records = [json.loads(line) for line in again.stdout.splitlines()[1:]]
    assert [r["kind"] for r in records] == ["report"] * 4 + ["story"]
    assert sum(len(r["versions"][0]["article"]["quotes"]) for r in records[:4]) > 10


def inputs_for_a_long_ingest(folder: Path) -> list[Path]:
    for path in sorted(EXAMPLE.iterdir()) + sorted(POLNEAR.glob("*.txt"))[:6]:
        shutil.copy(path, folder / path.name)
    return sorted(folder.iterdir())


def children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def alive(pid: int) -> bool:
    try:
        return "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()
    except FileNotFoundError:
        return False


def wait_gone(pids: list[int], seconds: float = 10) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if not any(map(alive, pids)):
            return True
        time.sleep(0.1)
    return False


def test_a_killed_ingest_resumes_without_loss_or_duplicates(db_url, tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    files = inputs_for_a_long_ingest(folder)
    process = subprocess.Popen([sys.executable, "-m", "corroborate", "ingest", str(folder), "--db", db_url, "-q"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored_before_kill = 0
    deadline = time.time() + 600
    while process.poll() is None and time.time() < deadline:
        time.sleep(0.05)
        try:
            with Store(db_url) as store:
                stored_before_kill = store.counts()["reports"]
        except Exception:  # the database is still being created
            continue
        if stored_before_kill >= 2:
            workers = children(process.pid)
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    assert workers and wait_gone(workers), "worker processes outlived the killed ingest"
    with Store(db_url) as store:
        survived = store.counts()
    assert 2 <= survived["reports"] < len(files)
    assert survived["reports"] == survived["report_versions"]  # no report without its text

    resumed = subprocess.run([sys.executable, "-m", "corroborate", "ingest", str(folder), "--db", db_url],
                             capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    new, unchanged = (int(x.split()[0]) for x in resumed.stdout.split(": ", 1)[1].split(", ")[:2])
    assert new + unchanged == len(files) and unchanged == survived["reports"]
    with Store(db_url) as store:
        counts = store.counts()
        assert counts["reports"] == counts["report_versions"] == len(files)
        assert len({r.article.id for r in store.reports(store.report_ids())}) == len(files)
    if not db_url.startswith("postgresql"):
        import sqlite3

        assert sqlite3.connect(db_url).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_two_ingests_into_one_sqlite_file_at_once_both_succeed(tmp_path):
    db = str(tmp_path / "shared.db")
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    first = [str(EXAMPLE)] + [str(p) for p in seeds[:2]]
    second = [str(p) for p in seeds[:3]]
    writers = [subprocess.Popen([sys.executable, "-m", "corroborate", "ingest", *inputs, "--db", db],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for inputs in (first, second)]
    results = [w.communicate(timeout=600) + (w.returncode,) for w in writers]
    for out, err, code in results:
        assert code == 0 and "Traceback" not in err, err
    with Store(db) as store:
        counts = store.counts()
    assert counts["reports"] == counts["report_versions"] == 7  # the two seeds both read are stored once
