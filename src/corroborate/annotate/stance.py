"""Stance: what the speaker does with the content a cue reports.

- asserts: says it is so ('said the talks failed', '"...," she said'). A content that is itself
  negative keeps its negation ('said he had not served' asserts 'he had not served').
- denies: says it is not so ('denied that ...', 'rejected claims that ...', 'dismissed reports
  of ...'), or is reported as not saying it ('did not say', 'never claimed').
- questions: doubts it or will not vouch for it ('questioned whether', 'doubted that',
  'asked if', 'refused to confirm', 'did not say whether', 'has not confirmed').
- reports: passes on someone else's claim ('said officials told him ...', 'cited reports that',
  'added that ..., according to Kim').

Negation and doubt count only where they govern the cue (its own "not", "never", or a verb of
refusal above it); inside the content they are the content's own words. The cue phrase shown
to readers keeps the negation ("did not say", "refused to confirm").
"""
from __future__ import annotations

from .cues import SPEECH_VERBS, WEAK_CUES
from .parsed import word_class

DENIAL_CUES = frozenset("""
deny denies denied denying denial denials reject rejects rejected rejecting dismiss dismisses dismissed dismissing refute
refutes refuted refuting rebut rebuts rebutted rebutting dispute disputes disputed disputing disavow disavows disavowed
repudiate repudiates repudiated contradict contradicts contradicted debunk debunks debunked
""".split())
DOUBT_CUES = frozenset("""
question questions questioned questioning doubt doubts doubted doubting wonder wonders wondered wondering challenge
challenges challenged challenging query queried
""".split())
ASK_CUES = frozenset("ask asks asked asking".split())
# verbs of refusal over a cue: "refused to confirm", "declined to say whether"
REFUSALS = frozenset("refuse refuses refused refusing decline declines declined declining fail fails failed".split())
# negated, these withhold judgement rather than deny: "has not confirmed", "did not know whether"
WITHHOLDING_CUES = frozenset("""
confirm confirms confirmed verify verifies verified know knows knew comment comments commented
""".split())
# verbs of saying beyond the speech list that make a content someone else's words ("a source said X assured that")
RELAYED = frozenset("assured assures informed informs alleged alleges maintained maintains contended contends".split())
# cues that pass on what someone else said
RELAY_CUES = frozenset("cite cites cited citing relay relays relayed quote quotes quoted retweet retweeted".split())
NEGATIONS = {"not", "n't", "never", "no"}
PERSONAL = {"he", "she", "i", "we", "they", "it"}


def negated(token) -> bool:
    return any(c.dep_ == "neg" or (c.lower_ in NEGATIONS and c.dep_ in ("advmod", "neg")) for c in token.children)


def refusal_over(cue):
    """The verb of refusal the cue hangs from as its infinitive ('refused to confirm'), if any."""
    head = cue.head
    return head if cue.dep_ == "xcomp" and head.i != cue.i and head.lower_ in REFUSALS else None


def cue_phrase(cue) -> str:
    """The cue as readers should see it: with its negation and auxiliaries when it is negated
    ('did not say', 'has never claimed'), with the verb of refusal above it ('refused to confirm')."""
    if cue.lower_ == "according":
        return "according to"
    refusal = refusal_over(cue)
    if refusal is not None:
        return f"{cue_phrase(refusal)} to {cue.text}"
    if not negated(cue):
        return cue.text
    words = [c for c in cue.children if c.i < cue.i and (c.dep_ in ("aux", "neg") or c.lower_ in NEGATIONS)]
    return " ".join(t.text if t.lower_ != "n't" else "not" for t in sorted(words, key=lambda t: t.i)) + " " + cue.text


def stance_of(cue, content: list = (), holds_quote: bool = True) -> str:
    """The stance of the content `cue` reports. `content` is the reported tokens (empty for a
    direct quote); `holds_quote` says the quoted words sit inside the cue's own phrase ('denied
    that "..."'), rather than beside a tag ('"...," he denied'), where they are the speaker's
    own words and so asserted whatever the verb."""
    lower = cue.lower_
    if lower == "according":
        return "asserts"
    refusal = refusal_over(cue)
    if refusal is not None:
        return "questions"
    if word_class(cue) == "NOUN":
        governor = cue.head if cue.dep_ in ("dobj", "pobj", "nsubjpass") else None
        if lower in DENIAL_CUES:
            return "denies"
        if governor is not None and governor.lower_ in DENIAL_CUES:
            return "questions" if negated(governor) else "denies"  # "rejected claims that ..."
        if governor is not None and governor.lower_ in DOUBT_CUES:
            return "questions"  # "questioned claims that ..."
        return "asserts"
    if not holds_quote:
        return "questions" if lower in ASK_CUES | DOUBT_CUES else "asserts"
    # "whether" asks; "if" asks only after a verb of asking or doubt, or a negated cue ("said if it
    # loses, it will retaliate" is a condition)
    opens_question = bool(content) and (content[0].lower_ == "whether" or (
        content[0].lower_ == "if" and (lower in ASK_CUES | DOUBT_CUES or negated(cue))))
    if lower in DENIAL_CUES:
        return "questions" if negated(cue) else "denies"
    if lower in DOUBT_CUES:
        return "asserts" if negated(cue) else "questions"
    if opens_question or lower in ASK_CUES:
        return "questions"
    if negated(cue):
        return "questions" if lower in WITHHOLDING_CUES else "denies"
    if lower in RELAY_CUES or relays(cue, content):
        return "reports"
    return "asserts"


def relays(cue, content: list) -> bool:
    """'said officials told him ...', 'added the detail North Korea will ..., according to Kim':
    the content is itself someone else's reported speech."""
    if not content:
        return False
    if any(t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to" for t in content):
        return True
    inside = {t.i for t in content}
    roots = [t for t in content if t.head.i not in inside or t.head.i == t.i]
    if not roots or roots[0].lower_ not in SPEECH_VERBS | RELAYED or roots[0].lower_ in WEAK_CUES or roots[0].tag_ not in ("VBD", "VBZ", "VBP", "VBN"):
        return False
    subjects = [c for c in roots[0].children if c.dep_ in ("nsubj", "nsubjpass")]
    # "said Cohen informed Mr. Trump of the operation" tells of an act; "said officials told him the deal was off" relays words
    said = any(c.dep_ == "ccomp" for c in roots[0].children)
    return bool(subjects) and subjects[0].lower_ not in PERSONAL and said
