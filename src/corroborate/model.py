"""The data every stage passes along: one place, plain dataclasses, JSON in and out.

Offsets (`start`, `end`) always count code points of `Article.text` exactly as read;
`line` numbers are 1-based lines of that same text.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

LINE_LABELS = ("title", "body", "subheading", "caption", "credits", "boilerplate", "embed")
KEPT_LABELS = frozenset({"title", "body", "subheading"})


@dataclass
class Line:
    line: int
    start: int
    end: int
    label: str = "body"
    language: str | None = None

    @property
    def kept(self) -> bool:
        return self.label in KEPT_LABELS


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Quote:
    article: str
    line: int
    start: int
    end: int
    text: str
    kind: str  # direct | indirect | partial | scare
    cue: str | None = None
    speaker: str | None = None
    speaker_mention: Mention | None = None
    # quotes that are pieces of one remark share this number (per article): a quote broken by
    # its speech tag ("A," he said, "B."), one running over paragraphs, a partial quote inside
    # the indirect speech that reports it
    remark: int | None = None
    # the content is what a speech act or stance is about ("denied having any plans", "urged
    # Congress to act"), not a clause of reported speech: it reads only with its cue
    act: bool = False
    # what the speaker does with the content: asserts | denies | questions | reports (passes on
    # someone else's claim); a denial is never shown or aligned as an assertion
    stance: str = "asserts"


@dataclass
class Entity:
    name: str
    kind: str  # person | org | place
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Value:
    article: str
    line: int
    start: int
    end: int
    surface: str
    kind: str  # quantity | date
    normalized: Any = None  # ISO date for dates; the number as given for quantities
    unit: str | None = None
    qualifier: str | None = None  # exact | approx | min ("more than") | max ("up to")
    low: float | None = None  # the interval the quantity allows; None is open
    high: float | None = None
    tense: str | None = None  # dates: "future" or "past" as the sentence's verb says; resolves weekdays


@dataclass
class Sentence:
    line: int
    start: int
    end: int
    text: str


@dataclass
class Article:
    id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    published_inferred: bool = False
    wire: list[str] = field(default_factory=list)
    relies_on: list[str] = field(default_factory=list)
    language: str | None = None
    url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    values: list[Value] = field(default_factory=list)

    @property
    def display_name(self) -> str:
        """How readers see the report named: its outlet, else whose copy it carries, else a short id."""
        short = self.id.rsplit("/", 1)[-1].rsplit(".", 1)[0][:16]
        if self.outlet:
            return self.outlet
        if self.wire:
            return f"{self.wire[0]} copy ({short})"
        return short

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """The inverse of dataclasses.asdict: an Article back from its JSON form (a stored or exported report)."""
        return _build(cls, data)


# which fields hold nested dataclasses (a list of them, or one): what from_dict must rebuild
_NESTED: dict[type, dict[str, type]] = {
    Article: {"lines": Line, "sentences": Sentence, "quotes": Quote, "entities": Entity, "values": Value},
    Quote: {"speaker_mention": Mention},
    Entity: {"mentions": Mention},
}


def _build(cls: type, data: dict[str, Any]) -> Any:
    """Written by hand because the model is small and flat: a generic deserialiser (pydantic,
    dacite) would be a dependency for six lines. Unknown keys are ignored, so newer JSON reads."""
    nested = _NESTED.get(cls, {})
    kwargs = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name in nested and value is not None:
            value = [_build(nested[f.name], v) for v in value] if isinstance(value, list) else _build(nested[f.name], value)
        kwargs[f.name] = value
    return cls(**kwargs)


@dataclass
class StatementMention:
    article: str
    line: int
    start: int
    end: int
    text: str


@dataclass
class Statement:
    id: str
    speaker: str | None
    text: str
    mentions: list[StatementMention]
    outlets: list[str]
    independent_sources: int


@dataclass
class DiscrepancyValue:
    article: str
    line: int
    surface: str | None
    normalized: Any
    outlet: str | None = None
    sentence: str | None = None


@dataclass
class Discrepancy:
    kind: str  # number | date | attribution | quote-wording
    verdict: str  # conflict | compatible | variants
    about: str
    values: list[DiscrepancyValue]
    why: str = ""


@dataclass
class Evidence:
    article: str
    line: int
    by: str | None
    text: str


@dataclass
class Disputer:
    name: str
    mentions: list[StatementMention]


@dataclass
class Claim:
    text: str
    claimed_by: str | None
    self_report: bool
    evidence: list[Evidence]
    disputed_by: list[Disputer]
    status: str  # confirmed | unconfirmed | disputed | contradicted
    status_text: str
    statement: str | None = None


@dataclass
class TimelineEvent:
    date: str
    text: str
    article: str
    line: int
    outlets: list[str]


@dataclass
class Coverage:
    outlets: list[str]
    matrix: dict[str, list[str]]  # statement id -> outlets carrying it
    exclusive: dict[str, list[str]]  # outlet -> statement ids no other outlet carries
    origins: dict[str, str]  # article id -> the independent origin it counts as


@dataclass
class SummarySentence:
    text: str
    statement: str
    citations: list[StatementMention]


@dataclass
class Story:
    """Reports of one event, as `corroborate cluster` groups a stream."""
    id: str
    title: str
    articles: list[str]  # Article ids
    outlets: list[str]
    first_published: str | None = None
    last_published: str | None = None
    copies: list[list[str]] = field(default_factory=list)  # groups of reports carrying one text (wire copy, reprint)


@dataclass
class Briefing:
    articles: list[Article]
    statements: list[Statement] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    coverage: Coverage | None = None
    summary: list[SummarySentence] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
