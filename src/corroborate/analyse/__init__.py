"""Analyse stage: from annotated reports of one story to a Briefing.

Order matters: undated reports are dated from the story first (their relative dates
resolve again), origins are found before statements count independent sources, and
statements exist before discrepancies, claims, coverage and summary read them.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..model import Article, Briefing
from ..settings import Settings
from .align import align, number_statements
from .claims import find_claims
from .coverage import build_coverage
from .discrepancies import find_discrepancies
from .sources import date_undated, find_origins, story_reference
from .story import Story, build_units
from .summary import summarise
from .timeline import build_timeline


def lead_statements(claims, statements) -> list[str]:
    """The bottom line opens with the central claim and the reactions of those who dispute it:
    for each of the first two disputers, the most widely carried statement holding their words."""
    lead = [c.statement for c in claims]
    for claim in claims:
        for disputer in claim.disputed_by[:2]:
            said = {(m.article, m.start) for m in disputer.mentions}
            holding = [s for s in statements if any((m.article, m.start) in said for m in s.mentions)]
            if holding:
                lead.append(min(holding, key=lambda s: (-s.independent_sources, -len(s.outlets), s.id)).id)
    return lead


def analyse(articles: Sequence[Article], settings: Settings | None = None) -> Briefing:
    settings = settings or Settings()
    # the order the reports came in must not matter: ties anywhere below are broken by report id
    story = Story(sorted(articles, key=lambda a: (a.id, a.source)), settings)
    date_undated(story)
    find_origins(story)
    build_units(story)
    statements = number_statements(align(story))
    claims = find_claims(story, statements)
    return Briefing(
        articles=story.articles,
        statements=statements,
        discrepancies=find_discrepancies(story, statements),
        claims=claims,
        timeline=build_timeline(story, story_reference(story)),
        coverage=build_coverage(story, statements),
        summary=summarise(story, statements, settings.summary_sentences, lead=lead_statements(claims[:1], statements)),
    )
