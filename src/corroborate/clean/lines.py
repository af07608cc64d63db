"""Label every non-empty line of a scraped report: title, body, subheading, caption, credits,
boilerplate or embed.

No library cleans *plain text* (trafilatura and jusText need the HTML tree), so this is
written here, on jusText's idea: score each line alone (length, closing punctuation,
stop-word density, widget/caption/credit shapes, language), then settle the uncertain
ones by where they stand: between body paragraphs a short line is a subheading; before
the first or after the last body paragraph it is page furniture.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..model import Article, Line
from ..nlp import language_of
from ..text import NEWS_AGENCIES, STOP_WORDS, normalize, split_lines, words
from . import patterns as P

GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"
EXTRACTED_FORMATS = {"html", "feed"}  # text that a main-content extractor produced
MIN_PROSE_WORDS = 8
MIN_TITLE_WORDS = 3
MAX_TITLE_WORDS = 19  # headlines run to about 20 words; a longer line closed by a full stop is the lead
SURE_LANGUAGE = 0.9  # how sure language identification must be before a line counts as another language
MIN_BODY_BEFORE_END = 3  # an "end of article" heading counts only after this many body paragraphs
NON_LATIN = re.compile(r"[\u0400-\u04FF\u0600-\u06FF\u0590-\u05FF\u4E00-\u9FFF\u3040-\u30FF\uAC00-\uD7AF\u0E00-\u0E7F]")


def line_language(text: str) -> str | None:
    """The language of lines long enough to judge; None for short ones."""
    letters = sum(ch.isalpha() for ch in text)
    if letters < 40:
        non_latin = len(NON_LATIN.findall(text))
        return language_of(text) if letters and non_latin / letters > 0.3 else None
    return language_of(text, sure=SURE_LANGUAGE)


def label_article(article: Article) -> None:
    """Set `article.lines`, `article.language` and, for plain text, `article.title`."""
    lines = split_lines(article.text)
    texts = [article.text[ln.start:ln.end].strip() for ln in lines]
    filled = [i for i, t in enumerate(texts) if t]
    for i in filled:
        lines[i].language = line_language(texts[i])
    article.language = report_language(lines, texts, filled) or article.language
    counts = Counter(normalize(texts[i]) for i in filled)
    counts.update(teaser_prefix(texts[i]) for i in filled)
    kinds = {i: first_look(texts[i], lines[i].language, article.language, counts) for i in filled}
    labels: dict[int, str] = {i: label for i, (_, label) in kinds.items() if label}
    shape = {i: s for i, (s, _) in kinds.items()}

    title_index = find_title(article, texts, filled, shape, labels)
    shape_before_title = shape[title_index] if title_index is not None else None
    if title_index is not None:
        labels[title_index] = "title"
        shape[title_index] = "title"
        if not article.title:
            article.title = texts[title_index]
    good = [i for i in filled if shape[i] == GOOD and i not in labels]
    end = article_end(filled, texts, good)
    good = [i for i in good if i < end]
    first_good, last_good = (good[0], good[-1]) if good else (len(texts), -1)
    start = title_index if title_index is not None else -1

    extracted = article.extra.get("format") in EXTRACTED_FORMATS
    for i in filled:
        if i in labels:
            continue
        s = shape[i]
        if extracted and i > start:
            # trafilatura already chose the main text: only lines that look like furniture go
            labels[i] = "body" if s in (GOOD, NEAR) or texts[i].endswith(".") else "subheading"
            continue
        if i < start:
            labels[i] = "boilerplate"
        elif s == GOOD:
            labels[i] = "body"
        elif i > last_good:
            labels[i] = "boilerplate"
        elif s == NEAR and (i > first_good or len(words(texts[i])) > 1):
            labels[i] = "body"
        elif i < first_good:
            labels[i] = "boilerplate"  # tags and kickers above the story ("NATO", "World")
        else:
            labels[i] = "body" if texts[i].endswith(".") else "subheading"
    settle_neighbours(filled, texts, labels)
    if title_index is not None and "body" not in labels.values() and (
            shape_before_title in (GOOD, NEAR) or P.TERMINAL.search(texts[title_index])):
        labels[title_index] = "body"  # a one-line brief: its only sentence is its story, and its title
    for i in filled:
        lines[i].label = labels[i]
    article.lines = lines


def article_end(filled: Sequence[int], texts: Sequence[str], good: Sequence[int]) -> int:
    """Where the article stops: a comments or related-stories heading after some body text."""
    for i in filled:
        if P.END_OF_ARTICLE.match(texts[i]) and sum(g < i for g in good) >= MIN_BODY_BEFORE_END:
            return i
    return len(texts)


def report_language(lines: Sequence[Line], texts: Sequence[str], filled: Sequence[int]) -> str | None:
    weight: Counter[str] = Counter()
    for i in filled:
        if lines[i].language:
            weight[lines[i].language] += len(texts[i])
    return weight.most_common(1)[0][0] if weight else None


def first_look(text: str, language: str | None, report_language: str | None, counts: Counter) -> tuple[str, str | None]:
    """The line's shape (good/near/short/bad) and, when it is certain alone, its label."""
    tokens = words(text)
    n = len(tokens)
    key = normalize(text)
    if P.SEPARATOR.match(text) or P.NAV_SEPARATORS.search(text):
        return BAD, "boilerplate"
    if language and report_language and language != report_language and (n >= 4 or NON_LATIN.search(text)):
        return BAD, "embed"
    if P.SOCIAL_FOOTER.match(text):
        return BAD, "embed"
    if P.CAPTION_START.match(text) or (n >= 6 and P.PHOTO_CREDIT_END.search(text)):
        return BAD, "caption"
    if is_credit(text, tokens):
        return BAD, "credits"
    terminal = bool(P.TERMINAL.search(text))
    good = is_prose(text, tokens)
    if P.WIDGET.match(text) and n < 30:
        return BAD, "boilerplate"
    widget_hits = len(P.WIDGET_ANYWHERE.findall(text))
    if n < 30 and (widget_hits >= 2 or (widget_hits and not good) or (P.DOMAIN.search(text) and not terminal)):
        return BAD, "boilerplate"
    if counts[key] > 1 and n >= 3:
        return BAD, "boilerplate"
    if not good and counts[teaser_prefix(text)] >= 3:
        return BAD, "boilerplate"
    if good:
        return GOOD, None
    return (NEAR if n >= MIN_PROSE_WORDS else SHORT), None


