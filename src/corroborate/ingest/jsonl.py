"""JSON Lines: one article per line; unknown fields are kept in `extra`."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from .decode import decode
from .html import from_html

KNOWN = {"id", "url", "title", "text", "html", "outlet", "published", "authors", "source"}


def read(source: str, data: bytes, settings: Settings) -> Iterator[Article | InputError]:
    content = decode(source, data)
    if isinstance(content, InputError):
        yield content
        return
    for number, raw in enumerate(content.splitlines(), 1):
        if not raw.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield InputError(where, "expected a JSON object per line")
            continue
        yield from_record(record, where, default_id=f"{Path(source).name}:{number}")


def read_json(source: str, data: bytes, settings: Settings) -> Iterator[Article | InputError]:
    """A .json file: one article object, a list of them, or {"articles": [...]}."""
    content = decode(source, data)
    if isinstance(content, InputError):
        yield content
        return
    try:
        value = json.loads(content)
    except json.JSONDecodeError as exc:
        yield InputError(source, f"not valid JSON ({exc.msg} at line {exc.lineno})")
        return
    records = value.get("articles", [value]) if isinstance(value, dict) else value
    if not isinstance(records, list) or not all(isinstance(r, dict) and (r.get("text") or r.get("html")) for r in records):
        yield InputError(source, "JSON holds no articles (expected objects with 'text' or 'html')")
        return
    for number, record in enumerate(records, 1):
        yield from_record(record, f"{source}#{number}", default_id=f"{Path(source).name}#{number}")


def from_record(record: dict, where: str, default_id: str) -> Article | InputError:
    article_id = str(record.get("id") or record.get("url") or default_id)
    extra = {k: v for k, v in record.items() if k not in KNOWN}
    authors = record.get("authors") or []
    if isinstance(authors, str):
        authors = [a.strip() for a in authors.replace(" and ", ",").split(",") if a.strip()]
    if record.get("text"):
        if not isinstance(record["text"], str):
            return InputError(where, "field 'text' must be a string")
        article = Article(id=article_id, source=where, text=record["text"], title=record.get("title"),
                          extra={**extra, "format": "jsonl"})
    elif record.get("html"):
        article = from_html(where, str(record["html"]), article_id=article_id, url=record.get("url"), extra=extra)
        if isinstance(article, InputError):
            return article
    else:
        return InputError(where, "has neither 'text' nor 'html'")
    article.url = record.get("url") or article.url
    article.outlet = record.get("outlet") or article.outlet
    article.published = record.get("published") or article.published
    article.authors = list(authors) or article.authors
    article.title = record.get("title") or article.title
    return article
