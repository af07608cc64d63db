"""Where the reports disagree: figures, dates, sources and quote wordings, each judged.

Values are compared only when they are about the same thing: same unit (numbers), the same
distinctive name nearby and a similar clause around them (dates), the same day credited in
the same kind of sentence (attributions). Saying nothing beats a false alarm, so every
grouping asks for likeness of meaning and of names, not just of numbers.
"""
from __future__ import annotations

import re
from collections import defaultdict
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import combinations

from ..dates import WEEKDAYS, YEAR, resolve
from ..model import Article, Discrepancy, DiscrepancyValue, Quote, Statement, StatementMention, Value
from ..nlp import embed
from ..text import STOP_WORDS, normalize, words
from .align import quote_words, verbatim
from .claims import identified
from .parties import parties_in
from .referents import find_referent_discrepancies, own_date
from .story import Story

UNIT_FAMILIES = {"soldiers": "troops", "forces": "troops", "servicemen": "troops", "personnel": "troops", "troop": "troops",
                 "people": "people", "persons": "people", "civilians": "people", "feet": "foot", "metres": "meter",
                 "meters": "meter", "metre": "meter", "kilometres": "km", "kilometers": "km", "miles": "mile"}
APPROX_SPREAD = 0.1  # "about 150,000" allows 135,000 to 165,000
SAME_CONTEXT = 0.55
SAME_SENTENCE_TOPIC = 0.5
COMMON_NAME_SHARE = 0.8  # names in this share of reports (Russia, NATO) tell nothing about sameness
REPORTING_DATE = re.compile(r"\b(?:said|says|announced|told|declared|reported|wrote|added|briefing|conference|statement)\b(?:\s+\w+){0,3}\s*$", re.I)
MIN_SHARED_WORDS = 3
ELLIPSIS = re.compile(r"\.\s*\.\s*\.|…|\[|\(\w[^()]{0,30}\)")  # cuts, and words the outlet supplied: "[he]", "(rule)"
MAX_WORDING_CHANGES = 2  # words added or replaced inside the shared stretch ("Everything is now in place")
SPELLING_MIN_LENGTH = 6  # shorter words differing by a letter are other words ("will" / "wall")
SPELLING_LIKENESS = 0.9  # "neighbourhood" / "neighborhood" 0.96; "memorandums" / "memoranda" 0.8 are other words
# what befell those counted: "three people were injured" and "46 people had been arrested" count two groups
FATES = {"killed": "dead", "kill": "dead", "killing": "dead", "dead": "dead", "died": "dead", "deaths": "dead",
         "injured": "hurt", "injuring": "hurt", "wounded": "hurt", "wounding": "hurt", "hurt": "hurt",
         "arrested": "held", "arrests": "held", "arrest": "held", "detained": "held",
         "charged": "charged", "convicted": "convicted", "tried": "tried", "trial": "tried", "missing": "missing", "displaced": "displaced",
         "evacuated": "displaced"}
FATE_WINDOW = 6  # words either side of the figure where what befell them is told
# a bound the annotator leaves as a plain figure: "within 20 miles of Tel Aviv" allows 17
WEEKDAY = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)})\b", re.I)
TWO_MOMENTS = re.compile(r"\b(?:the (?:night|day|evening|morning|week) before|the previous|(?:a|the) day earlier)\b", re.I)
UPPER_BOUND_BEFORE = re.compile(r"\bwithin\s*$", re.I)


def find_discrepancies(story: Story, statements: list[Statement]) -> list[Discrepancy]:
    found = number_discrepancies(story) + date_discrepancies(story)
    found += attribution_discrepancies(story) + speaker_discrepancies(story, statements)
    found += wording_discrepancies(story, statements) + find_referent_discrepancies(story, statements)
    return found


def quotes_in(story: Story, statement: Statement) -> dict[str, list[tuple[StatementMention, Quote]]]:
    """Per report, the statement's mentions that stand in quotation marks, with their quote."""
    found: dict[str, list[tuple[StatementMention, Quote]]] = defaultdict(list)
    for m in statement.mentions:
        quote = next((q for q in story.by_id[m.article].quotes
                      if q.kind in ("direct", "partial") and q.start <= m.start < q.end), None)
        if quote is not None:
            found[m.article].append((m, quote))
    return found


