"""Who carries what: statements by outlet, and what each outlet alone reports."""
from __future__ import annotations

from ..model import Coverage, Statement
from .story import Story


def build_coverage(story: Story, statements: list[Statement]) -> Coverage:
    outlets = sorted({story.outlet(a.id) for a in story.articles})
    matrix = {s.id: s.outlets for s in statements}
    exclusive = {o: [s.id for s in statements if s.outlets == [o] and s.speaker] for o in outlets}
    return Coverage(outlets=outlets, matrix=matrix, exclusive=exclusive, origins=dict(story.origins))
