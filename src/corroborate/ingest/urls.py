"""http(s) URLs: fetched with a timeout, a size cap and a content-type check."""
from __future__ import annotations

from collections.abc import Iterator

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from . import feeds, text
from .decode import decode
from .html import from_html


def is_url(item: str) -> bool:
    return item.startswith(("http://", "https://"))


def read(url: str, settings: Settings) -> Iterator[Article | InputError]:
    import httpx  # on first use, as the format readers' libraries

    try:
        with httpx.stream("GET", url, timeout=settings.url_timeout, follow_redirects=True,
                          headers={"User-Agent": "corroborate"}) as response:
            if response.status_code >= 400:
                yield InputError(url, f"server answered HTTP {response.status_code}")
                return
            ctype = response.headers.get("content-type", "").lower()
            if not any(kind in ctype for kind in ("html", "xml", "rss", "atom", "text/plain")):
                yield InputError(url, f"content type {ctype or 'unknown'} is not a page, feed or text")
                return
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > settings.max_input_bytes:
                    yield InputError(url, f"response is over the {settings.max_input_bytes / 1e6:.0f} MB limit per input")
                    return
                chunks.append(chunk)
    except httpx.TimeoutException:
        yield InputError(url, f"no answer within {settings.url_timeout:.0f} s")
        return
    except httpx.HTTPError as exc:
        yield InputError(url, f"could not be fetched ({exc.__class__.__name__}: {exc})")
        return
    data = b"".join(chunks)
    if "rss" in ctype or "atom" in ctype or ("xml" in ctype and (b"<rss" in data[:2048] or b"<feed" in data[:2048])):
        yield from feeds.read(url, data, settings)
    elif "html" in ctype:
        page = decode(url, data)
        yield page if isinstance(page, InputError) else from_html(url, page, article_id=url, url=url)
    else:
        for article in text.read(url, data, settings):
            if isinstance(article, Article):
                article.id = article.url = url
            yield article
