"""The index page of stored stories: one line per story, linking its briefing."""
from __future__ import annotations

from html import escape

COLUMNS = ("story", "reports", "outlets", "independent sources", "first published", "last published", "updated")


def story_index_html(rows: list[dict], link: str) -> str:
    """`link` names each story's briefing, relative to the page: "stories/{id}.html"."""
    body = "\n".join(
        "<tr><td><a href=\"{href}\">{title}</a></td><td>{reports}</td><td>{outlets}</td><td>{independent}</td>"
        "<td>{first}</td><td>{last}</td><td>{updated}</td></tr>".format(
            href=escape(link.format(id=r["id"])), title=escape(r["title"] or f"story {r['id']}"),
            reports=r["reports"], outlets=r["outlets"], independent=r["independent_sources"],
            first=escape(str(r["first_published"] or "")[:10]), last=escape(str(r["last_published"] or "")[:10]),
            updated=escape(str(r["updated_at"])[:16].replace("T", " ")))
        for r in rows)
    head = "".join(f"<th>{c}</th>" for c in COLUMNS)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Stories</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}}
table{{border-collapse:collapse;width:100%}}th,td{{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #ddd}}
td:nth-child(n+2){{white-space:nowrap}}</style></head>
<body><h1>{len(rows)} stories</h1>
<p>Last updated first. Independent sources count outlets carrying one text once.</p>
<table><thead><tr>{head}</tr></thead><tbody>
{body}
</tbody></table></body></html>
"""
