"""A synthetic stream of 100,000 reports for the story index: time per 10,000 reports from the
start of the stream to its end, and peak memory.

Each story takes one of the ECB+ texts as its template and gets invented people, places and
figures and a date of its own; each report of the story is the template with about a third of
its sentences dropped and the story's names added. Features are built the cheap way (no parser,
no encoder): names come from the invented ones, the rare words from the kept sentences and the
invented names and figures, the lead vector is the template's random
direction moved towards the story's own and the report's own. Stories of one template are
near-copies of each other's text with other names and dates, as templated news (results,
weather, earnings) are.
"""
from __future__ import annotations

import json
import random
import resource
import time
from datetime import date

import numpy as np
from common import RESULTS, print_table
from ecbplus_annotated import raw_documents

from corroborate.cluster.features import EPOCH, Profile, day_of_year, minhash_of, term_counts, terms_of_counts
from corroborate.cluster.index import StoryIndex

REPORTS = 100_000
STEP = 10_000
DAYS = 730  # two years of news
SYLLABLES = "ka lo mi ne su ra ti vo be da ge hu ja ko lu ma no pe ri sa te ul va ze".split()


def invented_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def stream(seed: int = 7) -> list[tuple[Profile, int]]:
    """(profile, story number) for every report, in arrival order (by date, shuffled within a day)."""
    rng = random.Random(seed)
    np_rng = np.random.default_rng(seed)
    templates = [d["text"].split("\n\n") for d in raw_documents() if len(d["text"].split("\n\n")) >= 4]
    # a text's MinHash is the element-wise minimum of its parts' (shingles across parts aside):
    # each sentence and name is hashed once, not once per report
    hashed = [[minhash_of(sentence).hashvalues for sentence in t] for t in templates]
    counted = [[term_counts(sentence) for sentence in t] for t in templates]  # likewise the words
    directions = np_rng.normal(size=(len(templates), 384)).astype("float32")
    reports: list[tuple[Profile, int]] = []
    story = 0
    while len(reports) < REPORTS:
        story += 1
        t = rng.randrange(len(templates))
        people = [invented_name(rng) for _ in range(3)]
        places = [invented_name(rng) for _ in range(2)]
        figures = [str(rng.randint(11, 5000)) for _ in range(2)]
        day = 19_000 + rng.randrange(DAYS)
        own = directions[t] + 0.8 * np_rng.normal(size=384).astype("float32")
        own_hash = minhash_of(" ".join(people + places + figures)).hashvalues
        for r in range(min(rng.choice([1, 1, 2, 3, 4, 6, 10, 20]), REPORTS - len(reports))):
            kept = [k for k in range(len(templates[t])) if rng.random() > 0.3] or [0, 1]
            sentences = [templates[t][k] for k in kept]
            vector = own + 0.5 * np_rng.normal(size=384).astype("float32")
            kept_people = [p for p in people if rng.random() > 0.2] or people[:1]
            words = sum((counted[t][k] for k in kept), term_counts(" ".join(kept_people + places + figures)))
            terms, term_weights = terms_of_counts(words)
            outlet = f"outlet {rng.randrange(40)}"  # drawn before the day, in the order the stream has always used
            published = day + rng.randint(0, 3)
            when = date.fromordinal(EPOCH.toordinal() + published)
            reports.append((Profile(
                id=f"s{story}-r{r}", outlet=outlet, title=sentences[0][:80],
                day=published, years=[1970 + (day // 365)],
                names={n.lower(): rng.randint(1, 4) for n in kept_people + places}, main_person=people[0].lower(),
                vector=(vector / np.linalg.norm(vector)).astype("float32"),
                minhash=np.minimum.reduce([hashed[t][k] for k in kept] + [own_hash]),
                terms=terms, term_weights=term_weights, calendar_days=[day_of_year(when.isoformat())],
            ), story))
    reports.sort(key=lambda pr: (pr[0].day, rng.random()))
    return reports


def stream_bench() -> dict:
    started = time.perf_counter()
    reports = stream()
    built = time.perf_counter() - started
    index = StoryIndex()
    rows, times = [], []
    for start in range(0, len(reports), STEP):
        t0 = time.perf_counter()
        index.add_profiles([p for p, _ in reports[start:start + STEP]])
        times.append(time.perf_counter() - t0)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append([f"{start + 1:,}-{start + STEP:,}", times[-1], f"{rss:,.0f}", len(index.members)])
    print_table(f"Synthetic stream: {len(reports):,} reports, {max(s for _, s in reports):,} stories (built in {built:.0f} s)",
                ["reports", "seconds", "peak RSS MB", "stories so far"], rows)
    gold = {p.id: str(s) for p, s in reports}
    system = {p.id: index.story_of[p.id] for p, _ in reports}
    from cluster import bcubed

    p, r, f1 = bcubed(system, gold)
    print(f"clustering {sum(times):.0f} s; last/first 10,000: {times[-1] / times[0]:.2f}; B-cubed P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    return {"reports": len(reports), "build_seconds": built, "seconds_per_10000": times,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "end_over_start": times[-1] / times[0], "bcubed": [p, r, f1]}


if __name__ == "__main__":
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "cluster_stream.json").write_text(json.dumps(stream_bench(), indent=1))
