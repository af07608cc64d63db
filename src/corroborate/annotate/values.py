"""Figures and dates as comparable values: quantities become intervals, dates ISO days."""
from __future__ import annotations

import re
from datetime import date
from itertools import islice

from ..dates import FUTURE, resolve
from ..model import Value
from .parsed import Paragraph, Parsed, word_class

QUALIFIERS = {
    "about": "approx", "around": "approx", "approximately": "approx", "roughly": "approx", "some": "approx",
    "nearly": "approx", "almost": "approx", "estimated": "approx", "an estimated": "approx",
    "more than": "min", "over": "min", "at least": "min", "upwards of": "min", "in excess of": "min",
    "up to": "max", "fewer than": "max", "less than": "max", "under": "max", "at most": "max", "no more than": "max",
}
QUALIFIER_RE = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "bn": 1e9}
WORD_NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
NUMBER = re.compile(
    rf"(?:(?P<qual>{QUALIFIER_RE})\s+)?(?P<num>\d[\d,]*(?:\.\d+)?|{'|'.join(WORD_NUMBERS)})"
    rf"(?:\s?(?P<scale>thousand|million|billion|trillion|bn)\b)?(?P<unit>-[a-z]+|\s?%|\s?percent\b)?",
    re.I,
)
SHARED_UNIT = re.compile(r"\s*(?:and|or|to|-|–)\s+(?:then\s+)?(?:another\s+|a further\s+)?[\d,.]+\s+([a-z]+)")
# a unit word this far after the number at most ("100,000 Russian troops")
UNIT_WINDOW = 3


def find_values(parsed: Parsed, reference: date | None) -> list[Value]:
    values: list[Value] = []
    article = parsed.article
    for para in parsed.paragraphs:
        date_spans = []
        for ent in para.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            sentence = ent.sent  # each .sent walks the parse: look it up once
            ahead = looks_ahead(ent)
            if ahead is None or FUTURE.search(sentence.text[:ent.start_char - sentence.start_char]):
                ahead = bool(FUTURE.search(sentence.text)) or ahead
            iso = resolve(ent.text, reference, sentence.text, ahead)
            date_spans.append((ent.start_char, ent.end_char))
            if iso or (reference is None and resolve(ent.text, date(2000, 1, 3), sentence.text, ahead)):
                # an undated report keeps its datable mentions unresolved until the story dates it
                tense = None if ahead is None else ("future" if ahead else "past")
                values.append(Value(article.id, para.line, para.offset + ent.start_char, para.offset + ent.end_char,
                                    ent.text, "date", iso, tense=tense))
        text = para.text
        for m in NUMBER.finditer(text):
            start, end = m.start("num"), m.end()
            if any(a <= start < b for a, b in date_spans) or is_part_of_word(text, m.start("num"), m.end("num")) \
                    or text[max(0, start - 4):start].lower().endswith(("no. ", "#")):
                continue
            quantity = to_interval(m)
            if quantity is None:
                continue
            quantity["unit"] = unit_of(para, m)
            if quantity["unit"] is None and m.group("qual") is None:
                continue
            values.append(Value(article.id, para.line, para.offset + m.start(), para.offset + end,
                                text[m.start():end].strip(), "quantity", quantity.pop("value"), **quantity))
    return sorted(values, key=lambda v: v.start)


def looks_ahead(ent) -> bool | None:
    """Whether the verb a date hangs on speaks of the future ("will leave ... Sunday",
    "are gathering ... on Wednesday"); None when the parse does not say."""
    token = ent.root
    while word_class(token) not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    if word_class(token) not in ("VERB", "AUX"):
        return None
    chain = [token] + [a for a in token.ancestors if word_class(a) in ("VERB", "AUX")][:2]
    for verb in chain:
        auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if auxes & {"will", "'ll", "shall", "would", "could", "might", "may"} or "going" in auxes:
            return True
        if verb.tag_ in ("VBD", "VBN") or auxes & {"had", "has", "have", "was", "were", "did"}:
            return False
        if verb.tag_ == "VBG" and auxes & {"is", "are", "am", "'re"}:
            return True
        if verb.tag_ == "VBG" and not auxes:
            return None
    if token.tag_ in ("VBP", "VBZ"):
        return True
    return None


def is_part_of_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return before.isalpha() or after.isalpha()


def to_interval(m: re.Match) -> dict | None:
    raw = m.group("num").lower()
    if raw in WORD_NUMBERS:
        number = float(WORD_NUMBERS[raw])
    else:
        raw = raw.replace(",", "")
        try:
            number = float(raw)
        except ValueError:
            return None
    scale = (m.group("scale") or "").lower()
    number *= SCALES.get(scale, 1)
    value = int(number) if number.is_integer() else number
    qualifier = QUALIFIERS.get((m.group("qual") or "").lower())
    low = high = value
    if qualifier == "min":
        high = None
    elif qualifier == "max":
        low = None
    return {"value": value, "low": low, "high": high, "qualifier": qualifier or "exact"}


def unit_of(para: Paragraph, m: re.Match) -> str | None:
    attached = m.group("unit")
    if attached:
        unit = attached.strip().lstrip("-").lower()
        return "percent" if unit in ("%", "percent") else unit
    end = m.end()
    following = islice((t for t in para.doc if t.idx >= end), UNIT_WINDOW)
    for token in following:
        if word_class(token) == "NOUN":
            return token.text.lower()
        if word_class(token) not in ("ADJ", "PROPN", "NOUN") and token.text not in ("-",):
            break
    shared = SHARED_UNIT.match(para.text, end)  # "1,700 and then another 3,000 soldiers"
    return shared.group(1).lower() if shared else None
