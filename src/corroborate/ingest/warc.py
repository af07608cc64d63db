"""WARC files (news crawls such as CC-NEWS): every HTML response record is one page."""
from __future__ import annotations

import contextlib
import io
import zlib
from collections.abc import Iterator

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from .decode import CHUNK, decode, megabytes
from .html import from_html


class TooLarge(Exception):
    pass


def complete_members(data: bytes, limit: int) -> tuple[bytes, bool]:
    """The gzip members (one WARC record each, as crawlers write them) that arrived whole,
    decompressed in chunks and stopped once they pass `limit` (TooLarge).

    warcio quietly returns a cut record's first part; a crawl cut short must say so instead."""
    out, size, rest = [], 0, data
    while rest.strip(b"\0"):
        member = zlib.decompressobj(wbits=31)
        pieces = []
        try:
            while rest and not member.eof:
                piece = member.decompress(rest, CHUNK)
                rest = member.unconsumed_tail
                size += len(piece)
                if size > limit:
                    raise TooLarge
                pieces.append(piece)
        except zlib.error:
            return b"".join(out), True
        if not member.eof:
            return b"".join(out), True
        out.extend(pieces)
        rest = member.unused_data
    return b"".join(out), False


def read(source: str, data: bytes, settings: Settings) -> Iterator[Article | InputError]:
    """The pages read whole first: warcio writes its warnings about damaged records straight to
    stderr, so they are caught while it runs and said in one line of ours instead."""
    with contextlib.redirect_stderr(io.StringIO()) as warnings:
        results = list(pages(source, data, settings))
    yield from results
    if warnings.getvalue() and not any(isinstance(r, InputError) and r.source == source for r in results):
        yield InputError(source, "WARC is damaged: a record's length does not match its content")


def pages(source: str, data: bytes, settings: Settings) -> Iterator[Article | InputError]:
    from warcio.archiveiterator import ArchiveIterator  # on first use, as the other readers' libraries
    from warcio.exceptions import ArchiveLoadFailed

    count = 0
    truncated = False
    if data[:2] == b"\x1f\x8b":
        try:
            data, truncated = complete_members(data, settings.max_input_bytes)
        except TooLarge:
            yield InputError(source, f"expands to more than {megabytes(settings.max_input_bytes)}, over the limit per input")
            return
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response" or not record.http_headers:
                continue
            ctype = record.http_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            payload = record.content_stream().read(settings.max_input_bytes + 1)
            where = f"{source} {url}"
            if len(payload) > settings.max_input_bytes:
                yield InputError(where, f"page expands to more than {megabytes(settings.max_input_bytes)}, over the limit per input")
                continue
            if record.raw_stream.limit > 0:  # the record says it is longer than what the file holds
                truncated = True
                break
            count += 1
            page = decode(where, payload)
            if isinstance(page, InputError):
                yield page
                continue
            yield from_html(where, page, article_id=url or f"{source}#{count}", url=url,
                            extra={"crawled": record.rec_headers.get_header("WARC-Date")})
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error, AttributeError, KeyError, IndexError) as exc:
        # warcio fails with whatever its parser meets in a damaged record header
        yield InputError(source, f"WARC is truncated or damaged after {count} pages ({exc.__class__.__name__}: {exc})")
        return
    if truncated:
        yield InputError(source, f"WARC is truncated: its last record is incomplete (read {count} pages before it)")
    elif count == 0:
        yield InputError(source, "WARC holds no HTML response records")