def speaker_discrepancies(story: Story, statements: list[Statement]) -> list[Discrepancy]:
    """One quote, the same words, credited to different people by different reports."""
    people = {e.name for a in story.articles for e in a.entities if e.kind == "person"}
    out = []
    for statement in statements:
        pieces = quotes_in(story, statement)
        # people only: a body or a place credited with a quote is often where it was published
        # ("wrote on Twitter", "Sputnik added") or a parser's slip, not a rival source
        # and only where the report names them at the quote: a "he" resolved across paragraphs
        # is too often the wrong person to set one report against another
        credited = {a: next((q for _, q in ps if q.speaker in people and named_at_quote(q)), None) for a, ps in pieces.items()}
        credited = {a: q for a, q in credited.items() if q is not None}
        if len(distinct_people({q.speaker for q in credited.values()})) < 2 or not copies_disagree(story, credited, pieces):
            continue
        values = [DiscrepancyValue(a, q.line, q.speaker_mention.text if q.speaker_mention else q.speaker, q.speaker,
                                   story.outlet(a), sentence_of(story, a, q.start)) for a, q in sorted(credited.items())]
        names = " or ".join(sorted({q.speaker for q in credited.values()}))
        out.append(Discrepancy("attribution", "conflict", f"who said \"{clip(statement.text)}\": {names}", values,
                               "the reports credit the same words to different people; at most one is right, "
                               "unless one person was repeating the other"))
    return out


def copies_disagree(story: Story, credited: dict[str, Quote], pieces) -> bool:
    """Two reports print the same words (not a paraphrase joined to them) and credit two people,
    and neither names the other's speaker where it gives them ("Sputnik added ..., according to
    Kim" passes Kim's words on)."""
    for a, b in combinations(sorted(credited), 2):
        if len(distinct_people({credited[a].speaker, credited[b].speaker})) < 2:
            continue
        if names_at(story, credited[a], credited[b].speaker) or names_at(story, credited[b], credited[a].speaker):
            continue
        if any(verbatim(quote_words(ma.text), quote_words(mb.text)) and not (relayed(qa, mb.text) or relayed(qb, ma.text))
               for ma, qa in pieces[a] for mb, qb in pieces[b]
               if qa.speaker == credited[a].speaker and qb.speaker == credited[b].speaker):
            return True
    return False


def names_at(story: Story, quote: Quote, person: str) -> bool:
    """The sentence giving the quote names the person (by any part of the name: "Kim" for Kim Jong Un)."""
    sentence = set(re.findall(r"[A-Z][A-Za-z]+", sentence_of(story, quote.article, quote.start)))
    return any(len(part) > 2 and part in sentence for part in re.findall(r"[A-Z][A-Za-z]+", person))


# a quotation inside a quote: single marks opening after a space and closing before a space or a mark
INNER_QUOTE = re.compile(r"(?:^|(?<=\s))[‘'](.+?)[’'](?=[\s,.;:!?”\"]|$)")


def relayed(quote: Quote, words: str) -> bool:
    """The speaker repeats another's words, quoted inside the quote ("the President ... said
    'the guy has serious judgment issues'," Comey wrote): one source passing on another's words,
    not two reports disagreeing on who spoke."""
    return any(verbatim(quote_words(inner), quote_words(words)) for inner in INNER_QUOTE.findall(quote.text))


def named_at_quote(q: Quote) -> bool:
    """The report names the speaker where it gives the quote ("said Anna Berg", "Berg said")."""
    return q.speaker_mention is not None and surname_of(q.speaker) in q.speaker_mention.text.lower()


def surname_of(name: str) -> str:
    tokens = [t for t in re.findall(r"[A-Za-z]+", name) if t.lower() not in ("jr", "sr", "ii", "iii") and len(t) > 1]
    return tokens[-1].lower() if tokens else name.lower()


def distinct_people(names: set[str]) -> set[str]:
    """Surnames left: spellings of one name ("Roger J. Stone Jr", "Roger Stone") are one person, and
    two people of one surname credited with one quote are one "Trump" resolved two ways."""
    return {surname_of(n) for n in names}


