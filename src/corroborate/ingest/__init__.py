"""Read whatever the user has (files, folders, globs, URLs) into Articles.

Every input yields articles or an InputError naming it; one bad input never stops the rest.
"""
from __future__ import annotations

import errno
import glob
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from . import feeds, html, jsonl, text, urls, warc
from .boundary import Metadata, apply, load_json, validate, within_limits
from .decode import decode, read_bytes

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


SIDECAR = ".meta.json"


def sidecar_of(path: str) -> Path:
    """NAME.meta.json next to NAME.txt (or NAME.html): metadata the user gives for one report."""
    p = Path(path)
    return p.with_name((p.name[: -len(p.suffix)] if p.suffix else p.name) + SIDECAR)


class Expansion:
    """Inputs to the files and URLs they name: each file once however often it is reached
    (one path, one read), never an output, anything unreadable named."""

    def __init__(self, outputs: Iterable[str] = ()) -> None:
        self.seen: set[str] = {os.path.realpath(o) for o in outputs}

    def __call__(self, inputs: Iterable[str]) -> Iterator[str | InputError]:
        for item in inputs:
            if urls.is_url(item):
                if item not in self.seen:
                    self.seen.add(item)
                    yield item
                continue
            if urls.is_unsupported_url(item):
                yield InputError(item, f"unsupported address scheme {item.split(':', 1)[0]}:// (only http:// and https:// are fetched)")
                continue
            yield from self.path(item, named=True)

    def path(self, item: str, named: bool) -> Iterator[str | InputError]:
        # the entry itself, its folder resolved: a link met again through a looping folder is met once
        entry = os.path.join(os.path.realpath(os.path.dirname(item) or "."), os.path.basename(item))
        if entry in self.seen:
            return
        self.seen.add(entry)
        try:
            info = os.stat(item)
        except FileNotFoundError:
            if os.path.islink(item):
                yield InputError(item, "is a broken symbolic link")
            elif named and any(ch in item for ch in "*?["):
                yield from self.pattern(item)
            else:
                yield InputError(item, "no such file or folder")
            return
        except OSError as exc:
            yield InputError(item, "is a symbolic link loop" if exc.errno == errno.ELOOP else f"cannot be read ({exc.strerror or exc})")
            return
        real = os.path.realpath(item)
        if real in self.seen and real != entry:
            return
        self.seen.add(real)
        if stat.S_ISDIR(info.st_mode):
            yield from self.folder(item)
        elif not stat.S_ISREG(info.st_mode):
            yield InputError(item, "is not a regular file (a pipe, socket or device)")
        elif item.endswith(SIDECAR):
            if named:
                yield InputError(item, "is a metadata sidecar: it is read with the report of the same name, never as a report")
        else:
            yield item

    def folder(self, folder: str) -> Iterator[str | InputError]:
        try:
            names = [n for n in sorted(os.listdir(folder)) if not n.startswith(".") and n not in SKIPPED_NAMES]
        except OSError as exc:
            yield InputError(folder, f"folder cannot be read ({exc.strerror or exc})")
            return
        if not names:
            yield InputError(folder, "folder holds no files")
        for name in names:
            yield from self.path(os.path.join(folder, name), named=False)

    def pattern(self, item: str) -> Iterator[str | InputError]:
        matches = sorted(glob.glob(item, recursive=True), key=lambda m: (m.count(os.sep), m))
        if not matches:
            yield InputError(item, "no file matches this pattern")
        # `dir/**` matches the folders and the files in them: the files are read, each once; glob
        # follows links into folders, so a looping link gives the same places under ever longer names
        whole_folders = not item.rstrip("/\\").endswith("**")
        places: set[str] = set()
        for match in matches:
            place = os.path.realpath(match)
            if place in places:
                continue
            places.add(place)
            if whole_folders or not os.path.isdir(match):
                yield from self.path(match, named=False)


def expand(inputs: Iterable[str], outputs: Iterable[str] = ()) -> Iterator[str | InputError]:
    """Folders recursively, globs, files and URLs, in a stable order."""
    return Expansion(outputs)(inputs)


def read(inputs: Iterable[str], settings: Settings | None = None, outputs: Iterable[str] = ()) -> Iterator[Result]:
    """Yield an Article or an InputError for everything the inputs hold; `outputs` are never read."""
    settings = settings or Settings()
    seen_ids: set[str] = set()
    for item in expand(inputs, outputs):
        if isinstance(item, InputError):
            yield item
            continue
        for result in guarded(item, read_one(item, settings)):
            if isinstance(result, Article):
                article, cut = within_limits(result, settings)
                if cut:
                    yield cut
                if article is None:
                    continue
                article.id = unique_id(article.id, article.source, seen_ids)
                yield article
            else:
                yield result


def guarded(item: str, results: Iterator[Result]) -> Iterator[Result]:
    """A reader's library failing on an input it cannot handle costs that input, never the run."""
    try:
        yield from results
    except Exception as exc:  # noqa: BLE001 (parsers of hostile input raise anything; the rest must go on)
        yield InputError(item, f"could not be read ({exc.__class__.__name__}: {exc})")


def read_one(item: str, settings: Settings) -> Iterator[Result]:
    if urls.is_url(item):
        yield from urls.read(item, settings)
        return
    data = read_bytes(item, settings)
    if isinstance(data, InputError):
        yield data
        return
    fmt = sniff_format(item, data[:2048])
    results = READERS[fmt](item, data, settings)
    if fmt not in ("text", "html") or not sidecar_of(item).is_file():
        yield from results
        return
    meta = read_sidecar(str(sidecar_of(item)), settings)
    if isinstance(meta, InputError):
        yield meta
    for result in results:
        if isinstance(result, Article) and not isinstance(meta, InputError):
            apply(meta, result)
        yield result


def read_sidecar(path: str, settings: Settings) -> Metadata | InputError:
    data = read_bytes(path, settings)
    if isinstance(data, InputError):
        return data
    content = decode(path, data)
    if isinstance(content, InputError):
        return content
    try:
        value = load_json(content)
    except ValueError as exc:
        return InputError(path, f"not valid JSON ({exc})")
    if not isinstance(value, dict):
        return InputError(path, "a metadata sidecar holds one JSON object")
    return validate(value, Metadata, path, settings)


def unique_id(article_id: str, source: str, seen: set[str]) -> str:
    """File names are ids; two files of one name in different folders keep their paths."""
    if article_id in seen:
        article_id = source if source not in seen else f"{source}#{len(seen)}"
    seen.add(article_id)
    return article_id
