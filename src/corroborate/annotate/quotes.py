"""Who said what: quote spans in each paragraph, the cue that governs each, and the quotes of a
report in order, numbered into remarks.

Written here because no maintained offline library does it well: textacy's
direct_quotations raises on unbalanced marks and leaves pronouns unresolved, and
coreferee has no offline model. It works on spaCy's dependency parse of each paragraph:
quote marks give the content and a speech verb outside them the cue. The rest lives beside it:
cues.py (the cue words), speakers.py (who the cue names), reported.py (reported speech outside
quote marks), stance.py (asserts, denies, questions, reports), remarks.py (pieces of one remark).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Mention, Quote
from ..text import STOP_WORDS
from .cues import ACT_CUES, COVERING_CUES, MAX_SPEECH_TAG_WORDS, SPEECH_VERBS, WEAK_CUES, is_asked, is_cue
from .parsed import Paragraph, Parsed, word_class
from .remarks import number_remarks
from .reported import indirect_quotes
from .speakers import CLAUSE_BREAKS, PERSON_PRONOUNS, person_named, speaker_from, subject_of
from .stance import cue_phrase, stance_of

OPENERS = {'"': '"', "“": "”", "„": "“", "«": "»", "‹": "›", "‘": "’", "'": "'"}


# markup left in scraped text ('<tweet author="...">'): its quoted attribute values quote no one
MARKUP_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?>")


# the New York Times' quote marks: two apostrophes (''Yes,'' he said), read as one double mark
TWO_APOSTROPHES = re.compile(r"''")


def double_mark(match: re.Match) -> str:
    """One double quote mark in place of the two apostrophes, and a filler on the side away from
    the quoted words, so that offsets hold and an apostrophe inside ('Unplugged') ends nothing."""
    start = match.start()
    before = match.string[start - 1] if start else " "
    return '\x00"' if before.isspace() or before in "([{—–-" else '"\x00'


@dataclass
class Span:
    start: int  # content start within the paragraph
    end: int
    open_missing: bool = False
    close_missing: bool = False


def quote_spans(text: str) -> list[Span]:
    """Quoted stretches of one paragraph; tolerant of a missing opening or closing mark."""
    text = MARKUP_TAG.sub(lambda m: " " * len(m.group()), text)  # offsets kept, attribute values gone
    text = TWO_APOSTROPHES.sub(double_mark, text)
    spans: list[Span] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in OPENERS and is_opening(text, i):
            close = OPENERS[ch]
            j = find_closing(text, i + 1, ch, close)
            if j is None:
                if ch in "'‘":
                    i += 1
                    continue
                spans.append(Span(i + 1, n, close_missing=True))
                break
            spans.append(Span(i + 1, j))
            i = j + 1
            continue
        if ch in '"”' and not spans and i > 0 and text[i - 1] in ",.!?…" and text.count('"') + text.count("“") + text.count("”") in (1, 3):
            # the opening mark was lost in scraping: the quote runs from the start of the paragraph
            spans.append(Span(0, i, open_missing=True))
        i += 1
    return [s for s in spans if text[s.start:s.end].strip(" ,.")]


def is_opening(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] in "'‘":
        return not before.isalnum() and after.isalnum()
    return not before.isalnum() and not after.isspace()


def find_closing(text: str, start: int, opener: str, closer: str) -> int | None:
    for j in range(start, len(text)):
        ch = text[j]
        if ch == closer or (opener == '"' and ch == "”") or (opener == "“" and ch == '"'):
            after = text[j + 1] if j + 1 < len(text) else " "
            if closer in "'’" and after.isalnum():
                continue  # an apostrophe, not a closing mark
            return j
    return None


def find_quotes(parsed: Parsed) -> list[Quote]:
    article = parsed.article
    quotes: list[Quote] = []
    spans_by_line = {para.line: quote_spans(para.text) for para in parsed.paragraphs}
    parsed.quoted = [(para.offset + s.start, para.offset + s.end) for para in parsed.paragraphs for s in spans_by_line[para.line]]
    previous_speaker: tuple[int, str | None, Mention | None] | None = None
    for index, para in enumerate(parsed.paragraphs):
        text = para.text
        in_para: list[Quote] = []
        for span in spans_by_line[para.line]:
            content = text[span.start:span.end]
            words = len(content.split())
            cue_token, subject = cue_for(parsed, para, span, spans_by_line[para.line])
            whole_para = span.start <= 1 and span.end >= len(text.rstrip()) - 1
            headline = para.label == "subheading" and not content.rstrip().endswith((".", "!", "?"))
            if (cue_token is None and (words <= 3 or headline or is_title(content))) or (is_title(content) and names_a_work(text, span.start)):
                kind = "scare"  # a headline or a title in quote marks quotes no one in particular
            elif whole_para or span.open_missing or starts_sentence(text, span.start):
                kind = "direct"
            else:
                kind = "partial"
            mention, speaker = None, None
            asked = cue_token is not None and is_asked(cue_token)
            if asked:
                subject = None
            elif subject is None and kind == "direct":
                subject = named_right_after(para, span, cue_token) or colon_lead(para, span)
            if subject is not None:
                mention, speaker = speaker_from(parsed, para, subject, cue_token)
            elif kind != "scare" and not asked:
                earlier = [q for q in in_para if q.kind != "scare" and (q.speaker or q.speaker_mention)]
                if earlier:  # one named only by a description ("one Antrim Democrat") still speaks on
                    speaker, mention = earlier[-1].speaker, earlier[-1].speaker_mention
                elif previous_speaker and previous_speaker[0] >= index - 2 and previous_speaker[1]:
                    speaker, mention = previous_speaker[1], previous_speaker[2]
            quote = Quote(
                article=article.id, line=para.line, start=para.offset + span.start, end=para.offset + span.end,
                text=content.strip(), kind=kind, cue=cue_phrase(cue_token) if cue_token is not None else None,
                speaker=speaker, speaker_mention=mention,
                stance=stance_of(cue_token, holds_quote=covers(cue_token, span) and not called_as(cue_token, span)
                                 and not contrasted(cue_token, span))
                if cue_token is not None else "asserts",
            )
            in_para.append(quote)
        reported = indirect_quotes(parsed, para, [q for q in in_para if q.kind != "scare"])
        quotes.extend(in_para + reported)
        # 'Carter said that ...' then a paragraph all in quote marks: Carter goes on speaking
        spoken = sorted((q for q in in_para + reported if q.speaker and q.kind != "scare" and not q.act), key=lambda q: q.end)
        if spoken:
            previous_speaker = (index, spoken[-1].speaker, spoken[-1].speaker_mention)
        elif text.rstrip().endswith(":"):
            introduced = introducer(parsed, para)  # "..., as the foundation's website notes:" then the quote
            previous_speaker = (index, *introduced) if introduced else previous_speaker
    quotes.sort(key=lambda q: (q.start, -q.end))  # a quote before the quotes inside it
    number_remarks(quotes, article.text)
    return quotes


def introducer(parsed: Parsed, para: Paragraph) -> tuple[str, Mention | None] | None:
    """Who a paragraph ending in a colon hands over to: the subject of its last speech verb."""
    last_sentence = list(para.doc.sents)[-1]
    cues = [t for t in last_sentence if is_cue(t) and t.lower_ != "according"]
    subject = subject_of(cues[-1]) if cues else None
    if subject is None:
        return None
    mention, speaker = speaker_from(parsed, para, subject, cues[-1])
    return (speaker, mention) if speaker else None


def named_right_after(para: Paragraph, span: Span, cue=None):
    """'"...," Toomey fumed.': a name or "he"/"she" straight after the closing mark, as the subject
    of a verb the speech list lacks, is the speaker; so is a person named between the mark and a
    cue the parser left without a subject ('"...," William Daley, a former aide, said of ...')."""
    after = next((t for t in para.doc if t.idx > span.end and not t.is_punct and not t.is_space), None)
    if after is None or after.idx - span.end > 3:
        return None
    if not (after.ent_type_ == "PERSON" or after.tag_ == "NNP" or after.lower_ in ("he", "she")):
        return None
    head = after
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    if head.dep_ == "nsubj" and word_class(head.head) == "VERB":
        return head
    if head.ent_type_ == "PERSON" and span.start <= head.head.idx < span.end:
        # '"...," Prime Minister Benjamin Netanyahu during a televised address': a tag without its
        # verb, the name hung on the quoted words
        return head
    subjectless = cue is not None and after.lower_ not in ("he", "she") and after.sent == cue.sent
    return head if subjectless and 0 < cue.i - head.i <= MAX_SPEECH_TAG_WORDS else None


def colon_lead(para: Paragraph, span: Span):
    """'As Professor Foner put it: "..."', 'Pew Research: "..."': whoever leads into the colon
    before the quote, whatever the verb: the subject of the clause before it, else its last noun."""
    before = para.text[:span.start].rstrip(" '\"“‘«")
    if not before.endswith(":"):
        return None
    colon = next((t for t in para.doc if t.idx == len(before) - 1), None)
    if colon is None:
        return None
    region = []
    for token in reversed(para.doc[colon.sent.start:colon.i]):
        if token.text in CLAUSE_BREAKS:
            break
        region.insert(0, token)
    indices = {t.i for t in region}
    subjects = [t for t in region if t.dep_ in ("nsubj", "nsubjpass") and t.head.i in indices and word_class(t) != "PRON"]
    nouns = [t for t in region if word_class(t) in ("NOUN", "PROPN")]
    return (subjects or nouns or [None])[-1]


WORK_MARKERS = {"on", "in", "of", "at", "from", "to", "called", "titled", "entitled"}


# nouns for works: a title in quote marks just after one ('his 2012 book, "An American Son"') names it
WORKS = {"book", "books", "memoir", "novel", "show", "series", "programme", "program", "film", "movie", "documentary",
         "song", "songs", "album", "play", "musical", "column", "essay", "article", "op-ed", "podcast", "poem", "report"}


def names_a_work(text: str, start: int) -> bool:
    """'told MSNBC's "Morning Joe"', 'on "Face the Nation"', 'a show called "Brokers"', 'his book,
    "An American Son"': the words before the mark name a programme, a book or a show, not a
    speaker's words."""
    before = text[:start].rstrip(" '\"“‘«").split()
    word = before[-1].lower() if before else ""
    return word.endswith(("'s", "’s")) or word in WORK_MARKERS or word.rstrip(",") in WORKS


