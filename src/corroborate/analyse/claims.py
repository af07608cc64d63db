"""Claimed versus seen: for each central claim, who asserts it, about whom, on what evidence,
and who has not confirmed or disputes it."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace
from functools import lru_cache

import numpy as np

from ..model import Claim, Disputer, Evidence, Statement, StatementMention
from ..nlp import embed
from ..text import NEWS_AGENCIES
from .align import content_stems, lowercase_stems, name_key, same_speaker
from .parties import parties_in
from .story import Story, best_sentence

NEGATIVE = re.compile(r"\b(?:not|no|never|nor|none|cannot|false|deny|denies|denied|without)\b|n['’]t\b", re.I)
# "must", "should", "would", "have to": demands and conditions, not statements of fact
MODAL = re.compile(r"\b(?:must|should|would|could|might|may|if|(?:have|has|need|needs) to)\b", re.I)
# a speaker's confidence, hope or guess, not a statement of fact ("I am sure he will do the right thing")
OPINION = re.compile(r"\b(?:I|we)(?:['’]m|['’]re| am| are)? (?:sure|think|believe|hope|hopeful|expect)\b"
                     r"|\b(?:possible|possibly|perhaps|maybe|probably|likely)\b", re.I)
# words that gainsay whatever they are said of: a denial or a doubt ("evidence" or "believe" alone gainsay nothing)
DOUBT = re.compile(
    r"\b(?:yet to|false|untrue|skeptic\w*|sceptic\w*|doubt\w*|unconvinced|"
    r"unverified|remains to be seen|too soon|bluff|only (?:then|when|if))\b", re.I)
# a negation or a denial gainsays only what follows it: "no longer insisted on the withdrawal" says
# nothing against a claim about a step toward denuclearization, nor "an effort to deny justice"
# against one about what memos show, however much else the sentence shares
NEGATION = re.compile(r"n['’]t\b|\b(?:not|no|never|deny|denies|denied|denying)\b", re.I)
NEGATION_SCOPE = 6  # words after a negation that it denies
# verbs that say something stops: a claim made of them is itself a negation of what follows
STOPPING = re.compile(r"\b(?:suspend\w*|halt\w*|stop\w*|end(?:s|ed|ing)?|clos(?:e|es|ed|ing)|freez\w*|froze\w*|"
                      r"abandon\w*|ceas\w*|scrap\w*|no longer)\b", re.I)
CONTESTING = frozenset({"denies", "questions"})
SHARED_WITH_CLAIM = 2  # content words a dispute shares with the claim: it speaks of the same things
DENIAL = re.compile(r"\b(?:is false|are false|untrue|not true|a lie|lies|fake|denied that)\b", re.I)
# the things offered as evidence, as nouns ("right to document it" offers none)
EVIDENCE = re.compile(r"(?<!\bto )\b(?:video|videos|footage|images?|photos?|photographs?|satellite|pictures?|recordings?|documents?)\b", re.I)
MILITARY = r"(?:troops|forces|units|soldiers|military|army|tanks|garrisons?|bases|vehicles|weapons|ministry|government)"
FORCES = re.compile(rf"\b{MILITARY}\b", re.I)
SELF_REFERENCE = re.compile(rf"\b(?:its|our|we|their)\s+(?:\w+\s+){{0,2}}{MILITARY}\b", re.I)
CENTRAL_CLAIMS = 3
RELATED = 0.35  # a piece of evidence this close in meaning concerns the claim
DISPUTE_RELATED = 0.5  # words disputing a claim are about it: closer than the story's other doubts
CANDIDATES = 10
STORY_WIDE = 0.5  # a word in this share of the reports or more is the story's topic, not one claim's content


def find_claims(story: Story, statements: list[Statement]) -> list[Claim]:
    # a claimant is named: "the president's attorneys" or "officials" are no identifiable party
    candidates = [s for s in statements if s.speaker and s.speaker[:1].isupper() and s.independent_sources >= 2
                  and asserts_a_fact(story, s) and not outlet_credited(story, s) and one_party(story, s)
                  and identified(story, s) and own_words(story, s) is not s and not body_saying_i(story, s)][:CANDIDATES]
    ranked = sorted(enumerate(assess(story, s) for s in candidates),
                    key=lambda pair: (-(len(pair[1].disputed_by) + len(pair[1].evidence)), pair[0]))
    return [claim for _, claim in ranked[:CENTRAL_CLAIMS]]


FIRST_PERSON_SINGULAR = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|me|my|mine|myself)\b")


def body_saying_i(story: Story, statement: Statement) -> bool:
    """Words in the first person singular credited to a body ("police": "I'm in the middle of the
    riot action ... in my district"): one person spoke them, and the reports' credit is wrong or
    lost, so no party is known to claim them."""
    people = {e.name for a in story.articles for e in a.entities if e.kind == "person"}
    return statement.speaker not in people and any(FIRST_PERSON_SINGULAR.search(m.text) for m in own_words(story, statement).mentions)


def identified(story: Story, statement: Statement) -> bool:
    """The claimant is known: when two people of the story share the speaker's surname (Donald and
    Melania Trump), a report names the speaker in full where it gives the words, not only "Trump"."""
    last = surname(statement.speaker)
    namesakes = {e.name for a in story.articles for e in a.entities if e.kind == "person" and surname(e.name) == last}
    if len(same_names(namesakes)) < 2:
        return True
    first = statement.speaker.split()[0]
    return any(re.search(rf"\b{re.escape(first)}\b", sentence_text(story, m)) for m in statement.mentions)


def asserts_a_fact(story: Story, statement: Statement) -> bool:
    """A claim states something as so: not a denial, a doubt, a demand, a condition or a question,
    in most of the words the reports give it ("we don't believe what we hear" is no claim)."""
    texts = [m.text for m in statement.mentions]
    hedged = sum(bool(NEGATIVE.search(t) or MODAL.search(t) or t.rstrip().endswith("?")) for t in texts)
    stances = {u.stance for u in story.units if any(u.article == m.article and u.start == m.start for m in statement.mentions)}
    return not (NEGATIVE.search(statement.text) or MODAL.search(statement.text) or statement.text.rstrip().endswith("?")) \
        and hedged * 3 <= len(texts) and stances <= {"asserts"}


# the words news outlets are named by ("the Post", "Korean Central News Agency"): a name that ends
# in one is a publication relaying what others say, whether or not it is among the story's outlets
OUTLET_NAME = re.compile(r"\b(?:Post|Times|Journal|News|Herald|Tribune|Gazette|Telegraph|Press|News Agency)$")


def outlet_credited(story: Story, statement: Statement) -> bool:
    """An outlet or agency relays what others say; it is no party to a claim."""
    return any(relays(story, name) for name in credited_speakers(story, statement) + [statement.speaker or ""])


def relays(story: Story, name: str) -> bool:
    return name in outlets_and_agencies(story) or bool(OUTLET_NAME.search(name))


def outlets_and_agencies(story: Story) -> set[str]:
    """Who reports or relays words rather than holding them."""
    named = {c for a in story.articles for c in a.relies_on + a.wire} | {a.outlet for a in story.articles if a.outlet}
    return named | set(NEWS_AGENCIES) | set(NEWS_AGENCIES.values())


def one_party(story: Story, statement: Statement) -> bool:
    """A claim is one identifiable party's: the people and bodies the reports credit it to are one
    person, or speak for the same side (not "Kyiv" in one report and "Russia" in another)."""
    named = credited_speakers(story, statement)
    people = {e.name for a in story.articles for e in a.entities if e.kind == "person"}
    if len(same_names({n for n in named if n in people})) > 1:
        return False  # two people credited with it: who said it is in dispute, not what
    sides = [side for name in named if (side := parties_in(name) | person_parties(story, name))]
    return len(sides) <= 1 or bool(set.intersection(*sides))  # a body of no known side ("defence ministry") takes none


def same_names(names: set[str]) -> set[tuple[str, str]]:
    """Names with spellings of one name counted once ("Kim Jong Un", "Kim Jong-un")."""
    return {name_key(n) for n in names}


def credited_speakers(story: Story, statement: Statement) -> list[str]:
    named = {q.speaker for a in story.articles for q in a.quotes for m in statement.mentions
             if q.speaker and m.article == q.article and m.start < q.end and q.start < m.end}
    # a body is not named beside the person who speaks for it ("the defence ministry" and its spokesman)
    voices = {u.speaker: u.speaks_for for u in story.units if u.speaker in named}
    named = {n for n in named if not any(set(re.findall(r"[a-z]+", n.lower())) <= voices.get(other, frozenset())
                                         for other in named if other != n)}
    return sorted({name.lower(): name for name in sorted(named, reverse=True)}.values())


def claimant_parties(story: Story, statement: Statement) -> set[str]:
    names = {statement.speaker or ""}
    for article in story.articles:
        for q in article.quotes:
            if q.speaker == statement.speaker and any(m.article == q.article and m.start < q.end and q.start < m.end for m in statement.mentions):
                names.add(q.speaker_mention.text if q.speaker_mention else "")
        for e in article.entities:
            if e.name == statement.speaker:
                names.update(e.roles)
    return parties_in(" ".join(names))


def story_topic(story: Story, statement: Statement) -> set[str]:
    """Words most of the reports that do not carry the claim use ("school", "Gaza", "killed"):
    they tell which story a line belongs to, not which of its claims it is about. The reports
    carrying the claim are left out, or a widely carried claim's own words would count as topic."""
    carrying = {m.article for m in statement.mentions}
    others = [a for a in story.articles if a.id not in carrying]
    counts = Counter(stem for a in others for stem in report_stems(a.text))
    return {w for w, n in counts.items() if n >= max(2, STORY_WIDE * len(others))}


