"""Story clustering: ECB+ sub-topics (each sub-topic one story, all 982 documents in one run)
scored by B-cubed and CEAF-e next to a TF-IDF cosine single-link baseline at its best threshold,
also on the odd and the even topics alone (the evidence weights were chosen on the odd ones);
NewsWCL50 (ten events, five outlets each); 181 real web pages of November 2019 grouped by event
by a reader (scrapinghub_events.json); and a synthetic stream of 100,000 reports for time
and memory.

    nice -n 10 .venv/bin/python bench/cluster.py            # ECB+ (annotations cached in bench/results/)
    nice -n 10 .venv/bin/python bench/cluster.py --stream   # also the 100,000-report stream
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from common import EVAL, RESULTS, Timer, print_table, save
from ecbplus_annotated import annotated_ecbplus, article_from_dict, gold_story
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer

from corroborate.cluster import StoryIndex
from corroborate.cluster.features import Profile, profiles
from corroborate.settings import Settings


def bcubed(system: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster) against the gold one."""
    by_system, by_gold = defaultdict(set), defaultdict(set)
    for item in gold:
        by_system[system[item]].add(item)
        by_gold[gold[item]].add(item)
    p = np.mean([len(by_system[system[i]] & by_gold[gold[i]]) / len(by_system[system[i]]) for i in gold])
    r = np.mean([len(by_system[system[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]]) for i in gold])
    return float(p), float(r), float(2 * p * r / (p + r))


