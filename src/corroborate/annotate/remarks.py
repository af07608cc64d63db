"""Remarks: the pieces of one remark (a quote broken by its tag, one running over paragraphs, a
partial quote inside the reported speech that carries it) share a number and a speaker."""
from __future__ import annotations

import re

from ..model import Quote
from .cues import MAX_SPEECH_TAG_WORDS, QUESTION_VERBS, TAG_VERBS


def number_remarks(quotes: list[Quote], text: str) -> None:
    """Number the remarks of one article (see Quote.remark); quotes come sorted by start.
    Pieces joined into one remark share its speaker when only one of them had it."""
    count = 0
    last: Quote | None = None  # the latest quote that is not inside another
    # the latest piece in quote marks: '"A," said Arnold, who said she would march. "B."' goes on from A
    last_quoted: Quote | None = None
    for quote in quotes:
        if quote.kind == "scare":
            continue
        if last is not None and quote.start < last.end and not text[last.end:quote.end].strip(CLOSING):
            quote.remark = last.remark  # quoted words inside the reported speech that carries them
            own = quote.speaker_mention is not None and last.start <= quote.speaker_mention.start < last.end
            if last.kind == "indirect" and quote.kind != "indirect" and not own:
                # 'the lawsuit alleges that Russia found a "willing partner"': the frame's speaker, cue and
                # stance hold, unless the words have a speaker of their own inside it ('Ukraine said Kuleba said "..."')
                quote.cue, quote.stance = last.cue, last.stance
                quote.speaker, quote.speaker_mention = last.speaker, last.speaker_mention
            continue
        before = next((q for q in (last, last_quoted) if q is not None and continues(q, quote, text)), None)
        if before is not None:
            quote.remark = before.remark
            for a, b in ((before, quote), (quote, before)):
                if a.speaker is None and (b.speaker is not None or a.speaker_mention is None):
                    a.speaker, a.speaker_mention = b.speaker, b.speaker_mention
        else:
            count += 1
            quote.remark = count
        last = quote
        if quote.kind != "indirect":
            last_quoted = quote


# what may close a quote just past the reported speech around it ('as "paranoia" and "madness."')
CLOSING = " .,;:!?\"”’»'"
SENTENCE_END = re.compile(r"[.!?][\"”’»]?\s+[\"“‘«]?[A-Z]")


def continues(before: Quote, after: Quote, text: str) -> bool:
    """The same speaker's quoted words go on: past a short speech tag in the same paragraph
    ('"...," said the 46-year-old. "..."'), into a partial quote later in the same sentence
    ('said the talks were "cordial" and "useful"'), or into the next paragraph after a quote left open."""
    gap = text[before.end:after.start]
    if has_own_tag(before, after, gap):
        return False
    same_speaker = same_voice(before, after)
    if after.kind == "partial" and before.kind in ("indirect", "partial") and "\n" not in gap and not SENTENCE_END.search(gap):
        return same_speaker and before.speaker is not None and len(gap.split()) <= MAX_SPEECH_TAG_WORDS
    if "indirect" in (before.kind, after.kind) or any(q.speaker is None and cue_verb(q) in QUESTION_VERBS for q in (before, after)):
        return False  # a question put by someone unnamed is not part of the answer
    if "\n" in gap:  # the quote was left open at the end of the paragraph, or a tag ends it
        return same_speaker and (not gap.strip(" \t\r\n\"“‘«") or (
            after.cue is None and after.kind == "direct" and before.kind == "direct" and is_speech_tag(gap.split("\n", 1)[0])
            and not gap.rsplit("\n", 1)[1].strip(" \t\r\"“‘«")))
    if same_speaker and before.speaker is not None and after.cue is None:
        return True  # '"A," Cruz said in response to a question ... . "B."': B has no tag of its own
    return (same_speaker or unattributed(before) or unattributed(after)) and is_speech_tag(gap)


def unattributed(quote: Quote) -> bool:
    return quote.speaker is None and quote.speaker_mention is None


def same_voice(a: Quote, b: Quote) -> bool:
    """One speaker, or one unnamed source described alike ('a 2013 article' is not 'Jason Dana')."""
    if a.speaker is not None or b.speaker is not None:
        return a.speaker == b.speaker
    if unattributed(a) or unattributed(b):
        return unattributed(a) and unattributed(b)
    return a.speaker_mention.text.lower() == b.speaker_mention.text.lower()


def has_own_tag(before: Quote, after: Quote, gap: str) -> bool:
    """'... attacked" Clinton, and said he "maintains ...', '... folks," Trump said before adding: "...':
    a cue of its own between the pieces starts a new remark; the tag both pieces share does not
    ('"...," he said, "..."')."""
    if after.cue is None:
        return False
    words = {w.strip(",.;:").lower() for w in gap.split()}
    cue = cue_verb(after)
    return cue in words and cue_verb(before) != cue


def cue_verb(quote: Quote) -> str | None:
    """The verb of a cue phrase ("confirm" in "refused to confirm"), lower case."""
    return quote.cue.split()[-1].lower() if quote.cue else None


def is_speech_tag(gap: str) -> bool:
    words = gap.split()
    return len(words) <= MAX_SPEECH_TAG_WORDS and any(w.strip(",.;:").lower() in TAG_VERBS for w in words)
