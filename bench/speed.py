"""How fast corroborate is, stage by stage, next to the libraries it builds on.

Each case runs in a fresh process pinned to one core, then to two (taskset), so peak memory
and thread use are its own. Prints tables, writes bench/results/speed.json.

    .venv/bin/python bench/speed.py [--quick]
    .venv/bin/python bench/speed.py --scale [--quick] [--only brief|annotate] [--reports 500 2000]
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import EVAL, ROOT, SHARED, console, print_table, save

EXAMPLE = ROOT / "examples" / "story"


def synthetic_story(folder: Path, reports: int, seed: int = 7) -> list[str]:
    """`reports` variations of the example story: other outlets, reordered paragraphs, other figures."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLE.glob("*.txt"))]
    paths = []
    for i in range(reports):
        lines = sources[i % len(sources)].split("\n")
        head, body = lines[:3], lines[3:]
        if rng.random() < 0.5:
            body = body[:2] + rng.sample(body[2:], len(body[2:]))
        text = "\n".join(head + body + [f"Subscribe to Outlet {i} for more."])
        text = re.sub(r"\b(\d{2,3})\b", lambda m: str(int(m.group(1)) + rng.choice([0, 0, 0, 1, -1])), text)
        path = folder / f"report-{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def words_in(texts) -> int:
    return sum(len(t.split()) for t in texts)


