"""Lines, comparison forms and word lists: small text helpers every stage shares."""
from __future__ import annotations

import re
import unicodedata

from .model import Line

# English function words: the share of them in a line is the jusText signal for prose.
STOP_WORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being below between both but by
can could did do does doing down during each few for from further had has have having he her here hers herself him
himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other
our ours ourselves out over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which while who whom why will
with would you your yours yourself yourselves also still yet though although whether since amid says said
""".split())

# news agencies under the names reports give them, with one name each
NEWS_AGENCIES = {
    "AP": "AP", "Associated Press": "AP", "The Associated Press": "AP", "AFP": "AFP", "Agence France-Presse": "AFP",
    "Reuters": "Reuters", "Thomson Reuters": "Reuters", "dpa": "dpa", "DPA": "dpa", "ANSA": "ANSA", "EFE": "EFE",
    "Xinhua": "Xinhua", "TASS": "TASS", "Interfax": "Interfax", "PA": "PA Media", "PA Media": "PA Media",
    "Bloomberg": "Bloomberg", "UPI": "UPI", "Kyodo": "Kyodo", "Yonhap": "Yonhap", "ANI": "ANI", "PTI": "PTI",
}


def split_lines(text: str) -> list[Line]:
    """Every line of `text` with its character span; empty lines included."""
    lines, start = [], 0
    for number, chunk in enumerate(text.split("\n"), 1):
        end = start + len(chunk)
        lines.append(Line(line=number, start=start, end=end))
        start = end + 1
    return lines


def normalize(text: str) -> str:
    """Lower-case, NFKC, straight quotes, single spaces: for comparing, never for storing."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"', "—": "-", "–": "-"}))
    return re.sub(r"\s+", " ", text).strip()


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:['’][^\W_]+)?", text)


def content_words(text: str) -> list[str]:
    return [w for w in (x.lower() for x in words(text)) if w not in STOP_WORDS]


def word_containment(short: str, long: str) -> float:
    """Share of the shorter text's content words that the longer text also uses."""
    mine = content_words(short)
    if not mine:
        return 0.0
    theirs = set(content_words(long))
    return sum(w in theirs for w in mine) / len(mine)


def shingles(text: str, size: int = 5) -> set[str]:
    """Word `size`-grams of the lower-cased text: what MinHash compares to find shared copy."""
    tokens = re.findall(r"\w+", text.lower())
    return {" ".join(tokens[i:i + size]) for i in range(max(1, len(tokens) - size + 1))}
