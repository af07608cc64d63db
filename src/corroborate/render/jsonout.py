"""The JSON contract (docs/briefing.schema.json): the Briefing as data, nothing dropped."""
from __future__ import annotations

import json
from dataclasses import asdict

from ..model import Article, Briefing

SCHEMA_VERSION = "1"


def render(briefing: Briefing) -> str:
    data = {"schema_version": SCHEMA_VERSION, **asdict(briefing)}
    return json.dumps(data, ensure_ascii=False, indent=1, default=str)


def article_line(article: Article) -> str:
    """One JSON Lines record of `corroborate annotate`."""
    return json.dumps(asdict(article), ensure_ascii=False, default=str)
