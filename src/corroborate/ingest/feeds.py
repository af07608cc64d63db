"""RSS and Atom feeds: one article per entry, its HTML content reduced to text."""
from __future__ import annotations

import io
from collections.abc import Iterator
from time import strftime

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from .html import page_text


def read(source: str, data: bytes, settings: Settings) -> Iterator[Article | InputError]:
    import feedparser  # on first use, as the other format readers' libraries

    # from a stream, never from bytes or a string: feedparser opens a path or URL it is given
    feed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False)
    if not feed.entries:
        reason = f"not a readable feed ({feed.bozo_exception})" if feed.get("bozo") else "feed has no entries"
        yield InputError(source, reason)
        return
    outlet = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, 1):
        html = entry.content[0].value if entry.get("content") else entry.get("summary", "")
        body = page_text(f"<div>{html}</div>") if "<" in html else html
        title = entry.get("title")
        if not body.strip() and not title:
            yield InputError(f"{source}#{number}", "feed entry has no text")
            continue
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        authors = [a.get("name") for a in entry.get("authors", []) if a.get("name")]
        yield Article(
            id=entry.get("id") or entry.get("link") or f"{source}#{number}",
            source=source,
            text=f"{title}\n\n{body}" if title else body,
            title=title,
            outlet=outlet,
            authors=authors,
            published=strftime("%Y-%m-%d", parsed) if parsed else None,
            url=entry.get("link"),
            extra={"format": "feed"},
        )
