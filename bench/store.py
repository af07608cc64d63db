"""The store against the commands without it: ingest vs annotate, disk per report, re-ingest,
and a stored story's briefing vs briefing its files. Every time is a new `corroborate` process,
end to end (model loading included), all measured in one run. Prints tables, writes
bench/results/store.json. Starts a throwaway PostgreSQL server with scripts/throwaway-postgres.

    nice -n 10 .venv/bin/python bench/store.py [--limit N] [--story-reports 50]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import EVAL, ROOT, console, print_table, save
from speed import synthetic_story

from corroborate.store import Store


def polnear_files(folder: Path, limit: int | None) -> list[Path]:
    """The PolNeAR texts bench/quality.py scores (train and dev), one file each."""
    sources = [(part, path) for part in ("train", "dev") for path in sorted((EVAL / "polnear" / part / "text").glob("*.txt"))]
    paths = []
    for part, path in sources[:limit] if limit else sources:  # the folder is the input: only these go in
        target = folder / f"{part}-{path.name}"
        target.write_bytes(path.read_bytes())
        paths.append(target)
    return paths


def run(*args: str) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "corroborate", *args], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"corroborate {' '.join(args[:2])} failed: {result.stderr.strip()[-500:]}")
    return seconds


def rows_in(db: str) -> int:
    with Store(db) as store:
        return sum(store.counts().values())


def disk_bytes(db: str) -> int:
    if db.startswith("postgresql"):
        from sqlalchemy import text

        with Store(db) as store, store.engine.connect() as c:
            return int(c.execute(text(
                "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public' AND c.relkind = 'r'")).scalar())
    import sqlite3

    with sqlite3.connect(db) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return Path(db).stat().st_size


def substance(path: Path) -> dict:
    """Statements (by their mentions), discrepancies and claims: what must match between the two briefings."""
    b = json.loads(path.read_text())
    return {
        "statements": sorted(sorted((m["article"], m["start"], m["end"]) for m in s["mentions"]) for s in b["statements"]),
        "discrepancies": sorted((d["kind"], d["verdict"], d["about"], sorted((v["article"], v["line"]) for v in d["values"]))
                                for d in b["discrepancies"]),
        "claims": sorted((c["claimed_by"] or "", c["status"], len(c["evidence"])) for c in b["claims"]),
        "counts": (len(b["statements"]), len(b["discrepancies"]), len(b["claims"])),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="only the first N PolNeAR texts")
    parser.add_argument("--story-reports", type=int, default=50)
    parser.add_argument("--only", choices=["story", "ingest", "steps"], help="run one part")
    parser.add_argument("--step-sample", type=int, default=40, help="texts whose ingest is timed step by step")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="corroborate-bench-"))
    (tmp / "texts").mkdir()
    files = polnear_files(tmp / "texts", args.limit)
    n = len(files)
    pg_dir = Path(tempfile.mkdtemp(prefix="corroborate-bench-pg-"))  # the server user must reach it
    server = subprocess.run([str(ROOT / "scripts" / "throwaway-postgres"), "start", str(pg_dir)],
                            capture_output=True, text=True, check=True).stdout.strip()
    try:
        result = {"name": f"store-{args.only}" if args.only else "store", "texts": n}
        if args.only in (None, "story"):
            story_part(tmp, args.story_reports, result)
        if args.only in (None, "steps"):
            steps_part(tmp, files[:args.step_sample], server, result)
        if args.only in (None, "ingest"):
            ingest_part(tmp, n, server, result)
        console.print(f"saved {save(result['name'], result)}")
    finally:
        subprocess.run([str(ROOT / "scripts" / "throwaway-postgres"), "stop", str(pg_dir)], capture_output=True)


def story_part(tmp: Path, reports: int, result: dict) -> None:
    story_dir = tmp / "story"
    story_dir.mkdir()
    paths = synthetic_story(story_dir, reports)
    db = str(tmp / "story.db")
    run("ingest", *paths, "--db", db, "-q")
    with Store(db) as store:
        story = store.create_story("bench story")
        store.add_to_story(story, store.report_ids())
    (files_s, files_cpu), = timed(["brief", *paths, "-f", "json", "-o", str(tmp / "files.json"), "-q"])
    (stored_s, stored_cpu), = timed(["brief", "--story", str(story), "--db", db, "-f", "json", "-o", str(tmp / "stored.json"), "-q"])
    a, b = substance(tmp / "files.json"), substance(tmp / "stored.json")
    same = {k: a[k] == b[k] for k in a}
    result["story"] = {"reports": len(paths), "brief files seconds": files_s, "brief --story seconds": stored_s,
                       "brief files cpu seconds": files_cpu, "brief --story cpu seconds": stored_cpu,
                       "same": same, "counts files": a["counts"], "counts stored": b["counts"]}
    print_table(f"`brief --story` of a stored {len(paths)}-report story vs `brief` of its files",
                ["brief files s (CPU s)", "brief --story s (CPU s)", "speed-up, wall (aim >= 5)", "speed-up, CPU",
                 "statements / discrepancies / claims", "same statements", "same discrepancies", "same claims"],
                [[f"{files_s:.2f} ({files_cpu:.2f})", f"{stored_s:.2f} ({stored_cpu:.2f})", files_s / stored_s,
                  files_cpu / stored_cpu, f"{a['counts']} vs {b['counts']}", same["statements"],
                  same["discrepancies"], same["claims"]]])
    save(result["name"], result)


def steps_part(tmp: Path, files: list[Path], server: str, result: dict) -> None:
    """Where ingest's CPU goes: each step of ingesting `files`, timed in this one process
    (models loaded first, no worker pool), into each database. Parse is what `annotate` does
    (read, clean, spaCy and the rules); encode is the encoder over every text a briefing of the
    report embeds, each text on its own; write is the transaction that stores the report, then
    filing into stories."""
    from corroborate import ingest
    from corroborate.archive import Ready, stored_ready
    from corroborate.filing import file_unfiled, profile_of, stored_form
    from corroborate.nlp import one_blas_thread, sentence_encoder, spacy_pipeline
    from corroborate.pipeline import analysis_texts, encode_alone
    from corroborate.settings import Settings
    from corroborate.store import report_key
    from corroborate.store.codec import pack_minhash
    from corroborate.workers import annotate_one

    settings = Settings()
    one_blas_thread()  # as in ingest's workers
    spacy_pipeline(settings.spacy_model)
    encoder = sentence_encoder(settings.embedding_model)
    encoder.encode(["warm"])
    clock = time.process_time
    cpu = {"parse": 0.0, "texts and profile": 0.0, "encode": 0.0}
    texts = tokens = 0
    ready = []
    for item in ingest.read([str(f) for f in files], settings):
        start = clock()
        article = annotate_one(item, settings)
        cpu["parse"] += clock() - start
        start = clock()
        vector_texts = analysis_texts(article, settings)
        profile = profile_of(article, report_key(article), settings)
        cpu["texts and profile"] += clock() - start
        start = clock()
        vectors = encode_alone(vector_texts, settings)
        cpu["encode"] += clock() - start
        texts += len(vector_texts)
        tokens += sum(len(e.ids) for e in encoder.tokenizer.encode_batch(vector_texts))
        ready.append(Ready(article, vector_texts, vectors, pack_minhash(profile.minhash), stored_form(profile)))
    rows = []
    for name, db in {"SQLite": str(tmp / "steps.db"), "PostgreSQL": server.rsplit("/", 1)[0] + "/steps"}.items():
        if name == "PostgreSQL":
            create_database(server, "steps")
        with Store(db) as store:
            start = clock()
            for r in ready:
                stored_ready(store, r, settings)
            write = clock() - start
            start = clock()
            file_unfiled(store, settings)
            filing = clock() - start
        parts = {**cpu, "write": write, "filing": filing}
        total = sum(parts.values())
        result.setdefault("steps", {})[name] = {"reports": len(ready), "texts encoded": texts,
                                                "tokens encoded": tokens, "cpu seconds": parts}
        rows.append([name, len(ready), *(f"{v / len(ready):.3f} ({v / total:.0%})" for v in parts.values()),
                     total / len(ready), parts["parse"] and total / parts["parse"]])
    print_table(f"Ingest step by step on {len(ready)} PolNeAR texts, CPU s a report (share): {texts / len(ready):.0f} "
                f"texts and {tokens / len(ready):.0f} tokens encoded a report, {1000 * cpu['encode'] / tokens:.2f} ms a token",
                ["database", "reports", *parts, "total s a report", "x parse"], rows)
    save(result["name"], result)


def create_database(server: str, name: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as c:
        c.execute(text(f"CREATE DATABASE {name}"))
    engine.dispose()


def timed(*commands: list[str]) -> list[tuple[float, float]]:
    """Run `corroborate` commands side by side: (wall seconds, CPU seconds) each. On a shared
    machine CPU seconds (user + system, all threads) compare fairly; wall seconds follow the load."""
    start = time.perf_counter()
    processes = [subprocess.Popen([sys.executable, "-m", "corroborate", *args], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE) for args in commands]
    out = []
    for p in processes:
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode not in (0, 1):
            raise SystemExit(f"corroborate failed: {p.stderr.read().decode()[-500:]}")
        out.append((time.perf_counter() - start, usage.ru_utime + usage.ru_stime))
    return out


def ingest_part(tmp: Path, n: int, server: str, result: dict) -> None:
    databases = {"SQLite": str(tmp / "bench.db"), "PostgreSQL": server}
    texts = str(tmp / "texts")
    console.print(f"{n} PolNeAR texts: annotate and ingest into each database side by side, then ingest again")
    runs = timed(["annotate", texts, "-o", str(tmp / "annotated.jsonl"), "-q"],
                 *(["ingest", texts, "--db", db, "-q"] for db in databases.values()))
    (annotate_wall, annotate_cpu), firsts = runs[0], dict(zip(databases, runs[1:]))
    result["annotate"] = {"wall seconds": annotate_wall, "cpu seconds": annotate_cpu}
    rows = []
    for name, db in databases.items():
        before = rows_in(db)
        with Store(db) as store:
            reports = store.counts()["reports"]
        (again_wall, again_cpu), = timed(["ingest", texts, "--db", db, "-q"])
        added = rows_in(db) - before
        per_report = disk_bytes(db) / max(reports, 1)
        wall, cpu = firsts[name]
        result[name] = {"ingest wall seconds": wall, "ingest cpu seconds": cpu, "reports": reports,
                        "bytes per report": per_report, "re-ingest wall seconds": again_wall,
                        "re-ingest cpu seconds": again_cpu, "rows added by re-ingest": added}
        rows.append([name, reports, f"{cpu:.1f} ({wall:.0f})", cpu / annotate_cpu, per_report / 1024,
                     f"{again_cpu:.1f} ({again_wall:.0f})", again_cpu / cpu, added])
        save(result["name"], result)
    print_table(f"Ingest of {n} PolNeAR texts vs `annotate` of the same texts ({annotate_cpu:.1f} CPU s, "
                f"{annotate_wall:.0f} s wall)",
                ["database", "reports", "ingest CPU s (wall)", "x annotate, CPU (aim <= 1.15)", "KiB per report",
                 "re-ingest CPU s (wall)", "x first ingest, CPU (aim < 0.10)", "rows added (aim 0)"], rows)


if __name__ == "__main__":
    main()
