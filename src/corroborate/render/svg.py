"""Pictures drawn as inline SVG, so the briefing opens offline with nothing to load."""
from __future__ import annotations

from collections import Counter
from datetime import date
from html import escape

from ..model import Briefing, TimelineEvent


def timeline(events: list[TimelineEvent], width: int = 900) -> str:
    """One dot per day, in order and evenly spaced (days weeks apart would crowd the rest), sized by events."""
    days = sorted({e.date for e in events})
    if not days:
        return ""
    counts = Counter(e.date for e in events)
    left, right, axis = 60, width - 60, 60
    step = (right - left) / max(1, len(days) - 1)
    parts = [f'<svg class="timeline" viewBox="0 0 {width} 130" role="img" aria-label="Timeline of dated events">',
             f'<line x1="{left}" y1="{axis}" x2="{right}" y2="{axis}" stroke="#555"/>']
    previous = None
    for i, day in enumerate(days):
        x = left + step * i if len(days) > 1 else (left + right) / 2
        when = date.fromisoformat(day)
        r = 5 + 2 * min(counts[day], 4)
        if previous and (when - previous).days > 7:
            gap_x = x - step / 2
            parts.append(f'<text x="{gap_x:.0f}" y="{axis + 4}" text-anchor="middle" font-size="14" fill="#888">//</text>')
        previous = when
        parts.append(f'<a href="#day-{day}"><circle cx="{x:.0f}" cy="{axis}" r="{r}" fill="#3b6ea5" opacity="0.85">'
                     f'<title>{when:%A %d %B %Y}: {counts[day]} events</title></circle></a>')
        parts.append(f'<text x="{x:.0f}" y="{axis + 28}" text-anchor="middle" font-size="12">{when:%a %d %b}</text>')
        if i == 0 or when.year != date.fromisoformat(days[i - 1]).year:
            parts.append(f'<text x="{x:.0f}" y="{axis + 44}" text-anchor="middle" font-size="11" fill="#777">{when.year}</text>')
        parts.append(f'<text x="{x:.0f}" y="{axis - r - 6}" text-anchor="middle" font-size="11" fill="#555">{counts[day]}</text>')
    parts.append("</svg>")
    return "".join(parts)


def coverage_matrix(briefing: Briefing, statement_ids: list[str], cell: int = 22) -> str:
    """Rows: statements (speaker and words); columns: outlets; a filled cell: the outlet carries it."""
    coverage = briefing.coverage
    if not coverage or not statement_ids:
        return ""
    outlets = coverage.outlets
    texts = {s.id: (f"{s.speaker}: " if s.speaker else "") + s.text for s in briefing.statements}
    label_w, top = 470, 150
    width, height = label_w + cell * len(outlets) + 20, top + cell * len(statement_ids) + 10
    parts = [f'<svg class="matrix" viewBox="0 0 {width} {height}" width="{width}" role="img" aria-label="Statements by outlet">']
    for j, outlet in enumerate(outlets):
        x = label_w + j * cell + cell / 2
        parts.append(f'<text transform="translate({x:.0f},{top - 6}) rotate(-55)" font-size="11">{escape(outlet[:28])}</text>')
    for i, sid in enumerate(statement_ids):
        y = top + i * cell
        label = texts.get(sid, sid)
        label = label if len(label) <= 72 else label[:71] + "…"
        parts.append(f'<text x="4" y="{y + cell * 0.7:.0f}" font-size="11"><title>{escape(texts.get(sid, sid))}</title>'
                     f'{escape(label)}</text>')
        for j, outlet in enumerate(outlets):
            on = outlet in coverage.matrix.get(sid, [])
            parts.append(f'<rect x="{label_w + j * cell + 2}" y="{y + 2}" width="{cell - 4}" height="{cell - 4}" rx="3" '
                         f'fill="{"#2e7d5b" if on else "#eee"}"><title>{sid} {"carried" if on else "not carried"} by {escape(outlet)}</title></rect>')
    parts.append("</svg>")
    return "".join(parts)


def reliance_graph(briefing: Briefing) -> str:
    """Outlets on the left, the agencies and outlets they rely on at the right."""
    edges = [(a.display_name, source) for a in briefing.articles for source in a.relies_on]
    if not edges:
        return ""
    left_nodes = sorted({e[0] for e in edges})
    right_nodes = sorted({e[1] for e in edges})
    row, width = 34, 620
    height = 20 + row * max(len(left_nodes), len(right_nodes))
    y_left = {n: 24 + i * row for i, n in enumerate(left_nodes)}
    y_right = {n: 24 + i * row for i, n in enumerate(right_nodes)}
    parts = [f'<svg class="reliance" viewBox="0 0 {width} {height}" role="img" aria-label="Which outlets rely on which">']
    for a, b in edges:
        parts.append(f'<line x1="230" y1="{y_left[a] - 4}" x2="400" y2="{y_right[b] - 4}" stroke="#999"/>')
    for n, y in y_left.items():
        parts.append(f'<text x="222" y="{y}" text-anchor="end" font-size="12">{escape(n[:34])}</text>')
    for n, y in y_right.items():
        parts.append(f'<text x="408" y="{y}" font-size="12" font-weight="bold">{escape(n)}</text>')
    parts.append("</svg>")
    return "".join(parts)
