"""What a reporter checks to tell whether two reports tell one event, taken from an annotated
report once: when (its date or the date line at its top, the days its lead names, the years it
names), where and who (places, people and organisations, and whom it is mostly about), what (a
vector of its lead, the rare words of its whole text, and the figures it gives: tolls,
magnitudes, ages, sums), and the MinHash of
its text for spotting copies. Plain data, so an index can be saved and reloaded."""
from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHash
from wordfreq import zipf_frequency

from ..dates import calendar_date, parse_iso
from ..model import Article
from ..nlp import embed
from ..settings import Settings
from ..text import NEWS_AGENCIES, normalize, shingles

NUM_PERM = 128
MINHASH_SCHEME = "affine32"  # datasketch's default; named so saved hash values are read back alike
LEAD_SENTENCES = 4  # the lead tells the event; later paragraphs drift into background
SMALL_COUNT = 10
MAIN_MENTIONS = 2
# words as common as "said" or "people" (Zipf 6) weigh nothing; the 100 rarest-weighted words of
# a report hold its specifics and bound its profile (100,000 reports: 0.8 MB per 1,000)
COMMON_WORD, TERMS = 6.0, 100
TERM = re.compile(r"[^\W_]+(?:[-.'][^\W_]+)*")  # "capaldi", "ms08-078", "6.1", "o'brien"
# a date line: one of the first lines, a full date with its year and a few words around it
# besides times ("Posted on Thu Jun 13, 2013 08:45 AM PDT", "Monday, Sep 10, 2012 | Updated
# 9:01 AM EDT")
DATELINE_LINES, DATELINE_OTHER_WORDS = 3, 6
WORD = re.compile(r"\b[^\W\d_]{2,}\b")
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
WRITTEN_DATE = re.compile(rf"\b(?:{MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|\d{{1,2}}(?:st|nd|rd|th)? {MONTH},? \d{{4}})\b", re.I)
NUMERIC_DATE = re.compile(r"\b(\d{1,2}) ?/ ?(\d{1,2}) ?/ ?(\d{2}|\d{4})\b")  # month/day/year, as US outlets write it
EPOCH = date(1970, 1, 1)
CALENDAR_YEAR, CALENDAR_DAYS = 2000, 366  # a leap year, so that February 29 has its day


@dataclass
class Profile:
    id: str
    outlet: str | None
    title: str
    day: int | None  # the report's publication date as days since 1970
    years: list[int]  # years the report's date and its dates fall in
    names: dict[str, int]  # "reid" (a person), "santa monica" -> mentions
    main_person: str | None  # the person the report names most: whom it is about
    vector: np.ndarray = field(repr=False)  # float32, unit-length mean of the lead's sentence vectors
    minhash: np.ndarray = field(repr=False)  # uint64, MinHash of the body's word 5-grams
    # what the event came to: "14 people", "6.1 magnitude" (profiles stored before these were kept
    # read back without them)
    figures: list[str] = field(default_factory=list)
    lead_days: list[int] = field(default_factory=list)  # the days the lead names: when the event happened
    # the whole text's rare words (hashed) and their unit-length weights: the specifics of the event
    terms: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype="uint32"), repr=False)
    term_weights: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype="float32"), repr=False)
    # the days of the year of its own date and of every date it names with a month and a day, with or
    # without the year ("Dec. 9"): an undated report is still placed in the calendar
    calendar_days: list[int] = field(default_factory=list)
    language: str | None = None  # as the clean stage found it (profiles stored before were English)

    def to_dict(self) -> dict:
        return {**{k: v for k, v in vars(self).items() if k not in ARRAYS},
                "vector": [round(float(x), 6) for x in self.vector], "minhash": [int(x) for x in self.minhash],
                "terms": [int(x) for x in self.terms], "term_weights": [round(float(x), 6) for x in self.term_weights]}

    @classmethod
    def from_dict(cls, data: dict) -> Profile:
        return cls(**{**data, **{k: np.asarray(data.get(k, []), dtype=t) for k, t in ARRAYS.items()}})


ARRAYS = {"vector": "float32", "minhash": "uint64", "terms": "uint32", "term_weights": "float32"}


def body_text(article: Article) -> str:
    return "\n".join(article.text[ln.start:ln.end] for ln in article.lines if ln.label == "body")


def lead_sentences(article: Article) -> list[str]:
    lead = [s.text.strip() for s in article.sentences[:LEAD_SENTENCES] if s.text.strip()]
    title = (article.title or "").strip()
    return ([title] if title and (not lead or normalize(title) != normalize(lead[0])) else []) + lead


