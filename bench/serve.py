"""How fast `corroborate serve` answers a desk: a bounded loop of requests from concurrent
clients on loopback against a store of 1,000 reports in 100 stories.

The store is built cheaply: the seed reports are ingested once (annotated, embedded), then
stored again under new addresses through the Store API, ten to a story. The server runs as
`corroborate serve` in its own process. Every story's briefing and page are computed once first
(a warm pass, timed apart: the server keeps them per story version), then the loop measures the
stories page, a story page and a story's briefing JSON. Prints a table, writes
bench/results/serve.json, exits 1 on any error.

    nice -n 10 .venv/bin/python bench/serve.py [--requests 2000] [--clients 20] [--stories 100]
"""
from __future__ import annotations

import argparse
import copy
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
from common import ROOT, SHARED, console, print_table, save

TOKEN = "bench"
PER_STORY = 10


def build_store(path: Path, stories: int) -> None:
    """`stories` stories of PER_STORY reports each: the seed reports, stored again under new URLs."""
    from corroborate.archive import annotator, ingest_inputs
    from corroborate.filing import profile_of
    from corroborate.settings import Settings
    from corroborate.store import Store
    from corroborate.store.codec import pack_minhash

    settings = Settings()
    with Store(str(path)) as store:
        ingest_inputs(sorted(str(p) for p in (SHARED / "seeds").glob("*.txt")), store, settings)
        seeds = store.reports(store.report_ids())
        signatures = {seed.id: pack_minhash(profile_of(seed.article, seed.key, settings).minhash) for seed in seeds}
        for story in range(stories):
            ids = []
            for k in range(PER_STORY):
                seed = seeds[k % len(seeds)]
                article = copy.deepcopy(seed.article)
                article.id = f"story{story}-{k}-{seed.article.id}"
                for item in (*article.quotes, *article.values):
                    item.article = article.id
                article.url = f"https://news.example/{story}/{k}"
                ids.append(store.add(article, seed.vector_texts, seed.vectors, signatures[seed.id],
                                     annotator(settings))[0])
            store.add_to_story(store.create_story(), ids)
        counts = store.counts()
    console.print(f"store: {counts['reports']} reports in {counts['stories']} stories")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, folder: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "corroborate", "serve", "--db", str(db), "--port", str(port),
                                "--token", TOKEN], stdout=open(folder / "server.log", "w"), stderr=subprocess.STDOUT,
                               env=os.environ | {"XDG_CONFIG_HOME": str(folder)})
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(base + "/api/v1/stories", timeout=2).status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.5)
    raise SystemExit("the server did not start: " + (folder / "server.log").read_text())


def loop(base: str, story_ids: list[int], requests: int, clients: int) -> tuple[dict[str, list[float]], list[str]]:
    kinds = {"stories page": lambda r: f"/?page={r.randint(1, 5)}",
             "story page": lambda r: f"/stories/{r.choice(story_ids)}",
             "briefing JSON": lambda r: f"/api/v1/stories/{r.choice(story_ids)}/briefing"}
    plan = [list(kinds)[i % len(kinds)] for i in range(requests)]
    random.Random(7).shuffle(plan)
    times: dict[str, list[float]] = {k: [] for k in kinds}
    errors: list[str] = []
    lock = threading.Lock()
    next_request = iter(range(requests))

    def client(n: int) -> None:
        rng = random.Random(n)
        with httpx.Client(base_url=base, timeout=30) as http:
            while True:
                with lock:
                    i = next(next_request, None)
                if i is None:
                    return
                kind = plan[i]
                path = kinds[kind](rng)
                start = time.perf_counter()
                try:
                    answer = http.get(path)
                    ok = answer.status_code == 200
                    said = f"{path}: HTTP {answer.status_code}"
                except httpx.HTTPError as exc:
                    ok, said = False, f"{path}: {exc.__class__.__name__}"
                elapsed = time.perf_counter() - start
                with lock:
                    times[kind].append(elapsed)
                    if not ok:
                        errors.append(said)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times, errors


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--stories", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="corroborate-bench-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        build_store(folder / "bench.db", args.stories)
        built = time.perf_counter() - start
        process, base = start_server(folder / "bench.db", folder)
        try:
            story_ids = [s["id"] for page in range(1, args.stories // 100 + 2)
                         for s in httpx.get(base + "/api/v1/stories", params={"per_page": 100, "page": page}).json()["items"]]
            start = time.perf_counter()
            for story_id in story_ids:
                for path in (f"/api/v1/stories/{story_id}/briefing", f"/stories/{story_id}"):
                    httpx.get(base + path, timeout=600).raise_for_status()
            warm = time.perf_counter() - start
            start = time.perf_counter()
            times, errors = loop(base, story_ids, args.requests, args.clients)
            wall = time.perf_counter() - start
        finally:
            process.terminate()
            process.wait(timeout=30)
    rows = [[kind, len(t), percentile(t, 50) * 1000, percentile(t, 95) * 1000, max(t) * 1000] for kind, t in times.items()]
    print_table(f"corroborate serve: {args.requests} requests, {args.clients} clients, {len(story_ids)} stories, "
                f"{len(story_ids) * PER_STORY} reports (ms)", ["request", "n", "p50", "p95", "max"], rows)
    console.print(f"store built in {built:.0f} s; warm pass (every story's briefing and page once) {warm:.0f} s, "
                  f"{warm / len(story_ids):.2f} s a story; loop {wall:.1f} s, {args.requests / wall:.0f} requests/s; "
                  f"{len(errors)} errors")
    for e in errors[:10]:
        console.print(f"  {e}")
    save("serve", {"requests": args.requests, "clients": args.clients, "stories": len(story_ids),
                   "reports": len(story_ids) * PER_STORY, "store_build_s": built, "warm_s": warm, "loop_s": wall,
                   "errors": len(errors), "latency_ms": {r[0]: {"n": r[1], "p50": r[2], "p95": r[3], "max": r[4]} for r in rows}})
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
