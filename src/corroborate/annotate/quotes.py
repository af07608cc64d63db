"""Who said what: direct, partial and indirect quotes with their speakers.

Written here because no maintained offline library does it well: textacy's
direct_quotations raises on unbalanced marks and leaves pronouns unresolved, and
coreferee has no offline model. It works on spaCy's dependency parse of each paragraph:
quote marks give the content, a speech verb outside them gives the cue, the cue's subject
gives the speaker, and pronouns go to the nearest earlier person named outside quotes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Mention, Quote
from ..text import STOP_WORDS
from .parsed import NameMention, Paragraph, Parsed, word_class

SPEECH_VERBS = frozenset("""
say says said saying tell tells told telling add adds added adding warn warns warned warning declare declares declared
declaring state states stated stating note notes noted noting write writes wrote writing quip quipped emphasise emphasised
emphasize emphasized emphasising emphasizing stress stressed stressing insist insisted insisting urge urged urging reiterate
reiterated reiterating claim claims claimed claiming announce announced announcing explain explained explaining conclude
concluded concluding argue argued arguing assert asserted asserting acknowledge acknowledged admit admitted deny denied
denies confirm confirmed confirms report reported reports suggest suggested suggesting tweet tweeted tweeting posted
reaffirm reaffirmed reaffirming retort retorted caution cautioned cautioning ask asked asking reply replied replying
respond responded responding comment commented commenting predict predicted promise promised vow vowed recall recalled
joke joked jokes exclaim exclaimed shout shouted observe observed counter countered concede conceded testify testified
remark remarked complain complained describe described describing call called calling echo echoed echoing accuse accused accusing blame
blamed blaming believe believes believed think thinks thought agree agreed agrees highlight highlighted highlighting
answer answered answers fume fumed fumes muse mused muses scoff scoffed snap snapped quipped interject interjected
boast boasted boasts brag bragged lament lamented complains gripe griped grouse groused plead pleaded beg begged
yell yelled scream screamed chant chanted proclaim proclaimed opine opined mutter muttered whisper whispered marvel
marveled marvelled texted emailed demand demanded demands boom boomed read reads
""".split())
# verbs that cue speech only with a clause or a quote, never alone ("called", "believed")
WEAK_CUES = frozenset("call called calling describe described describing believe believes believed think thinks thought "
                      "agree agreed agrees highlight highlighted highlighting echo echoed echoing ask asked asking".split())
# verbs of a speech tag between two pieces of one remark ('"...," he continued. "..."'), not cues on their own
GO_ON_VERBS = {"continued", "continues"}
TAG_VERBS = SPEECH_VERBS | GO_ON_VERBS | {"went"}
# verbs that report a clause but cue no direct quote: findings, beliefs, knowledge ("the poll found that ...")
CLAUSE_CUES = SPEECH_VERBS | frozenset("""
find finds found finding show shows showed shown showing believing thinking know knows knew known knowing hope hopes hoped
hoping fear fears feared fearing expect expects expected expecting worry worries worried feel feels felt indicate indicates
indicated indicating reveal reveals revealed revealing estimate estimates estimated insists contend contends contended
maintain maintains maintained allege alleges alleged alleging signal signals signaled signalled hint hints hinted imply
implies implied acknowledges acknowledging recognize recognizes recognized recognise recognised realize realizes realized
understand understands understood doubt doubts doubted agreeing learn learned learnt assume assumed assumes predicts
predicting concludes determined determine speculate speculated wonder wonders wondered recount recounted recounts
mention mentions mentioned explains assure assured assures remind
reminded reminds inform informed informs announces argues contending stresses emphasizes emphasises suggests admits
admitting denying concedes conceding testifies recalls recalling charge charged charges figure figured guess guessed reckon
reckoned
""".split())
# speech acts and stances whose content is an object or an infinitive ("urged Congress to act", "vowed to fight on")
ACT_CUES = frozenset("""
urge urges urged urging ask asks asked asking call calls called calling promise promises promised promising pledge pledges
pledged pledging vow vows vowed vowing threaten threatens threatened threatening refuse refuses refused refusing decline
declines declined declining offer offers offered offering demand demands demanded demanding propose proposes proposed proposing
recommend recommends recommended recommending accuse accuses accused accusing blame blames blamed blaming criticize criticizes
criticized criticizing criticise criticises criticised criticising praise praises praised praising endorse endorses endorsed
endorsing support supports supported supporting oppose opposes opposed opposing back backs backed backing reject rejects
rejected rejecting deny denies denied denying defend defends defended defending condemn condemns condemned condemning attack
attacks attacked attacking slam slams slammed slamming question questions questioned questioning dispute disputes disputed
disputing challenge challenges challenged challenging welcome welcomes welcomed welcoming applaud applauds applauded applauding
announce announces announced announcing cite cites cited citing describe describes described describing mention mentions
mentioned mentioning discuss discusses discussed discussing want wants wanted wanting plan plans planned planning seek seeks
sought seeking warn warns warned warning admit admits admitted confirm confirms confirmed predict predicts predicted
acknowledge acknowledges acknowledged hope hopes hoped hoping agree agrees agreed promote promoted promotes tout touts touted
dismiss dismisses dismissed dismissing label labels labeled labelled labeling labelling blast blasts blasted blasting mock mocks mocked mocking
express expresses expressed expressing refer refers referred referring point points pointed pointing hail hails hailed hailing
herald heralds heralded voice voices voiced reiterate reiterates reiterated reiterating repeat repeats repeated repeating stress
stresses stressed emphasize emphasizes emphasized emphasise emphasised recall recalls recalled insist insists insisted explain
explains explained
""".split())
# nouns that report what someone said or holds: "her claim that ...", "his criticism of ...", "calls for ..."
NOUN_CUES = frozenset("""
claim claims allegation allegations assertion assertions warning warnings promise promises pledge pledges call calls
criticism criticisms concern concerns accusation accusations denial denials insistence suggestion suggestions argument
arguments belief beliefs demand demands proposal proposals comments remarks questions vow vows request
requests plea pleas complaint complaints endorsement praise
""".split())
ANY_CUE = CLAUSE_CUES | ACT_CUES | NOUN_CUES | {"according"}
COVERING_CUES = CLAUSE_CUES | ACT_CUES  # the weak cues are among the clause cues
ACT_DEPS = {"dobj", "xcomp", "ccomp", "oprd", "dative"}
ACT_PREPS = {"for", "of", "about", "against", "to", "over", "on"}
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "i": None, "my": None}
THING_PRONOUNS = {"it", "they"}
SPEAKER_NOUNS = re.compile(r"\b(?:spokes(?:man|woman|person)|minister|official|officials|president|chief|secretary|ambassador|"
                           r"leader|head|director|chancellor|commander|envoy|ministry|government|kremlin|white house|pentagon|"
                           r"agency|department|office|police|army|military|source|sources|spokesperson|analyst|expert|"
                           r"intelligence|diplomat|general|governor|mayor|senator|lawmaker|prosecutor|court|authority|authorities|company|"
                           r"operator|union|council|committee|commission|guard|service|services|institute|spokesperson)\b", re.I)
# subjects of "said" that are no speaker ("That said, ...")
NOT_SPEAKERS = {"that", "this", "which", "what", "who", "there"}
RELATIVE_PRONOUNS = {"who", "that", "which"}
OPENERS = {'"': '"', "“": "”", "„": "“", "«": "»", "‹": "›", "‘": "’", "'": "'"}


# markup left in scraped text ('<tweet author="...">'): its quoted attribute values quote no one
MARKUP_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?>")


@dataclass
class Span:
    start: int  # content start within the paragraph
    end: int
    open_missing: bool = False
    close_missing: bool = False


def quote_spans(text: str) -> list[Span]:
    """Quoted stretches of one paragraph; tolerant of a missing opening or closing mark."""
    text = MARKUP_TAG.sub(lambda m: " " * len(m.group()), text)  # offsets kept, attribute values gone
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
            cue_token, subject = cue_for(para, span, spans_by_line[para.line])
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
                text=content.strip(), kind=kind, cue=cue_token.text if cue_token is not None else None,
                speaker=speaker, speaker_mention=mention,
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


# long enough for ', Obama said of the families of gun violence victims, according to a pool report. '
MAX_SPEECH_TAG_WORDS = 15


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
    subjectless = cue is not None and after.lower_ not in ("he", "she") and after.sent == cue.sent
    return head if subjectless and 0 < cue.i - head.i <= MAX_SPEECH_TAG_WORDS else None


CLAUSE_BREAKS = {";", "-", "—", "–", "--"}


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


def names_a_work(text: str, start: int) -> bool:
    """'told MSNBC's "Morning Joe"', 'on "Face the Nation"', 'a show called "Brokers"': the words
    before the mark name a programme, a book or a show, not a speaker's words."""
    before = text[:max(0, start - 1)].rstrip().split()
    word = before[-1].lower() if before else ""
    return word.endswith(("'s", "’s")) or word in WORK_MARKERS


