"""The one gate every report passes on its way in: documented types and hard limits.

Records (JSON, JSON Lines), front matter and metadata sidecars are checked against `Record`;
anything else becomes one InputError naming the input and the field. Every Article, whatever
its format, then meets the per-report limits of Settings before it leaves ingest.
"""
from __future__ import annotations

import json
import math
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError

from ..errors import InputError
from ..model import Article
from ..settings import Settings

Short = Annotated[StrictStr, Field(max_length=1000)]
# digits beyond which an integer stays text: Python refuses to convert past 4,300
MAX_INT_DIGITS = 100
FIELD_TYPES = {
    "id": "a string or an integer",
    "url": "a string",
    "title": "a string",
    "outlet": "a string",
    "published": "a date as a string (2022-02-15)",
    "authors": "a list of names or one string of names",
    "text": "a string",
    "html": "a string",
    "source": "a string",
}
QUOTE_MARKS = ('"', "“", "”")


class Metadata(BaseModel):
    """What a record, a front matter or a sidecar may say about one report; other fields go to `extra`."""

    model_config = ConfigDict(extra="allow", strict=True)
    id: Short | StrictInt | None = None
    url: Annotated[StrictStr, Field(max_length=4000)] | None = None
    title: Short | None = None
    outlet: Short | None = None
    published: Annotated[StrictStr, Field(max_length=100)] | None = None
    authors: Annotated[list[Short], Field(max_length=200)] | Short | None = None
    source: StrictStr | None = None  # where an exported record came from: ours is the input's name


class Record(Metadata):
    text: StrictStr | None = None
    html: StrictStr | None = None


def load_json(content: str) -> Any:
    """Strict JSON in: NaN, Infinity and overflowing numbers stay text, so the output stays strict JSON.
    Raises ValueError (RecursionError included) with a reason fit for the user."""
    try:
        return json.loads(content, parse_constant=str, parse_float=finite_or_text, parse_int=int_or_text)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def finite_or_text(literal: str) -> float | str:
    value = float(literal)
    return value if math.isfinite(value) else literal


def int_or_text(literal: str) -> int | str:
    return int(literal) if len(literal) <= MAX_INT_DIGITS else literal


def depth(value: Any) -> int:
    """Nesting of lists and objects, counted without recursion (the value may be hostile)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            stack.extend((v, level + 1) for v in (item.values() if isinstance(item, dict) else item))
    return deepest


def validate(data: dict[str, Any], model: type[Metadata], where: str, settings: Settings) -> Metadata | InputError:
    if depth(data) > settings.max_json_depth:
        return InputError(where, f"nested deeper than {settings.max_json_depth} levels")
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return InputError(where, "holds an unpaired surrogate escape (\\ud800 to \\udfff alone), not valid Unicode")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        return InputError(where, problem(exc, data))


def problem(exc: ValidationError, data: dict[str, Any]) -> str:
    """The first wrong field, said the way the README documents it."""
    error = exc.errors()[0]
    name = str(error["loc"][0])
    if error["type"] in ("string_too_long", "too_long"):
        return f"field '{name}' is too long ({error['msg'].lower()})"
    return f"field '{name}' must be {FIELD_TYPES.get(name, 'valid')} (got {type(data.get(name)).__name__})"


def author_list(authors: list[str] | str | None) -> list[str]:
    if isinstance(authors, str):
        return [a.strip() for a in authors.replace(" and ", ",").split(",") if a.strip()]
    return [a.strip() for a in authors or [] if a.strip()]


def apply(meta: Metadata, article: Article) -> None:
    """Fill the article's metadata from what the user gave; the user's word wins over the page's."""
    if meta.id is not None:
        article.id = str(meta.id)
    article.url = meta.url or article.url
    article.outlet = meta.outlet or article.outlet
    article.published = meta.published or article.published
    article.title = meta.title or article.title
    article.authors = author_list(meta.authors) or article.authors
    article.extra.update(meta.model_extra or {})


def within_limits(article: Article, settings: Settings) -> tuple[Article | None, InputError | None]:
    """The report cut at a line boundary before the first limit it passes, and one line saying so;
    None when nothing is left before the cut."""
    text = article.text
    end, reason, quotes = 0, None, 0
    lines = text.split("\n")  # lines as the rest of corroborate counts them
    for number, line in enumerate(lines, 1):
        line += "\n" if number < len(lines) else ""
        if len(line.rstrip("\r\n")) > settings.max_line_chars:
            reason = f"a line is over the {settings.max_line_chars:,} character limit per line"
        elif end + len(line) > settings.max_report_chars:
            reason = f"text is over the {settings.max_report_chars:,} character limit per report"
        else:
            quotes += sum(line.count(mark) for mark in QUOTE_MARKS)
            if quotes // 2 > settings.max_quotes_per_report:
                reason = f"more than {settings.max_quotes_per_report:,} quotes, the limit per report"
        if reason:
            break
        end += len(line)
    if reason is None:
        return article, None
    if not text[:end].strip():
        return None, InputError(article.source, reason)
    article.text = text[:end]
    return article, InputError(article.source, f"{reason}: read up to line {number - 1}, the rest left out")
