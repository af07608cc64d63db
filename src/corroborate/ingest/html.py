"""HTML pages: trafilatura finds the main text and the page's own metadata."""
from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from .decode import decode

# a card that pops up over a linked name (The Hill puts the person's full name and three
# headlines after every politician it names: "Rep. Ilhan OmarIlhan OmarHillicon Valley: ... MORE
# (D-Minn.)"): the element right after the link, whose class says it pops up; the name stays
POPUPS = ("//*[contains(@class, 'rollover') or contains(@class, 'hovercard') or contains(@class, 'hover-card')"
          " or contains(@class, 'popover')][preceding-sibling::*[1][self::a]]")
BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
              "header", "footer", "blockquote", "figcaption", "ul", "ol", "table", "nav", "aside", "pre", "dd", "dt"}


def read(source: str, data: bytes, settings: Settings) -> Iterator[Article | InputError]:
    page = decode(source, data)
    if isinstance(page, InputError):
        yield page
        return
    article = from_html(source, page, article_id=Path(source).name)
    yield article


def from_html(source: str, page: str, article_id: str, url: str | None = None, extra: dict[str, Any] | None = None) -> Article | InputError:
    """One page to one Article; the title becomes line 1 so the text reads like a report."""
    if "<" not in page:
        return InputError(source, "is not HTML (no tags)")
    import trafilatura  # on first use: a briefing of plain-text reports never needs it

    try:
        doc = trafilatura.bare_extraction(page, url=url, with_metadata=True, include_comments=False, include_tables=False,
                                          prune_xpath=POPUPS)
    except (ValueError, etree.ParserError, etree.XMLSyntaxError) as exc:
        return InputError(source, f"HTML could not be parsed ({exc})")
    body = (doc.text if doc else None) or page_text(page)
    if not body or not body.strip():
        return InputError(source, "HTML holds no readable text")
    title = (doc.title if doc else None) or None
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    meta = dict(extra or {})
    meta["format"] = "html"
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()] if doc else []
    return Article(
        id=article_id,
        source=source,
        text=text,
        title=title,
        outlet=(doc.sitename if doc else None) or None,
        authors=authors,
        published=(doc.date if doc else None) or None,
        url=url or (doc.url if doc else None),
        extra=meta,
    )


class VisibleText(HTMLParser):
    """Text of a page as events, so no nesting depth is too deep for it (lxml stops at 256 levels
    and keeps only what came before)."""

    HIDDEN = {"script", "style", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def page_text(page: str) -> str:
    """All visible text of a page, block elements on lines of their own: how pasted pages look."""
    parser = VisibleText()
    parser.feed(page)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