def is_title(content: str) -> bool:
    """A show, book or slogan in quote marks ("Parks and Recreation", "Ban on Face Coverings"):
    a few words, all but the function words capitalised, no sentence inside."""
    words = content.strip(" ,.").split()
    content_words = [w for w in words if w.lower() not in STOP_WORDS]
    return (len(words) <= 6 and bool(content_words) and all(w[0].isupper() for w in content_words)
            and not any(mark in content.rstrip(" ,.") for mark in ".!?"))


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
        if last is not None and quote.start < last.end and quote.end <= last.end:
            quote.remark = last.remark  # quoted words inside the reported speech that carries them
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
    if "indirect" in (before.kind, after.kind) or any(q.speaker is None and q.cue in QUESTION_VERBS for q in (before, after)):
        return False  # a question put by someone unnamed is not part of the answer
    if "\n" in gap:  # the quote was left open at the end of the paragraph
        return same_speaker and not gap.strip(" \t\r\n\"“‘«")
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
    cue = after.cue.lower()
    return cue in words and (before.cue is None or before.cue.lower() != cue)


def is_speech_tag(gap: str) -> bool:
    words = gap.split()
    return len(words) <= MAX_SPEECH_TAG_WORDS and any(w.strip(",.;:").lower() in TAG_VERBS for w in words)


