"""WARC files (news crawls such as CC-NEWS): every HTML response record is one page."""
from __future__ import annotations

import io
import zlib
from collections.abc import Iterator

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from .decode import decode
from .html import from_html


def complete_members(data: bytes) -> tuple[bytes, bool]:
    """The gzip members (one WARC record each, as crawlers write them) that arrived whole.

    warcio quietly returns a cut record's first part; a crawl cut short must say so instead."""
    out, rest = [], data
    while rest.strip(b"\0"):
        member = zlib.decompressobj(wbits=31)
        try:
            chunk = member.decompress(rest)
        except zlib.error:
            return b"".join(out), True
        if not member.eof:
            return b"".join(out), True
        out.append(chunk)
        rest = member.unused_data
    return b"".join(out), False


def read(source: str, data: bytes, settings: Settings) -> Iterator[Article | InputError]:
    from warcio.archiveiterator import ArchiveIterator  # on first use, as the other readers' libraries
    from warcio.exceptions import ArchiveLoadFailed

    count = 0
    truncated = False
    if data[:2] == b"\x1f\x8b":
        data, truncated = complete_members(data)
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response" or not record.http_headers:
                continue
            ctype = record.http_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            payload = record.content_stream().read()
            count += 1
            page = decode(f"{source} {url}", payload)
            if isinstance(page, InputError):
                yield page
                continue
            yield from_html(f"{source} {url}", page, article_id=url or f"{source}#{count}", url=url,
                            extra={"crawled": record.rec_headers.get_header("WARC-Date")})
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        yield InputError(source, f"WARC is truncated or damaged after {count} pages ({exc.__class__.__name__}: {exc})")
        return
    if truncated:
        yield InputError(source, f"WARC is truncated: its last record is incomplete (read {count} pages before it)")
    elif count == 0:
        yield InputError(source, "WARC holds no HTML response records")