def name_key(name: str, kind: str) -> str:
    """People by surname (reports and the canonicaliser disagree on first names), the rest whole;
    without the kind, which the small NER model often gets wrong for one name in one report."""
    text = normalize(name).strip(" .,'\"")
    return text.split()[-1] if kind == "person" and text.split() else text


def names_of(article: Article) -> dict[str, int]:
    own = {normalize(article.outlet)} if article.outlet else set()
    agencies = {normalize(k) for k in NEWS_AGENCIES}
    counts: Counter[str] = Counter()
    for entity in article.entities:
        if normalize(entity.name) in agencies | own or len(entity.name) < 2:
            continue
        counts[name_key(entity.name, entity.kind)] += len(entity.mentions)
    return dict(sorted(counts.items()))


def main_person(article: Article) -> str | None:
    """Whom the report is about: the person it names most (the mentions of every entity read as
    that surname summed), if named at least MAIN_MENTIONS times (one mention in a short report
    is as often a bystander, or a word the small NER model took for a name) and named in the
    lead too (a witness quoted at length further down is not the subject of the event)."""
    people: Counter[str] = Counter()
    opening: set[str] = set()
    end = lead_end(article)
    for e in article.entities:
        if e.kind == "person":
            people[name_key(e.name, "person")] += len(e.mentions)
            if any(m.start < end for m in e.mentions):
                opening.add(name_key(e.name, "person"))
    ranked = sorted(people.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[0][0] if ranked and ranked[0][1] >= MAIN_MENTIONS and ranked[0][0] in opening else None


def lead_end(article: Article) -> int:
    """Where the lead (the first LEAD_SENTENCES sentences) ends in the text."""
    return article.sentences[LEAD_SENTENCES - 1].end if len(article.sentences) >= LEAD_SENTENCES else len(article.text)


def figures_of(article: Article) -> list[str]:
    """The counted things a report gives (a toll, a magnitude, an age, a sum): a number with the
    word it counts. Round small counts ("two guards") say little about which event it is."""
    found = set()
    for v in article.values:
        if v.kind != "quantity" or not v.unit or v.normalized is None:
            continue
        number = str(v.normalized).replace(",", "")
        try:
            small = float(number) <= SMALL_COUNT and float(number).is_integer()
        except ValueError:
            continue
        if not small:
            found.add(f"{number} {normalize(v.unit).strip(' -')}")
    return sorted(found)


def lead_days(article: Article) -> list[int]:
    """Days the lead names ("on Monday", "Nov. 30, 2009"): the event's own, unlike the dates of
    the background later paragraphs bring."""
    end = lead_end(article)
    days = {days_of(v.normalized) for v in article.values
            if v.kind == "date" and isinstance(v.normalized, str) and len(v.normalized) == 10 and v.start < end}
    return sorted(d for d in days if d is not None)


def terms_of(article: Article) -> tuple[np.ndarray, np.ndarray]:
    """The words of the whole report weighted by how rare they are in English at large (a fixed
    background, so a word weighs the same whatever else has been filed; IDF over the reports
    filed would change with every batch): what tells two castings or two patches apart is the
    specifics anywhere in the text (the actor's surname, "twelfth", the bulletin's number), not
    only the lead's gist."""
    return weighted_terms(body_text(article) or article.text)


def weighted_terms(text: str) -> tuple[np.ndarray, np.ndarray]:
    return terms_of_counts(term_counts(text))


def term_counts(text: str) -> Counter[str]:
    return Counter(w for w in TERM.findall(normalize(text)) if len(w) > 1)


def terms_of_counts(counts: Counter[str]) -> tuple[np.ndarray, np.ndarray]:
    """Hashed words sorted, and their weights: sublinear in the count times the rarity, the
    TERMS heaviest kept, unit length."""
    weights = {w: (1.0 + np.log(n)) * rarity(w) for w, n in counts.items()}
    kept = sorted((w for w, x in weights.items() if x > 0), key=lambda w: (-weights[w], w))[:TERMS]
    pairs = sorted((zlib.crc32(w.encode("utf-8")), weights[w]) for w in kept)
    keys = np.array([k for k, _ in pairs], dtype="uint32")
    values = np.array([x for _, x in pairs], dtype="float32")
    return keys, values / (np.linalg.norm(values) or 1.0)


@lru_cache(maxsize=500_000)
def rarity(word: str) -> float:
    """0 for a word as common as COMMON_WORD ("said", "people"), rising by one per tenfold rarer."""
    return max(COMMON_WORD - zipf_frequency(word, "en"), 0.0)


def days_of(iso: str | None) -> int | None:
    d = parse_iso(iso) if iso and len(str(iso)) >= 10 else None
    return (d - EPOCH).days if d else None


def dateline_day(article: Article) -> int | None:
    """The day a date line at the top of the report gives ("Nov. 30, 2009", "Updated 13:59 GMT,
    18 September 2013", "11/30/09 05:40 PM ET"): a short line among the first, not prose, so
    not the date of something in the story's background."""
    for line in [ln for ln in article.text.splitlines() if ln.strip()][:DATELINE_LINES]:
        m = WRITTEN_DATE.search(line) or NUMERIC_DATE.search(line)
        if not m or len(WORD.findall(line[:m.start()] + line[m.end():])) > DATELINE_OTHER_WORDS:
            continue  # a sentence that names a date ("Page was born on April 22, 1923, in Nashville")
        if m.re is WRITTEN_DATE:
            found = calendar_date(re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", m.group(0)), None)
        else:
            month, day, year = (int(g) for g in m.groups())
            try:
                found = date(year + 2000 if year < 100 else year, month, day).isoformat()
            except ValueError:
                found = None
        if found:
            return days_of(found)
    return None


def dating(article: Article) -> tuple[int | None, list[int]]:
    """The report's day (its publication date, else the date line at its top) and the years it
    names. A day the prose names is not taken for the report's own: long reports name the dates
    of the background as often as the event's."""
    named = [v.normalized for v in article.values if v.kind == "date" and isinstance(v.normalized, str)]
    day = days_of(article.published)
    day = day if day is not None else dateline_day(article)
    years = {int(n[:4]) for n in named if n[:4].isdigit()}
    if day is not None:
        years.add(date.fromordinal(EPOCH.toordinal() + day).year)
    return day, sorted(years)


def calendar_days(article: Article, day: int | None) -> list[int]:
    """Days of the year (0-365, a leap year's calendar) of the report's own date and of the dates it
    names with a month and a day. Most reports name the year of none of them, yet the month and the
    day alone place the event: two patches, one shipped around December 9 and one around
    September 17, are two events in any year."""
    found = [] if day is None else [date.fromordinal(EPOCH.toordinal() + day).isoformat()]
    for v in article.values:
        if v.kind != "date":
            continue
        if isinstance(v.normalized, str) and len(v.normalized) == 10:
            found.append(v.normalized)
        elif v.normalized is None and any(c.isdigit() for c in v.surface):
            found.append(calendar_date(v.surface, None))  # no year given: any year will do
    days = {day_of_year(d) for d in found if d}
    return sorted(d for d in days if d is not None)


def day_of_year(iso: str) -> int | None:
    d = parse_iso(iso)
    return (date(CALENDAR_YEAR, d.month, d.day) - date(CALENDAR_YEAR, 1, 1)).days if d else None


@lru_cache(maxsize=1)
def _permutations() -> Any:
    """datasketch draws its permutations anew for every MinHash; drawn once, hashing is 10x faster."""
    return MinHash(num_perm=NUM_PERM, scheme=MINHASH_SCHEME).permutations


def minhash_of(text: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, scheme=MINHASH_SCHEME, permutations=_permutations())
    m.update_batch([s.encode("utf-8") for s in sorted(shingles(text))])
    return m


def as_minhash(profile: Profile) -> LeanMinHash:
    return LeanMinHash(seed=1, hashvalues=profile.minhash, scheme=MINHASH_SCHEME)


def profiles(articles: list[Article], settings: Settings) -> list[Profile]:
    leads = [lead_sentences(a) or [a.text[:500]] for a in articles]
    vectors = embed([s for lead in leads for s in lead], settings.embedding_model)
    out, row = [], 0
    for article, lead in zip(articles, leads):
        mean = vectors[row:row + len(lead)].mean(axis=0)
        row += len(lead)
        mean = mean / (np.linalg.norm(mean) or 1.0)
        day, years = dating(article)
        keys, weights = terms_of(article)
        out.append(Profile(
            id=article.id, outlet=article.outlet, title=(article.title or (lead[0] if lead else article.id)).strip(),
            day=day, years=years, names=names_of(article), main_person=main_person(article),
            vector=mean.astype("float32"), minhash=minhash_of(body_text(article) or article.text).hashvalues,
            figures=figures_of(article), lead_days=lead_days(article), terms=keys, term_weights=weights,
            calendar_days=calendar_days(article, day), language=article.language,
        ))
    return out
