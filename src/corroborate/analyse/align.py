"""Statements: units from different reports that convey the same thing, however worded.

Candidates come cheaply (nearest neighbours in embedding space, so cost grows gently with
the number of reports); a pair is linked when meaning and speaker agree, or when one
quote's words stand inside the other's. Clusters grow by average linkage, so one
two-sided sentence cannot chain two statements into one.
"""
from __future__ import annotations

from collections import defaultdict

import numpy as np
from ..model import Statement, StatementMention
from ..text import normalize, word_containment
from .story import Story, Unit

NEIGHBOURS = 12
MIN_ALIGN_WORDS = 4  # shorter quotes align only by their exact words
SAME_SPEAKER_BONUS = 0.05
SENTENCE_MARGIN = 0.08  # two narrating sentences need more likeness than two quotes
LINKAGE_SLACK = 0.1  # clusters merge while their mean similarity stays this close to the threshold
SAME_ARTICLE_SIMILARITY = 0.85  # two units of one report pair directly only when nearly identical


def pair_score(a: Unit, b: Unit, cosine: float, threshold: float, people: set[str]) -> float:
    """How surely two units state the same thing (0 when they do not).

    Two different people never make one statement (unless the words are nearly the same:
    then it is one quote credited to two people, which the attribution check reports).
    A shared speaker lowers the bar a little; a quote's words inside another's clear it."""
    speakers_agree = a.speaker is not None and a.speaker == b.speaker
    speakers_clash = a.speaker in people and b.speaker in people and a.speaker != b.speaker
    if speakers_clash and cosine < 0.9:
        return 0.0
    # an outlet's own sentence restates a quote only if it names the quoted person
    for mine, other in ((a, b), (b, a)):
        if mine.kind == "sentence" and other.speaker in people and other.speaker not in mine.people:
            return 0.0
    if a.kind == b.kind == "sentence" and cosine < threshold + SENTENCE_MARGIN:
        return 0.0
    short, long_ = sorted((normalize(a.text), normalize(b.text)), key=len)
    if len(short) >= 12 and len(short.split()) >= 2 and short in long_:
        return max(cosine, threshold) + 0.1
    if len(short.split()) < MIN_ALIGN_WORDS:
        return 0.0
    if speakers_agree and word_containment(short, long_) >= 0.7:
        return max(cosine, threshold)
    if speakers_agree and cosine >= threshold - SAME_SPEAKER_BONUS:
        return cosine + SAME_SPEAKER_BONUS
    return cosine if cosine >= threshold else 0.0


def align(story: Story) -> list[Statement]:
    units, vectors = story.units, story.vectors
    threshold = story.settings.align_similarity
    n = len(units)
    if n == 0:
        return []
    sims = vectors @ vectors.T
    people = {e.name for a in story.articles for e in a.entities if e.kind == "person"}
    pairs: list[tuple[float, int, int]] = []
    k = min(NEIGHBOURS + 1, n)
    for i in range(n):
        nearest = np.argpartition(-sims[i], k - 1)[:k] if n > k else range(n)
        for j in nearest:
            j = int(j)
            if j <= i:
                continue
            a, b = units[i], units[j]
            if a.article == b.article and sims[i, j] < SAME_ARTICLE_SIMILARITY:
                continue
            score = pair_score(a, b, float(sims[i, j]), threshold, people)
            if score > 0:
                pairs.append((score, i, j))
    cluster_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for score, i, j in sorted(pairs, reverse=True):
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        left, right = members[ci], members[cj]
        # quotes of a word or three join by their words, not by their (unreliable) vectors
        left_full = [x for x in left if len(units[x].text.split()) >= MIN_ALIGN_WORDS] or left
        right_full = [x for x in right if len(units[x].text.split()) >= MIN_ALIGN_WORDS] or right
        cross = sims[np.ix_(left_full, right_full)]
        # each unit's best match on the other side, averaged: softer than average linkage,
        # which punishes a statement spread over two sentences, firmer than single linkage
        linkage = float(np.concatenate([cross.max(axis=0), cross.max(axis=1)]).mean())
        if linkage < threshold - LINKAGE_SLACK and score < threshold + 0.2:
            continue
        speakers = {units[x].speaker for x in left + right} & people
        if len(speakers) > 1:
            continue  # a statement has one speaker, however many outlets carry it
        shared = {units[x].article for x in left} & {units[x].article for x in right}
        if shared:
            own_left = [x for x in left if units[x].article in shared]
            own_right = [x for x in right if units[x].article in shared]
            same_lines = {(units[x].article, units[x].line) for x in own_left} == {(units[x].article, units[x].line) for x in own_right}
            if not (same_lines or restates(units, sims, own_left, own_right, threshold)):
                continue  # two paragraphs of one report: two things said, unless one restates the other
        for x in right:
            cluster_of[x] = ci
        members[ci] = left + right
        del members[cj]
    return [to_statement(story, [units[x] for x in sorted(group)], vectors[group]) for group in members.values()]


def restates(units: list[Unit], sims, left: list[int], right: list[int], threshold: float) -> bool:
    """Within one report: a near-copy, or a paraphrase next to the direct quote it sums up
    ("Kuleba said Ukraine must see evidence" above "'we will see, then we will believe'")."""
    for i in left:
        for j in right:
            if sims[i, j] >= SAME_ARTICLE_SIMILARITY:
                return True
            a, b = units[i], units[j]
            kinds = {a.kind, b.kind}
            if (a.speaker and a.speaker == b.speaker and "indirect" in kinds and kinds & {"direct", "partial"}
                    and abs(a.line - b.line) <= 3 and sims[i, j] >= threshold - LINKAGE_SLACK):
                return True
    return False


def to_statement(story: Story, units: list[Unit], vectors) -> Statement:
    centre = vectors.mean(axis=0)
    best = max(range(len(units)), key=lambda x: (units[x].kind != "sentence", float(vectors[x] @ centre)))
    speakers = defaultdict(int)
    for u in units:
        if u.speaker:
            speakers[u.speaker] += 1
    articles = sorted({u.article for u in units})
    outlets = sorted({story.outlet(a) for a in articles})
    return Statement(
        id="",
        speaker=max(speakers, key=speakers.get) if speakers else None,
        text=units[best].text,
        mentions=[StatementMention(u.article, u.line, u.start, u.end, u.text) for u in units],
        outlets=outlets,
        independent_sources=len({story.origins.get(a, a) for a in articles}),
    )


def number_statements(statements: list[Statement]) -> list[Statement]:
    """Most widely carried first; ids are stable for one input (s1, s2, ...)."""
    ordered = sorted(statements, key=lambda s: (-s.independent_sources, -len(s.outlets), -len(s.mentions),
                                                s.mentions[0].article, s.mentions[0].start))
    for number, statement in enumerate(ordered, 1):
        statement.id = f"s{number}"
    return ordered
