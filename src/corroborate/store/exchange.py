"""`corroborate export` JSON Lines: a header line, one line per report (every version, with its
annotations, vectors and edit history, and the story profile filing compares new reports with),
one line per story. `ingest` reads it back unchanged, and goes on filing new reports into its stories."""
from __future__ import annotations

import base64
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..model import Article
from . import Store
from .history import changes
from .schema import HEAD

FORMAT = "corroborate-export"


def export_lines(store: Store) -> Iterator[str]:
    yield json.dumps({"format": FORMAT, "schema": HEAD})
    for record in store.export_reports():
        record.pop("id")
        articles = [Article.from_dict(v["article"]) for v in record["versions"]]
        record["history"] = [{"version": n, "changes": changes(old, new)}
                             for n, (old, new) in enumerate(zip(articles, articles[1:]), start=2)]
        for v in record["versions"]:
            v["vectors"] = base64.b64encode(v["vectors"]).decode("ascii")
            v["minhash"] = base64.b64encode(v["minhash"]).decode("ascii")
        yield json.dumps({"kind": "report", **record}, ensure_ascii=False, default=str)
    for story in store.export_stories():
        yield json.dumps({"kind": "story", **story}, ensure_ascii=False, default=str)


def is_export(path: str) -> bool:
    """A file whose first line is an export header (read without trusting the extension)."""
    try:
        with Path(path).open("rb") as f:
            head = f.readline(4096)
        return json.loads(head).get("format") == FORMAT
    except (OSError, ValueError, AttributeError):
        return False


def import_lines(store: Store, lines: Iterator[str]) -> Counter:
    """Reports first (an export lists them before its stories); counts new, unchanged and updated."""
    counts: Counter = Counter()
    for line in lines:
        record = json.loads(line) if line.strip() else {}
        if record.get("kind") == "report":
            for v in record["versions"]:
                v["vectors"] = base64.b64decode(v["vectors"])
                v["minhash"] = base64.b64decode(v["minhash"])
            counts[store.import_report(record)] += 1
        elif record.get("kind") == "story":
            store.import_story(record)
            counts["stories"] += 1
    return counts