def worker(case: str, size: int) -> dict:
    """Runs inside the pinned process; returns seconds per stage and peak memory."""
    from corroborate.annotate import annotate
    from corroborate.nlp import sentence_encoder, spacy_pipeline
    from corroborate.pipeline import annotate_read, encoded_and_analysed, read
    from corroborate.render import render
    from corroborate.settings import Settings

    settings = Settings()
    out: dict = {"case": case, "size": size}
    tmp = Path(tempfile.mkdtemp())
    if case == "brief":
        return end_to_end(tmp, size)
    if case == "ecbplus-brief":
        return ecbplus_brief(tmp, size)
    if case.startswith("annotate-workers-"):
        return annotate_workers(tmp, size, int(case.rsplit("-", 1)[1]))
    t = time.perf_counter()
    spacy_pipeline(settings.spacy_model)
    sentence_encoder(settings.embedding_model)
    out["model load"] = time.perf_counter() - t
    if case == "seeds":
        paths = []
        for copy in range(size // 5):
            for p in sorted((SHARED / "seeds").glob("*.txt")):
                target = tmp / f"{copy:03d}-{p.name}"
                shutil.copy(p, target)
                paths.append(str(target))
    elif case == "story":
        paths = synthetic_story(tmp, size)
    elif case == "polnear":
        paths = sorted(str(p) for p in (EVAL / "polnear" / "train" / "text").glob("*.txt"))[:size]
    elif case == "baselines":
        return baselines(size)
    else:
        raise SystemExit(f"unknown case {case}")
    t = time.perf_counter()
    articles, _ = read(paths, settings)
    out["ingest+clean"] = time.perf_counter() - t
    kept = [a.text[ln.start:ln.end] for a in articles for ln in a.lines if ln.label in ("body", "subheading")]
    out["words"] = words_in(kept)
    t = time.perf_counter()
    if case == "polnear":
        annotate(articles, settings)
    else:  # as `corroborate brief` does
        annotate_read(articles, settings)
    out["annotate"] = time.perf_counter() - t
    if case != "polnear":
        t = time.perf_counter()
        briefing = encoded_and_analysed(articles, settings)
        out["analyse"] = time.perf_counter() - t
        t = time.perf_counter()
        for fmt in ("json", "md", "html"):
            render(briefing, fmt)
        out["render"] = time.perf_counter() - t
    out["reports"] = len(articles)
    out["peak MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def end_to_end(tmp: Path, runs: int) -> dict:
    """`corroborate brief` on the seed reports, from files to the HTML briefing, in a new process
    each time: what a user waits for, model loading included."""
    seeds = sorted(str(p) for p in (SHARED / "seeds").glob("*.txt"))
    cli = [sys.executable, "-m", "corroborate", "brief", *seeds, "--format", "html", "-o", str(tmp / "briefing.html"), "--quiet"]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cli, check=True)
        times.append(time.perf_counter() - t)
    return {"case": "brief", "size": runs, "seconds": times}


def ecbplus_reports(folder: Path, size: int) -> Path:
    """The first `size` ECB+ documents (all stories, in file order) as one JSON Lines input:
    real reports by many outlets, as bench/ecbplus_stories.py rebuilds them."""
    sys.path.insert(0, str(Path(__file__).parent))
    from ecbplus_stories import main as build_stories

    stories = folder / "ecbplus"
    build_stories(str(stories), [])
    lines = [line for f in sorted(stories.glob("*.jsonl"), key=lambda f: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", f.name)])
             for line in f.read_text().splitlines()]
    path = folder / f"ecbplus-{size}.jsonl"
    path.write_text("\n".join(lines[:size] + reposted(lines, size - len(lines))) + "\n")
    return path


def reposted(lines: list[str], count: int) -> list[str]:
    """Past ECB+'s 982 documents, the same documents again as other outlets' copies (a wire
    story reposted), so a story of any size can be briefed."""
    out = []
    for n in range(max(0, count)):
        doc = json.loads(lines[n % len(lines)])
        copy = 1 + n // len(lines)
        doc["id"] = f"copy{copy}-{doc['id']}"
        doc["outlet"] = f"{doc['outlet'] or 'unknown'} copy {copy}"
        doc["url"] = None
        out.append(json.dumps(doc))
    return out


def ecbplus_brief(tmp: Path, size: int) -> dict:
    """`brief` as the command runs it (one BLAS thread, models loaded in the background), in
    this process: CPU per word of the reports' kept text, peak memory, and the number of units
    alignment compares (memory grows with it, not with its square)."""
    from corroborate.analyse import story as story_module
    from corroborate.nlp import one_blas_thread, warm_up
    from corroborate.pipeline import brief
    from corroborate.settings import Settings

    path = ecbplus_reports(tmp, size)
    one_blas_thread()
    units: list[int] = []
    build_units = story_module.build_units

    def counted(story) -> None:
        build_units(story)
        units.append(len(story.units))

    import corroborate.analyse as analyse_module
    analyse_module.build_units = counted
    settings = Settings()
    cpu, wall = time.process_time(), time.perf_counter()
    warm_up(settings.spacy_model, settings.embedding_model)
    briefing = brief([str(path)], settings)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    words = words_in(a.text[ln.start:ln.end] for a in briefing.articles for ln in a.lines if ln.label in ("body", "subheading"))
    return {"case": "ecbplus-brief", "size": size, "reports": len(briefing.articles), "words": words, "cpu s": cpu,
            "wall s": wall, "cpu ms/word": 1000 * cpu / words, "units": units[0] if units else 0,
            "peak MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def polnear_texts() -> list[str]:
    """All 924 PolNeAR texts (train and dev), in a stable order."""
    return sorted(str(p) for split in ("train", "dev") for p in (EVAL / "polnear" / split / "text").glob("*.txt"))


def annotate_workers(tmp: Path, size: int, workers: int) -> dict:
    """`corroborate annotate --workers N` on PolNeAR texts, as a user runs it: wall time, CPU of
    every process (parent and workers), and the peak of their summed memory."""
    paths = polnear_texts()[:size]
    out = tmp / "articles.jsonl"
    cmd = [sys.executable, "-m", "corroborate", "annotate", *paths, "--workers", str(workers), "-o", str(out), "-q"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    process = subprocess.Popen(cmd)
    peak_total = peak_one = 0
    while process.poll() is None:
        tree = rss_of_tree(process.pid)
        peak_total, peak_one = max(peak_total, sum(tree)), max([peak_one, *tree])
        time.sleep(0.2)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode not in (0, 1):
        raise SystemExit(f"annotate exited {process.returncode}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    lines = out.read_text(encoding="utf-8").splitlines()
    words = words_in(open(p, encoding="utf-8").read() for p in paths)
    return {"case": f"annotate-workers-{workers}", "size": size, "reports": len(lines), "workers": workers, "words": words,
            "wall s": wall, "cpu s": cpu, "cpu s per worker": cpu / workers, "reports/s": len(lines) / wall,
            "peak MB (all processes)": peak_total / 1024, "peak MB (largest process)": peak_one / 1024,
            "output sha": __import__("hashlib").sha256(out.read_bytes()).hexdigest()[:16]}


def rss_of_tree(root: int) -> list[int]:
    """Resident kB of a process and all its descendants, read from /proc (no psutil needed)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    sizes = []
    for pid in tree:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        sizes += [int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")]
    return sizes


def baselines(size: int) -> dict:
    """The floors: trafilatura alone on real pages; spaCy parser+NER alone and textacy's quotes on real articles."""
    import trafilatura

    from corroborate.clean import clean
    from corroborate.ingest.html import from_html
    from corroborate.model import Article
    from corroborate.nlp import spacy_pipeline
    from corroborate.settings import Settings
    from corroborate.annotate import annotate

    out: dict = {"case": "baselines", "size": size}
    pages = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
             for p in sorted((EVAL / "article-extraction-benchmark" / "html").glob("*.html.gz"))]
    t = time.perf_counter()
    for page in pages:
        trafilatura.extract(page)
    out["trafilatura alone, pages/s"] = len(pages) / (time.perf_counter() - t)
    t = time.perf_counter()
    articles = [from_html(str(i), page, str(i)) for i, page in enumerate(pages)]
    clean([a for a in articles if isinstance(a, Article)])
    out["corroborate HTML ingest+clean, pages/s"] = len(pages) / (time.perf_counter() - t)
    texts = [p.read_text(encoding="utf-8") for p in sorted((EVAL / "polnear" / "train" / "text").glob("*.txt"))[:size]]
    words = words_in(texts)
    nlp = spacy_pipeline(Settings().spacy_model)
    list(nlp.pipe(texts[:5]))  # warm
    t = time.perf_counter()
    list(nlp.pipe(texts, batch_size=32))
    out["spaCy sm (tagger, parser, NER), words/s"] = words / (time.perf_counter() - t)
    with nlp.select_pipes(enable=["tok2vec", "parser", "ner"]):
        t = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=32))
        out["spaCy parser+NER alone, words/s"] = words / (time.perf_counter() - t)
    from textacy.extract.triples import direct_quotations

    t = time.perf_counter()
    for doc in docs:
        try:
            list(direct_quotations(doc))
        except (ValueError, IndexError, AttributeError):
            pass
    out["textacy direct_quotations on parsed docs, words/s"] = words / (time.perf_counter() - t)
    articles = [Article(id=str(i), source=str(i), text=text) for i, text in enumerate(texts)]
    clean(articles)
    t = time.perf_counter()
    annotate(articles)
    out["corroborate annotate, words/s"] = words / (time.perf_counter() - t)
    return out


def run_case(case: str, size: int, cores: int) -> dict:
    cpus = ",".join(str(c) for c in sorted(os.sched_getaffinity(0))[:cores])
    cmd = ["taskset", "-c", cpus, sys.executable, __file__, "--worker", case, "--size", str(size)]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    if result.returncode != 0:
        console.print(f"[red]{case} {size} failed[/red]\n{result.stderr[-2000:]}")
        return {"case": case, "size": size, "error": result.stderr[-500:]}
    data = json.loads(result.stdout.strip().splitlines()[-1])
    data["cores"] = cores
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--worker")
    parser.add_argument("--size", type=int, default=0)
    parser.add_argument("--quick", action="store_true", help="smaller cases, for a first look")
    parser.add_argument("--scale", action="store_true", help="only the scale cases: ECB+ briefs, annotate with 1 and 2 workers")
    parser.add_argument("--only", choices=("brief", "annotate"), help="with --scale: only the ECB+ briefs or only annotate")
    parser.add_argument("--reports", type=int, nargs="+", default=[500, 2000], help="with --scale: ECB+ story sizes to brief")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.size)))
        return
    if args.scale:
        return scale(args.quick, args.only, args.reports)
    big = 100 if args.quick else 500
    plan = [("brief", 5, 2), ("seeds", 5, 1), ("seeds", 50, 1), ("seeds", 50, 2), ("polnear", 100, 1), ("polnear", 100, 2),
            ("story", 5, 2), ("story", 50, 2), ("story", big, 2), ("story", big, 1), ("baselines", 100, 1)]
    results = []
    for case, size, cores in plan:
        console.print(f"running {case} x{size} on {cores} core(s)")
        results.append(run_case(case, size, cores))
    stage_rows = []
    for r in results:
        if r["case"] in ("baselines", "brief") or "error" in r:
            continue
        words = r.get("words", 0)
        stage_rows.append([r["case"], r["reports"], r["cores"], r["model load"], r["ingest+clean"], r["annotate"],
                           words / r["annotate"] if r["annotate"] else 0.0, r.get("analyse", "-"), r.get("render", "-"),
                           f"{r['peak MB']:.0f}"])
    print_table("Seconds per stage (model load apart)", ["case", "reports", "cores", "model load", "ingest+clean", "annotate",
                                                         "annotate words/s", "analyse", "render", "peak MB"], stage_rows)
    base = next((r for r in results if r["case"] == "baselines" and "error" not in r), None)
    if base:
        rows = [[k, v] for k, v in base.items() if k not in ("case", "size", "cores")]
        parser_floor = base["spaCy parser+NER alone, words/s"]
        rows.append(["corroborate annotate / spaCy parser+NER alone", base["corroborate annotate, words/s"] / parser_floor])
        rows.append(["corroborate HTML ingest+clean / trafilatura alone",
                     base["corroborate HTML ingest+clean, pages/s"] / base["trafilatura alone, pages/s"]])
        print_table("Baselines (one core) and ratios", ["measure", "value"], rows)
    for r in results:
        if r["case"] == "brief" and "error" not in r:
            runs = sorted(r["seconds"])
            print_table("Seed briefing end to end (files to HTML, model load included, two cores)",
                        ["runs", "fastest s", "median s", "slowest s"], [[len(runs), runs[0], runs[len(runs) // 2], runs[-1]]])
    growth = [r for r in results if r["case"] == "story" and r["cores"] == 2 and "error" not in r]
    print_table("Analysis cost by number of reports (two cores)", ["reports", "analyse s", "per report ms"],
                [[r["reports"], r["analyse"], 1000 * r["analyse"] / r["reports"]] for r in growth])
    console.print(f"saved {save('speed', {'results': results})}")


def scale(quick: bool, only: str | None = None, reports: list[int] = (500, 2000)) -> None:
    """What one machine's cores buy: `brief` CPU per word and memory on real ECB+ reports,
    `annotate` on PolNeAR with one worker and with two (both runs may use two cores)."""
    texts = 100 if quick else len(polnear_texts())
    # 2,000 reports: how memory grows with the story (ECB+'s 982 documents, then reposted copies)
    briefs = [("ecbplus-brief", n) for n in ((100,) if quick else reports)]
    annotates = [(f"annotate-workers-{w}", texts) for w in (1, 2)]
    plan = {"brief": briefs, "annotate": annotates}.get(only, briefs[:1] + annotates + briefs[1:])
    name = f"scale-{only}" if only else "scale"
    results = []
    for case, size in plan:
        console.print(f"running {case} x{size}")
        results.append(run_case(case, size, 2))
        save(name, {"results": results, "load average": os.getloadavg()})  # a long run keeps what it measured
    load = os.getloadavg()
    print_table("brief on ECB+ reports (2 cores, one BLAS thread)",
                ["reports", "words", "CPU s", "wall s", "CPU ms/word", "units", "peak MB"],
                [[r["reports"], r["words"], r["cpu s"], r["wall s"], r["cpu ms/word"], r["units"], f"{r['peak MB']:.0f}"]
                 for r in results if r["case"] == "ecbplus-brief" and "error" not in r])
    runs = [r for r in results if r["case"].startswith("annotate-workers") and "error" not in r]
    print_table(f"annotate of {texts} PolNeAR texts (2 cores)",
                ["workers", "reports", "wall s", "CPU s", "CPU s per worker", "reports/s", "peak MB all processes",
                 "peak MB largest process", "output sha"],
                [[r["workers"], r["reports"], r["wall s"], r["cpu s"], r["cpu s per worker"], r["reports/s"],
                  f"{r['peak MB (all processes)']:.0f}", f"{r['peak MB (largest process)']:.0f}", r["output sha"]] for r in runs])
    if len(runs) == 2:
        console.print(f"throughput 2 workers / 1 worker: {runs[1]['reports/s'] / runs[0]['reports/s']:.2f}x; "
                      f"same output: {runs[0]['output sha'] == runs[1]['output sha']}")
    console.print(f"load average at the end (1, 5, 15 min): {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    console.print(f"saved {save(name, {'results': results, 'load average': load})}")


if __name__ == "__main__":
    main()
