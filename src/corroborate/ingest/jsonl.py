"""JSON Lines and JSON: one article per record; unknown fields are kept in `extra`."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from .boundary import Record, apply, load_json, validate
from .decode import decode
from .html import from_html


def read(source: str, data: bytes, settings: Settings) -> Iterator[Article | InputError]:
    content = decode(source, data)
    if isinstance(content, InputError):
        yield content
        return
    # records end at "\n" only: U+2028 or U+0085 inside a string are text, not line ends
    for number, raw in enumerate(content.split("\n"), 1):
        if not raw.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = load_json(raw)
        except ValueError as exc:
            yield InputError(where, f"not valid JSON ({reason(exc)})")
            continue
        if not isinstance(record, dict):
            yield InputError(where, "expected a JSON object per line")
            continue
        yield from_record(record, where, f"{Path(source).name}:{number}", settings)


def read_json(source: str, data: bytes, settings: Settings) -> Iterator[Article | InputError]:
    """A .json file: one article object, a list of them, or {"articles": [...]}; a bad record
    is named by its number and the good ones are read."""
    content = decode(source, data)
    if isinstance(content, InputError):
        yield content
        return
    try:
        value = load_json(content)
    except ValueError as exc:
        yield InputError(source, f"not valid JSON ({reason(exc)})")
        return
    records = value.get("articles", [value]) if isinstance(value, dict) else value
    if not isinstance(records, list) or not any(isinstance(r, dict) and ("text" in r or "html" in r) for r in records):
        yield InputError(source, "JSON holds no articles (expected objects with 'text' or 'html')")
        return
    for number, record in enumerate(records, 1):
        where = f"{source}#{number}"
        if not isinstance(record, dict):
            yield InputError(where, "expected a JSON object for each article")
            continue
        yield from_record(record, where, f"{Path(source).name}#{number}", settings)


def reason(exc: ValueError) -> str:
    msg = getattr(exc, "msg", None)
    return f"{msg} at line {exc.lineno} column {exc.colno}" if msg else str(exc)


def from_record(data: dict[str, Any], where: str, default_id: str, settings: Settings) -> Article | InputError:
    record = validate(data, Record, where, settings)
    if isinstance(record, InputError):
        return record
    article_id = str(record.id if record.id is not None else record.url or default_id)
    if record.text and record.text.strip():
        article = Article(id=article_id, source=where, text=record.text, extra={"format": "jsonl"})
    elif record.html:
        article = from_html(where, record.html, article_id=article_id, url=record.url)
        if isinstance(article, InputError):
            return article
    else:
        return InputError(where, "has neither 'text' nor 'html'")
    apply(record, article)
    article.id = article_id
    return article
