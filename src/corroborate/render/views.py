"""What Markdown and HTML both show, prepared once so the two carry the same content."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Article, Briefing, Statement, StatementMention


@dataclass
class Citation:
    outlet: str
    article_index: int
    line: int
    anchor: str
    text: str


@dataclass
class Said:
    """How a statement was said: the cue ("said", "denied", "did not say"), the stance, the words
    shown, and whether they are the speaker's own (shown in quote marks) or a paraphrase (shown
    without)."""

    cue: str
    stance: str
    quoted: bool
    words: str


def carried(statement) -> str:
    """That someone said it, told apart from whether it is so."""
    n, k = len(statement.outlets), statement.independent_sources
    return (f"Carried by {n} outlet{'s' if n != 1 else ''} ({k} independent source{'s' if k != 1 else ''}): "
            "this is how widely the claim was reported, not a confirmation of it")


CLOSING = "\"'”’.,;:!? "


def with_marks(text: str, start: int, end: int) -> str:
    """The words from start to end, with the quote mark just outside them that the quoted words
    inside need ('"it's too soon to tell" whether ...', not 'it's too soon to tell" whether ...')."""
    inner = text[start:end]
    odd = inner.count('"') % 2 == 1
    if (odd or inner.count("“") < inner.count("”")) and start > 0 and text[start - 1] in '"“':
        start -= 1
    elif (odd or inner.count("“") > inner.count("”")) and end < len(text) and text[end] in '"”':
        end += 1
    return text[start:end].strip()


def anchor(article_index: int, start: int) -> str:
    return f"a{article_index}-{start}"


def report_labels(articles: list[Article]) -> dict[str, str]:
    """How each report is named in citations: its outlet, numbered in briefing order when the
    outlet gave several reports, so that "[Reuters (2) L14]" leads to one report, not to either."""
    names = [a.display_name for a in articles]
    seen: dict[str, int] = {}
    labels = {}
    for a, name in zip(articles, names):
        if names.count(name) > 1:
            seen[name] = seen.get(name, 0) + 1
            name = f"{name} ({seen[name]})"
        labels[a.id] = name
    return labels


class View:
    def __init__(self, briefing: Briefing):
        self.briefing = briefing
        self.index = {a.id: i for i, a in enumerate(briefing.articles)}
        self.articles = briefing.articles
        self.labels = report_labels(briefing.articles)
        self.statements = {s.id: s for s in briefing.statements}
        self.cited: dict[int, set[tuple[int, int]]] = {}

    def cite(self, article_id: str, line: int, start: int | None = None, end: int | None = None, text: str = "") -> Citation:
        i = self.index[article_id]
        article = self.articles[i]
        if start is None:
            ln = next((x for x in article.lines if x.line == line), None)
            start, end = (ln.start, ln.end) if ln else (0, 0)
        self.cited.setdefault(i, set()).add((start, end))
        return Citation(self.labels[article.id], i, line, anchor(i, start), text or article.text[start:end])

    def cite_mentions(self, mentions: list[StatementMention]) -> list[Citation]:
        seen, out = set(), []
        for m in mentions:
            c = self.cite(m.article, m.line, m.start, m.end, m.text)
            if (c.article_index, c.line) not in seen:
                seen.add((c.article_index, c.line))
                out.append(c)
        return out

    def speakers(self) -> list[dict]:
        """People quoted, with roles, their statements and quotes grouped."""
        roles: dict[str, list[str]] = {}
        for a in self.articles:
            for e in a.entities:
                for r in e.roles:
                    roles.setdefault(e.name, [])
                    if r not in roles[e.name]:
                        roles[e.name].append(r)
        by_speaker: dict[str, list] = {}
        for s in self.briefing.statements:
            if s.speaker and any(self._quoted(m) for m in s.mentions):
                by_speaker.setdefault(s.speaker, []).append(s)
        ordered = sorted(by_speaker.items(), key=lambda kv: (-sum(len(s.outlets) for s in kv[1]), kv[0]))
        return [{"name": name, "roles": roles.get(name, [])[:3], "statements": sts} for name, sts in ordered]

    def said_by(self, person: dict) -> list[tuple[Statement, Said, list[Citation]]]:
        """A speaker's statements as shown, each once with its citations: two pieces quoted from
        one sentence show that sentence once, cited where either piece is."""
        out: list[tuple[Statement, Said, list[StatementMention]]] = []
        for statement in person["statements"]:
            how = self.said(statement)
            same = next((item for item in out if item[1].words == how.words), None)
            if same is None:
                out.append((statement, how, list(statement.mentions)))
            else:
                same[2].extend(statement.mentions)
        return [(statement, how, self.cite_mentions(mentions)) for statement, how, mentions in out]

    def _quoted(self, m: StatementMention) -> bool:
        article = self.articles[self.index[m.article]]
        return any(q.kind != "scare" and q.start < m.end and m.start < q.end for q in article.quotes)

    def said(self, statement: Statement) -> Said:
        """The cue and stance of the quote the statement's shown text comes from. Quoted words inside
        reported speech ('agrees with Lavrov that the possibilities are "far from exhausted"') are
        shown with the reported words around them: alone, "far from exhausted" says nothing."""
        for m in sorted(statement.mentions, key=lambda m: m.text != statement.text):
            article = self.articles[self.index[m.article]]
            quote = next((q for q in article.quotes if q.kind != "scare" and q.start == m.start and q.end == m.end), None)
            quote = quote or next((q for q in article.quotes if q.kind != "scare" and q.start < m.end and m.start < q.end), None)
            if quote is None:
                continue
            if quote.kind == "partial":
                # the reported clause may stop before the closing mark and stop the partial keeps
                # ('cannot be "transmitted casually."'): it still holds the quoted words
                around = next((r for r in article.quotes if r.kind == "indirect" and r.start <= m.start
                               and not article.text[r.end:m.end].strip(CLOSING) and r.end - r.start > m.end - m.start), None)
                if around is not None:
                    words = with_marks(article.text, around.start, max(around.end, m.end))
                    return Said(around.cue or quote.cue or "said", quote.stance, False, words)
            return Said(quote.cue or "said", quote.stance, quote.kind != "indirect", statement.text)
        return Said("said", "asserts", False, statement.text)
