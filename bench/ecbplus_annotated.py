"""All 982 ECB+ documents annotated once and kept as JSON Lines under bench/results/ (git-ignored):
annotating them takes minutes, clustering them seconds.

    .venv/bin/python bench/ecbplus_annotated.py     # builds the cache if it is missing
"""
from __future__ import annotations

import json
from pathlib import Path

from common import EVAL, RESULTS
from ecbplus_stories import document

from corroborate.model import Article, Entity, Line, Mention, Quote, Sentence, Value

CACHE = RESULTS / "ecbplus_annotated.jsonl"


def gold_story(doc_id: str) -> str:
    """The sub-topic a document belongs to: '1_10ecbplus.xml' -> '1_ecbplus'."""
    topic = doc_id.split("_", 1)[0]
    return f"{topic}_{'ecbplus' if doc_id.endswith('ecbplus.xml') else 'ecb'}"


def raw_documents() -> list[dict]:
    root = EVAL / "ecbplus" / "ECB+"
    return [document(p) for p in sorted(root.glob("*/*.xml"))]


def article_from_dict(d: dict) -> Article:
    """An Article back from `corroborate annotate`'s JSON Lines."""
    d = dict(d)
    d["lines"] = [Line(**x) for x in d["lines"]]
    d["sentences"] = [Sentence(**x) for x in d["sentences"]]
    d["values"] = [Value(**x) for x in d["values"]]
    d["entities"] = [Entity(**{**x, "mentions": [Mention(**m) for m in x["mentions"]]}) for x in d["entities"]]
    d["quotes"] = [Quote(**{**x, "speaker_mention": Mention(**x["speaker_mention"]) if x["speaker_mention"] else None})
                   for x in d["quotes"]]
    return Article(**d)


def annotated_ecbplus() -> list[Article]:
    if not CACHE.exists():
        from corroborate.pipeline import annotated
        from corroborate.render.jsonout import article_line

        RESULTS.mkdir(parents=True, exist_ok=True)
        raw = RESULTS / "ecbplus_all.jsonl"
        raw.write_text("".join(json.dumps(d) + "\n" for d in raw_documents()))
        articles, errors = annotated([str(raw)])
        if errors:
            raise SystemExit(f"ECB+ documents could not be read: {errors}")
        tmp = Path(str(CACHE) + ".part")
        tmp.write_text("".join(article_line(a) + "\n" for a in articles))
        tmp.replace(CACHE)
    return [article_from_dict(json.loads(line)) for line in CACHE.read_text().splitlines()]


if __name__ == "__main__":
    articles = annotated_ecbplus()
    print(f"{len(articles)} annotated ECB+ documents in {CACHE}")