def is_title(content: str) -> bool:
    """A show, book or slogan in quote marks ("Parks and Recreation", "Ban on Face Coverings"):
    a few words, all but the function words capitalised, no sentence inside."""
    words = content.strip(" ,.").split()
    content_words = [w for w in words if w.lower() not in STOP_WORDS]
    return (len(words) <= 6 and bool(content_words) and all(w[0].isupper() for w in content_words)
            and not any(mark in content.rstrip(" ,.") for mark in ".!?"))


def starts_sentence(text: str, start: int) -> bool:
    before = text[:max(0, start - 1)].rstrip().rstrip("'‘\"“«").rstrip()  # "''Can we ..." opens with two marks
    return (not before or before[-1] in ".:!?—–-") and text[start:start + 1].isupper()


def names_person(parsed: Parsed, para: Paragraph, token) -> bool:
    return token is not None and (token.lower_ in ("he", "she") or person_named(parsed, para, token) is not None)


def cue_for(parsed: Parsed, para: Paragraph, span: Span, spans: list[Span]):
    """The speech verb governing a quote and its subject token (or the 'according to' object).
    Neither is inside quoted words ('"... I did not think ...," he continued', '"Like Oakland.
    Or Ferguson," Trump said')."""
    doc = para.doc
    inside = lambda t: any(s.start <= t.idx < s.end for s in spans)  # noqa: E731
    first = next((t for t in doc if t.idx >= span.start), None)
    last = next((t for t in reversed(doc) if t.idx < span.end), None)
    if first is None:
        return None, None
    sentences = {s.start: s for s in (first.sent, last.sent if last is not None else first.sent)}
    # a speech verb, or a verb of reported speech whose phrase holds the quote ('called the demands
    # "a fantasy"', 'labeling the actions "a blatant, belligerent abuse of power"'); past a few
    # words, as a short phrase in quote marks after most such verbs is a scare quote
    covering = WEAK_CUES if len(para.text[span.start:span.end].split()) <= 3 else COVERING_CUES
    candidates = [t for s in sentences.values() for t in s if not inside(t)
                  and (is_cue(t) or (t.lower_ in covering and word_class(t) == "VERB" and covers(t, span)
                                     and (t.lower_ in SPEECH_VERBS | ACT_CUES or in_clause_of(t, span))))]
    if not candidates and last is not None and last.sent.end < len(doc):
        follow = doc[last.sent.end:].sents
        nxt = next(follow, None)
        # '"...," he said.' split off as its own sentence, or a tag going on in lower case after
        # a question or an exclamation ('"...!" the nominee tweeted Sunday after ...')
        if nxt is not None and (len(nxt) <= 8 or nxt[0].text[:1].islower()):
            candidates = [t for t in nxt[:MAX_SPEECH_TAG_WORDS] if is_cue(t)]
    if not candidates:
        return None, None
    # "..., CNBC writes": an outlet credited for the report is not the speaker
    credited = {c.lower() for c in para.sources}
    own = [t for t in candidates if (subject_of(t) is None or subject_of(t).text.lower() not in credited)]
    candidates = own or candidates
    # 'Sputnik added the detail North Korea will "...," according to Kim': an outlet or a body
    # passing on a person's words is the channel, the person it names the speaker
    sourced = [t for t in candidates if t.lower_ == "according" and names_person(parsed, para, subject_of(t))]
    if sourced and not any(names_person(parsed, para, subject_of(t)) for t in candidates if t.lower_ != "according"):
        candidates = sourced
    # a cue after the quote that does not hold it loses to one whose phrase does ('said the owners
    # had "..." and warned she would "..."')
    if any(covers(t, span) for t in candidates):
        candidates = [t for t in candidates if t.idx < span.start or covers(t, span)]
    # 'He said Iran has always planned "at the highest levels"': a verb inside what a speaker says
    # is part of their words, not a cue of its own (unless it is one of saying, or the speaker's
    # own: 'whom he referred to as "..."')
    outer = [t for t in candidates if t.lower_ in SPEECH_VERBS and any(c.dep_ == "ccomp" and covers(c, span) for c in t.children)]
    candidates = [t for t in candidates if t.lower_ in SPEECH_VERBS or getattr(subject_of(t), "lower_", "") in PERSON_PRONOUNS
                  or not any(c.dep_ == "ccomp" and c.left_edge.i <= t.i <= c.right_edge.i for o in outer for c in o.children)]
    # 'While Scholz reiterated that NATO "is not on the agenda," Putin retorted': a quote opened
    # inside the phrase of a cue before it is not the tag's after it
    if any(t.idx < span.start and t.left_edge.idx <= span.start <= t.right_edge.idx for t in candidates):
        candidates = [t for t in candidates if t.idx < span.start]
    # the cue nearest the quote, preferring one that follows it ("...," he said)
    anchor_end, anchor_start = span.end, span.start
    cue = min(candidates, key=lambda t: (t.idx - anchor_end) if t.idx >= anchor_end else (anchor_start - t.idx) * 1.5)
    subject = subject_of(cue)
    return cue, (None if subject is not None and quoted_away(subject, span, spans) else subject)


