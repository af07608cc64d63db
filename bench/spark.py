"""corroborate on Spark next to the local path, on the same 2,000 real reports; and the stories
of both on the 982 ECB+ documents.

    heavy .venv/bin/python bench/spark.py spark     # local[1] and local[2]: the whole Spark job
    heavy .venv/bin/python bench/spark.py local     # workers.py with 1 and 2 workers, then the cluster stage
    heavy .venv/bin/python bench/spark.py ecbplus   # Spark's stories vs the local path's (B-cubed)

The 2,000 reports: the 982 ECB+ documents, then the PolNeAR texts (train, dev) cut to their
first 300 words at a paragraph's end, the first 94 of them also with their next 300 words
(distinct texts: the sentence encoder caches vectors by text). Start-up is timed apart and
left out: for Spark, the context and a first job that loads the models in every executor
process; for the local path, a pool of the same size annotating two reports. Each part
writes bench/results/spark-PART.json; the ratios are in docs/benchmarks.md.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from cluster import bcubed
from common import EVAL, RESULTS, Timer, print_table, save
from ecbplus_annotated import gold_story, raw_documents

from corroborate.settings import Settings

REPORTS = 2000
PIECE_WORDS = 300


def pieces(text: str) -> list[str]:
    """The text in runs of paragraphs of about PIECE_WORDS words."""
    out, current = [], []
    for paragraph in (p for p in text.split("\n") if p.strip()):
        current.append(paragraph)
        if sum(len(p.split()) for p in current) >= PIECE_WORDS:
            out.append("\n\n".join(current))
            current = []
    return out + (["\n\n".join(current)] if current else [])


def two_thousand(folder: Path) -> tuple[Path, int]:
    """The benchmark's JSON Lines input and its words."""
    records = [{"id": d["id"], "url": d["url"], "outlet": d["outlet"], "title": d["title"], "text": d["text"]}
               for d in raw_documents()]
    polnear = [p for split in ("train", "dev") for p in sorted((EVAL / "polnear" / split / "text").glob("*.txt"))]
    cut = [(p, pieces(p.read_text(encoding="utf-8"))) for p in polnear]
    records += [{"id": p.name, "text": parts[0]} for p, parts in cut]
    records += [{"id": f"{p.stem}-2.txt", "text": parts[1]} for p, parts in cut if len(parts) > 1][:REPORTS - len(records)]
    assert len(records) == REPORTS, len(records)
    path = folder / "reports.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path, sum(len(r["text"].split()) for r in records)


def tree_cpu() -> float:
    """CPU seconds of this process and every process under it (the JVM, Spark's Python workers,
    a worker pool), from /proc: on a shared machine the wall clock tells the scheduler's share,
    CPU time tells the work."""
    tick = os.sysconf("SC_CLK_TCK")
    stats = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry)] = (int(fields[1]), sum(int(x) for x in fields[11:15]))  # ppid; utime stime cutime cstime
    inside, total = {os.getpid()}, 0
    for _ in range(6):  # the tree is at most a few levels deep
        inside |= {pid for pid, (ppid, _) in stats.items() if ppid in inside}
    for pid in inside:
        total += stats.get(pid, (0, 0))[1]
    return total / tick


