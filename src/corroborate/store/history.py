"""What an edit changed: the figures, dates and quotes a fact-checker compares between versions."""
from __future__ import annotations

from collections import Counter

from ..model import Article
from ..text import normalize

QUOTE_EDGES = " ,.;:\"'"  # a quote's closing comma or mark is not part of what was said


def changes(old: Article, new: Article) -> dict[str, dict[str, list[str]]]:
    """Per kind, what the newer text no longer has and what it adds (an empty dict: nothing of note)."""
    def figures(a: Article) -> Counter[str]:
        return Counter(v.surface if not v.unit or v.unit in v.surface else f"{v.surface} {v.unit}" for v in a.values)

    def quotes(a: Article) -> Counter[str]:
        return Counter(f"{q.speaker or 'unknown'}: {normalize(q.text).strip(QUOTE_EDGES)}" for q in a.quotes if q.kind != "scare")

    out = {}
    for kind, count in (("figures", figures), ("quotes", quotes)):
        before, after = count(old), count(new)
        removed, added = sorted((before - after).elements()), sorted((after - before).elements())
        if removed or added:
            out[kind] = {"removed": removed, "added": added}
    if (old.title or "") != (new.title or ""):
        out["title"] = {"removed": [old.title or ""], "added": [new.title or ""]}
    return out


def describe(change: dict[str, dict[str, list[str]]]) -> str:
    """One line for a terminal: 'figures: 12 -> 15; quotes: 1 removed, 1 added'."""
    parts = []
    for kind, diff in change.items():
        removed, added = diff["removed"], diff["added"]
        if kind in ("figures", "title") and len(removed) <= 3 and len(added) <= 3:
            parts.append(f"{kind}: {', '.join(removed) or '-'} -> {', '.join(added) or '-'}")
        else:
            parts.append(f"{kind}: {len(removed)} removed, {len(added)} added")
    return "; ".join(parts) or "wording only"
