"""http(s) URLs: fetched with a timeout, a size cap and a content-type check."""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from . import feeds, text
from .decode import decode, megabytes
from .html import from_html


def is_url(item: str) -> bool:
    return item.startswith(("http://", "https://"))


def is_unsupported_url(item: str) -> bool:
    """file://, ftp:// and the like: named as unsupported, never opened."""
    scheme, sep, _ = item.partition("://")
    return bool(sep) and scheme.isalpha() and not is_url(item)


def fetch(url: str, settings: Settings) -> tuple[str, bytes] | InputError:
    """Content type and body within `url_deadline` seconds in all, whatever pace the server keeps:
    the fetch runs on a worker thread that stops at its next chunk once the deadline has passed."""
    outcome: list[tuple[str, bytes] | InputError] = []
    cancelled = threading.Event()
    worker = threading.Thread(target=lambda: outcome.append(fetch_now(url, settings, cancelled)), daemon=True)
    worker.start()
    worker.join(settings.url_deadline)
    if worker.is_alive() or not outcome:
        cancelled.set()  # a server trickling headers keeps the daemon thread until it gives up; it holds no more than one chunk
        return InputError(url, f"not fetched within {settings.url_deadline:.0f} s, the limit per URL")
    return outcome[0]


def fetch_now(url: str, settings: Settings, cancelled: threading.Event) -> tuple[str, bytes] | InputError:
    import httpx  # on first use, as the format readers' libraries

    deadline = time.monotonic() + settings.url_deadline
    try:
        with httpx.stream("GET", url, timeout=settings.url_timeout, follow_redirects=True,
                          headers={"User-Agent": "corroborate"}) as response:
            if response.status_code >= 400:
                return InputError(url, f"server answered HTTP {response.status_code}")
            ctype = response.headers.get("content-type", "").lower()
            if not any(kind in ctype for kind in ("html", "xml", "rss", "atom", "text/plain")):
                return InputError(url, f"content type {ctype or 'unknown'} is not a page, feed or text")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > settings.max_input_bytes:
                    return InputError(url, f"response is over the {megabytes(settings.max_input_bytes)} limit per input")
                if cancelled.is_set() or time.monotonic() > deadline:
                    return InputError(url, f"not fetched within {settings.url_deadline:.0f} s, the limit per URL")
                chunks.append(chunk)
    except httpx.TimeoutException:
        return InputError(url, f"no answer within {settings.url_timeout:.0f} s")
    except httpx.HTTPError as exc:
        return InputError(url, f"could not be fetched ({exc.__class__.__name__}: {exc})")
    return ctype, b"".join(chunks)


def read(url: str, settings: Settings) -> Iterator[Article | InputError]:
    fetched = fetch(url, settings)
    if isinstance(fetched, InputError):
        yield fetched
        return
    ctype, data = fetched
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
