"""Which side a name or role belongs to, so that a self-description can be told from a report by others.

General world knowledge, kept as data: capitals and seats of power stand for their state
("Moscow", "the Kremlin"), demonyms for their country.
"""
from __future__ import annotations

import re

PARTY_WORDS = {
    "Russia": "russia russian russians moscow kremlin",
    "Ukraine": "ukraine ukrainian ukrainians kyiv kiev",
    "United States": "u.s. us usa american americans washington pentagon biden",
    "United Kingdom": "uk u.k. britain british london",
    "NATO": "nato alliance",
    "European Union": "eu e.u. brussels",
    "Belarus": "belarus belarusian minsk",
    "China": "china chinese beijing",
    "France": "france french paris elysee",
    "Germany": "germany german berlin",
    "Israel": "israel israeli jerusalem",
    "Iran": "iran iranian tehran",
    "United Nations": "un u.n. united nations",
}
ALIASES = {word: party for party, words in PARTY_WORDS.items() for word in words.split()}
WORD = re.compile(r"[a-z][a-z.]*[a-z]|[a-z]")


def parties_in(text: str) -> set[str]:
    """Parties a text names, by whole words ("Russian forces" -> Russia)."""
    lowered = text.lower().replace("white house", "washington").replace("downing street", "london")
    # "u.s." is found as "u.s": a word never ends in its final dot
    return {ALIASES.get(w) or ALIASES[w + "."] for w in WORD.findall(lowered) if w in ALIASES or w + "." in ALIASES}
