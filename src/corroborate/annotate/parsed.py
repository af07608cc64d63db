"""The parsed report every annotate component reads: kept paragraphs as spaCy Docs with offsets."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from functools import cached_property
from typing import Any

from ..model import Article


def word_class(token: Any) -> str:
    """The coarse class corroborate asks about, from the Penn Treebank tag: VERB (auxiliaries
    included), AUX (modals), NOUN, PROPN, ADJ; anything else is OTHER."""
    tag = token.tag_
    if tag.startswith("VB"):
        return "VERB"
    if tag.startswith("NN"):
        return "PROPN" if tag.startswith("NNP") else "NOUN"
    if tag.startswith("JJ"):
        return "ADJ"
    return "AUX" if tag == "MD" else "OTHER"


@dataclass
class Paragraph:
    line: int
    offset: int  # where the paragraph starts in Article.text
    doc: Any  # spacy.tokens.Doc
    label: str = "body"
    sources: list[str] = field(default_factory=list)  # outlets and agencies the report credits

    @cached_property
    def text(self) -> str:
        """The paragraph as parsed, built once: spaCy joins the tokens again at every `doc.text`."""
        return self.doc.text

    @cached_property
    def ents(self) -> tuple:
        """The doc's entities, built once: spaCy makes new spans at every `doc.ents`."""
        return tuple(self.doc.ents)


@dataclass
class NameMention:
    """A person, organisation or place named in the report (or a pronoun standing for one)."""

    article: str
    line: int
    start: int
    end: int
    text: str
    kind: str  # person | org | place
    role: str | None = None
    subject: bool = False
    subordinate: bool = False  # the subject of a clause inside another ("agree that Capaldi is ..."), not of the sentence
    key: str = ""  # the report-level name it resolves to
    channel: bool = False  # a platform or outlet words come through ("on Twitter", "Sputnik, a state site")
    personal: bool = False  # says "he" or "she" of itself: 'Blanco said she was happy'
    beside: str = ""  # the person named with it ("Trump and Melania Trump"): by that, someone else
    titled: bool = False  # a title stands before it in the text ("President Trump"), the tagger left it out


@dataclass
class Parsed:
    article: Article
    paragraphs: list[Paragraph]
    names: list[NameMention] = field(default_factory=list)
    # the spans of direct quotes, so that names inside quotes are not taken as speakers
    quoted: list[tuple[int, int]] = field(default_factory=list)
    # the contents of reported speech found so far ('Perez said the suit names Trump'), so that
    # a later "he said" goes on with the speaker, not with a man the speaker talked about
    reported: list[tuple[int, int]] = field(default_factory=list)
    _indexes: dict = field(default_factory=dict, repr=False, compare=False)

    def inside_quote(self, start: int) -> bool:
        return self._covered(self.quoted, start)

    def inside_speech(self, start: int) -> bool:
        """Inside quote marks or inside the content of reported speech."""
        return self.inside_quote(start) or self._covered(self.reported, start)

    def _covered(self, spans: list[tuple[int, int]], start: int) -> bool:
        # a sorted index, not a scan: asked for every name, a scan made reports with many
        # quotes and names cubic in time; rebuilt only when the list has grown
        key = (id(spans), len(spans))
        index = self._indexes.get(id(spans))
        if index is None or index[0] != key:
            ordered = sorted(spans)
            index = (key, [a for a, _ in ordered], list(accumulate((b for _, b in ordered), max)))
            self._indexes[id(spans)] = index
        _, starts, reach = index
        before = bisect_right(starts, start)
        return before > 0 and reach[before - 1] > start