def changed_words(story: Story, statement: Statement) -> Discrepancy | None:
    """Copies of one quote that differ inside by a word or two: a word inserted, dropped or
    changed ("Wendy" for "Debbie"); outlets cutting a quote at other places is no change."""
    pieces = quotes_in(story, statement)
    changes: list[tuple[str, str]] = []
    involved: set[str] = set()
    for a, b in combinations(sorted(pieces), 2):
        for (ma, qa), (mb, qb) in ((x, y) for x in pieces[a] for y in pieces[b]):
            if not (same_wording(ma.text, mb.text) and verbatim(quote_words(ma.text), quote_words(mb.text))):
                continue  # reworded: the variants check reports it
            if not verbatim(quote_words(qa.text), quote_words(qb.text)):
                continue  # one line in two remarks ("It should have never, ever been made" said twice), not one quote
            for change in inner_changes(ma.text, mb.text):
                involved |= {a, b}
                if change not in changes and change[::-1] not in changes:
                    changes.append(change)
    if not changes:
        return None
    values = [DiscrepancyValue(a, pieces[a][0][0].line, " ".join(m.text for m, _ in pieces[a]), None, story.outlet(a),
                               sentence_of(story, a, pieces[a][0][0].start)) for a in sorted(involved)]
    what = "; ".join(f"\"{old or '-'}\" / \"{new or '-'}\"" for old, new in changes[:3])
    return Discrepancy("quote-wording", "conflict", f"the words of {speaker_label(story, statement)}: {what}", values,
                       "the outlets print one quote with a word inserted, dropped or changed; "
                       "at most one copy has the words as said")


def speaker_label(story: Story, statement: Statement) -> str:
    """Who said it, as far as the reports tell: only the surname when two people of the story
    bear it and no report names the speaker in full at the words."""
    if not statement.speaker:
        return "one quote"
    return statement.speaker if identified(story, statement) else statement.speaker.split()[-1]


def inner_changes(a: str, b: str) -> list[tuple[str, str]]:
    """Words replaced, inserted or dropped between the first and last words two copies share."""
    x, y = tuple(words(a)), tuple(words(b))
    lx, ly = tuple(w.lower() for w in x), tuple(w.lower() for w in y)
    matcher = SequenceMatcher(None, lx, ly, autojunk=False)
    blocks = [m for m in matcher.get_matching_blocks() if m.size]
    if sum(m.size for m in blocks) < max(MIN_SHARED_WORDS, 0.6 * min(len(x), len(y))):
        return []  # not copies of one quote: the paraphrase check handles these
    opcodes = matcher.get_opcodes()
    # a change inside both copies, with two shared words or more on each side of it: a change next
    # to where one outlet starts or ends its quote is that outlet cutting it ("It is together that
    # we will" / "together we will")
    inner = [op for k, op in enumerate(opcodes) if op[0] != "equal" and 0 < k < len(opcodes) - 1
             and opcodes[k - 1][2] - opcodes[k - 1][1] >= 2 and opcodes[k + 1][2] - opcodes[k + 1][1] >= 2]
    if len(inner) > MAX_WORDING_CHANGES:
        return []  # many changes: a paraphrase or a translation, reported as variants
    if ELLIPSIS.search(a) or ELLIPSIS.search(b):
        return []  # "..." or "[he]": the outlet marked the words it left out or supplied
    return [(" ".join(x[i1:i2]), " ".join(y[j1:j2])) for _, i1, i2, j1, j2 in inner
            if stems(" ".join(x[i1:i2])) != stems(" ".join(y[j1:j2]))  # "sign" / "signs" is no change of words
            and not same_word_written_otherwise(" ".join(x[i1:i2]), " ".join(y[j1:j2]))]


def same_word_written_otherwise(a: str, b: str) -> bool:
    """One word in another house style: a spelling ("neighbourhood" / "neighborhood") or the
    minutes of a full hour ("6 p.m." / "6:00 p.m.")."""
    if not a or not b:
        return bool(re.fullmatch(r"0+", a or b))
    return " " not in a + b and min(len(a), len(b)) >= SPELLING_MIN_LENGTH \
        and SequenceMatcher(None, a.lower(), b.lower()).ratio() >= SPELLING_LIKENESS


def clip(text: str, size: int = 80) -> str:
    return text if len(text) <= size else text[:size - 1].rstrip() + "…"


