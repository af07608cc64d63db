"""Read whatever the user has (files, folders, globs, URLs) into Articles.

Every input yields articles or an InputError naming it; one bad input never stops the rest.
"""
from __future__ import annotations

import glob
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from . import feeds, html, jsonl, text, urls, warc
from .decode import read_bytes

Result = Article | InputError

READERS: dict[str, Callable[[str, bytes, Settings], Iterator[Result]]] = {
    "text": text.read,
    "html": html.read,
    "jsonl": jsonl.read,
    "json": jsonl.read_json,
    "feed": feeds.read,
    "warc": warc.read,
}

SKIPPED_NAMES = {".DS_Store"}


def sniff_format(name: str, head: bytes) -> str:
    """Pick a reader from the file name, then from the first bytes."""
    lower = name.lower()
    if lower.endswith((".warc", ".warc.gz", ".arc.gz")):
        return "warc"
    if lower.endswith((".jsonl", ".ndjson", ".jsonl.gz")):
        return "jsonl"
    if lower.endswith(".json"):
        return "json"
    if lower.endswith((".rss", ".atom", ".xml")):
        return "feed"
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    start = head.lstrip()[:500].lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    if start.startswith(b"<?xml") or start.startswith((b"<rss", b"<feed")):
        return "feed" if (b"<rss" in start or b"<feed" in start or b"<rdf" in start) else "html"
    if head[:4] == b"WARC":
        return "warc"
    return "text"


def expand(inputs: Iterable[str]) -> Iterator[str | InputError]:
    """Folders recursively, globs, files and URLs, in a stable order."""
    for item in inputs:
        if urls.is_url(item):
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".") and p.name not in SKIPPED_NAMES)
            if not files:
                yield InputError(item, "folder holds no files")
            yield from (str(p) for p in files)
        elif path.is_file():
            yield item
        elif any(ch in item for ch in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield InputError(item, "no file matches this pattern")
            yield from expand(matches)
        else:
            yield InputError(item, "no such file or folder")


def read(inputs: Iterable[str], settings: Settings | None = None) -> Iterator[Result]:
    """Yield an Article or an InputError for everything the inputs hold."""
    settings = settings or Settings()
    seen_ids: set[str] = set()
    for item in expand(inputs):
        if isinstance(item, InputError):
            yield item
            continue
        if urls.is_url(item):
            results = urls.read(item, settings)
        else:
            data = read_bytes(item, settings)
            if isinstance(data, InputError):
                yield data
                continue
            fmt = sniff_format(item, data[:2048])
            results = READERS[fmt](item, data, settings)
        for result in results:
            if isinstance(result, Article):
                result.id = _unique(result.id, result.source, seen_ids)
            yield result


def _unique(article_id: str, source: str, seen: set[str]) -> str:
    """File names are ids; two files of one name in different folders keep their paths."""
    if article_id in seen:
        article_id = source if source not in seen else f"{source}#{len(seen)}"
    seen.add(article_id)
    return article_id