def starts_sentence(text: str, start: int) -> bool:
    before = text[:max(0, start - 1)].rstrip().rstrip("'‘\"“«").rstrip()  # "''Can we ..." opens with two marks
    return (not before or before[-1] in ".:!?—–-") and text[start:start + 1].isupper()


def cue_for(para: Paragraph, span: Span, spans: list[Span]):
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
                  and (is_cue(t) or (t.lower_ in covering and word_class(t) == "VERB" and covers(t, span)))]
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
    # a cue after the quote that does not hold it loses to one whose phrase does ('said the owners
    # had "..." and warned she would "..."')
    if any(covers(t, span) for t in candidates):
        candidates = [t for t in candidates if t.idx < span.start or covers(t, span)]
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


def covers(verb, span: Span) -> bool:
    """'called the demands "a fantasy"': the quote sits inside the verb's own phrase."""
    return verb.left_edge.idx <= span.start and span.end <= verb.right_edge.idx + len(verb.right_edge) + 1


def is_cue(token) -> bool:
    if token.lower_ == "according":
        return token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to"
    if token.lower_ in GO_ON_VERBS:  # '"...," he continued, "..."' but not "continued to fight"
        return word_class(token) == "VERB" and not any(c.dep_ in ("dobj", "xcomp") for c in token.children)
    return token.lower_ in SPEECH_VERBS and word_class(token) in ("VERB", "AUX") and token.lower_ not in WEAK_CUES or (
        token.lower_ in WEAK_CUES and word_class(token) == "VERB" and any(c.dep_ == "ccomp" for c in token.children))


