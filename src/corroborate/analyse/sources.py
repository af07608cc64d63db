"""Which reports are independent, and the story's dates for reports that give none."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

from datasketch import MinHash, MinHashLSH

from ..dates import WEEKDAYS, parse_iso, resolve
from ..model import Article
from .story import Story

WEEKDAY_NAME = re.compile(r"^(?:on\s+)?(" + "|".join(WEEKDAYS) + r")(?:'s)?$")
SHINGLE = 5
NUM_PERM = 128


def shingles(text: str) -> set[str]:
    tokens = re.findall(r"\w+", text.lower())
    return {" ".join(tokens[i:i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))}


def body_text(article: Article) -> str:
    return "\n".join(article.text[ln.start:ln.end] for ln in article.lines if ln.label == "body")


def find_origins(story: Story) -> None:
    """Reports sharing copy (MinHash LSH on word 5-grams) or one wire count as one origin."""
    lsh = MinHashLSH(threshold=story.settings.shared_copy_jaccard, num_perm=NUM_PERM)
    hashes: dict[str, MinHash] = {}
    for article in story.articles:
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch([s.encode("utf-8") for s in shingles(body_text(article))])
        hashes[article.id] = m
        lsh.insert(article.id, m)
    parent = {a.id: a.id for a in story.articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for article in story.articles:
        for other in lsh.query(hashes[article.id]):
            parent[find(other)] = find(article.id)
    for article in story.articles:
        members = [a for a in story.articles if find(a.id) == find(article.id)]
        root = members[0]  # the first report by id names the group, whichever order LSH answered in
        wires = sorted({w for a in members for w in a.wire})
        if len(members) > 1:
            story.origins[article.id] = "shared copy: " + (wires[0] if wires else story.outlet(root.id))
        elif article.wire:
            story.origins[article.id] = article.wire[0]
        else:
            story.origins[article.id] = story.outlet(article.id)


def date_undated(story: Story) -> None:
    """Give an undated report the story's date its weekdays point to, then resolve its dates again.

    A report that says only "Tuesday" was written in the days the other reports cover: the
    Tuesday inside that window (or the day after it) is its reference date."""
    dated = [parse_iso(a.published) for a in story.articles if parse_iso(a.published)]
    if not dated:
        return
    first, last = min(dated), max(dated)
    usual = Counter(dated).most_common(1)[0][0]
    window = [first - timedelta(days=1) + timedelta(days=i) for i in range((last - first).days + 3)]
    for article in story.articles:
        if parse_iso(article.published):
            continue
        named = (WEEKDAY_NAME.match(v.surface.lower()) for v in article.values if v.kind == "date")
        days = Counter(m.group(1) for m in named if m)
        reference = usual
        for day, _ in days.most_common():
            fits = [d for d in window if d.weekday() == WEEKDAYS.index(day)]
            if fits:
                reference = min(fits, key=lambda d: abs((d - usual).days))
                break
        article.published = reference.isoformat()
        article.published_inferred = True
        for value in article.values:
            if value.kind == "date":
                sentence = next((s.text for s in article.sentences if s.start <= value.start < s.end), "")
                value.normalized = resolve(value.surface, reference, sentence, value.tense == "future" if value.tense else None)


def story_reference(story: Story) -> date | None:
    dated = [parse_iso(a.published) for a in story.articles if parse_iso(a.published)]
    return Counter(dated).most_common(1)[0][0] if dated else None
