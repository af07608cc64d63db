"""Shared-quote alignment recall on the ten NewsWCL50 stories, with briefings cached.

    nice -n 10 .venv/bin/python bench/alignment.py [CACHE_DIR]

Briefs each story once (the JSON is kept in CACHE_DIR, default bench/results/newswcl50/) and
scores it with ../shared/tools/score_alignment.py, which reads the reports as corroborate does
(line ends as "\n"), so both count offsets in the same text.

The annotated reports are kept too (CACHE_DIR/event_N.articles.json): after a change to the
analysis (alignment, claims, discrepancies), delete only the briefings (CACHE_DIR/event_*[0-9].json)
and the run encodes and analyses again in about a minute instead of annotating the 50 reports.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from common import EVAL, ROOT, SHARED, print_table

STORIES = EVAL / "newswcl50"


def scorer():
    spec = importlib.util.spec_from_file_location("score_alignment", SHARED / "tools" / "score_alignment.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def annotated_reports(event: Path, cache: Path) -> list:
    """The story's reports, cleaned and annotated each on its own, as `brief` reads them; kept as
    JSON, since annotating is most of a briefing's time and analysis changes do not touch it."""
    import json
    from dataclasses import asdict

    from corroborate.model import Article
    from corroborate.pipeline import annotated

    kept = cache / f"{event.name}.articles.json"
    if kept.exists():
        return [Article.from_dict(a) for a in json.loads(kept.read_text(encoding="utf-8"))]
    articles, errors = annotated(sorted(str(p) for p in event.glob("*.txt")))
    assert not errors, errors
    kept.write_text(json.dumps([asdict(a) for a in articles]), encoding="utf-8")
    return articles


def briefing(event: Path, cache: Path) -> Path:
    """The story's briefing as JSON, briefed in this process (models load once) unless cached."""
    from corroborate.pipeline import encoded_and_analysed
    from corroborate.render import render
    from corroborate.settings import Settings

    out = cache / f"{event.name}.json"
    if not out.exists():
        out.write_text(render(encoded_and_analysed(annotated_reports(event, cache), Settings()), "json"), encoding="utf-8")
    return out


def main() -> None:
    import json

    cache = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "results" / "newswcl50"
    cache.mkdir(parents=True, exist_ok=True)
    tool = scorer()
    rows, totals = [], [0, 0]
    for event in sorted(STORIES.glob("event_*"), key=lambda p: int(p.name.split("_")[1])):
        brief = json.loads(briefing(event, cache).read_text(encoding="utf-8"))
        result = tool.score(brief, {p.name: p.read_text(encoding="utf-8") for p in sorted(event.glob("*.txt"))})
        pairs, aligned = result["shared_quote_pairs"], result["aligned"]
        rows.append([event.name, pairs, aligned, aligned / pairs if pairs else 1.0])
        totals = [totals[0] + pairs, totals[1] + aligned]
    rows.append(["all", totals[0], totals[1], totals[1] / totals[0]])
    print_table("NewsWCL50 shared-quote alignment", ["story", "shared quote pairs", "aligned", "recall"], rows)


if __name__ == "__main__":
    main()