def subject_of(cue):
    if cue.lower_ == "according":
        to = cue.nbor(1)
        objs = [c for c in to.children if c.dep_ == "pobj"]
        return objs[0] if objs else None
    if cue.dep_ == "acl" and cue.tag_ in ("VBD", "VBN"):
        # '"...," Nate Silver, the polling guru, tweeted': parsed as a participle on the name
        named = [cue.head] + [c for c in cue.head.children if c.dep_ == "appos"]
        person = next((t for t in named if t.ent_type_ == "PERSON"), None)
        if person is not None:
            return person
    token = cue
    for _ in range(5):
        if token is not cue and token.dep_ == "ccomp" and is_cue(token.head) and not is_cue(token):
            token = token.head  # "X said Y is false, saying ...": the participle belongs to X, not to Y's subject
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:  # the nearest, not a dateline parsed as a second subject ("MACAU (Reuters) – Adelson said")
            return min(subjects, key=lambda c: abs(c.i - token.i))
        agents = [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agents:
            return agents[0]
        if token.dep_ in ("advcl", "xcomp", "conj", "pcomp", "prep", "relcl", "acl", "ccomp", "csubj", "dep") and token.head.i != token.i:
            token = token.head
        else:
            break
    return inverted_subject(cue) or person_right_before(cue)


def person_right_before(cue):
    """'In a statement to the Observer, her adviser, Jake Sullivan, said:': the parser hung the
    name on the phrase before it; a person named just before a subjectless finite cue is its
    speaker (not before a participle: 'an appeal to Putin urging him to ...')."""
    if cue.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    for token in reversed(cue.doc[max(cue.sent.start, cue.i - 3):cue.i]):
        if token.ent_type_ == "PERSON":
            return token
        if not token.is_punct:
            return None
    return None


# words that end the name after an inverted tag ('said Pat Toomey on Tuesday', 'said Reich, who ...')
NAME_STOP_TAGS = {"IN", "WDT", "WP", "CC", "MD", "VBD", "VBZ", "VBP", "TO", "RB"}


def inverted_subject(cue):
    """'"...," said Oversight ranking Democrat Elijah Cummings (D-Md.)': the parser often misses the
    subject after an inverted tag; it is the last capitalised word (else the last noun) of the
    words that follow the cue up to a comma, a preposition or a clause."""
    before = cue.doc[cue.i - 1] if cue.i else None
    if cue.tag_ not in ("VBD", "VBZ", "VBP") or before is None or not (before.is_punct or before.is_quote):
        return None
    window = []
    for token in cue.doc[cue.i + 1:min(cue.sent.end, cue.i + 9)]:
        if (token.is_punct and token.text != "-") or (token.tag_ in NAME_STOP_TAGS and not token.text[:1].isupper()) or (
                token.tag_ == "DT" and window):
            break
        window.append(token)
    capitalised = [t for t in window if t.text[:1].isupper() and t.tag_ not in ("PRP", "DT")]
    nouns = [t for t in window if word_class(t) in ("NOUN", "PROPN")]
    return (capitalised or nouns or [None])[-1]


def speaker_from(parsed: Parsed, para: Paragraph, subject, cue=None) -> tuple[Mention | None, str | None]:
    """The mention that names the speaker and the name it resolves to."""
    doc = para.doc
    start = para.offset + subject.idx
    lower = subject.lower_
    mention = Mention(start, start + len(subject.text), subject.text)
    if is_relative(subject):
        # "Barkley, who said ...": the pronoun is the mention, the noun it follows names the speaker
        return mention, speaker_from(parsed, para, subject.head.head)[1]
    if lower in PERSON_PRONOUNS:
        return mention, reporter_of(parsed, para, subject) or nearest_name(parsed, start, kinds=("person",))
    if lower in THING_PRONOUNS:
        return mention, nearest_name(parsed, start, kinds=("org", "place")) if lower == "it" else None
    first = subject.left_edge.i
    breaks = [t.i for t in doc[first:subject.i] if t.text in CLAUSE_BREAKS]
    first = breaks[-1] + 1 if breaks else first  # "problematic - Pew Research" names Pew Research
    while first < subject.i and (doc[first].is_punct or doc[first].is_space):
        first += 1
    phrase = doc[first:subject.i + 1]
    name = name_at(parsed, start, para.offset + subject.idx + len(subject.text))
    if name is None or name.kind != "person":
        # "Russia's ambassador to the EU Vladimir Chizhov": the person sits inside the subject phrase
        whole = (para.offset + doc[first].idx, para.offset + doc[subject.right_edge.i].idx + len(doc[subject.right_edge.i]))
        people = [n for n in parsed.names if n.kind == "person" and whole[0] <= n.start < whole[1]]
        head_end = para.offset + subject.idx + len(subject.text)
        # the person nearest the head ("donor Sheldon Adelson") or after it in the same phrase ("the
        # deputy chair, Siobhan Quigg,"), not one in a clause about it ("one source who identified Sullivan")
        up_to_head = [n for n in people if n.start < head_end]
        in_phrase = [n for n in people if n.start >= head_end and not in_clause(doc, n.start - para.offset, subject)]
        name = next(iter(up_to_head[-1:] or in_phrase), name)
    mention = Mention(para.offset + phrase.start_char, para.offset + phrase.end_char, phrase.text)
    if name:
        return Mention(name.start, name.end, parsed.article.text[name.start:name.end]), name.key
    by = [g for c in subject.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
    author = name_at(parsed, para.offset + by[0].idx, para.offset + by[0].idx + len(by[0].text)) if by else None
    if author is not None:  # "according to a count by The Associated Press", "a study by Pew found"
        end = max(author.end, para.offset + by[0].right_edge.idx + len(by[0].right_edge))
        return Mention(mention.start, end, parsed.article.text[mention.start:end]), author.key
    if word_class(subject) in ("NOUN", "PROPN") and SPEAKER_NOUNS.search(phrase.text):
        if word_class(subject) == "NOUN" and re.match(r"(?:the|a)\s", phrase.text, re.I) and subject.tag_ == "NN":
            person = nearest_name(parsed, start, kinds=("person",), role_word=subject.lower_)
            if person:
                return mention, person
        return mention, re.sub(r"^(?:the|a|an)\s+", "", phrase.text, flags=re.I)
    if word_class(subject) == "PROPN" or (subject.text[:1].isupper() and subject.i > subject.sent.start):
        # a surname the tagger missed here but knows from elsewhere in the report ("Hale said")
        known = [n for n in parsed.names if n.kind == "person" and n.key.split()[-1] == subject.text]
        if known:
            return mention, known[0].key
        if not subject.ent_type_ and cue is not None:
            return mention, phrase.text  # '"...," Toomey fumed': a name the tagger missed altogether
    participle = cue is not None and cue.tag_ == "VBG" and cue.lower_ != "according"
    # "one Antrim Democrat said", "recent polling shows" bring in someone new or no one
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subject.children)
    if (subject.tag_ != "NN" or NOT_A_PERSON.match(subject.text) or not definite) and not participle:
        return mention, None  # "aides said", "the poll shows": no one person to look for
    # "the 46-year-old said": a singular description stands for the person last named as a subject;
    # so does a participle's misparsed subject ("Lavrov replying ..., by saying") within its sentence
    since = para.offset + (subject.sent.start_char if participle else 0)
    fallback = [n for n in parsed.names if n.kind == "person" and n.subject and since <= n.start < start
                and not parsed.inside_quote(n.start)]
    if fallback:
        n = fallback[-1]
        return (Mention(n.start, n.end, n.text) if participle else mention), n.key
    return mention, None


# what a report's words come from when no person speaks: "the study found", "67 percent say"
NOT_A_PERSON = re.compile(r"^(?:stud(?:y|ies)|review|report|poll|survey|analysis|statement|memo|letter|document|website|site|"
                          r"article|editorial|book|video|ad|data|research|percent|majority|minority|number|index|record|"
                          r"filing|complaint|lawsuit|suit|ruling|decision|bill|law|plan|proposal|campaign|page|post|tweet)$", re.I)


def in_clause(doc, char: int, subject) -> bool:
    """Whether the token at `char` hangs from `subject` through a verb (a relative clause)."""
    token = next((t for t in doc if t.idx >= char), None)
    while token is not None and token.i != subject.i and token.head.i != token.i:
        token = token.head
        if token.i != subject.i and word_class(token) in ("VERB", "AUX"):
            return True
    return False


def reporter_of(parsed: Parsed, para: Paragraph, pronoun) -> str | None:
    """'Scholz said he agrees ...': a pronoun subject of reported speech is most often its reporter."""
    clause = pronoun.head
    if clause.dep_ != "ccomp" or not is_cue(clause.head):
        return None
    outer = subject_of(clause.head)
    if outer is None or outer.lower_ in PERSON_PRONOUNS or word_class(outer) != "PROPN":
        return None
    key = speaker_from(parsed, para, outer)[1]
    return key if any(n.key == key and n.kind == "person" for n in parsed.names) else None


def is_relative(subject) -> bool:
    return subject.lower_ in RELATIVE_PRONOUNS and subject.head.dep_ == "relcl" and subject.head.head.i != subject.head.i


def name_at(parsed: Parsed, start: int, end: int) -> NameMention | None:
    return next((n for n in parsed.names if n.start <= start < n.end or start <= n.start < end), None)


def nearest_name(parsed: Parsed, offset: int, kinds: tuple[str, ...], role_word: str | None = None) -> str | None:
    """The closest earlier name of a fitting kind, outside quotes (a pronoun's antecedent)."""
    candidates = [n for n in parsed.names if n.kind in kinds and n.start < offset and not parsed.inside_quote(n.start)]
    if role_word:
        # "the spokesman" is the Kremlin spokesman; "the union" is not the union leader
        candidates = [n for n in candidates if n.role and n.role.lower().split()[-1] == role_word]
    return candidates[-1].key if candidates else None


SOURCE_NOUN = re.compile(r"^(?:leaks?|reports?|intelligence|sources?|officials?|assessments?|estimates?|analysts?|"
                         r"experts?|documents?|briefings?|agencies|services)$", re.I)
QUESTION_VERBS = {"asked", "ask", "asking", "questioned", "interviewed"}


def source_attributions(parsed: Parsed, para: Paragraph, taken: list[tuple[int, int]]) -> list[Quote]:
    """Claims credited without a speech verb: 'leaks from intelligence services have given dates',
    'Wednesday, tipped by some officials as ...'. The whole sentence is the content."""
    out = []
    for token in para.doc:
        phrase = None
        if token.dep_ == "agent" and token.head.lower_ not in QUESTION_VERBS:
            objs = [c for c in token.children if c.dep_ == "pobj" and SOURCE_NOUN.match(c.text)]
            phrase = objs[0] if objs else None
        elif token.dep_ in ("nsubj", "nsubjpass") and SOURCE_NOUN.match(token.text) and word_class(token.head) == "VERB" \
                and not is_cue(token.head):
            phrase = token
        if phrase is None:
            continue
        sent = token.sent
        if any(a <= sent.start_char < b or sent.start_char <= a < sent.end_char for a, b in taken):
            continue
        span = para.doc[phrase.left_edge.i:phrase.right_edge.i + 1]
        mention = Mention(para.offset + span.start_char, para.offset + span.end_char, span.text)
        out.append(Quote(article=parsed.article.id, line=para.line, start=para.offset + sent.start_char,
                         end=para.offset + sent.end_char, text=sent.text, kind="indirect", cue=token.head.text,
                         speaker=span.text, speaker_mention=mention))
        taken.append((sent.start_char, sent.end_char))
    return out


MIN_INDIRECT_WORDS = 2


def reported_content(cue) -> tuple[list, bool]:
    """The tokens a cue reports, in order ([] when the token is no cue), and whether they are the
    object of a speech act or stance rather than a clause of reported speech."""
    lower = cue.lower_
    if lower not in ANY_CUE:
        return [], False  # most tokens: one set lookup, as this runs on every token
    doc = cue.doc
    if lower == "according":
        if not is_cue(cue):
            return [], False
        to = cue.nbor(1)
        skip_end = max(t.i for t in to.subtree) + 1
        tokens = [t for t in cue.sent if t.i >= skip_end or t.i < cue.i]
        return trimmed([t for t in tokens if not t.is_punct or t.i > skip_end]), False
    if word_class(cue) == "NOUN" and lower in NOUN_CUES:
        parts = [c for c in cue.children if c.i > cue.i and (c.dep_ in ("acl", "ccomp") or (c.dep_ == "prep" and c.lower_ in ACT_PREPS))]
        if parts:
            return trimmed(list(doc[parts[0].left_edge.i:parts[-1].right_edge.i + 1])), True
        return [], False
    if word_class(cue) != "VERB":
        return [], False
    if lower in CLAUSE_CUES:
        comps = [c for c in cue.children if c.dep_ == "ccomp"]
        if comps:
            return clause_of(comps[0]), False
        if cue.dep_ == "parataxis" and lower in SPEECH_VERBS:
            # "The border, he said, stays closed": the sentence around the tag is the content
            skip = {t.i for t in cue.subtree}
            return trimmed([t for t in clause_of(cue.head, keep=cue) if t.i not in skip]), False
    if lower in ACT_CUES:
        parts = [c for c in cue.children if c.i > cue.i and (c.dep_ in ACT_DEPS or (
            c.dep_ == "prep" and c.lower_ in ACT_PREPS and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)))]
        if parts:
            first, last = parts[0], parts[-1]
            return trimmed(list(doc[first.left_edge.i:last.right_edge.i + 1])), True
    return [], False