def quoted_away(subject, span: Span, spans: list[Span]) -> bool:
    """The subject sits inside quoted words and is not all they are: '"That, unfortunately," he said'
    or the quote itself, but not 'the "rebels" said'."""
    if span.start <= subject.idx < span.end:
        return True
    start = subject.left_edge.idx
    end = subject.right_edge.idx + len(subject.right_edge)
    return any(s.start <= subject.idx < s.end and not (start <= s.start + 1 and s.end - 1 <= end) for s in spans)


def in_clause_of(verb, span: Span) -> bool:
    """'the poll found that "..."', not 'Russia found a "willing partner"': a verb of finding or
    knowing cues quoted words only inside the clause it reports."""
    return any(c.dep_ == "ccomp" and covers(c, span) for c in verb.children)


def called_as(verb, span: Span) -> bool:
    """'dismissed the suit as "a conspiracy theory"': the quoted words are what the speaker calls
    it, asserted, whatever the verb does to the thing called."""
    return any(c.dep_ == "prep" and c.lower_ == "as" and covers(c, span) for c in verb.children)


CONTRASTS = {"however", "but", "yet", "though", "although", "nevertheless"}


def contrasted(verb, span: Span) -> bool:
    """'he did not think he was right for the part, however "now that moment has arrived"': quoted
    words after a contrast are set against what the verb says, not under its negation."""
    return any(t.lower_ in CONTRASTS and verb.i < t.i and t.idx < span.start for t in verb.sent)


def covers(verb, span: Span) -> bool:
    """'called the demands "a fantasy"': the quote sits inside the verb's own phrase."""
    return verb.left_edge.idx <= span.start and span.end <= verb.right_edge.idx + len(verb.right_edge) + 1
