"""People, organisations and places, their roles, and one canonical name each.

Within a report, "Stoltenberg" and "NATO chief Jens Stoltenberg" are one person (shared
surname). Across reports, spelling and transliteration variants (Dmitry/Dmytro Kuleba,
Zelensky/Zelenskyy) are merged with rapidfuzz; the most used full form becomes canonical.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from nameparser import HumanName
from nicknames import NickNamer
from rapidfuzz import fuzz

from ..model import Article, Entity, Mention
from .cues import SPEECH_VERBS
from .parsed import NameMention, Parsed, word_class
from .speakers import JOINT

KINDS = {"PERSON": "person", "ORG": "org", "GPE": "place", "NORP": "group", "LOC": "place", "FAC": "place"}
TITLE_WORDS = re.compile(r"^(?:mr|mrs|ms|dr|president|prime|minister|secretary|general|gen|chancellor|king|queen|prince|"
                         r"sen|senator|rep|gov|governor|mayor|pope|sir|lord|lady|judge|justice|col|maj|major|lt|lieutenant|capt|captain|sgt|"
                         r"admiral|colonel|commander|spokesman|spokeswoman|foreign|defence|defense|deputy|vice|ambassador)\.?$", re.I)
NICKNAMES = NickNamer()  # loads its CSV once
ROLE_DEPS = {"compound", "amod", "poss", "nmod", "case", "punct", "prep", "pobj", "det"}


def find_names(parsed: Parsed) -> None:
    """Collect named mentions with roles; resolve each person to the fullest name in the report."""
    for para in parsed.paragraphs:
        in_para: list[NameMention] = []
        for ent in para.ents:
            kind = KINDS.get(ent.label_)
            if not kind or kind == "group":
                continue
            head = ent.root
            channel = is_channel(ent)
            for start, end in coordinated(ent) if kind == "person" else [(ent.start_char, ent.end_char)]:
                if kind == "person" and end == ent.end_char:
                    end += hyphen_cut(para.text, end)
                raw = para.text[start:end]
                text = clean_name(raw) if kind == "person" else strip_article(raw)
                if not text:
                    continue
                in_para.append(NameMention(
                    article=parsed.article.id,
                    line=para.line,
                    start=para.offset + start,
                    end=para.offset + end,
                    text=text,
                    kind=kind,
                    role=role_of(ent) if kind == "person" else None,
                    subject=is_subject(head),
                    subordinate=is_subject(head) and in_clause_below(head),
                    channel=channel,
                    personal=kind == "org" and speaks_of_self(head),
                    titled=title_before(para.text[:start]),
                ))
        people = [n for n in in_para if n.kind == "person"]
        for a, b in zip(people, people[1:]):
            if COORDINATION.fullmatch(para.text[a.end - para.offset:b.start - para.offset]):
                a.beside, b.beside = b.text, a.text
        for a in in_para:  # the tagger missed the second name, or the first's kind: "Trump and first lady Melania Trump"
            namesake = re.match(COORDINATION.pattern + r"((?:[A-Z][\w.'-]*\s+){1,3})" + re.escape(a.text) + r"\b",
                                para.text[a.end - para.offset:])
            if namesake and len(a.text.split()) == 1 and not a.beside:
                a.beside = f"{clean_name(namesake.group(1))} {a.text}"
        parsed.names.extend(in_para)
    missed_subjects(parsed)


def title_before(text: str) -> bool:
    """The text before a name ends in a title ("President", "Sen.")."""
    last = text.split()[-1:] or [""]
    return TITLE_WORDS.match(last[0]) is not None


def missed_subjects(parsed: Parsed) -> None:
    """'Trump appeared to be skeptical. "We'll see," he said': a subject the tagger left untagged
    here, named as a person elsewhere in the report, is that person (so "he" can go back to it).
    A surname ending in s is often tagged a plural noun ("Jeffs stood up"): any noun tag will do."""
    known = {n.text.split()[-1] for n in parsed.names if n.kind == "person"}
    tagged = {n.start for n in parsed.names}
    for para in parsed.paragraphs:
        for token in para.doc:
            start = para.offset + token.idx
            if (token.tag_ in ("NNP", "NNPS", "NNS", "NN") and token.dep_ in ("nsubj", "nsubjpass") and not token.ent_type_
                    and token.text in known and start not in tagged):
                parsed.names.append(NameMention(article=parsed.article.id, line=para.line, start=start,
                                                end=start + len(token.text), text=token.text, kind="person", subject=True,
                                                subordinate=in_clause_below(token)))
    parsed.names.sort(key=lambda n: n.start)


def speaks_of_self(head) -> bool:
    """'Blanco said she was happy', 'Rubilio Mendez said he fled': the subject of a speech verb
    whose reported clause says "he" or "she" of its speaker is a person, whatever the tagger says."""
    verb = head.head
    if head.dep_ != "nsubj" or verb.lower_ not in SPEECH_VERBS:
        return False
    return any(c.dep_ == "ccomp" and any(s.dep_ == "nsubj" and s.lower_ in ("he", "she") for s in c.children)
               for c in verb.children)


SUBORDINATE_DEPS = {"ccomp", "advcl", "relcl", "acl", "xcomp", "csubj", "pcomp"}


def in_clause_below(subject) -> bool:
    """'Producer Moffat is sure that fans will agree that Capaldi is the perfect choice': Capaldi is
    the subject of a clause inside the sentence, Moffat the sentence's; "he said" next goes on with
    Moffat."""
    token = subject.head.head if subject.dep_ == "appos" else subject.head
    while token.head.i != token.i:
        if token.dep_ in SUBORDINATE_DEPS:
            return True
        token = token.head
    return False


def is_subject(head) -> bool:
    """The subject of a verb, or named in apposition to one ("The official, Ali Shamkhani, said")."""
    return head.dep_ in ("nsubj", "nsubjpass") or (head.dep_ == "appos" and head.head.dep_ in ("nsubj", "nsubjpass"))


# between two people named together: "Trump and Melania Trump", "Trump and first lady Melania Trump"
COORDINATION = re.compile(r",?\s+(?:and|&)\s+(?:[a-z][\w.-]*\s+){0,3}")


def hyphen_cut(text: str, end: int) -> int:
    """How far a name the tagger cut at a hyphen goes on: "Moon Jae" of "Moon Jae-in"."""
    cut = re.match(r"-[a-z]+\b(?!-)", text[end:])
    return len(cut.group()) if cut and end and text[end - 1].isalpha() else 0


# platforms words are posted on: never a person, whatever the tagger says (data, not rules)
PLATFORMS = frozenset("""twitter facebook instagram youtube telegram tiktok whatsapp wechat weibo reddit linkedin snapchat
gab parler truth social threads bluesky mastodon substack""".split())
# what an outlet or a platform is called in apposition ("Sputnik, a Russian state site") or what
# it carries ("a Twitter message"): the name before it is a channel, not a speaker
CHANNEL_NOUNS = frozenset("""site website agency newspaper paper outlet network broadcaster channel daily tabloid magazine
platform station publication wire app""".split())
CARRIED_NOUNS = frozenset("message post posts account feed page livestream".split())
POSTING_VERBS = frozenset("""post posted posts posting write wrote writes writing said says say saying announced
reacted responded shared published tweeted""".split())


def is_channel(ent) -> bool:
    """An outlet or platform the tagger took for a person: named as a site or an agency in
    apposition, as the medium of a message ("a Twitter message", "posted on Twitter"), or a platform."""
    if ent.text.lower() in PLATFORMS:
        return True
    head = ent.root
    if any(c.dep_ == "appos" and c.lower_ in CHANNEL_NOUNS for c in head.children):
        return True
    if len(ent) == 1 and head.dep_ == "compound" and head.head.lower_ in CARRIED_NOUNS:
        return True
    via = head.head
    return head.dep_ == "pobj" and via.lower_ in ("on", "via") and via.head.lower_ in POSTING_VERBS


def coordinated(ent) -> list[tuple[int, int]]:
    """'Trump and Mattis' taken as one name by the tagger is two people: the character ranges of each."""
    pieces, start = [], ent.start_char
    for token in ent:
        if token.lower_ in ("and", "&") or token.text == ",":
            pieces.append((start, token.idx))
            start = token.idx + len(token.text) + 1
    pieces.append((start, ent.end_char))
    return [(a, b) for a, b in pieces if b > a] if len(pieces) > 1 and all(b > a for a, b in pieces) else [(ent.start_char, ent.end_char)]


def retype(names: Sequence[NameMention]) -> None:
    """The small NER model calls some people places or organisations ("Scholz", "Major General
    Igor Konashenkov"): a name whose surname is a known person's, or that opens with a title,
    is a person, and so is a lone word called a person more often than not; a lone word called a
    person but more often a place (Kyiv) is a place; a name that says "he" or "she" of itself is a
    person (see speaks_of_self); an outlet
    or a platform (see is_channel) is an organisation."""
    surnames = {n.text.split()[-1] for n in names if n.kind == "person" and len(n.text.split()) > 1}
    # an outlet or platform shown once to be one is one wherever the report names it, unless a person has that surname
    channels = {n.text for n in names if n.channel and n.text not in surnames}
    personal = {n.text for n in names if n.personal}
    titled_once = {n.text for n in names if n.titled}  # "President Trump" once: "Trump" is a person throughout
    votes: dict[str, Counter] = defaultdict(Counter)
    for n in names:
        votes[n.text][n.kind] += 1
    for n in names:
        if n.text in channels or not n.text[:1].isalpha():
            n.kind = "org" if n.kind == "person" else n.kind  # "10 Downing Street said": no one's name opens with a figure
            continue
        if n.kind == "person":
            if (len(n.text.split()) == 1 and n.text not in surnames | titled_once
                    and votes[n.text].most_common(1)[0][0] != "person"):
                n.kind = votes[n.text].most_common(1)[0][0]
            continue
        tokens = n.text.split()
        titled = len(tokens) > 1 and TITLE_WORDS.match(tokens[0]) is not None and tokens[-1][:1].isupper()
        # "Trump appeared to be skeptical": a lone word the tagger mostly calls a person elsewhere in the report
        usually_person = len(tokens) == 1 and votes[n.text]["person"] > votes[n.text][n.kind]
        if titled or usually_person or n.text in personal | titled_once or (tokens[-1] in surnames and len(tokens) <= 3):
            name = clean_name(n.text) or (n.text if n.text in surnames else "")  # "King" alone: Tishana King's surname
            if name:
                n.kind, n.text = "person", name


def clean_name(text: str) -> str:
    """The name without the titles before it: "Sen. Marco Rubio" is Marco Rubio, but a title word
    after a given name is a surname (Tishana King, John Major)."""
    parts = re.sub(r"['’]s$", "", text.strip()).split()
    while parts and TITLE_WORDS.match(parts[0]):
        parts = parts[1:]
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


@lru_cache(maxsize=None)
def parts(name: str) -> tuple[str, str, str]:
    """(first name, surname, suffix) in lower case; a single word is a surname. nameparser knows
    middle names and initials ("Roger J. Stone Jr.") and suffixes ("Robert S. Mueller III")."""
    words = name.split()
    if len(words) == 1:
        return "", words[0].lower(), ""
    parsed = HumanName(name)
    first = parsed.first.lower().strip(".")
    if len(first) == 1 and parsed.middle and len(parsed.middle.split()[0].strip(".")) > 1:
        first = parsed.middle.split()[0].lower()  # "H. Dale Hall", "J. Edgar Hoover": known by the middle name
    return first, (parsed.last or words[-1]).lower(), parsed.suffix.lower().strip(".")


def first_names_agree(a: str, b: str) -> bool:
    """One first name, a short form of it (Jim/James, Dick/Richard, Bill/William: the nicknames
    data set) or its initial; a missing first name agrees with any."""
    if not a or not b or a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return b in NICKNAMES.nicknames_of(a) | NICKNAMES.canonicals_of(a) or a in NICKNAMES.nicknames_of(b) | NICKNAMES.canonicals_of(b)


def resolve_within(names: Sequence[NameMention]) -> None:
    """Each person mention's key becomes the fullest name in the report for the same person: a
    surname alone goes to the full name that has it (the most named one if several people share
    it), unless the report names the two together, as two people; two full names are one person
    when first names and suffixes agree."""
    people = [n for n in names if n.kind == "person"]
    counts = Counter(n.text for n in people)
    order = {text: i for i, text in reversed(list(enumerate(n.text for n in people)))}
    full = sorted(counts, key=lambda t: (-len(t.split()), -counts[t], order[t]))
    # "Trump and Melania Trump": the surname alone names someone else than the full name beside it
    apart = {(n.text, n.beside) for n in people if len(n.text.split()) == 1 and n.beside}
    established: dict[str, str] = {}  # a surname alone -> whom the report first meant by it
    for n in sorted(people, key=lambda m: m.start):
        first, last, suffix = parts(n.text)
        same = [f for f in full if len(f.split()) > 1 and parts(f)[1] == last and f != n.text and (n.text, f) not in apart]
        if first:
            same = [f for f in same if len(f.split()) > len(n.text.split()) and first_names_agree(first, parts(f)[0])
                    and parts(f)[2] == suffix]
        elif same:
            # "Trump" where the report names Donald Trump and Donald Trump Jr.: no suffix first; then the one the
            # report has already meant by the surname alone ("Macron said", after "Macron, along with his wife
            # Brigitte Macron," is still the president); then the one named most; two named as often (Makaeo and
            # Jumaane Williams, "Williams" first used after both): the one named last before it, as a reader takes it
            last_before = {f: max((m.start for m in people if m.text == f and m.start < n.start), default=-1) for f in same}
            same = sorted(same, key=lambda f: (parts(f)[2] != "", established.get(n.text, f) != f, -counts[f],
                                               -last_before[f], order[f]))[:1]
            if same:
                established.setdefault(n.text, same[0])
        n.key = same[0] if same else n.text
        if n.key == n.text and len(n.text.split()) == 1:
            n.key = next((f for f in full if len(f.split()) > 1 and n.text == f.split()[0]), n.text)
    for n in names:
        if n.kind != "person":
            n.key = n.text


def same_person(a: str, b: str) -> bool:
    """Spelling variants of one name: surnames nearly equal, first names and suffixes compatible."""
    if unhyphenated(a) == unhyphenated(b):  # "Kim Jong-un" and "Kim Jong Un"
        return True
    first_a, last_a, suffix_a = parts(a)
    first_b, last_b, suffix_b = parts(b)
    # spellings of one surname keep its first letter (Zelensky/Zelenskyy); Ross is not Cross
    if not last_a or not last_b or last_a[0] != last_b[0] or fuzz.ratio(last_a, last_b) < 85:
        return False
    if not first_a or not first_b:
        return True
    if suffix_a and suffix_b and suffix_a != suffix_b:
        return False
    return first_names_agree(first_a, first_b) or (first_a[0] == first_b[0] and fuzz.ratio(first_a, first_b) >= 60)


def unhyphenated(name: str) -> str:
    return re.sub(r"[\s-]+", " ", name).lower()


def formal_and_short(a: str, b: str) -> bool:
    """'Roger J. Stone Jr.' and 'Roger Stone' in one report: the formal name of a first mention
    (middle initial and suffix) and the short one of a later, so one person; 'Donald Trump Jr.'
    beside 'Donald Trump' (or 'Donald J. Trump') is the son."""
    suffixed, plain = (a, b) if parts(a)[2] else (b, a)
    return has_middle(suffixed) and not has_middle(plain) and len(plain.split()) == 2


@lru_cache(maxsize=None)
def has_middle(name: str) -> bool:
    return bool(HumanName(name).middle)


def canonical_names(keys_by_report: Sequence[set[str]]) -> dict[str, str]:
    """Map every report-level person name (one set per report) to one name for the person. A
    name with a suffix and the same name without it ("Donald Trump Jr." and "Donald Trump") stay
    apart when one report names both; otherwise they are one person written two ways ("Roger J.
    Stone Jr.", "Roger Stone"). So do a surname and a full name with it that one report keeps
    apart ("Trump and Melania Trump")."""
    counts = Counter(key for keys in keys_by_report for key in keys)
    apart = {frozenset((a, b)) for keys in keys_by_report for a in keys for b in keys
             if a < b and parts(a)[2] != parts(b)[2] and parts(a)[1] == parts(b)[1] and not formal_and_short(a, b)}
    # a surname alone beside a full name with it in one report is someone else there (resolve_within)
    apart |= {frozenset((a, b)) for keys in keys_by_report for a in keys for b in keys
              if len(a.split()) == 1 and len(b.split()) > 1 and parts(b)[1] == a.lower()}
    # the son told apart from "Donald Trump" in one report is told apart from "Donald J. Trump" too
    plain_apart: dict[str, list[str]] = defaultdict(list)
    for pair in sorted(apart, key=sorted):
        suffixed, plain = sorted(pair, key=lambda k: not parts(k)[2])
        if not parts(plain)[2]:
            plain_apart[suffixed].append(plain)

    def told_apart(a: str, b: str) -> bool:
        if frozenset((a, b)) in apart:
            return True
        suffixed, plain = (a, b) if parts(a)[2] else (b, a)
        return not parts(plain)[2] and any(same_person(o, plain) for o in plain_apart.get(suffixed, ()))

    groups: list[list[str]] = []
    for key in sorted(counts, key=lambda k: (-len(k.split()), -counts[k], k)):
        fits = [g for g in groups if same_person(g[0], key) and not any(told_apart(k, key) for k in g)]
        if len(key.split()) == 1:
            # a surname alone joins the person most named with it, one without a suffix first
            fits.sort(key=lambda g: (parts(g[0])[2] != "", -sum(counts[k] for k in g)))
        if fits:
            fits[0].append(key)
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
        best = max(multi, key=lambda k: (counts[k], len(k), k))
        for key in group:
            canonical[key] = best
    return canonical


def person_keys(names: Sequence[NameMention]) -> set[str]:
    return {n.key for n in names if n.kind == "person"}


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


def name_people_across(articles: Sequence[Article]) -> None:
    """One name per person across the reports of one story: spelling variants and a surname
    alone in one report ("Kuleba") join the person another report names in full. Run on the
    reports of a story when it is briefed, never across unrelated reports: a surname shared by
    two stories' people would make them one. Renames quote speakers and merges the entities
    that now name one person within a report."""
    canonical = canonical_names([{e.name for e in a.entities if e.kind == "person"} for a in articles])
    for article in articles:
        for quote in article.quotes:
            quote.speaker = speaker_named(quote.speaker, canonical)
        article.entities = renamed(article.entities, canonical)


def speaker_named(speaker: str | None, canonical: dict[str, str]) -> str | None:
    if speaker in canonical:
        return canonical[speaker]
    if speaker and JOINT in speaker:  # people speaking together, each by their one name
        return JOINT.join(canonical.get(k, k) for k in speaker.split(JOINT))
    return speaker


def renamed(entities: Sequence[Entity], canonical: dict[str, str]) -> list[Entity]:
    grouped: dict[tuple[str, str], Entity] = {}
    for e in entities:
        name = canonical.get(e.name, e.name) if e.kind == "person" else e.name
        merged = grouped.setdefault((name, e.kind), Entity(name=name, kind=e.kind))
        merged.mentions.extend(e.mentions)
        merged.roles.extend(r for r in e.roles if r not in merged.roles)
    for merged in grouped.values():
        merged.mentions.sort(key=lambda m: (m.start, m.end))
        merged.aliases = sorted({m.text for m in merged.mentions} - {merged.name})
    return sorted(grouped.values(), key=lambda e: (-len(e.mentions), e.name))
