"""The bottom line: a few sentences from the reports, chosen for centrality and corroboration.

LexRank's idea on aligned statements: a statement similar to many others is central;
weighted by how many independent sources carry it. Each chosen statement is shown as a
whole sentence of one report, with every report that carries it cited.
"""
from __future__ import annotations

import numpy as np

from ..model import Statement, StatementMention, SummarySentence
from ..nlp import embed
from .neighbours import nearest
from .story import Story, best_sentence

DAMPING = 0.85
# each statement's links in the similarity graph: its most similar statements. A story of two
# thousand reports has tens of thousands of statements that two outlets carry, whose full
# similarity matrix (and its transition matrix) would take gigabytes; past this many links a
# statement's far neighbours add next to nothing to its centrality
LINKS = 64
REDUNDANT = 0.75  # a candidate this close to a chosen sentence adds nothing
MIN_WORDS = 6  # "Russia says some troops are pulling back" has seven


def summarise(story: Story, statements: list[Statement], size: int, lead: list[str] = ()) -> list[SummarySentence]:
    """`lead` names statements that must open the bottom line (the central claims)."""
    candidates = [s for s in statements if len(s.outlets) >= 2] or statements[:size]
    shown = [(s, best_sentence(story, s)) for s in candidates]
    shown = [(s, text) for s, text in shown if s.id in lead or states_something(text)]
    if not shown:
        return []
    candidates, sentences = [s for s, _ in shown], [text for _, text in shown]
    vectors = embed(sentences, story.settings.embedding_model)
    score = centrality(vectors) * np.array([s.independent_sources for s in candidates])
    chosen: list[int] = [i for i, s in enumerate(candidates) if s.id in lead][:size]
    for i in np.argsort(-score):
        if len(chosen) == size:
            break
        if all(float(vectors[i] @ vectors[j]) < REDUNDANT for j in chosen):
            chosen.append(int(i))
    chosen.sort(key=lambda i: first_position(candidates[i]))
    return [SummarySentence(sentences[i], candidates[i].id, backing(story, candidates[i], sentences[i])) for i in chosen]


def states_something(sentence: str) -> bool:
    """A bottom line tells what happened: not a question ("Is streaming the future of gaming?"),
    nor a slogan or a scrap of a few words that several outlets repeat ("We're on it.")."""
    return len(sentence.split()) >= MIN_WORDS and not sentence.rstrip(" \"'”’").endswith("?")


def centrality(vectors: np.ndarray) -> np.ndarray:
    """LexRank: the stationary distribution of a random walk on the graph linking each statement
    to its LINKS most similar ones (cosine, negatives cut to 0), by power iteration. Memory
    stays linear in the number of statements (analyse/neighbours.py computes the graph a block
    of rows at a time)."""
    n = len(vectors)
    targets = np.empty((n, min(LINKS, n)), dtype=np.int64)
    weights = np.empty(targets.shape, dtype=np.float64)
    for i, picked, sims in nearest(vectors, LINKS):
        order = np.argsort(picked)  # argpartition gives them in no set order: one order, one sum
        targets[i], weights[i] = picked[order], np.clip(sims[order], 0, None)
        weights[i][targets[i] == i] = 0.0
    rows = weights.sum(axis=1, keepdims=True)
    # a statement like no other walks anywhere with equal odds, as in the full matrix
    weights = np.divide(weights, rows, out=np.zeros_like(weights), where=rows > 0)
    lonely = rows[:, 0] == 0
    rank = np.full(n, 1 / n)
    for _ in range(50):
        spread = np.bincount(targets.ravel(), weights=(weights * rank[:, None]).ravel(), minlength=n)
        rank = (1 - DAMPING) / n + DAMPING * (spread + rank[lonely].sum() / n)
    return rank


def backing(story: Story, statement: Statement, shown: str) -> list[StatementMention]:
    """The mentions that back the sentence shown: not one crediting the words to someone else,
    nor one whose own sentence gives another date or figure ("January 1" for "end of February")."""
    own = next((sentence_values(story, m) for m in statement.mentions if sentence_text(story, m).strip() == shown.strip()), {})
    kept = []
    for m in statement.mentions:
        if credited_to_another(story, m, statement.speaker):
            continue
        theirs = sentence_values(story, m)
        if any(kind in theirs and not theirs[kind] & values for kind, values in own.items()):
            continue
        kept.append(m)
    return kept or statement.mentions[:1]


def sentence_text(story: Story, m: StatementMention) -> str:
    s = story.sentence_at(m.article, m.start)
    return s.text if s else m.text


def sentence_values(story: Story, m: StatementMention) -> dict[str, set[str]]:
    """Dates and figures (by unit) a mention's sentence gives, as comparable strings."""
    s = story.sentence_at(m.article, m.start)
    found: dict[str, set[str]] = {}
    for v in story.by_id[m.article].values:
        if s is not None and s.start <= v.start < s.end and v.normalized is not None:
            found.setdefault(f"{v.kind}:{v.unit or ''}", set()).add(str(v.normalized))
    return found


def credited_to_another(story: Story, m: StatementMention, speaker: str | None) -> bool:
    """The mention's report gives these words to another person than the statement's speaker."""
    people = {e.name for e in story.by_id[m.article].entities if e.kind == "person"}
    return speaker is not None and any(q.speaker and q.speaker != speaker and q.speaker in people and q.start <= m.start < q.end
                                       for q in story.by_id[m.article].quotes)


def first_position(statement: Statement) -> float:
    """Order the bottom line as the reports order their news: earliest mention first."""
    return min(m.start / 1e6 + m.line for m in statement.mentions)
