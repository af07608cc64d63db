"""A role for a person: "the UK's PM said" is the person the report names as Britain's prime
minister, wherever in the report that name stands (before or after the description).

Written here because the role words come from the report itself (an entity's title or
apposition, see entities.role_of); the matching only has to agree on the title and, when
both give one, on the country or body it belongs to.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .parsed import NameMention

ABBREVIATIONS = {"pm": "prime minister", "fm": "foreign minister", "gov": "governor", "sen": "senator",
                 "rep": "representative", "gen": "general", "sec": "secretary", "amb": "ambassador"}
# one name for a country's usual short forms and adjectives, so "the UK's PM" is "British Prime Minister"
COUNTRY_FORMS = {"uk": "britain", "british": "britain", "u.k": "britain", "us": "america", "u.s": "america",
                 "american": "america", "united states": "america", "french": "france", "dutch": "netherlands"}
# words of a description that are no title ("the", "former", "the country's")
SKIP = {"the", "a", "an", "its", "his", "her", "their", "former", "then", "current", "new", "country", "nation"}


@lru_cache(maxsize=None)
def words(text: str) -> tuple[str, ...]:
    text = re.sub(r"['’]s\b", "", text.lower())
    out: list[str] = []
    for word in re.findall(r"[a-z][a-z.\-]*", text):
        word = word.strip(".")
        out.extend(ABBREVIATIONS.get(word, word).split())
    return tuple(out)


def place_of(word: str) -> str:
    word = COUNTRY_FORMS.get(word, word)
    return word[:5]  # Russia/Russian, Ukraine/Ukrainian, German/Germany share their first letters


def holder(names: list[NameMention], description: str) -> NameMention | None:
    """The one person of the report whose role fits `description`, or None when none or several do."""
    wanted = [w for w in words(description) if w not in SKIP]
    if len(wanted) < 2:
        return None  # a bare "the minister" fits too many; the caller's own rules handle it
    title, place = wanted[-1], [place_of(w) for w in wanted[:-1]]
    fitting: dict[str, NameMention] = {}
    for n in names:
        if n.kind != "person" or not n.role:
            continue
        role = [w for w in words(n.role) if w not in SKIP]
        if not role or role[-1] != title:
            continue
        role_places = {place_of(w) for w in role[:-1]}
        # every word of the description but the title must be in the role ("prime", "britain")
        if all(p in role_places for p in place):
            fitting.setdefault(n.key, n)
    return next(iter(fitting.values())) if len(fitting) == 1 else None