def is_prose(text: str, tokens: Sequence[str] | None = None) -> bool:
    """A sentence of prose: enough words, ending as a sentence ends, with function words."""
    tokens = words(text) if tokens is None else tokens
    n = len(tokens)
    stop_share = sum(t.lower() in STOP_WORDS for t in tokens) / n if n else 0.0
    # a bare question is a teaser headline ("How far would Russia go?") more often than prose
    question = text.rstrip().endswith("?") and n < 15
    return n >= MIN_PROSE_WORDS and bool(P.TERMINAL.search(text)) and stop_share >= 0.15 and not question


def teaser_prefix(text: str) -> str:
    """Related-story lists repeat a kicker ("Today's Big Question ..."): the first three words."""
    return "prefix:" + " ".join(words(text.lower())[:3])


def is_credit(text: str, tokens: Sequence[str]) -> bool:
    if text.strip() in NEWS_AGENCIES:
        return True
    if P.AUTHOR_BIO.match(text) and len(tokens) < 60:
        return True
    if P.PUBLICATION_LINE.match(text) and len(tokens) <= 15:
        return True
    if parse_byline(text) is not None:
        return True
    return bool(P.CREDIT_LINE.match(text)) and not text.lower().startswith("by ")


BYLINE = re.compile(r"^By\s+(?P<names>.+?)\s*$", re.IGNORECASE)
NAME_WORD = re.compile(r"^(?:[A-Z][\w.'’-]*|[a-z]{1,3}|and|with|&|,)$")


def parse_byline(text: str) -> tuple[list[str], list[str]] | None:
    """'By A, B and C' / 'By Outlet with AFP' -> (names, agencies); None when not a byline."""
    m = BYLINE.match(text.strip())
    if not m or P.TERMINAL.search(text) and not text.rstrip().endswith(("Jr.", "Sr.")):
        return None
    raw = m.group("names").replace("|", ",")
    tokens = raw.replace(",", " , ").split()
    if not tokens or len(tokens) > 24 or not all(NAME_WORD.match(t) for t in tokens):
        return None
    parts = [p.strip() for p in re.split(r",|\band\b|&|\bwith\b", raw, flags=re.IGNORECASE) if p.strip()]
    agencies = [NEWS_AGENCIES[p] for p in parts if p in NEWS_AGENCIES]
    names = [title_case(p) for p in parts if p not in NEWS_AGENCIES]
    return names, agencies


def title_case(name: str) -> str:
    return " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in name.split())


def find_title(article: Article, texts: Sequence[str], filled: Sequence[int], shape: dict, labels: dict) -> int | None:
    """A given title (HTML, JSONL, feed) wins; plain text takes its first headline-like line, unless
    the report opens with its lead paragraph (a brief pasted without its headline)."""
    if article.title:
        wanted = normalize(article.title)
        return next((i for i in filled[:10] if normalize(texts[i]) == wanted), None)
    for i in filled[:10]:
        if i in labels or shape[i] == BAD:
            continue
        if is_lead(texts[i]):
            return None
        if len(words(texts[i])) >= MIN_TITLE_WORDS:
            return i
    return filled[0] if filled and filled[0] not in labels and not is_lead(texts[filled[0]]) else None


def is_lead(text: str) -> bool:
    """A line that opens the story's prose, not a headline: a dateline ("WASHINGTON —",
    "TEL AVIV (Reuters) -") before a sentence, or a sentence longer than headlines run."""
    if not P.TERMINAL.search(text):
        return False
    n = len(words(text))
    return n > MAX_TITLE_WORDS or (n >= MIN_PROSE_WORDS and bool(P.DATELINE_OPENING.match(text)))


def settle_neighbours(filled: Sequence[int], texts: Sequence[str], labels: dict[int, str]) -> None:
    """Context rules that need the first pass done."""
    for position, i in enumerate(filled):
        prev_label = labels[filled[position - 1]] if position else None
        next_label = labels[filled[position + 1]] if position + 1 < len(filled) else None
        # a short teaser boxed in by widgets ("Escape your echo chamber.") belongs to the widget
        if labels[i] == "body" and len(words(texts[i])) < 20 and prev_label == "boilerplate" and next_label == "boilerplate":
            labels[i] = "boilerplate"
        # a repeated line next to a photo credit is the picture's caption, shown twice
        if labels[i] == "boilerplate" and "credits" in (prev_label, next_label) and len(words(texts[i])) >= 6:
            labels[i] = "caption"
        # a short line right above a caption is the caption's headline
        if labels[i] == "boilerplate" and next_label == "caption" and len(words(texts[i])) <= 6:
            labels[i] = "caption"