def clause_of(root, keep=None) -> list:
    """A clause's tokens, without what follows a contrast ('..., but for Republicans it is ...') or
    a speech act of its own ('..., calling the walkout "reckless"')."""
    end = root.right_edge.i
    for child in root.rights:
        if child.dep_ in ("conj", "advcl") and child is not keep and (
                (child.dep_ == "conj" and contrasted(child)) or child.lower_ in CLAUSE_CUES | ACT_CUES):
            cut = child.left_edge.i
            end = min(end, cut - 1)
            break
    return trimmed(list(root.doc[root.left_edge.i:end + 1]))


CONTRASTS = {"but", "yet", "while", "whereas", "although", "though"}


def contrasted(conj) -> bool:
    """'..., but for Republicans it is a smoking gun': a clause of its own, opened by a contrast."""
    linked = [c for c in conj.head.children if c.dep_ == "cc" and c.i < conj.i]
    own = {c.dep_ for c in conj.children}
    # "said X but that Y" reports Y as well
    return bool(linked) and linked[-1].lower_ in CONTRASTS and bool(own & {"nsubj", "nsubjpass"}) and "mark" not in own



EDGE_PUNCT = {",", ";", ":", "—", "–", "-", "--"}


def trimmed(tokens: list) -> list:
    """Without the commas, dashes and conjunctions at the edges (quote marks and full stops stay)."""
    while tokens and (tokens[-1].text in EDGE_PUNCT or tokens[-1].dep_ == "cc" or tokens[-1].is_space):
        tokens = tokens[:-1]
    while tokens and (tokens[0].text in EDGE_PUNCT or tokens[0].is_space):
        tokens = tokens[1:]
    return tokens