@lru_cache(maxsize=1024)
def report_stems(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def assess(story: Story, statement: Statement) -> Claim:
    parties = claimant_parties(story, statement)
    speakers = credited_speakers(story, statement)
    sentences = [sentence_text(story, m) for m in statement.mentions]
    self_report = any(parties & parties_in(s) or SELF_REFERENCE.search(s) for s in sentences + [m.text for m in statement.mentions])
    centre = embed([m.text for m in statement.mentions], story.settings.embedding_model).mean(axis=0)
    centre = centre / (np.linalg.norm(centre) or 1.0)
    mentioned = {(m.article, m.line) for m in statement.mentions}
    disputers: dict[str, list[StatementMention]] = defaultdict(list)
    denials = set()
    named = {e.name for a in story.articles for e in a.entities if e.kind in ("person", "org")}  # a place says nothing
    topic = set().union(*(content_stems(sentence_text(story, m)) for m in statement.mentions))
    claim_stops = any(STOPPING.search(m.text) for m in statement.mentions)
    for index, unit in enumerate(story.units):
        if (unit.article, unit.line) in mentioned or float(story.vectors[index] @ centre) < DISPUTE_RELATED:
            continue
        # a party's words: its quotes, or a sentence that reports what it said (not the outlet's narration)
        who = unit.speaker if unit.kind != "sentence" else reported_speaker(story, unit)
        if not who or who not in named or name_key(who) in same_names(set(speakers)) or relays(story, who) or parties_in(who) & parties:
            continue  # only a party the reports name can dispute; a description ("the Russian leader") is no one
        if surname(who) == surname(statement.speaker):
            continue  # one "Trump" resolved to two people by two reports is the claimant, not a rival
        if not gainsays(unit, topic, claim_stops) or len(topic & lowercase_stems(unit.text)) < SHARED_WITH_CLAIM:
            continue  # a dispute contradicts the claim in its own words about what it says, not beside them
        if parties and not (parties_in(unit.sentence.text) & parties or surname(statement.speaker) in unit.sentence.text):
            continue  # and is addressed to the claimant's side: caution about a third party is no dispute
        if parties and (person_parties(story, who) & parties):
            continue
        disputers[who].append(StatementMention(unit.article, unit.line, unit.start, unit.end, unit.text))
        if DENIAL.search(unit.text):
            denials.add(story.origins.get(unit.article, unit.article))
    quoted = {(u.article, u.start) for u in story.units if u.kind != "sentence"}
    claimants_words = [(m.article, m.start, m.end) for m in statement.mentions if (m.article, m.start) in quoted]
    words = [m.text for m in own_words(story, statement).mentions]
    content = set().union(*(content_stems(w) for w in words)) - story_topic(story, statement)
    evidence = [e for e in find_evidence(story, centre, claimants_words)
                if about_the_claim(e, content, words, own_side(e.by, statement.speaker, parties))]
    # evidence counts as independent only from a provider known to stand apart from the claimant:
    # when the claimant's side is unknown ("Border Patrol chief"), no provider is known to stand apart
    independent_evidence = [e for e in evidence if parties and e.by and parties_in(e.by) and not (parties_in(e.by) & parties)]
    if len(denials) >= 2:
        status = "contradicted"
    elif disputers:
        status = "disputed"
    elif independent_evidence:
        status = "confirmed"
    else:
        status = "unconfirmed"
    # the claimant alone: others the reports credit with words of the statement may have said
    # something else that was joined to it ("according to the president's attorneys")
    claimed_by = statement.speaker
    return Claim(
        text=claim_sentence(story, own_words(story, statement)), claimed_by=claimed_by, self_report=bool(self_report),
        evidence=evidence,
        disputed_by=[Disputer(name, mentions) for name, mentions in sorted(disputers.items(), key=lambda kv: -len(kv[1]))],
        status=status, status_text=status_text(claimed_by, parties, status, bool(self_report), evidence, independent_evidence,
                                               disputers),
        statement=statement.id,
    )


def about_the_claim(evidence: Evidence, content: set[str], words: list[str], offered_by_claimant: bool) -> bool:
    """A line is evidence on a claim only when it speaks of what the claim says, beyond the story's
    topic: "the EU warning Israel it was destroying its image" is no evidence on "There's nowhere
    safe in Gaza", however close the two are in meaning; one shared word is a topic too
    ("humanitarian"). What the claimant's own side shows for its claim is told in words of its own
    ("a video showing armoured vehicles moving away" for "pulling back troops"): one shared word,
    or the same forces, will do."""
    shared = len(content & content_stems(evidence.text))
    if offered_by_claimant:
        return shared >= 1 or bool(FORCES.search(evidence.text) and any(FORCES.search(w) for w in words))
    return shared >= SHARED_WITH_CLAIM


def own_side(by: str | None, claimant: str | None, parties: set[str]) -> bool:
    """Evidence the claimant or its side offers: what it shows is offered for the claim, in words of
    its own ("a video showing armoured vehicles moving away" for "pulling back troops")."""
    return bool(by) and (same_speaker(by, claimant) or bool(parties & parties_in(by)))


def own_words(story: Story, statement: Statement) -> Statement:
    """The statement as the claimant's quotes give it: an outlet's narration joined to it is not
    the claim ("Trump agreed that Iran was a problem" is the outlet's account, not Macron's words),
    nor is a speech act told by the outlet ("Mueller has discussed the possibility of ..."). The
    statement itself when no report quotes the claimant: then it is no claim."""
    quoted = {(u.article, u.start) for u in story.units if u.kind != "sentence" and same_speaker(u.speaker, statement.speaker)}
    mine = [m for m in statement.mentions if (m.article, m.start) in quoted]
    return replace(statement, mentions=mine) if mine else statement


def claim_sentence(story: Story, statement: Statement) -> str:
    """The sentence that gives the claimant's words most fully: one stating rather than hoping or
    supposing, naming the claimant, then the one the claimant's words fill most ("NATO's chief
    said there was no evidence ..., after Russia claimed its troops were pulling back" gives
    mostly others' words)."""
    options = []
    for m in statement.mentions:
        s = story.sentence_at(m.article, m.start)
        if s is not None:
            names_speaker = bool(statement.speaker) and statement.speaker.split()[-1] in s.text
            hedged = bool(MODAL.search(s.text) or OPINION.search(s.text) or s.text.rstrip().endswith("?"))
            options.append((hedged, not names_speaker, -round((m.end - m.start) / max(len(s.text), 1), 2), s.text.strip()))
    return min(options)[-1] if options else best_sentence(story, statement)


def reported_speaker(story: Story, unit) -> str | None:
    """Whose words a body sentence reports: the one speaker of the quotes inside it, if any."""
    people = unit.reports & {e.name for e in story.by_id[unit.article].entities if e.kind == "person"}
    voices = people or unit.reports  # a person quoted beside "Ukraine said": the person's words
    return next(iter(voices)) if len(voices) == 1 else None


def gainsays(unit, topic: set[str], claim_stops: bool = False) -> bool:
    """Words that deny or doubt the claim: a denying or questioning stance, a denial or doubt, or
    a negation of what the claim says ("not seen any sign of troops pulling back"). When the
    claim is that something stops, only a negation of the stopping gainsays it ("have not
    suspended"): a negation of the thing stopped tells the same ("agreed to suspend all nuclear
    tests" and "no longer needed to test nuclear weapons")."""
    if unit.stance in CONTESTING or DOUBT.search(unit.text):
        return True
    if claim_stops:
        return any(STOPPING.search(" ".join(unit.text[m.end():].split()[:NEGATION_SCOPE])) for m in NEGATION.finditer(unit.text))
    # names aside: the story's people and places are in everything said about it ("but not Japan"
    # denies no word of a claim about Japan's exemption)
    return any(len(lowercase_stems(" ".join(unit.text[m.end():].split()[:NEGATION_SCOPE])) & topic) >= SHARED_WITH_CLAIM
               for m in NEGATION.finditer(unit.text))



def surname(name: str | None) -> str:
    return name.split()[-1] if name else "\0"


def person_parties(story: Story, name: str) -> set[str]:
    roles = [r for a in story.articles for e in a.entities if e.name == name for r in e.roles]
    return parties_in(" ".join(roles))


def sentence_text(story: Story, mention: StatementMention) -> str:
    s = story.sentence_at(mention.article, mention.start)
    return s.text if s else mention.text


def find_evidence(story: Story, centre, claimed: list[tuple[str, int, int]]) -> list[Evidence]:
    """Sentences offering something seen (a video, documents) on the claim, not in the claim's own words."""
    found = []
    sources = {q.speaker for a in story.articles for q in a.quotes if q.speaker}
    for article in story.articles:
        body = {ln.line for ln in article.lines if ln.label == "body"}
        candidates = [s for s in article.sentences if s.line in body and EVIDENCE.search(s.text)
                      and not any(a == article.id and start <= s.start + EVIDENCE.search(s.text).start() < end for a, start, end in claimed)]
        if not candidates:
            continue
        vectors = embed([s.text for s in candidates], story.settings.embedding_model)
        for s, v in zip(candidates, vectors):
            if float(v @ centre) < RELATED:
                continue
            by = provider(article, s.start, s.text, sources)
            if by:  # evidence no one is named as offering is a document mentioned, not evidence offered
                found.append(Evidence(article.id, s.line, by, s.text))
    return found


def provider(article, start: int, text: str, sources: set[str]) -> str | None:
    by = named_provider(article, start, text, sources)
    return None if by and EVIDENCE.search(by) else by  # "That document" offers nothing


def named_provider(article, start: int, text: str, sources: set[str]) -> str | None:
    """Who offers the evidence: the first party named before the evidence word that can offer
    any: someone quoted in the story, or a state ("Afghanistan" or "DNC Server" named nearby is no provider)."""
    cut = start + EVIDENCE.search(text).start()
    speaking = next((q.speaker for q in article.quotes if q.speaker and q.kind != "scare" and q.start <= cut < q.end), None)
    if speaking:
        return speaking  # evidence named in someone's words is theirs to offer, not a name beside it
    # a name owning something ("Trump's personal attorney") is not who acts in the sentence
    named = [(m.start, e.name) for e in article.entities if e.kind in ("org", "person", "place")
             and (e.name in sources or parties_in(e.name)) for m in e.mentions if start <= m.start < cut
             and not re.match(r"['’]s?\b", article.text[m.end:m.end + 2])]
    if named:
        return min(named)[1]
    m = re.search(r"\b(?:the|a)\s+((?:\w+\s+){0,3}(?:ministry|government|army|military|agency|office|police))\b", text, re.I)
    quoted = any(q.kind in ("direct", "partial") and q.start <= start + m.start() < q.end for q in article.quotes) if m else False
    return m.group(1) if m and not quoted else None  # a body named inside someone's quote offers nothing


def status_text(claimed_by, parties, status, self_report, evidence, independent, disputers) -> str:
    """The status of a claim, said from exactly the evidence shown with it."""
    parts = [f"claimed by {claimed_by}" + (" about its own side" if self_report else "")]
    unknown = sorted({e.by for e in evidence if e not in independent and not own_side(e.by, claimed_by, parties)})
    if independent:
        parts.append("evidence from others: " + ", ".join(sorted({e.by for e in independent})))
    if unknown:
        parts.append("evidence offered by " + ", ".join(unknown) + ", not known to stand apart from the claimant")
    if evidence and not independent and not unknown:
        parts.append("evidence comes only from the claimant")
    parts.append({"confirmed": "confirmed by independent evidence", "unconfirmed": "not independently confirmed",
                  "disputed": "not independently confirmed; disputed by " + ", ".join(disputers),
                  "contradicted": "contradicted by independent sources"}[status])
    return "; ".join(parts)
