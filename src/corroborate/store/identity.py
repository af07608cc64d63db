"""When two reports are the same report: one canonical URL, or (without a URL) one normalised text."""
from __future__ import annotations

import hashlib

from ..model import Article
from ..text import normalize


def text_hash(text: str) -> str:
    """Edits to spacing, case or quote marks alone do not make a new text."""
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()


def canonical_url(url: str) -> str | None:
    """courlan's normalisation (scheme and host case, default ports, tracking parameters such as
    utm_*, query order) without the fragment, or None when the URL is not a web address."""
    from courlan import normalize_url

    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        return None
    try:
        return normalize_url(url).split("#", 1)[0]
    except ValueError:
        return None


def report_key(article: Article) -> str:
    url = canonical_url(article.url) if article.url else None
    return f"url:{url}" if url else f"text:{text_hash(article.text)}"
