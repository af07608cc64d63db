"""One self-contained HTML page: inline CSS and SVG, no scripts from anywhere, opens offline."""
from __future__ import annotations

from html import escape

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..model import Article, Briefing
from . import svg
from .views import View, anchor, carried

ENV = Environment(loader=PackageLoader("corroborate.render", "templates"), autoescape=select_autoescape(["html", "j2"]))
BADGES = {"confirmed": "ok", "unconfirmed": "warn", "disputed": "bad", "contradicted": "bad"}
STATUS_LABELS = {"confirmed": "confirmed", "unconfirmed": "claimed, not independently confirmed",
                 "disputed": "claimed, disputed", "contradicted": "contradicted"}


def render(briefing: Briefing) -> str:
    return ENV.get_template("briefing.html.j2").render(**context(briefing))


def context(briefing: Briefing) -> dict:
    """What briefing.html.j2 shows; the web app's story page extends the template with it."""
    view = View(briefing)
    summary = [(s, view.cite_mentions(s.citations)) for s in briefing.summary]
    claims = [(c, carried(view.statements[c.statement]) if c.statement in view.statements else "",
               [(e, view.cite(e.article, e.line)) for e in c.evidence],
               [(d, view.cite_mentions(d.mentions)) for d in c.disputed_by]) for c in briefing.claims]
    discrepancies = [(d, [(v, view.cite(v.article, v.line)) for v in d.values]) for d in briefing.discrepancies]
    speakers = [(p, [(s, citations, how) for s, how, citations in view.said_by(p)]) for p in view.speakers()]
    timeline = [(e, view.cite(e.article, e.line)) for e in briefing.timeline]
    shared = [s for s in briefing.statements if len(s.outlets) > 1]
    # what only one outlet carries, in the words Who said what shows (quoted words with the reported ones around them)
    exclusive = {o: [(view.statements[i].speaker, quoted_if_own(view.said(view.statements[i]))) for i in ids]
                 for o, ids in (briefing.coverage.exclusive if briefing.coverage else {}).items()}
    sources = [(a, view.labels[a.id], source_html(a, i, view.cited.get(i, set()))) for i, a in enumerate(briefing.articles)]
    return dict(
        b=briefing, summary=summary, claims=claims, discrepancies=discrepancies, speakers=speakers,
        timeline=timeline, shared=shared, exclusive=exclusive, sources=sources, badges=BADGES, status_labels=STATUS_LABELS,
        timeline_svg=Markup(svg.timeline(briefing.timeline)),
        matrix_svg=Markup(svg.coverage_matrix(briefing, [s.id for s in shared])),
        reliance_svg=Markup(svg.reliance_graph(briefing)),
        title=briefing.articles[0].title if briefing.articles else "no reports",
        outlets=sorted({a.display_name for a in briefing.articles}),
    )


def source_html(article: Article, index: int, cited: set[tuple[int, int]]) -> Markup:
    """The report's lines; page furniture folded away; quotes, names, values and cited spans marked."""
    marks: dict[int, set[str]] = {}

    def paint(start: int, end: int, cls: str) -> None:
        for pos in range(start, end):
            marks.setdefault(pos, set()).add(cls)

    for q in article.quotes:
        if q.kind != "scare":
            paint(q.start, q.end, "quote")
    for e in article.entities:
        if e.kind == "person":
            for m in e.mentions:
                paint(m.start, m.end, "person")
    for v in article.values:
        paint(v.start, v.end, "value")
    for start, end in cited:
        paint(start, end, "cited")
    anchors = {start: anchor(index, start) for start, _ in cited}
    kept, folded = [], []
    for ln in article.lines:
        text = article.text[ln.start:ln.end]
        if not text.strip():
            continue
        body = paint_line(article.text, ln.start, ln.end, marks, anchors)
        row = Markup(f'<p class="line {ln.label}" data-line="{ln.line}"><span class="ln">{ln.line}</span>{body}'
                     f'<span class="lab">{ln.label}</span></p>')
        (kept if ln.kept else folded).append(row)
    folded_html = (Markup(f'<details class="furniture"><summary>{len(folded)} lines of page furniture '
                          f'(captions, credits, menus, embeds)</summary>') + Markup("").join(folded) + Markup("</details>")) if folded else Markup("")
    return Markup("").join(kept) + folded_html


def paint_line(text: str, start: int, end: int, marks: dict[int, set[str]], anchors: dict[int, str]) -> Markup:
    pieces, pos = [], start
    while pos < end:
        classes = marks.get(pos, set())
        stop = pos + 1
        while stop < end and marks.get(stop, set()) == classes and stop not in anchors:
            stop += 1
        chunk = escape(text[pos:stop])
        if pos in anchors:
            pieces.append(f'<span class="anchor" id="{anchors[pos]}"></span>')
        pieces.append(f'<span class="{" ".join(sorted(classes))}">{chunk}</span>' if classes else chunk)
        pos = stop
    return Markup("".join(pieces))


def quoted_if_own(said) -> str:
    """Quote marks around a speaker's own words only, as Who said what shows them."""
    return f"“{said.words}”" if said.quoted else said.words
