"""Who published a report, who wrote it, when, and whose copy it carries.

Input metadata always wins; the text fills the gaps: bylines, datelines ("MOSCOW (AP) —"),
self-references ("Subscribe to X", "X has contacted"), credits ("per CNBC", "CNN notes").
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

import dateparser

from ..model import Article
from ..text import NEWS_AGENCIES
from . import patterns as P
from .lines import parse_byline

AGENCY_NAMES = "|".join(sorted((re.escape(k) for k in NEWS_AGENCIES), key=len, reverse=True))
DATELINE = re.compile(rf"^[A-Z][A-Z .,'-]{{1,40}}\((?P<agency>{AGENCY_NAMES})\)\s*[—–-]")
AS_REPORTED = re.compile(rf"\b(?:as reported by|according to|reports?|reported by|via) (?:the )?(?P<agency>{AGENCY_NAMES})\b")
OUTLET_NAME = r"(?:The )?[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,3}"
SELF_REFERENCE = [
    re.compile(rf"^(?:Subscribe to|Sign up for|Sign up to|Follow|Get the best of) (?P<outlet>{OUTLET_NAME}?)(?:['’]s\b|\s*$| on\b| for\b| newsletters?)"),
    re.compile(rf"^(?P<outlet>{OUTLET_NAME}) (?:has|have) (?:contacted|reached out to|asked|approached) "),
    re.compile(rf"\b(?:watch|read) (?P<outlet>{OUTLET_NAME})['’]s? (?:interview|report|coverage|live)"),
]
# "X is a reporter at Y" under the report; in its prose, "a consultant who worked for Cruz" names a person
BIO_OUTLET = re.compile(rf"\b(?:worked|works|writer|editor|reporter) (?:at|for) (?P<outlet>{OUTLET_NAME})\b")
RELIES_ON = [
    re.compile(rf"(?:,|;|—)\s*per (?P<outlets>{OUTLET_NAME}(?: and {OUTLET_NAME})?)[.,]"),
    re.compile(rf"(?:,|^)\s*(?P<outlets>{OUTLET_NAME}(?: and {OUTLET_NAME})?) (?:notes|writes|wrote|reports|report|reported|said in a report)\.\s*$"),
    re.compile(rf"\b(?P<outlets>{OUTLET_NAME}) (?:notes|writes|wrote|reports|reported)[.,]"),
    re.compile(rf", (?P<outlets>{OUTLET_NAME}(?: and {OUTLET_NAME})?) report\b"),
    re.compile(rf"\bas reported by (?:the )?(?P<outlets>{OUTLET_NAME})"),
]
NOT_OUTLETS = {"He", "She", "They", "It", "We", "I", "Officials", "The Kremlin", "Moscow", "Kyiv", "Washington", "This", "That"}

MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
FULL_DATE = re.compile(rf"\b(?:{MONTH} \d{{1,2}},? \d{{4}}|\d{{1,2}} {MONTH},? \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b", re.IGNORECASE)
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PAST_WEEKDAY = re.compile(r"\b(?:said|announced|declared|reported|confirmed|earlier on|late on|early on)\s+(?:on\s+)?(?P<day>" + "|".join(WEEKDAYS) + r")\b")


def describe(article: Article) -> None:
    """Fill outlet, authors, wire, relies_on and published from the text where input metadata is silent."""
    kept = [(ln, article.text[ln.start:ln.end].strip()) for ln in article.lines]
    wires: list[str] = list(article.wire)
    relies: list[str] = list(article.relies_on)
    outlets: Counter[str] = Counter()
    for ln, text in kept:
        if not text:
            continue
        byline = parse_byline(text)
        if byline:
            names, agencies = byline
            wires += agencies
            people = [n for n in names if len(n.split()) >= 2]
            if not article.authors and people:
                article.authors = people
            if len(names) == 1 and len(names[0].split()) == 1 and agencies:
                outlets[names[0]] += 2
        bio = P.AUTHOR_BIO.match(text)
        if bio and ln.label in ("credits", "boilerplate") and not article.authors:
            article.authors = [bio.group("name")]
        prose = ln.label in ("body", "subheading", "title")
        for pattern in SELF_REFERENCE if prose else [*SELF_REFERENCE, BIO_OUTLET]:
            m = pattern.search(text)
            if m and m.group("outlet") not in NOT_OUTLETS:
                outlets[m.group("outlet").rstrip(".")] += 1
        if ln.label in ("body", "subheading"):
            m = DATELINE.match(text)
            if m:
                wires.append(NEWS_AGENCIES[m.group("agency")])
            for m in AS_REPORTED.finditer(text):
                wires.append(NEWS_AGENCIES[m.group("agency")])
            for pattern in RELIES_ON:
                for m in pattern.finditer(text):
                    for name in re.split(r" and ", m.group("outlets")):
                        name = name.strip()
                        if name and name not in NOT_OUTLETS:
                            relies.append(NEWS_AGENCIES.get(name, name))
    if not article.outlet and outlets:
        article.outlet = outlets.most_common(1)[0][0]
    article.wire = unique(wires)
    article.relies_on = unique(r for r in relies + article.wire if r != article.outlet)
    if article.published:
        article.published = iso_date(article.published) or article.published
    else:
        article.published = date_from_text(article)


def unique(items) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def iso_date(value: str, languages: list[str] | None = None) -> str | None:
    """A date in any language as YYYY-MM-DD; naming the languages spares dateparser from
    trying all of them (a third of a second on its first call)."""
    parsed = dateparser.parse(value, languages=languages, settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date().isoformat() if parsed else None


def date_from_text(article: Article) -> str | None:
    """The latest full date the page gives outside its prose (date lines, photo and post dates),
    moved to a later weekday the report says things happened on ("said on Tuesday"). A date in
    the story itself (a hearing two years before, "February 15 will go down in history") is no
    publication date: None then, and the story dates the report, marked inferred."""
    published = [iso_date(m.group(0), languages=["en"]) for ln in article.lines if ln.label == "credits"
                 and P.PUBLICATION_LINE.match(article.text[ln.start:ln.end].strip())
                 for m in FULL_DATE.finditer(article.text, ln.start, ln.end)]
    if any(published):  # the page says when it was published or updated: that, and no guess from the story
        return max(d for d in published if d)
    found: list[date] = []
    prose = [(ln.start, ln.end) for ln in article.lines if ln.label in ("body", "subheading", "title")]
    for m in FULL_DATE.finditer(article.text):
        if any(start <= m.start() < end for start, end in prose):
            continue
        value = iso_date(m.group(0), languages=["en"])  # FULL_DATE matches English month names only
        if value:
            found.append(date.fromisoformat(value))
    if not found:
        return None
    latest = max(found)
    body = "\n".join(article.text[ln.start:ln.end] for ln in article.lines if ln.label in ("body", "subheading", "title"))
    for m in PAST_WEEKDAY.finditer(body):
        ahead = (WEEKDAYS.index(m.group("day")) - latest.weekday()) % 7
        if 0 < ahead <= 3:
            latest += timedelta(days=ahead)
    return latest.isoformat()