def is_asked(cue) -> bool:
    """'Asked about the vote, ...', 'Blumenthal was asked, "..."': the question is put to the
    subject by someone unnamed, so it is no one's remark here."""
    if cue.lower_ not in QUESTION_VERBS or cue.tag_ != "VBN":
        return False
    deps = {c.dep_ for c in cue.children}
    return "auxpass" in deps or "nsubjpass" in deps or "aux" not in deps


def indirect_quotes(parsed: Parsed, para: Paragraph, quoted: list[Quote]) -> list[Quote]:
    """Reported speech outside direct quotes: 'X said (that) ...', 'Y, X said, Z', 'according to X, ...',
    'the poll found ...', speech acts whose content is an object or an infinitive ('urged Congress
    to act', 'accused him of lying') and nouns that carry a claim ('her claim that ...')."""
    out: list[Quote] = []
    text = para.text
    direct = [(q.start - para.offset, q.end - para.offset) for q in quoted]
    for token in para.doc:
        content, act = reported_content(token)
        if not content:
            continue
        if act and any(q.start <= para.offset + token.idx < q.end for q in out):
            continue  # "said he would offer a prayer": an act inside reported speech is part of it
        start_char = content[0].idx
        end_char = content[-1].idx + len(content[-1].text)
        if len(text[start_char:end_char].split()) < MIN_INDIRECT_WORDS:
            continue
        if is_asked(token):
            mention, speaker = None, None  # "Asked about the vote, Hale said ...": Hale answers, someone unnamed asks
        elif word_class(token) == "NOUN":
            owner = next((c for c in token.children if c.dep_ == "poss"), None)  # "her claim", "the union's demands"
            if owner is None and token.dep_ == "dobj":
                owner = subject_of(token.head)  # "Gale voiced concern that ..."
            mention, speaker = speaker_from(parsed, para, owner, token) if owner is not None else (None, None)
        else:
            subject = subject_of(token)
            if subject is None or (subject.lower_ in NOT_SPEAKERS and not is_relative(subject)):
                continue
            mention, speaker = speaker_from(parsed, para, subject, token)
        overlap = sum(max(0, min(end_char, b) - max(start_char, a)) for a, b in direct)
        if overlap > 0.5 * (end_char - start_char):
            # 'Pew found that "about twice as many ..."': the quote is the content, this its cue
            for q in quoted:
                if q.cue is None and start_char <= q.start - para.offset < end_char:
                    q.cue, q.speaker, q.speaker_mention = token.text, speaker, mention
            continue
        out.append(Quote(
            article=parsed.article.id, line=para.line, start=para.offset + start_char, end=para.offset + end_char,
            text=text[start_char:end_char], kind="indirect", cue=token.text if token.lower_ != "according" else "according to",
            speaker=speaker, speaker_mention=mention, act=act,
        ))
    taken = [(q.start - para.offset, q.end - para.offset) for q in out] + list(direct)
    return out + source_attributions(parsed, para, taken)
