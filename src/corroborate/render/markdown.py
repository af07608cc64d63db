"""The briefing as Markdown: the same sections as the HTML page, citations as [Outlet L13]."""
from __future__ import annotations

from ..model import Briefing
from .views import View, carried

INFERRED = " (date inferred: the report gives none)"
STATUS_WORDS = {"confirmed": "CONFIRMED", "unconfirmed": "UNCONFIRMED", "disputed": "DISPUTED", "contradicted": "CONTRADICTED"}


def cites(citations) -> str:
    return " ".join(f"[{c.outlet} L{c.line}]" for c in citations)


def render(briefing: Briefing) -> str:
    view = View(briefing)
    out = [f"# Briefing: {briefing.articles[0].title if briefing.articles else 'no reports'}", ""]
    out += [f"{len(briefing.articles)} reports from {len({a.display_name for a in briefing.articles})} outlets; "
            f"{sum(1 for s in briefing.statements if len(s.outlets) > 1)} statements carried by more than one outlet.", ""]
    out += ["## Bottom line", ""]
    for s in briefing.summary:
        out.append(f"- {s.text} {cites(view.cite_mentions(s.citations))}")
    out += ["", "## Claims", ""]
    for c in briefing.claims:
        out.append(f"### {STATUS_WORDS[c.status]}: {c.text}")
        out.append(f"- Claimed by: {c.claimed_by}" + (" (describing its own side)" if c.self_report else ""))
        if c.statement in view.statements:
            out.append(f"- {carried(view.statements[c.statement])}")
        for e in c.evidence:
            out.append(f"- Evidence offered by {e.by or 'unknown'}: {e.text} {cites([view.cite(e.article, e.line)])}")
        for d in c.disputed_by:
            out.append(f"- Disputed or not confirmed by {d.name} {cites(view.cite_mentions(d.mentions))}")
        out.append(f"- Status: {c.status_text}")
        out.append("")
    out += ["## Where the reports disagree", ""]
    for d in briefing.discrepancies:
        out.append(f"### {d.kind}: {d.about} ({d.verdict})")
        out.append(f"_{d.why}_")
        out.append("")
        out.append("| outlet | line | says | as |")
        out.append("|---|---|---|---|")
        for v in d.values:
            said = (v.surface or v.sentence or "").replace("|", "\\|").replace("\n", " ")
            out.append(f"| {view.labels.get(v.article, v.outlet)} | {v.line} | {said} | {v.normalized if v.normalized is not None else ''} |")
        out.append("")
    out += ["## Who said what", ""]
    for person in view.speakers():
        roles = f" ({'; '.join(person['roles'])})" if person["roles"] else ""
        out.append(f"### {person['name']}{roles}")
        for _, how, citations in view.said_by(person):
            stance = f"({how.stance}) " if how.stance != "asserts" else ""
            words = f"\"{how.words}\"" if how.quoted else how.words  # a paraphrase is never put in quote marks
            out.append(f"- {stance}{how.cue}: {words} {cites(citations)}")
        out.append("")
    out += ["## Timeline", ""]
    for e in briefing.timeline:
        out.append(f"- **{e.date}**{INFERRED if e.inferred else ''} {e.text} ({', '.join(e.outlets)})")
    out += ["", "## Coverage", ""]
    if briefing.coverage:
        outlets = briefing.coverage.outlets
        out.append("| statement | " + " | ".join(outlets) + " | independent |")
        out.append("|---|" + "---|" * len(outlets) + "---|")
        for s in briefing.statements:
            if len(s.outlets) > 1:
                marks = " | ".join("x" if o in s.outlets else "" for o in outlets)
                out.append(f"| {s.id}: {s.text[:70]} | {marks} | {s.independent_sources} |")
        out.append("")
        out.append("Independent origins: " + "; ".join(f"{a.display_name} -> {briefing.coverage.origins.get(a.id, a.id)}" for a in briefing.articles))
        out.append("")
        for outlet, ids in briefing.coverage.exclusive.items():
            if ids:
                out.append(f"- Only {outlet}: " + "; ".join(view.said(view.statements[i]).words[:80] for i in ids[:6]))
    out += ["", "## Sources", ""]
    for a in briefing.articles:
        date = (a.published or "undated") + (" (inferred from the story)" if a.published_inferred else "")
        out.append(f"### {view.labels[a.id]}: {a.title or a.id}")
        if a.url:
            out.append(f"- original: <{a.url}>")
        out.append(f"- id: {a.id}; date: {date}; authors: {', '.join(a.authors) or 'not given'}; "
                   f"wire: {', '.join(a.wire) or 'none'}; relies on: {', '.join(a.relies_on) or 'none'}")
        out.append("")
    if briefing.errors:
        out += ["## Inputs that could not be read", ""] + [f"- {e['source']}: {e['reason']}" for e in briefing.errors]
    return "\n".join(out) + "\n"
