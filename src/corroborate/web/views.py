"""What each page shows, as data: the page renders it with a template, its /api/v1/ twin returns
it as JSON. Nothing here knows about HTTP."""
from __future__ import annotations

import json
from dataclasses import asdict
from html import escape

from markupsafe import Markup

from ..render import html as briefing_html
from ..store import Store
from . import catalog
from .briefings import Briefings, changes_since, describe


class NotFound(LookupError):
    """The page asks for something the store does not hold: 404 with this message."""


def paged(total: int, page: int, per_page: int, items: list) -> dict:
    pages = max(1, -(-total // per_page))
    return {"items": items, "page": page, "per_page": per_page, "total": total, "pages": pages,
            "has_next": page < pages, "has_previous": page > 1}


def stories(store: Store, page: int, per_page: int, since: str | None, outlet: str | None, person: str | None,
            q: str | None) -> dict:
    total, found = catalog.list_stories(store, (page - 1) * per_page, per_page, since, outlet, person, q)
    return paged(total, page, per_page, [s.as_dict() | {"outlet_reports": outlet_reports(s)} for s in found]) | {
        "filters": {"since": since, "outlet": outlet, "person": person, "q": q}}


def outlet_reports(summary: catalog.StorySummary) -> list[dict]:
    """Per outlet, its reports: how many, how many copy another report."""
    found: dict[str, dict] = {}
    for m in summary.members:
        row = found.setdefault(m.outlet or "unknown outlet", {"outlet": m.outlet or "unknown outlet", "reports": 0, "copies": 0})
        row["reports"] += 1
        row["copies"] += m.copy_of is not None
    return sorted(found.values(), key=lambda r: (-r["reports"], r["outlet"]))


def coverage_picture(rows: list[dict]) -> Markup:
    """One column per outlet, one square per report (copies pale): a story's reach at a glance."""
    shown = rows[:24]
    height = max([r["reports"] for r in shown] + [1])
    w, h = 11 * len(shown) + 1, 11 * min(height, 6) + 1
    squares = []
    for x, row in enumerate(shown):
        for y in range(min(row["reports"], 6)):
            fill = "#b9cde3" if y >= row["reports"] - row["copies"] else "#3b6ea5"
            plural = "s" if row["reports"] != 1 else ""
            copied = f", {row['copies']} copied" if row["copies"] else ""
            squares.append(f'<rect x="{1 + 11 * x}" y="{h - 11 * (y + 1)}" width="9" height="9" rx="1" fill="{fill}">'
                           f'<title>{escape(row["outlet"])}: {row["reports"]} report{plural}{copied}</title></rect>')
    return Markup(f'<svg class="reach" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" '
                  f'aria-label="reports per outlet">{"".join(squares)}</svg>')


def story(store: Store, briefings: Briefings, story_id: int, since: str | None) -> tuple[catalog.StorySummary, dict]:
    summary = catalog.story_summary(store, story_id)
    if summary is None:
        raise NotFound(f"no story {story_id}")
    entry = briefings.of(summary)
    data = summary.as_dict() | {
        "reports": [{"id": m.report_id, "title": m.title, "outlet": m.outlet, "published": m.published,
                     "version": m.version, "copy_of": m.copy_of, "added_at": m.added_at} for m in summary.members],
        "briefing": json.loads(entry.json()),
    }
    if since:
        change = changes_since(briefings, summary, since)
        data["changes"] = change | {"summary": describe(change)}
    return summary, data


def story_page_context(store: Store, briefings: Briefings, story_id: int, since: str | None) -> dict:
    summary = catalog.story_summary(store, story_id)
    if summary is None:
        raise NotFound(f"no story {story_id}")
    entry = briefings.of(summary)
    context = briefing_html.context(entry.briefing) | {"story": summary.as_dict(), "members": summary.members}
    if since:
        change = changes_since(briefings, summary, since)
        context["changes"] = change | {"summary": describe(change)}
    return context


def report(store: Store, report_id: int, line: int | None) -> dict:
    found = store.reports([report_id])
    if not found:
        raise NotFound(f"no report {report_id}")
    stored = found[0]
    article = stored.article
    marked = [ln for ln in article.lines if ln.line == line]
    cited = {(marked[0].start, marked[0].end)} if marked else set()
    story_id = catalog.stories_of(store, [report_id]).get(report_id)
    return {"id": report_id, "version": stored.version, "copy_of": stored.copy_of, "story": story_id,
            "article": asdict(article), "history": store.history(report_id),
            "body": briefing_html.source_html(article, 0, cited),
            "anchor": f"a0-{marked[0].start}" if marked else None}


def people(store: Store, page: int, per_page: int) -> dict:
    everyone = catalog.speakers(store)
    rows = [{"name": n, "quoted_sentences": q, "reports": r} for n, q, r in everyone[(page - 1) * per_page:page * per_page]]
    return paged(len(everyone), page, per_page, rows)


def person(store: Store, name: str, page: int, per_page: int) -> dict:
    total, rows = catalog.quoted(store, name, (page - 1) * per_page, per_page)
    if total == 0:
        raise NotFound(f"no one called {name!r} is quoted in the stored reports")
    outlets = sorted({r["outlet"] for r in rows if r["outlet"]})
    return paged(total, page, per_page, rows) | {"name": name, "outlets_on_page": outlets}


def search(store: Store, q: str, page: int, per_page: int) -> dict:
    hits = store.search(q, limit=page * per_page + 1) if q.strip() else []
    items = [asdict(h) for h in hits[(page - 1) * per_page:page * per_page]]
    story_of = catalog.stories_of(store, [h["report_id"] for h in items])
    for h in items:
        h["story"] = story_of.get(h["report_id"])
        h["sentence"] = h["sentence"].strip()
    # the store's search has no count: a further page exists when one more hit was found
    total = (page - 1) * per_page + len(hits[(page - 1) * per_page:])
    return paged(total, page, per_page, items) | {"q": q}


def reports(store: Store, page: int, per_page: int) -> dict:
    total, rows = catalog.report_rows(store, (page - 1) * per_page, per_page)
    return paged(total, page, per_page, rows)
