"""People, organisations and places, their roles, and one canonical name each.

Within a report, "Stoltenberg" and "NATO chief Jens Stoltenberg" are one person (shared
surname). Across reports, spelling and transliteration variants (Dmitry/Dmytro Kuleba,
Zelensky/Zelenskyy) are merged with rapidfuzz; the most used full form becomes canonical.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz

from ..model import Entity, Mention
from .parsed import NameMention, Parsed, word_class

KINDS = {"PERSON": "person", "ORG": "org", "GPE": "place", "NORP": "group", "LOC": "place", "FAC": "place"}
TITLE_WORDS = re.compile(r"^(?:mr|mrs|ms|dr|president|prime|minister|secretary|general|gen|chancellor|king|queen|prince|"
                         r"sen|senator|rep|gov|governor|mayor|pope|sir|lord|lady|judge|justice|col|maj|major|lt|lieutenant|capt|captain|sgt|"
                         r"admiral|colonel|commander|spokesman|spokeswoman|foreign|defence|defense|deputy|vice|ambassador)\.?$", re.I)
ROLE_DEPS = {"compound", "amod", "poss", "nmod", "case", "punct", "prep", "pobj", "det"}


def find_names(parsed: Parsed) -> None:
    """Collect named mentions with roles; resolve each person to the fullest name in the report."""
    for para in parsed.paragraphs:
        for ent in para.ents:
            kind = KINDS.get(ent.label_)
            if not kind or kind == "group":
                continue
            text = clean_name(ent.text) if kind == "person" else strip_article(ent.text)
            if not text:
                continue
            head = ent.root
            parsed.names.append(NameMention(
                article=parsed.article.id,
                line=para.line,
                start=para.offset + ent.start_char,
                end=para.offset + ent.end_char,
                text=text,
                kind=kind,
                role=role_of(ent) if kind == "person" else None,
                subject=head.dep_ in ("nsubj", "nsubjpass"),
            ))


def retype(names: Sequence[NameMention]) -> None:
    """The small NER model calls some people places or organisations ("Scholz", "Major General
    Igor Konashenkov"): a name whose surname is a known person's, or that opens with a title,
    is a person; a lone word called a person but more often a place (Kyiv) is a place."""
    surnames = {n.text.split()[-1] for n in names if n.kind == "person" and len(n.text.split()) > 1}
    votes: dict[str, Counter] = defaultdict(Counter)
    for n in names:
        votes[n.text][n.kind] += 1
    for n in names:
        if n.kind == "person":
            if len(n.text.split()) == 1 and n.text not in surnames and votes[n.text].most_common(1)[0][0] != "person":
                n.kind = votes[n.text].most_common(1)[0][0]
            continue
        tokens = n.text.split()
        titled = len(tokens) > 1 and TITLE_WORDS.match(tokens[0]) is not None and tokens[-1][:1].isupper()
        if titled or (tokens[-1] in surnames and len(tokens) <= 3):
            n.kind = "person"
            n.text = clean_name(n.text)


def clean_name(text: str) -> str:
    text = re.sub(r"['’]s$", "", text.strip())
    parts = [p for p in text.split() if not TITLE_WORDS.match(p)]
    return " ".join(parts).strip(" ,.")


def strip_article(text: str) -> str:
    return re.sub(r"^the\s+", "", re.sub(r"['’]s$", "", text.strip()), flags=re.I)


def role_of(ent) -> str | None:
    """'NATO Secretary-General' in 'NATO Secretary-General Jens Stoltenberg'; or the apposition."""
    head = ent.root
    left = [t for t in head.lefts if t.i < ent.start and t.dep_ in ROLE_DEPS]
    if left:
        start = min(t.left_edge.i for t in left)
        span = ent.doc[start:ent.start]
        words = [t for t in span if t.dep_ != "det"]
        if words:
            text = span.text.strip(" ,")
            text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
            if text and any(word_class(t) in ("NOUN", "PROPN") for t in words):
                return text
    for child in head.rights:
        if child.dep_ == "appos":
            return ent.doc[child.left_edge.i:child.right_edge.i + 1].text.strip(" ,")
    return None


def resolve_within(names: Sequence[NameMention]) -> None:
    """Each person mention's key becomes the fullest name in the report that shares its surname."""
    people = [n for n in names if n.kind == "person"]
    # longest first; among names as long, the first the report gives (never set order: runs would differ)
    full = sorted(dict.fromkeys(n.text for n in people), key=lambda s: -len(s.split()))
    for n in people:
        tokens = n.text.split()
        n.key = next((f for f in full if f != n.text and len(f.split()) > len(tokens) and tokens[-1] == f.split()[-1]), n.text)
        if n.key == n.text and len(tokens) == 1:
            n.key = next((f for f in full if len(f.split()) > 1 and tokens[0] == f.split()[0]), n.text)
    for n in names:
        if n.kind != "person":
            n.key = n.text


def same_person(a: str, b: str) -> bool:
    """Spelling variants of one name: surnames nearly equal, first names compatible."""
    ta, tb = a.split(), b.split()
    last_a, last_b = ta[-1].lower(), tb[-1].lower()
    # spellings of one surname keep its first letter (Zelensky/Zelenskyy); Ross is not Cross
    if last_a[0] != last_b[0] or fuzz.ratio(last_a, last_b) < 85:
        return False
    if len(ta) == 1 or len(tb) == 1:
        return True
    first_a, first_b = ta[0].lower(), tb[0].lower()
    return first_a[0] == first_b[0] and fuzz.ratio(first_a, first_b) >= 60


def canonical_names(all_names: Sequence[NameMention]) -> dict[str, str]:
    """Map every report-level person key to one name across the story."""
    counts = Counter(key for key, _ in {(n.key, n.article) for n in all_names if n.kind == "person"})
    groups: list[list[str]] = []
    for key in sorted(counts, key=lambda k: (-len(k.split()), -counts[k], k)):
        for group in groups:
            if same_person(group[0], key):
                group.append(key)
                break
        else:
            groups.append([key])
    # a lone first name ("Lindsay") is the one person of the story who has it
    full = [g for g in groups if any(len(k.split()) > 1 for k in g)]
    for group in [g for g in groups if all(len(k.split()) == 1 for k in g)]:
        owners = [g for g in full if any(k.split()[0] == group[0] for k in g if len(k.split()) > 1)]
        if len(owners) == 1:
            owners[0].extend(group)
            groups.remove(group)
    canonical: dict[str, str] = {}
    for group in groups:
        multi = [k for k in group if len(k.split()) > 1] or group
        best = max(multi, key=lambda k: (counts[k], len(k)))
        for key in group:
            canonical[key] = best
    return canonical


def entities_of(names: Sequence[NameMention], canonical: dict[str, str]) -> list[Entity]:
    grouped: dict[tuple[str, str], Entity] = {}
    aliases: dict[tuple[str, str], set[str]] = defaultdict(set)
    for n in names:
        name = canonical.get(n.key, n.key) if n.kind == "person" else n.key
        key = (name, n.kind)
        entity = grouped.setdefault(key, Entity(name=name, kind=n.kind))
        entity.mentions.append(Mention(start=n.start, end=n.end, text=n.text))
        if n.text != name:
            aliases[key].add(n.text)
        if n.role and n.role not in entity.roles:
            entity.roles.append(n.role)
    for key, entity in grouped.items():
        entity.aliases = sorted(aliases[key])
    return sorted(grouped.values(), key=lambda e: (-len(e.mentions), e.name))
