"""Whether a person the report names is a man or a woman, as far as the report and the given name
tell, so that "she said" never goes to a man named just before (and "he said" to a woman).

What the report says comes first: a title ("Mr.", "Ms.") or a gendered role word
("spokeswoman") at a mention. Otherwise the given name, when it is clearly tied to one gender
(first_names.tsv, built by scripts/build-first-names). Anything else is unknown, and an unknown
person fits every pronoun."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

from .parsed import Parsed

TITLE_BEFORE = re.compile(r"\b(?:(Mr|Sir|Lord)|(Mrs|Ms|Miss|Dame|Lady))\.?\s+$")
ROLE_WORDS = re.compile(r"\b(?:(spokesman|chairman|congressman|councilman|businessman|father|husband|son|brother|uncle|"
                        r"grandfather|boyfriend|king|prince)|(spokeswoman|chairwoman|congresswoman|councilwoman|businesswoman|"
                        r"mother|wife|daughter|sister|aunt|grandmother|girlfriend|queen|princess))\b", re.I)
INITIAL = re.compile(r"^[A-Z]\.?$")


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    lines = files(__package__).joinpath("first_names.tsv").read_text().splitlines()
    return dict(line.split("\t") for line in lines if not line.startswith("#"))


def gender_of_name(name: str) -> str | None:
    """'Nancy O'Higgins' -> f, 'H. Dale Hall' -> m; a lone surname tells nothing ('Ban', 'Kim')."""
    given = [t for t in name.split() if not INITIAL.match(t)]
    if len(given) < 2:
        return None
    return first_names().get(given[0].lower())


def genders(parsed: Parsed) -> dict[str, str]:
    """The gender of each person key the report names, where it tells."""
    text = parsed.article.text
    said: dict[str, set[str]] = {}
    named: dict[str, set[str]] = {}  # how each person is named: "Filmmaker and aviator Howard Hughes" is Hughes
    for n in parsed.names:
        if n.kind != "person":
            continue
        named.setdefault(n.key, set()).add(n.text)
        found = said.setdefault(n.key, set())
        title = TITLE_BEFORE.search(text[max(0, n.start - 8):n.start])
        if title:
            found.add("m" if title.group(1) else "f")
        role = ROLE_WORDS.search(n.role or "")
        if role:
            found.add("m" if role.group(1) else "f")
    out = {}
    for key, found in said.items():
        if not found:
            found = {g for g in map(gender_of_name, [key, *sorted(named[key])]) if g}
        if len(found) == 1:
            out[key] = found.pop()
    return out