def sentence_of(story: Story, article_id: str, offset: int) -> str:
    s = story.sentence_at(article_id, offset)
    return s.text if s else ""


def value_entry(story: Story, v: Value) -> DiscrepancyValue:
    return DiscrepancyValue(article=v.article, line=v.line, surface=v.surface, normalized=v.normalized,
                            outlet=story.outlet(v.article), sentence=sentence_of(story, v.article, v.start))


def body_values(story: Story, kind: str) -> list[Value]:
    out = []
    for article in story.articles:
        kept = {ln.line for ln in article.lines if ln.label == "body"}
        out += [v for v in article.values if v.kind == kind and v.line in kept and v.normalized is not None]
    return out


def distinctive_names(story: Story) -> dict[str, set[str]]:
    """Per article, the names that fewer than most reports use, with where they stand."""
    seen: dict[str, set[str]] = defaultdict(set)
    for article in story.articles:
        for e in article.entities:
            seen[e.name].add(article.id)
        for sentence in article.sentences:
            for party in parties_in(sentence.text):
                seen[party].add(article.id)
    limit = max(2, COMMON_NAME_SHARE * len(story.articles))
    return {name: ids for name, ids in seen.items() if len(ids) < limit}


def names_near(article: Article, start: int, end: int, allowed: dict[str, set[str]]) -> set[str]:
    """Distinctive names in a span, people and places, demonyms counted as their country."""
    named = {e.name for e in article.entities if any(start <= m.start < end for m in e.mentions)}
    named |= parties_in(article.text[start:end])
    return {n for n in named if n in allowed}