def ceaf_e(system: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """Entity-based CEAF (phi4: 2|K & R| / (|K| + |R|)) under the best one-to-one alignment."""
    sys_sets, gold_sets = defaultdict(set), defaultdict(set)
    for item in gold:
        sys_sets[system[item]].add(item)
        gold_sets[gold[item]].add(item)
    ks, rs = list(gold_sets.values()), list(sys_sets.values())
    phi = np.array([[2 * len(k & r) / (len(k) + len(r)) for r in rs] for k in ks])
    rows, cols = linear_sum_assignment(-phi)
    total = phi[rows, cols].sum()
    p, r = total / len(rs), total / len(ks)
    return float(p), float(r), float(2 * p * r / (p + r))


def tfidf_single_link(texts: list[str], ids: list[str], gold: dict[str, str]) -> tuple[float, dict[str, str]]:
    """The usual baseline: TF-IDF cosine, link every pair above a threshold, take connected parts;
    the threshold is the one that scores best against the gold (an upper bound for the baseline)."""
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    sims = (matrix @ matrix.T).toarray()
    best = (-1.0, 0.0, {})
    for threshold in np.arange(0.05, 0.96, 0.025):
        _, labels = connected_components(sims >= threshold, directed=False)
        system = {i: str(label) for i, label in zip(ids, labels)}
        f1 = bcubed(system, gold)[2]
        if f1 > best[0]:
            best = (f1, float(threshold), system)
    return best[1], best[2]


PROFILES = RESULTS / "ecbplus_profiles.json"


def ecbplus_profiles(articles: list) -> list[Profile]:
    """Profiles of the annotated documents, kept beside them (the lead vectors take minutes here);
    delete the file after changing cluster/features.py."""
    if not PROFILES.exists():
        PROFILES.write_text(json.dumps([p.to_dict() for p in profiles(articles, Settings())]))
    return [Profile.from_dict(d) for d in json.loads(PROFILES.read_text())]


def scored(articles: list, found: list[Profile], gold: dict[str, str], label: str) -> list[list]:
    """corroborate and the baseline on one set of documents: one table row each."""
    system = {key: s.id for s in clustered(found) for key in s.articles}
    threshold, baseline = tfidf_single_link([a.text for a in articles], [a.id for a in articles], gold)
    return [[label, "corroborate cluster", *bcubed(system, gold), ceaf_e(system, gold)[2], len(set(system.values()))],
            [label, f"TF-IDF single link (best threshold {threshold:.3f})", *bcubed(baseline, gold),
             ceaf_e(baseline, gold)[2], len(set(baseline.values()))]]


def clustered(found: list[Profile]) -> list:
    index = StoryIndex()
    index.add_profiles(found)
    return index.stories()


def ecbplus() -> dict:
    articles = annotated_ecbplus()
    gold = {a.id: gold_story(a.id) for a in articles}
    found = ecbplus_profiles(articles)
    with Timer() as timer:
        clustered(found)
    odd = {a.id for a in articles if int(a.id.split("_")[0]) % 2}
    rows = []
    for label, keep in (("all topics", lambda i: True), ("odd topics", lambda i: i in odd),
                        ("even topics", lambda i: i not in odd)):
        chosen = [a for a in articles if keep(a.id)]
        rows += scored(chosen, [p for p in found if keep(p.id)], {a.id: gold[a.id] for a in chosen}, label)
    print_table(f"ECB+ sub-topics: {len(articles)} documents, {len(set(gold.values()))} stories "
                f"(clustering all profiles took {timer.seconds:.1f} s)",
                ["documents", "system", "B3 precision", "B3 recall", "B3 F1", "CEAF-e F1", "stories"], rows)
    return {"documents": len(articles), "gold_stories": len(set(gold.values())), "seconds": timer.seconds,
            "rows": rows}


def annotated_once(paths: list[Path], cache: Path) -> list:
    """The files annotated, kept in `cache` (annotation takes minutes; delete it after changing
    the clean or annotate stages)."""
    if not cache.exists():
        from corroborate.pipeline import annotated
        from corroborate.render.jsonout import article_line

        found, errors = annotated([str(p) for p in paths])
        if errors:
            raise SystemExit(f"{cache.name}: inputs could not be read: {errors}")
        RESULTS.mkdir(parents=True, exist_ok=True)
        cache.write_text("".join(article_line(a) + "\n" for a in found))
    return [article_from_dict(json.loads(line)) for line in cache.read_text().splitlines()]


NEWSWCL50 = EVAL / "newswcl50"
NEWSWCL50_CACHE = RESULTS / "newswcl50_annotated.jsonl"


def newswcl50() -> dict:
    """Ten events of 2017-2018, five outlets of different leanings each, no dates: related events
    with the same actors days apart are the hard part."""
    articles = annotated_once(sorted(NEWSWCL50.glob("event_*/*.txt")), NEWSWCL50_CACHE)
    gold = {a.id: a.id.split("_")[0] for a in articles}  # "3_LL.txt" tells event 3
    rows = scored(articles, profiles(articles, Settings()), gold, "NewsWCL50")
    print_table(f"NewsWCL50: {len(articles)} reports, {len(set(gold.values()))} events",
                ["documents", "system", "B3 precision", "B3 recall", "B3 F1", "CEAF-e F1", "stories"], rows)
    return {"documents": len(articles), "rows": rows}


SCRAPINGHUB = EVAL / "article-extraction-benchmark" / "html"
SCRAPINGHUB_EVENTS = Path(__file__).parent / "scrapinghub_events.json"
SCRAPINGHUB_CACHE = RESULTS / "scrapinghub_annotated.jsonl"


def scrapinghub() -> dict:
    """181 real web pages of November 2019 as they were saved (news of many outlets, dated within
    days, and some pages that are no news), grouped by event by a reader
    (scrapinghub_events.md): different events of one topic on one day are the hard part."""
    articles = annotated_once(sorted(SCRAPINGHUB.glob("*.html.gz")), SCRAPINGHUB_CACHE)
    gold = json.loads(SCRAPINGHUB_EVENTS.read_text())
    rows = scored(articles, profiles(articles, Settings()), gold, "ScrapingHub")
    print_table(f"ScrapingHub pages: {len(articles)} pages, {len(set(gold.values()))} events",
                ["documents", "system", "B3 precision", "B3 recall", "B3 F1", "CEAF-e F1", "stories"], rows)
    return {"documents": len(articles), "rows": rows}


if __name__ == "__main__":
    results = {"ecbplus": ecbplus(), "newswcl50": newswcl50(), "scrapinghub": scrapinghub()}
    if "--stream" in sys.argv:
        from cluster_stream import stream_bench

        results["stream"] = stream_bench()
    print(save("cluster", results))
