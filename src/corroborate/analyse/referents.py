"""Disagreements about who and where: one place or person named differently by reports of one
statement ("Norfolk" in one, "Norwalk" in another), and a status one report denies and another
gives ("no formal charges have been filed" / "charged with five federal crimes").

A status reported later than its denial is an update ("updated since"), not a contradiction,
when both reports carry their own dates.
"""
from __future__ import annotations

import re
from itertools import combinations

from rapidfuzz import fuzz

from ..dates import parse_iso
from ..model import Article, Discrepancy, DiscrepancyValue, Statement
from .story import Story

SPELLED_ALIKE = 70  # rapidfuzz ratio of two names one slip apart (Norfolk / Norwalk: 71)
STATUS = {"charge": "charged", "indict": "charged", "arrest": "arrested", "convict": "convicted", "detain": "detained"}
STATUS_WORD = r"(charge[sd]?|indict(?:ed|ment)?|arrest(?:s|ed)?|convict(?:ed|ion)?|detain(?:ed)?)"
DENIED_STATUS = re.compile(rf"\b(?:no|not|never|yet to be|without)\b(?:\s+(?:formal|criminal|yet|been|be|any|further|immediate|were|was|have|has))*\s+{STATUS_WORD}\b", re.I)
GIVEN_STATUS = re.compile(rf"\b(?:was|were|has been|have been|had been|is|are|been|be|formally|later)\s+{STATUS_WORD}\b|\b{STATUS_WORD}\s+(?:with|on)\b", re.I)


def find_referent_discrepancies(story: Story, statements: list[Statement]) -> list[Discrepancy]:
    return renamed(story, statements) + status_changes(story)


def names_in(article: Article, start: int, end: int) -> dict[str, tuple[str, int]]:
    """Names of places and people in a span, with their kind and where they stand."""
    return {e.name: (e.kind, m.start) for e in article.entities if e.kind in ("place", "person")
            for m in e.mentions if start <= m.start < end}


def renamed(story: Story, statements: list[Statement]) -> list[Discrepancy]:
    out, seen = [], set()
    for statement in statements:
        spans: dict[str, dict[str, tuple[str, int]]] = {}
        for m in statement.mentions:
            s = story.sentence_at(m.article, m.start)
            if s is not None:
                spans.setdefault(m.article, {}).update(names_in(story.by_id[m.article], s.start, s.end))
        for a, b in combinations(sorted(spans), 2):
            everywhere_a = {e.name for e in story.by_id[a].entities}
            everywhere_b = {e.name for e in story.by_id[b].entities}
            for name_a, (kind, at_a) in sorted(spans[a].items()):
                for name_b, (kind_b, at_b) in sorted(spans[b].items()):
                    if kind != kind_b or name_a == name_b or name_b in everywhere_a or name_a in everywhere_b:
                        continue  # a report that knows both names means two referents
                    if fuzz.ratio(name_a, name_b) < SPELLED_ALIKE or (name_a, name_b) in seen or one_spelling(name_a, name_b, kind):
                        continue
                    seen.add((name_a, name_b))
                    values = [DiscrepancyValue(x, story.by_id[x].text.count("\n", 0, at) + 1, name, None, story.outlet(x),
                                               sentence(story, x, at)) for x, name, at in ((a, name_a, at_a), (b, name_b, at_b))]
                    out.append(Discrepancy("name", "conflict", f"one {kind} named differently: {name_a} or {name_b}", values,
                                           "the reports tell the same thing with a different name in it; "
                                           "one is likely a slip"))
    return out


def one_spelling(a: str, b: str, kind: str) -> bool:
    """Two ways of writing one name: "Kim Jong Un" / "Kim Jong-un", "Moon Jae" / "Moon Jae-in",
    and, for people, "Bob" / "Robert W." before one surname."""
    x, y = (re.sub(r"[^a-z]", "", n.lower()) for n in (a, b))
    if x.startswith(y) or y.startswith(x):
        return True
    return kind == "person" and a.split()[-1].lower() == b.split()[-1].lower()


def sentence(story: Story, article: str, offset: int) -> str:
    s = story.sentence_at(article, offset)
    return s.text if s else ""


def status_changes(story: Story) -> list[Discrepancy]:
    denied, given = [], []
    for article in story.articles:
        body = {ln.line for ln in article.lines if ln.label == "body"}
        for s in article.sentences:
            if s.line not in body:
                continue
            people = set(names_in(article, s.start, s.end))
            for pattern, bucket in ((DENIED_STATUS, denied), (GIVEN_STATUS, given)):
                m = pattern.search(s.text)
                if m and (pattern is DENIED_STATUS or not DENIED_STATUS.search(s.text)):
                    word = next(v for k, v in STATUS.items() if next(g for g in m.groups() if g).lower().startswith(k))
                    bucket.append((article, s, word, people, m.group(0)))
    out = []
    for (a, sa, word, people_a, said_a), (b, sb, word_b, people_b, said_b) in ((x, y) for x in denied for y in given):
        if a.id == b.id or word != word_b or not people_a & people_b:
            continue
        who = ", ".join(sorted(people_a & people_b))
        values = [DiscrepancyValue(x.id, s.line, said, None, story.outlet(x.id), s.text) for x, s, said in ((a, sa, said_a), (b, sb, said_b))]
        day_a, day_b = own_date(a), own_date(b)
        if day_a and day_b and day_b > day_a:
            out.append(Discrepancy("status", "updated", f"whether {who} is {word}", values,
                                   f"updated since: {story.outlet(b.id)} ({day_b}) reports {word} after "
                                   f"{story.outlet(a.id)} ({day_a}) said not"))
        else:
            out.append(Discrepancy("status", "conflict", f"whether {who} is {word}", values,
                                   "one report says it has not happened, another that it has; "
                                   "unless the newer report updates the other, both cannot be right"))
    return out


def own_date(article: Article):
    """The report's own date; an inferred one cannot order reports."""
    return None if article.published_inferred else parse_iso(article.published)