def executor_blas_threads(sc, settings: Settings, cores: int) -> list[int]:
    """Loads the models in each executor process (start-up) and reports its BLAS threads."""
    from threadpoolctl import threadpool_info

    from corroborate.spark.job import ready

    def warm(_):
        ready(settings)
        return [max((i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"), default=0)]

    return sc.parallelize(range(cores), cores).mapPartitions(warm).collect()


def spark_part(path: Path, words: int) -> list[list]:
    from corroborate.spark import run, spark_context

    settings, rows = Settings(), []
    for cores in (1, 2):
        with Timer() as start:
            sc = spark_context(f"local[{cores}]")
            threads = executor_blas_threads(sc, settings, cores)
        cpu = tree_cpu()
        with tempfile.TemporaryDirectory() as out, Timer() as timer:
            outcome = run(sc, [str(path)], Path(out), settings)
        cpu = tree_cpu() - cpu
        sc.stop()
        rows.append([f"Spark local[{cores}] (read, annotate, profile, cluster, write)", cores, outcome.reports,
                     round(start.seconds, 1), round(timer.seconds, 1), 1000 * timer.seconds / outcome.reports,
                     1000 * cpu / outcome.reports, str(threads)])
    return rows


def local_part(path: Path, words: int) -> list[list]:
    from corroborate import nlp
    from corroborate.cluster import cluster
    from corroborate.model import Article
    from corroborate.render.jsonout import article_line
    from corroborate.workers import annotate_stream

    settings, rows = Settings(), []
    tiny = path.with_name("two.jsonl")
    tiny.write_text("".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:2]), encoding="utf-8")
    nlp.sentence_encoder(settings.embedding_model)  # the cluster stage's encoder: start-up, not per report
    for cores in (1, 2):
        # one worker annotates in this process, whose models then stay loaded; a pool of two
        # starts anew for each stream, so its start-up is taken off
        start_cpu = tree_cpu()
        with Timer() as start:
            list(annotate_stream([str(tiny)], settings, workers=cores))
        pool_start = start.seconds if cores > 1 else 0.0
        pool_start_cpu = tree_cpu() - start_cpu if cores > 1 else 0.0
        cpu = tree_cpu()
        with tempfile.TemporaryFile("w") as out, Timer() as annotating:
            articles = []
            for item in annotate_stream([str(path)], settings, workers=cores):
                if isinstance(item, Article):
                    out.write(article_line(item) + "\n")
                    articles.append(item)
        annotate_cpu = tree_cpu() - cpu - pool_start_cpu
        nlp.forget_vectors()  # the encoder's cache by text: the first round's leads must not make the second free
        cpu = tree_cpu()
        with Timer() as clustering:
            cluster(articles, settings)
        cluster_cpu = tree_cpu() - cpu
        total = annotating.seconds - pool_start
        rows.append([f"local, {cores} worker(s): annotate_stream", cores, len(articles),
                     round(start.seconds, 1), round(total, 1), 1000 * total / len(articles),
                     1000 * annotate_cpu / len(articles), "1 (one_blas_thread)"])
        total += clustering.seconds
        rows.append([f"local, {cores} worker(s): then the cluster stage (profiles, StoryIndex) in one process",
                     cores, len(articles), "", round(total, 1), 1000 * total / len(articles),
                     1000 * (annotate_cpu + cluster_cpu) / len(articles), ""])
    return rows


COLUMNS = ["path", "cores", "reports", "start-up s", "seconds", "ms/report", "CPU ms/report", "BLAS threads per executor"]


def ecbplus_part() -> dict:
    """Both paths from the raw documents: Spark on local[2], workers.py with 2 workers + cluster()."""
    from corroborate.cluster import cluster
    from corroborate.model import Article
    from corroborate.render.jsonout import article_line
    from corroborate.spark import run, spark_context
    from corroborate.workers import annotate_stream

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ecbplus.jsonl"
        path.write_text("".join(json.dumps(d) + "\n" for d in raw_documents()), encoding="utf-8")
        sc = spark_context("local[2]")
        try:
            with Timer() as spark_timer:
                run(sc, [str(path)], Path(tmp) / "out")
        finally:
            sc.stop()
        written = json.loads((Path(tmp) / "out" / "stories.json").read_text(encoding="utf-8"))
        spark_lines = (Path(tmp) / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        with Timer() as local_timer:
            articles = [a for a in annotate_stream([str(path)], workers=2) if isinstance(a, Article)]
            stories = cluster(articles)
    spark_system = {key: s["id"] for s in written["stories"] for key in s["articles"]}
    local_system = {key: s.id for s in stories for key in s.articles}
    gold = {key: gold_story(key) for key in local_system}
    same_lines = spark_lines == [article_line(a) for a in articles]
    rows = [["Spark local[2] vs local path", *bcubed(spark_system, local_system), len(written["stories"]), len(stories),
             same_lines, [asdict_story(s) for s in stories] == written["stories"]],
            ["Spark local[2] vs ECB+ gold", *bcubed(spark_system, gold), len(written["stories"]), len(set(gold.values())), "", ""],
            ["local path vs ECB+ gold", *bcubed(local_system, gold), len(stories), len(set(gold.values())), "", ""]]
    print_table(f"ECB+ stories: {len(articles)} documents (Spark job {spark_timer.seconds:.0f} s with start-up, "
                f"local path {local_timer.seconds:.0f} s)",
                ["compared", "B3 precision", "B3 recall", "B3 F1", "stories", "stories (other side)",
                 "same annotated lines", "same stories.json"], rows)
    return {"rows": rows, "spark_seconds": spark_timer.seconds, "local_seconds": local_timer.seconds}


def asdict_story(story) -> dict:
    return json.loads(json.dumps(vars(story)))


if __name__ == "__main__":
    part = sys.argv[1] if len(sys.argv) > 1 else ""
    if part == "ecbplus":
        print(save("spark-ecbplus", ecbplus_part()))
    elif part in ("spark", "local"):
        RESULTS.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            path, words = two_thousand(Path(tmp))
            rows = (spark_part if part == "spark" else local_part)(path, words)
        print_table(f"{REPORTS} reports, {words:,} words; start-up left out of 'seconds'", COLUMNS, rows)
        print(save(f"spark-{part}", {"reports": REPORTS, "words": words, "columns": COLUMNS, "rows": rows,
                                      "load": open("/proc/loadavg").read().split()[:3]}))
    else:
        raise SystemExit("usage: bench/spark.py spark|local|ecbplus")
