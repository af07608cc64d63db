"""WARC files (news crawls such as CC-NEWS): every HTML response record is one page."""
from __future__ import annotations

import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from .decode import decode
from .html import from_html


def read(source: str, data: bytes, settings: Settings) -> Iterator[Article | InputError]:
    count = 0
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
    if count == 0:
        yield InputError(source, "WARC holds no HTML response records")