def group_pairs(n: int, linked) -> list[list[int]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in combinations(range(n), 2):
        if linked(i, j):
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    return list(groups.values())


def several_per_article(members: list[Value]) -> bool:
    """One report giving two values in a group means two things (150 and 13 miles; a list of
    incidents with their dates), not one thing in dispute."""
    seen: dict[str, set] = defaultdict(set)
    for v in members:
        seen[v.article].add(str(v.normalized))
    return any(len(values) > 1 for values in seen.values())


def interval(story: Story, v: Value) -> tuple[float, float]:
    value = float(v.normalized)
    if v.qualifier in (None, "exact") and UPPER_BOUND_BEFORE.search(story.by_id[v.article].text[max(0, v.start - 20):v.start]):
        return float("-inf"), value
    if v.qualifier == "approx":
        return value * (1 - APPROX_SPREAD), value * (1 + APPROX_SPREAD)
    return (v.low if v.low is not None else float("-inf")), (v.high if v.high is not None else float("inf"))


def number_discrepancies(story: Story) -> list[Discrepancy]:
    values = [v for v in body_values(story, "quantity") if v.unit and readable_count(story, v)]
    if len(values) < 2:
        return []
    sentences = [sentence_of(story, v.article, v.start) for v in values]
    vectors = embed(sentences, story.settings.embedding_model)
    family = [UNIT_FAMILIES.get(v.unit, v.unit) for v in values]

    counted = [counted_kind(story, v) for v in values]
    fates = [fate(story, v) for v in values]
    days = [occasion(story, v) for v in values]
    published = [own_date(story.by_id[v.article]) for v in values]
    allowed = distinctive_names(story)
    # whose or where: "seven members of one family" in the Beach camp are not "12 members of the Daya family"
    names = [names_near(story.by_id[v.article], *sentence_span(story, v), allowed) for v in values]

    def linked(i: int, j: int) -> bool:
        return (values[i].article != values[j].article and family[i] == family[j] and counted[i] == counted[j]
                and not (fates[i] and fates[j] and fates[i] != fates[j]) and not (names[i] and names[j] and not names[i] & names[j])
                and same_occasion(days[i], published[i], days[j], published[j])
                and float(vectors[i] @ vectors[j]) >= SAME_SENTENCE_TOPIC)

    out = []
    for group in group_pairs(len(values), linked):
        members = [values[i] for i in group]
        if len({v.article for v in members}) < 2 or len({(v.normalized, v.qualifier) for v in members}) < 2:
            continue
        if several_per_article(members):
            continue
        spans = [interval(story, v) for v in members]
        disjoint = [(a, b) for a, b in combinations(range(len(members)), 2)
                    if spans[a][1] < spans[b][0] or spans[b][1] < spans[a][0]]
        verdict = "conflict" if disjoint else "compatible"
        unit = family[group[0]]
        newest = newest_report(story, members) if disjoint else None
        if newest is not None:
            verdict = "updated"
            why = (f"updated since: the newest report ({story.outlet(newest.article)}, {own_date(story.by_id[newest.article])}) "
                   f"gives {newest.surface}; the older reports gave the figure of their day")
        elif disjoint:
            a, b = disjoint[0]
            why = f"{members[a].surface} and {members[b].surface} cannot both be right"
        else:
            why = "the figures differ but their ranges overlap (a vaguer or bounding figure)"
        out.append(Discrepancy("number", verdict, f"how many {unit}", [value_entry(story, v) for v in members], why))
    return out


def readable_count(story: Story, v: Value) -> bool:
    """A figure counting a kind of thing, read whole: not the tail of a number a space split
    ("10, 000 members" read as 000), nor a count of a name ("11 other FLDS men": FLDS says whose)."""
    text = story.by_id[v.article].text
    if re.fullmatch(r"0+", v.surface.split()[-1]) and re.search(r"\d,\s+$", text[max(0, v.start - 6):v.start]):
        return False
    unit = re.search(rf"\b{re.escape(v.unit or '')}\b", text[v.end:v.end + 80], re.I)
    return not (unit and unit.group()[:1].isupper())


def fate(story: Story, v: Value) -> str | None:
    """What befell those counted, as the words nearest the figure tell it (killed, injured, arrested)."""
    text = story.by_id[v.article].text
    before = re.findall(r"[a-z]+", text[max(0, v.start - 80):v.start].lower())[-FATE_WINDOW:]
    after = re.findall(r"[a-z]+", text[v.end:v.end + 80].lower())[:FATE_WINDOW]
    near = sorted((abs(k), FATES[w]) for k, w in [*((k + 1, w) for k, w in enumerate(after)),
                                                  *((k - len(before), w) for k, w in enumerate(before))] if w in FATES)
    return near[0][1] if near else None


def occasion(story: Story, v: Value) -> str | None:
    """The one day the figure's sentence ties it to ("Wednesday night, more than 200 people"), not
    the day something was said, nor a day after the report (a weekday read forward). None when
    the sentence tells of two moments ("On Tuesday ... where, the night before, ...")."""
    s = story.sentence_at(v.article, v.start)
    article = story.by_id[v.article]
    if s is None or TWO_MOMENTS.search(s.text):
        return None
    published = own_date(article)
    days = {str(d.normalized) for d in article.values if d.kind == "date" and s.start <= d.start < s.end
            and d.normalized and len(str(d.normalized)) == 10 and not is_reporting_date(story, d)}
    # a weekday the annotator left unresolved ("The trouble Wednesday night began ...")
    days |= {day for w in WEEKDAY.finditer(s.text) if not REPORTING_DATE.search(s.text[max(0, w.start() - 40):w.start()])
             and (day := resolve(w.group(), published, s.text, future=False))}
    days = {d for d in days if published is None or d <= str(published)}
    return days.pop() if len(days) == 1 else None


def same_occasion(day_a: str | None, published_a, day_b: str | None, published_b) -> bool:
    """Figures of different days are two values (Monday's march, Wednesday's vigil), and a report
    published before the day another figure is tied to cannot be counting the same thing."""
    if day_a and day_b:
        return day_a == day_b
    return not ((day_a and published_b and str(published_b) < day_a) or (day_b and published_a and str(published_a) < day_b))


def counted_kind(story: Story, v: Value) -> frozenset[str]:
    """What kind of the unit is counted: the common words between the figure and its unit
    ("three intercontinental ballistic missiles" are not "23 missiles"; "100,000 secret files"
    are not "55,000 files"). Names there ("200 Central American migrants") say whose, not which
    kind, and are left out."""
    after = story.by_id[v.article].text[v.end:v.end + 80]
    found = re.search(rf"\b{re.escape(v.unit or '')}\b", after, re.I) if v.unit else None
    between = after[:found.start()] if found else ""
    return frozenset(w for w in re.findall(r"[A-Za-z][\w-]*", between) if w.islower() and w not in STOP_WORDS)


def newest_report(story: Story, members: list[Value]) -> Value | None:
    """The value of the one newest report when every report carries its own date and they differ:
    a toll or a count that grew between reports is an update, not a contradiction. A newer report
    giving a smaller count of the same thing updates nothing: the two disagree."""
    days = [own_date(story.by_id[v.article]) for v in members]
    if None in days or len(set(days)) < 2:
        return None
    latest = [v for v, day in zip(members, days) if day == max(days)]
    if len({str(v.normalized) for v in latest}) != 1:
        return None
    return latest[0] if all(float(v.normalized) <= float(latest[0].normalized) for v in members) else None


def date_context(story: Story, v: Value, width: int = 60) -> str:
    text = story.by_id[v.article].text
    return text[max(0, v.start - width):v.end + width]


def is_reporting_date(story: Story, v: Value) -> bool:
    """'said Wednesday', 'told reporters on Tuesday': when it was said, not when it happens."""
    text = story.by_id[v.article].text
    return bool(REPORTING_DATE.search(text[max(0, v.start - 40):v.start]))


def date_discrepancies(story: Story) -> list[Discrepancy]:
    quoted = {(q.article, q.start, q.end) for a in story.articles for q in a.quotes if q.kind in ("direct", "partial")}
    values = [v for v in body_values(story, "date") if len(str(v.normalized)) == 10 and not is_reporting_date(story, v)
              and not any(a == v.article and s <= v.start < e for a, s, e in quoted)]
    if len(values) < 2:
        return []
    allowed = distinctive_names(story)
    names = [names_near(story.by_id[v.article], *sentence_span(story, v), allowed) for v in values]
    contexts = embed([date_context(story, v) for v in values], story.settings.embedding_model)

    def linked(i: int, j: int) -> bool:
        return (values[i].article != values[j].article and bool(names[i] & names[j])
                and float(contexts[i] @ contexts[j]) >= SAME_CONTEXT)

    out = []
    for group in group_pairs(len(values), linked):
        members = [values[i] for i in group]
        days = sorted({str(v.normalized) for v in members})
        if len({v.article for v in members}) < 2 or len(days) < 2 or several_per_article(members) \
                or only_inferred_years_differ(members):
            continue
        shared = sorted(set.intersection(*(names[i] for i in group)) or names[group[0]])
        why = f"{days[0]} and {days[-1]} are given for the same event; at most one can be right"
        about = f"the date of an event involving {', '.join(shared)}" if shared else "the date of one event"
        out.append(Discrepancy("date", "conflict", about, [value_entry(story, v) for v in members], why))
    return out


def only_inferred_years_differ(values: list[Value]) -> bool:
    """Same day and month, other years, and some report never wrote the year: the year came from
    that report's own date (a repost a year on, a misdated page), so the reports need not disagree."""
    return len({str(v.normalized)[5:] for v in values}) == 1 and not all(YEAR.search(v.surface) for v in values)


def sentence_span(story: Story, v: Value) -> tuple[int, int]:
    s = story.sentence_at(v.article, v.start)
    return (s.start, s.end) if s else (v.start, v.end)


def attribution_discrepancies(story: Story) -> list[Discrepancy]:
    """The same dated claim credited to different sources (intelligence, officials, leaks)."""
    people = {e.name for a in story.articles for e in a.entities if e.kind == "person"}
    claims = []
    for article in story.articles:
        for q in article.quotes:
            # named people saying the same date corroborate each other; this is about unnamed or institutional sources
            if q.kind != "indirect" or not q.speaker or q.speaker in people:
                continue
            for v in article.values:
                if v.kind == "date" and q.start <= v.start < q.end and v.normalized and len(str(v.normalized)) == 10:
                    claims.append((q, v))
    if len(claims) < 2:
        return []
    contexts = embed([sentence_of(story, q.article, q.start) for q, _ in claims], story.settings.embedding_model)

    def linked(i: int, j: int) -> bool:
        (qa, va), (qb, vb) = claims[i], claims[j]
        return (qa.article != qb.article and va.normalized == vb.normalized and qa.speaker != qb.speaker
                and float(contexts[i] @ contexts[j]) >= SAME_SENTENCE_TOPIC - 0.1)

    out = []
    for group in group_pairs(len(claims), linked):
        members = [claims[i] for i in group]
        if len({q.article for q, _ in members}) < 2 or len({q.speaker for q, _ in members}) < 2:
            continue
        day = members[0][1].normalized
        values = [DiscrepancyValue(q.article, q.line, q.speaker_mention.text if q.speaker_mention else q.speaker, None,
                                   story.outlet(q.article), sentence_of(story, q.article, q.start)) for q, _ in members]
        why = "different sources are credited; they can all be true, but none is confirmed by another"
        out.append(Discrepancy("attribution", "compatible", f"who says {day} ({members[0][1].surface})", values, why))
    return out


def wording_discrepancies(story: Story, statements: list[Statement]) -> list[Discrepancy]:
    """One quote rendered in different words by different outlets (translations, paraphrase in quote marks)."""
    quoted = [q for a in story.articles for q in a.quotes if q.kind in ("direct", "partial")]
    out: list[Discrepancy] = []
    reported: list[set[tuple[str, int]]] = []
    for statement in statements:
        changed = changed_words(story, statement)
        if changed is not None:
            out.append(changed)  # copies with a word changed: that is the disagreement to show
            continue
        if not statement.speaker:
            continue
        by_article: dict[str, list] = defaultdict(list)
        for m in statement.mentions:
            if any(q.article == m.article and q.start <= m.start < q.end and q.speaker == statement.speaker for q in quoted):
                by_article[m.article].append(m)
        if len(by_article) < 2:
            continue
        texts = {a: " ".join(m.text for m in ms) for a, ms in by_article.items()}
        where = {(m.article, m.line) for ms in by_article.values() for m in ms}
        if any(where <= earlier for earlier in reported):
            continue  # part of a remark already shown
        if not any(reworded(texts, a, b) for a, b in combinations(texts, 2)):
            continue
        reported.append(where)
        values = [DiscrepancyValue(a, ms[0].line, texts[a], None, story.outlet(a), sentence_of(story, a, ms[0].start))
                  for a, ms in by_article.items()]
        out.append(Discrepancy("quote-wording", "variants", f"the words of {speaker_label(story, statement)}: {statement.text[:80]}",
                               values, "the outlets quote the same remark in different words (translation or paraphrase)"))
    return out


@lru_cache(maxsize=4096)
def stems(text: str) -> tuple[str, ...]:
    """Words with a plural 's' cut, so 'any signs' and 'any sign' read as the same words."""
    return tuple(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words(normalize(text)))


def reworded(texts: dict[str, str], a: str, b: str) -> bool:
    """Two outlets' words of one remark differ, and are not two cuts of a third outlet's longer
    quote ("extremely high levels" and "direct talks at very high levels" are both in "we have had
    direct talks at very high levels, extremely high levels")."""
    if same_wording(texts[a], texts[b]):
        return False
    longest = max(len(stems(texts[a])), len(stems(texts[b])))
    return not any(len(stems(texts[c])) >= longest and same_wording(texts[a], texts[c]) and same_wording(texts[b], texts[c])
                   for c in texts if c not in (a, b))


def same_wording(a: str, b: str) -> bool:
    """The same words, perhaps a longer or shorter stretch of the remark: where the two quotes
    overlap, at most one word differs (outlets cut quotes at different places; that is no variant)."""
    x, y = stems(a), stems(b)
    matcher = SequenceMatcher(None, x, y, autojunk=False)
    blocks = [m for m in matcher.get_matching_blocks() if m.size]
    matched = sum(m.size for m in blocks)
    if not blocks or matched < min(MIN_SHARED_WORDS, len(x), len(y)):
        return False
    first, last = blocks[0], blocks[-1]
    inside_x = last.a + last.size - first.a
    inside_y = last.b + last.size - first.b
    restyled = sum((i2 - i1) + (j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes()
                   if op != "equal" and first.a <= i1 and i2 <= last.a + last.size
                   and same_word_written_otherwise(" ".join(x[i1:i2]), " ".join(y[j1:j2])))
    return (inside_x - matched) + (inside_y - matched) - restyled <= MAX_WORDING_CHANGES
