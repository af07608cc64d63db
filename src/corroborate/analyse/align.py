"""Statements: units from different reports that convey the same thing, however worded.

Candidates come cheaply (nearest neighbours in embedding space, so cost grows gently with
the number of reports, plus quotes that share a run of words); a pair is linked when
meaning, speaker and stance agree, or when two reports carry one quote in the same words.
One remark is one statement: the sentences of a quote start in one cluster, and a quote two
reports carry verbatim (marks, case, ellipses, one a part of the other) joins whatever speaker
each report names, and the attribution check reports that disagreement; a near copy with words
changed joins across speakers only while no report quotes both wordings as two texts.
An assertion and its denial or negation never join: that pair is a dispute. Clusters grow by
average linkage, so one two-sided sentence cannot chain two statements into one.

A statement is one remark of one speaker (copies, translations and paraphrases of it) or one
fact in the outlets' own voice, never both and never a topic: an outlet's sentence joins a
remark only when it gives that speaker's words and shares more than the story's topic words
with them; outlets' sentences join only when each tells the same fact as every other (complete
linkage) about the same people; and two passages of one speaker join only when they share most
sentences, not one line said twice.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher

import numpy as np
from ..model import Statement, StatementMention
from ..text import STOP_WORDS, content_words, normalize, word_containment
from .neighbours import Cosines, nearest
from .parties import parties_in
from .story import Story, Unit

NEIGHBOURS = 12
MIN_ALIGN_WORDS = 4  # shorter quotes align only by their exact words
SAME_SPEAKER_BONUS = 0.05
SENTENCE_MARGIN = 0.08  # two narrating sentences need more likeness than two quotes
LINKAGE_SLACK = 0.1  # clusters merge while their mean similarity stays this close to the threshold
SAME_ARTICLE_SIMILARITY = 0.85  # two units of one report pair directly only when nearly identical
QUOTED = ("direct", "partial")
QUOTED_OR_REPORTED = frozenset({"direct", "partial", "indirect"})
VERBATIM = 3.0  # the score of two copies of one quote: they join before anything else
VERBATIM_MIN_WORDS = 4
VERBATIM_SHARE = 0.75  # of the shorter quote's words, in runs of two or more the other also has
VERBATIM_RUN = 6  # or one shared run this long covering half of the shorter quote
SHORT_QUOTE = 8  # words: a quote this short is a copy only with every word but small ones shared
CLOSING_WORDS = 5  # an unattributed quote this long ending where a remark ends is a copy of it
CONTESTING = frozenset({"denies", "questions"})
ELLIPSIS = re.compile(r"\.\s*\.\s*\.|…|\[[^\]]*\]")
# a paraphrase or a retelling says the same thing, not just something on one topic: most of the
# shorter unit's content words are in the other, or half of them with meanings very close, or
# fewer with the same referents (one speaker, or the same people named) and meanings very close
SAME_CONTENT = 0.65
CLOSE_CONTENT = 0.5
SAME_REFERENTS_CONTENT = 0.4
CLOSE_MEANING = 0.72
REPORTING_SENTENCE_CONTENT = 0.3  # an outlet's sentence giving the speaker's words, and a quote of them
REPORTING_SHARED_WORDS = 2
# two outlets' own sentences tell one fact when their meanings are this close, or else when the
# words beside the names agree: half of the shorter sentence's, and this share of the longer's
NARRATION_SAME_MEANING = 0.82
NARRATION_WORDS = 0.3
UNNAMED_ACTOR = frozenset({"he", "she", "they"})
# the steps of a case against someone, by the words that tell them: two sentences telling
# different steps tell two facts
CASE_STEPS = {"arrested": "arrest", "detained": "arrest", "charged": "charge", "indicted": "charge",
              "arraigned": "arraignment", "extradited": "extradition", "pleaded": "plea", "convicted": "verdict",
              "guilty": "verdict", "acquitted": "acquittal", "sentenced": "sentence", "jailed": "sentence",
              "released": "release", "freed": "release", "executed": "execution"}
FORMER = frozenset({"former", "retired", "ex"})  # a role no longer held: its holder speaks for no body
NEGATION = frozenset({"not", "no", "never", "unlikely", "neither", "nor", "nothing", "none", "nobody", "cannot", "without"})
# a negation reaches to the end of its clause: punctuation, "but", or a question embedded in it
CLAUSE_END = re.compile(r"[,;:.!?()\"“”—–]|\b(?:but|whether|if)\b", re.IGNORECASE)
# words after which "no" or "not" negates nothing ("no doubt", "not only"), or tells that
# something stopped, as "suspend" does ("no longer needed to test")
NOT_NEGATING = frozenset({"doubt", "only", "just", "longer"})
PARTIAL_CONTEXT = 60  # characters before a partial quote where the negation governing it stands
PASSAGE_SHARE = 0.5  # of the shorter of two passages' sentences that must be in the other
TOPIC_SHARE = 0.05  # a word in this share of a story's units is its topic
TOPIC_MIN_UNITS = 6  # and in more units than one remark copied by a few reports fills
FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
SHARED_CONTENT_RUN = 3  # content words in the run of words two quotes of one remark share
TRANSLATED_SHARE = 0.4  # or this share of the shorter quote's content words, in any order


def quote_words(text: str) -> tuple[str, ...]:
    """A quote's words for comparing copies: marks, case, ellipses and bracketed insertions set aside."""
    return tuple(re.findall(r"[a-z0-9]+(?:'[a-z0-9]+)*", normalize(ELLIPSIS.sub(" ", text))))


def verbatim(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two copies of one quote: one inside the other, or the same words but for a word or two."""
    short, long_ = sorted((a, b), key=len)
    if len(short) < VERBATIM_MIN_WORDS:
        return False
    blocks = [m for m in SequenceMatcher(None, short, long_, autojunk=False).get_matching_blocks() if m.size >= 2]
    shared = sum(m.size for m in blocks)
    longest = max((m.size for m in blocks), default=0)
    if len(short) < SHORT_QUOTE:
        # a few words are a copy only if what the other lacks is small words ("will join international
        # efforts"); "the nuclear test altogether" is not "the nuclear test site has done its job"
        kept = {i for m in blocks for i in range(m.a, m.a + m.size)}
        if any(w not in STOP_WORDS for i, w in enumerate(short) if i not in kept):
            return False
    return shared >= VERBATIM_SHARE * len(short) or (longest >= VERBATIM_RUN and shared >= 0.5 * len(short))


def shares_wording(a: str, b: str) -> bool:
    """Two quotes of one remark share, names aside, a run of its words with three content words
    (or every content word of the shorter, two at least), or most of their content words in any
    order. "The permanent denuclearization of North Korea" and "the challenge of North Korea"
    share only a name, "things won't go well" and "a very good meeting or we won't" only small
    words, "the nuclear test altogether" and "the nuclear test site has completed its mission"
    two words of a topic: those are two remarks."""
    x, y = wording_tokens(a), wording_tokens(b)
    least = min(sum(c for _, c in x), sum(c for _, c in y))
    matcher = SequenceMatcher(None, [w for w, _ in x], [w for w, _ in y], autojunk=False)
    runs = [sum(content for _, content in x[m.a:m.a + m.size]) for m in matcher.get_matching_blocks()]
    if any(run >= SHARED_CONTENT_RUN or SHARED_CONTENT_RUN > run >= max(2, least) for run in runs):
        return True
    # two translations of one remark share its words in another order ("we believe what we see" /
    # "we will see, then we will believe"): most of the shorter's content words, three at least
    mine = [{re.sub(r"s$", "", w) for w, content in t if content} for t in (x, y)]
    shared = len(mine[0] & mine[1])
    return shared >= SHARED_CONTENT_RUN and shared >= TRANSLATED_SHARE * min(len(mine[0]), len(mine[1]))


def wording_tokens(text: str) -> list[tuple[str, bool]]:
    """A quote's words, each with whether it carries content: not a small word, a contraction
    or a name (a capital inside the quote)."""
    tokens = re.findall(r"[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*", ELLIPSIS.sub(" ", text.replace("’", "'")))
    return [(t.lower(), t.lower() not in STOP_WORDS and "'" not in t and len(t) > 2 and not (i and t[0].isupper()))
            for i, t in enumerate(tokens)]


def stances_clash(stances: set[str]) -> bool:
    """An assertion with a denial or a doubt of it: a dispute, not one statement."""
    return len(stances) > 1 and bool(stances & CONTESTING)


def stances(units: list[Unit]) -> list[str]:
    """Each unit's stance, but an outlet's "another asks if there were any efforts ... 'about
    seeking immunity or possible pardon'", read as questioning, quotes the closing words of
    another quote that is the question itself: it takes that quote's stance, one question and
    not a doubt of it."""
    questions = [(k, quote_words(u.text)) for k, u in enumerate(units)
                 if u.kind in QUOTED and u.text.rstrip(" \"”'’").endswith("?")]
    out = []
    for i, u in enumerate(units):
        words = quote_words(u.text)
        asked = [k for k, q in questions if k != i and len(words) >= CLOSING_WORDS and q[-len(words):] == words]
        out.append(units[asked[0]].stance if u.stance == "questions" and asked else u.stance)
    return out


def content_stems(text: str) -> set[str]:
    """Content words with a plural or possessive ending cut: what a sentence is about."""
    return {re.sub(r"(?:'s|s)$", "", w) if len(w) > 3 else w for w in content_words(normalize(text))}


def says_the_same(a: Unit, b: Unit, cosine: float, topic: frozenset[str] = frozenset()) -> bool:
    """Same content, not just the same topic: shared content words (fewer when the meanings are
    very close and the referents the same), the same figures, no two different sets of people."""
    short, long_ = sorted((content_stems(a.text), content_stems(b.text)), key=len)
    if not short or set(FIGURE.findall(a.text)) != set(FIGURE.findall(b.text)):
        return False
    if a.people and b.people and not a.people & b.people:
        return False
    places_a, places_b = parties_in(a.text), parties_in(b.text)
    if not (places_a <= places_b or places_b <= places_a) and not one_remark_reworded(a, b):
        return False  # troops leaving one country and troops leaving another: two facts
    overlap = len(short & long_) / len(short)
    if same_voice(a, b):  # one speaker's remark in other words (a translation): the speaker is the referent
        # an outlet's sentence giving the speaker's words tells them in its own: fewer shared, but some
        # and two words of the remark that are not the story's topic ("Iran", "nuclear", "deal"):
        # "secret files prove the deal is based on lies" is not "Iran intensified its efforts to hide
        # its secret files", nor "Iran was continuing to test missiles" a plan to curb missiles
        if "sentence" in (a.kind, b.kind):
            beyond_topic = lowercase_stems(a.text) & lowercase_stems(b.text) - topic
            return overlap >= REPORTING_SENTENCE_CONTENT and len(beyond_topic) >= REPORTING_SHARED_WORDS
        # two quotes: some of what they share is more than names ("Iran" and "deal" make a topic)
        return overlap >= SAME_REFERENTS_CONTENT and len(lowercase_stems(a.text) & lowercase_stems(b.text)) >= 2
    if narration(a) and narration(b) and (actors_differ(a, b) or steps_differ(a, b)):
        return False
    if narration(a) and narration(b) and cosine < NARRATION_SAME_MEANING:
        # "Macron tried to persuade Trump to remain in the Iran agreement during his visit" and
        # "Receiving Macron for a visit, Trump repeated his criticism of the agreement" share the
        # setting, not the fact
        mine, theirs = sorted((lowercase_stems(a.text), lowercase_stems(b.text)), key=len)
        if not mine or len(mine & theirs) < CLOSE_CONTENT * len(mine) or len(mine & theirs) < NARRATION_WORDS * len(theirs):
            return False
    same_referents = bool(a.people) and a.people == b.people
    return overlap >= SAME_CONTENT or (cosine >= CLOSE_MEANING and (
        overlap >= CLOSE_CONTENT or (same_referents and overlap >= SAME_REFERENTS_CONTENT)))


def actors_differ(a: Unit, b: Unit) -> bool:
    """One sentence names a person the other never names while speaking of someone only as
    "he", "she" or "they": nothing tells that the two are about the same people, so they tell two
    facts ("As they walked, they chanted and waved Honduran flags" / "Marely Ramirez walked with
    the group, waving a huge Honduran flag"). Pronouns are not resolved across sentences here."""
    for mine, other in ((a, b), (b, a)):
        words = set(re.findall(r"[a-z]+", other.text.lower()))
        unnamed = [p for p in mine.people if not any(t.lower() in words for t in re.findall(r"[A-Z][a-z]+", p))]
        if unnamed and words & UNNAMED_ACTOR:
            return True
    return False


def steps_differ(a: Unit, b: Unit) -> bool:
    """Each sentence tells a step of a case and the steps differ: "a jury has found Jeffs guilty on
    both sexual assault charges" and "Jeffs was arraigned to face trial on sexual assault charges"
    share the charges, not the fact."""
    mine, theirs = ({CASE_STEPS[w] for w in re.findall(r"[a-z]+", u.text.lower()) if w in CASE_STEPS} for u in (a, b))
    return bool(mine) and bool(theirs) and not mine & theirs


def negated_stems(unit: Unit) -> set[str]:
    """The content words a negation governs: those after it in its clause ("has not spoken with
    Kim"; in "did not answer questions about whether he has spoken with Kim" only "answer" and
    "questions"). A partial quote is read with the words before it, where its negation stands
    ("had not seen 'any sign of de-escalation'")."""
    text = unit.text
    if unit.kind == "partial":
        offset = unit.start - unit.sentence.start
        text = unit.sentence.text[max(0, offset - PARTIAL_CONTEXT):offset] + " " + text
    negated: set[str] = set()
    asserted: set[str] = set()
    for clause in CLAUSE_END.split(normalize(text)):
        tokens = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", clause)
        at = next((i for i, t in enumerate(tokens) if (t in NEGATION or t.endswith("n't"))
                   and tokens[i + 1:i + 2] != [] and tokens[i + 1] not in NOT_NEGATING), len(tokens))
        asserted |= content_stems(" ".join(tokens[:at]))
        negated |= content_stems(" ".join(tokens[at + 1:]))
    # "don't believe what you hear, believe what you see" asserts believing too
    return negated - asserted


def polarity_differs(a: Unit, b: Unit) -> bool:
    """A word both units use is negated in one and not in the other: an assertion and its
    negation, which is a disagreement, never one statement."""
    shared = content_stems(a.text) & content_stems(b.text)
    return bool(shared & (negated_stems(a) ^ negated_stems(b)))


def topic_words(units: list[Unit]) -> frozenset[str]:
    """The words the story is about: in at least TOPIC_SHARE of its units. Sharing them
    says that two sentences are about the story, not that they say the same thing."""
    counts = Counter(w for u in units for w in content_stems(u.text))
    return frozenset(w for w, n in counts.items() if n >= max(TOPIC_MIN_UNITS, TOPIC_SHARE * len(units)))


def lowercase_stems(text: str) -> set[str]:
    """Content words but names (capitalised words)."""
    return content_stems(" ".join(w for w in text.split() if not w[:1].isupper()))


def same_speaker(a: str | None, b: str | None) -> bool:
    """One speaker, however each report spells the name ("Kim Jong Un" / "Kim Jong-un")."""
    return a is not None and b is not None and name_key(a) == name_key(b)


def same_voice(a: Unit, b: Unit) -> bool:
    """One speaker, or a body and the person who speaks for it ("the defence ministry" and its
    spokesman): every word of the body's name is in a role the reports give the person, and the
    person holds it now ("the former commander for firearms training at the Police Department"
    speaks for himself, not for the police). An outlet's sentence giving a quote of the speaker
    reports that speaker's words."""
    if same_speaker(a.speaker, b.speaker) or any(x.kind == "sentence" and y.speaker in x.reports for x, y in ((a, b), (b, a))):
        return True
    return any(x.speaker and y.speaker and set(re.findall(r"[a-z]+", y.speaker.lower())) <= x.speaks_for
               and not x.speaks_for & FORMER for x, y in ((a, b), (b, a)))


def name_key(name: str) -> tuple[str, str]:
    tokens = [t for t in re.findall(r"[a-z]+", name.lower()) if t not in ("jr", "sr", "ii", "iii")]
    return (tokens[0], tokens[-1]) if tokens else (name, name)


def pair_score(a: Unit, b: Unit, cosine: float, threshold: float, people: set[str],
               topic: frozenset[str] = frozenset()) -> float:
    """How surely two units state the same thing (0 when they do not).

    Copies of one text join whoever is credited (the attribution check reports who). Otherwise
    two units join only when they say the same thing: paraphrases with the same speaker and
    stance and the same content, narration with the same content (referents and figures), never
    on likeness of topic alone. Two different people never make one statement."""
    if stances_clash({a.stance, b.stance}):
        return 0.0
    speakers_agree = same_voice(a, b)
    if a.speaker in people and b.speaker in people and not speakers_agree:
        return 0.0
    if narration_and_remark([a, b]) or stock_phrase(a, quote_words(a.text), b) or stock_phrase(b, quote_words(b.text), a):
        return 0.0
    for mine, other in ((a, b), (b, a)):
        if mine.kind == other.kind == "sentence" and mine.reports & people and not mine.reports & (other.people | other.reports):
            return 0.0  # a sentence giving someone's words, and one about the same thing that never names them
    if a.kind == b.kind == "sentence" and cosine < threshold + SENTENCE_MARGIN:
        return 0.0
    short, long_ = sorted((normalize(a.text), normalize(b.text)), key=len)
    # a phrase of a word or three inside another's longer remark is a phrase of the news ("celestial
    # marriage" in an outlet's account, and the sect leader's sentence defining it), not a copy
    phrase = short != long_ and len(short.split()) < MIN_ALIGN_WORDS and not speakers_agree
    if len(short) >= 12 and len(short.split()) >= 2 and short in long_ and not phrase:
        return max(cosine, threshold) + 0.1
    if len(short.split()) < MIN_ALIGN_WORDS or a.stance != b.stance or not says_the_same(a, b, cosine, topic):
        return 0.0
    if polarity_differs(a, b):
        return 0.0  # "Trump will meet the Queen" / "he is unlikely to meet Queen Elizabeth II": a disagreement
    if QUOTED_OR_REPORTED >= {a.kind, b.kind} and not speakers_agree:
        return 0.0  # a paraphrase is of someone: the same words from two speakers are two remarks
    if speakers_agree and word_containment(short, long_) >= 0.7:
        return max(cosine, threshold)
    if speakers_agree and cosine >= threshold - SAME_SPEAKER_BONUS:
        return cosine + SAME_SPEAKER_BONUS
    if one_remark_reworded(a, b):
        return threshold  # a translation: the same remark in other words, which vectors read as far apart
    return cosine if cosine >= threshold else 0.0


def shared_word_pairs(units: list[Unit]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Quotes of different reports that share a pair of words: those that are copies of one
    quote, and the others, candidates as one speaker's remark in two translations ("don't
    believe what you hear" / "we don't believe what we hear") often are not near in meaning."""
    words = {i: quote_words(u.text) for i, u in enumerate(units) if u.kind in QUOTED}
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, w in words.items():
        for bigram in sorted(set(zip(w, w[1:]))):
            index[bigram].append(i)
    candidates = {(i, j) for ids in index.values() if len(ids) < 50 for i in ids for j in ids
                  if i < j and units[i].article != units[j].article}
    quoted_in: dict[str, list[int]] = defaultdict(list)  # each report's quotes, looked up per copy
    for i in words:
        quoted_in[units[i].article].append(i)
    copies = {(i, j) for i, j in candidates if verbatim(words[i], words[j])
              and not stock_phrase(units[i], words[i], units[j]) and not stock_phrase(units[j], words[j], units[i])
              and (same_voice(units[i], units[j]) or same_words(units[i].text, units[j].text)
                   or not two_texts(units, i, j, quoted_in))}
    return copies, candidates - copies


def two_texts(units: list[Unit], i: int, j: int, quoted_in: dict[str, list[int]]) -> bool:
    """Two near copies credited to two voices are two texts when a report of one carries the
    other's wording too, as another quote: an outlet quoting the lawsuit's "an act of previously
    unimaginable treachery" and, lines below, its plaintiff's "an act of unprecedented treachery"
    shows two documents, not one remark printed two ways. Without that, near copies whose
    speakers differ are one remark with its attribution in dispute (two translations of one
    statement, a spokesman's words credited to the office)."""
    for mine, other in ((i, j), (j, i)):
        here = units[mine]
        if any(k != mine and same_words(units[k].text, units[other].text) and not same_words(units[k].text, here.text)
               for k in quoted_in[here.article]):
            return True
    return False


def same_words(a: str, b: str) -> bool:
    """One text is the other but for marks and case: one a part of the other, or each piece of
    it between ellipses (or an editor's brackets) found, in order, in the other. Only such copies join
    whoever each report credits; a copy with words changed ("an act of previously unimaginable
    treachery" in a lawsuit, "an act of unprecedented treachery" in its plaintiff's statement)
    is another text, one remark when one voice speaks both or nothing tells two texts apart."""
    return any(pieces_in_order(x, quote_words(y)) for x, y in ((a, b), (b, a)))


def pieces_in_order(text: str, words: tuple[str, ...]) -> bool:
    """Each run of the text's words between its ellipses is in the words, in that order."""
    at = 0
    for piece in (quote_words(p) for p in ELLIPSIS.split(text)):
        if not piece:
            continue
        found = next((i for i in range(at, len(words) - len(piece) + 1) if words[i:i + len(piece)] == piece), None)
        if found is None:
            return False
        at = found + len(piece)
    return True


def stock_phrase(unit: Unit, words: tuple[str, ...], other: Unit) -> bool:
    """A few words in quotation marks credited to no one, in a sentence that never names the
    speaker of the other quote: a phrase in the news ("the denuclearization of the Korean
    peninsula"), not a copy of that speaker's remark, unless they are the remark's last five
    words or more ("Another asks if there were any efforts to reach out to Flynn 'about seeking
    immunity or possible pardon'"), the way outlets shorten a remark."""
    if unit.kind not in QUOTED or unit.speaker or not other.speaker or len(words) >= SHORT_QUOTE:
        return False
    return not closes(words, other) and other.speaker.split()[-1].lower() not in unit.sentence.text.lower()


def closes(words: tuple[str, ...], remark: Unit) -> bool:
    """The words end the remark, five or more of them: its start told in an outlet's words."""
    return len(words) >= CLOSING_WORDS and remark.kind in QUOTED and quote_words(remark.text)[-len(words):] == words


def news_phrase(unit: Unit, joined: list[Unit]) -> bool:
    """A phrase in the news beside a remark of the statement, and closing none of its quotes."""
    words = quote_words(unit.text)
    return any(stock_phrase(unit, words, r) for r in joined) and not any(closes(words, r) for r in joined if r is not unit)


def neighbour_pairs(units: list[Unit], vectors: np.ndarray, copies: set[tuple[int, int]], threshold: float,
                    people: set[str], topic: frozenset[str]) -> dict[tuple[int, int], float]:
    """Each unit paired with its nearest units in embedding space, scored: the candidates come
    a block of rows at a time, so memory grows with the number of units, not with its square."""
    pairs: dict[tuple[int, int], float] = {}
    for i, nearest_units, cosines in nearest(vectors, NEIGHBOURS + 1):
        for j, cosine in zip(nearest_units.tolist(), cosines.tolist()):
            if j <= i or (i, j) in copies:
                continue
            a, b = units[i], units[j]
            if a.article == b.article and cosine < SAME_ARTICLE_SIMILARITY:
                continue
            score = pair_score(a, b, cosine, threshold, people, topic)
            if score > 0:
                pairs[(i, j)] = score
    return pairs


def align(story: Story) -> list[Statement]:
    units, vectors = story.units, story.vectors
    threshold = story.settings.align_similarity
    n = len(units)
    if n == 0:
        return []
    sims = Cosines(vectors)  # computed where read: never the whole units x units matrix
    people = {e.name for a in story.articles for e in a.entities if e.kind == "person"}
    copies, wording = shared_word_pairs(units)
    stance = stances(units)
    # the longest copies join first: a whole remark and its copy before a phrase that is in both
    pairs: dict[tuple[int, int], float] = {(i, j): VERBATIM + 1 - 1 / min(len(units[i].text), len(units[j].text))
                                           for i, j in copies if not stances_clash({stance[i], stance[j]})}
    topic = topic_words(units)
    pairs.update(neighbour_pairs(units, vectors, copies, threshold, people, topic))
    for i, j in sorted(wording - pairs.keys()):
        if same_speaker(units[i].speaker, units[j].speaker):
            score = pair_score(units[i], units[j], float(sims[i, j]), threshold, people, topic)
            if score > 0:
                pairs[(i, j)] = score
    cluster_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    # the sentences of one quote in quotation marks start as one statement
    first_sentence: dict[tuple[str, int], int] = {}
    for i, u in enumerate(units):
        if u.kind != "direct":
            continue
        root = first_sentence.setdefault((u.article, u.quote), i)
        if root != i:
            cluster_of[i] = root
            members[root].append(i)
            del members[i]
    for (i, j), score in sorted(pairs.items(), key=lambda item: (item[1], item[0]), reverse=True):
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        left, right = members[ci], members[cj]
        if stances_clash({stance[x] for x in left + right}):
            continue  # an assertion and its denial: a dispute, shown as such
        if score < VERBATIM:
            # quotes of a word or three join by their words, not by their (unreliable) vectors
            left_full = [x for x in left if len(units[x].text.split()) >= MIN_ALIGN_WORDS] or left
            right_full = [x for x in right if len(units[x].text.split()) >= MIN_ALIGN_WORDS] or right
            cross = sims[np.ix_(left_full, right_full)]
            # each quote's (or lone unit's) best match on the other side, averaged: softer than
            # average linkage, which punishes a statement spread over two sentences, firmer than single linkage
            linkage = float(np.concatenate([best_per_quote(units, right_full, cross.max(axis=0)),
                                            best_per_quote(units, left_full, cross.max(axis=1))]).mean())
            if linkage < threshold - LINKAGE_SLACK and score < threshold + 0.2 and not one_remark_reworded(units[i], units[j]):
                continue
            said_left = {units[x].speaker for x in left} & people
            said_right = {units[x].speaker for x in right} & people
            if said_left and said_right and not said_left & said_right:
                continue  # a statement has one speaker, however many outlets carry it
            if two_remarks(units, left, right):
                continue  # one speaker's quotes join only as copies of one remark, never on topic
            if not narration_agrees(units, sims, left, right, threshold, people, topic):
                continue  # each outlet's sentence tells the same fact as every other's, not a neighbour's
        joined = [units[x] for x in left + right]
        if narration_and_remark(joined) or any(news_phrase(u, joined) for u in joined):
            continue  # an outlet's account of the event, or a phrase in the news, is not a remark of the speaker
        if passages_differ(units, sims, left, right, threshold):
            continue  # a line the speaker said twice does not make their two appearances one remark
        shared = {units[x].article for x in left} & {units[x].article for x in right}
        if shared and score < VERBATIM:  # a report quoting one remark twice: still one remark
            own_left = [x for x in left if units[x].article in shared]
            own_right = [x for x in right if units[x].article in shared]
            same_lines = {(units[x].article, units[x].line) for x in own_left} == {(units[x].article, units[x].line) for x in own_right}
            if not (same_lines or restates(units, sims, own_left, own_right, threshold)):
                continue  # two paragraphs of one report: two things said, unless one restates the other
        for x in right:
            cluster_of[x] = ci
        members[ci] = left + right
        del members[cj]
    return [to_statement(story, [units[x] for x in sorted(group)], vectors[group], people) for group in members.values()]


def narration(unit: Unit) -> bool:
    """Words in no known speaker's voice: the outlet's own sentence, or reported speech whose
    speaker the reports do not name."""
    return unit.kind == "sentence" or (unit.kind == "indirect" and unit.speaker is None)


def narration_and_remark(units: list[Unit]) -> bool:
    """A speaker's remark with an outlet's narration that does not give that speaker's words:
    "Pompeo met with Kim" told by an outlet is a fact, a tweet saying it is a remark, and
    "Kim might not need many more tests" is no retelling of Kim's announcement. A statement
    is one or the other; an outlet's sentence quoting the speaker may join the remark."""
    remarks = [u for u in units if u.kind in QUOTED_OR_REPORTED and u.speaker]
    return bool(remarks) and any(narration(u) and not any(same_voice(u, r) for r in remarks) for u in units)


def passages_differ(units: list[Unit], sims, left: list[int], right: list[int], threshold: float) -> bool:
    """Two passages of several sentences (a paragraph's quote) from different reports that share
    fewer than half of the shorter one's sentences are two remarks: Trump's "It should have never
    been made" closed both his Oval Office remarks and his answer at the news conference."""
    def passages(side: list[int]) -> list[list[int]]:
        by_line: dict[tuple[str, int], list[int]] = defaultdict(list)
        for x in side:
            if not narration(units[x]) or units[x].reports:
                by_line[(units[x].article, units[x].line)].append(x)
        return [group for group in by_line.values() if len(group) > 1]

    for mine in passages(left):
        for theirs in passages(right):
            if units[mine[0]].article == units[theirs[0]].article:
                continue
            short, long_ = sorted((mine, theirs), key=len)
            found = sum(any(sims[x, y] >= threshold or verbatim(quote_words(units[x].text), quote_words(units[y].text))
                            for y in long_) for x in short)
            if found < PASSAGE_SHARE * len(short):
                return True
    return False


def narration_agrees(units: list[Unit], sims, left: list[int], right: list[int], threshold: float,
                     people: set[str], topic: frozenset[str]) -> bool:
    """Complete linkage for the outlets' own sentences: each sentence of one side tells the
    same fact as each of the other side (of another report). Joined through a neighbour, "Pompeo
    went to prepare talks" and "Trump said talks are at the highest levels" made one statement."""
    mine = [x for x in left if narration(units[x])]
    theirs = [y for y in right if narration(units[y])]
    return all(pair_score(units[x], units[y], float(sims[x, y]), threshold, people, topic) > 0
               for x in mine for y in theirs if units[x].article != units[y].article)


def one_remark_reworded(a: Unit, b: Unit) -> bool:
    """Two quotes of one speaker sharing the remark's words: translations of one remark read far
    apart to the sentence encoder, so the words, not the vectors, tell they are one."""
    return a.kind in QUOTED and b.kind in QUOTED and same_speaker(a.speaker, b.speaker) and shares_wording(a.text, b.text)


def two_remarks(units: list[Unit], left: list[int], right: list[int]) -> bool:
    """Each side quotes the speaker in quotation marks, and no quote of one side shares the
    other's wording: two remarks, however close their topic."""
    quoted_left = [units[x] for x in left if units[x].kind in QUOTED]
    quoted_right = [units[x] for x in right if units[x].kind in QUOTED]
    pairs = [(a, b) for a in quoted_left for b in quoted_right if a.article != b.article and same_speaker(a.speaker, b.speaker)]
    return bool(pairs) and not any(shares_wording(a.text, b.text) for a, b in pairs)


def best_per_quote(units: list[Unit], indices: list[int], best: np.ndarray) -> np.ndarray:
    """The best of the sentences of one quote: a quote matches by its closest sentence."""
    grouped: dict[tuple, float] = {}
    for x, value in zip(indices, best):
        key = (units[x].article, units[x].quote) if units[x].kind == "direct" else (x,)
        grouped[key] = max(grouped.get(key, -1.0), float(value))
    return np.array(list(grouped.values()))


def restates(units: list[Unit], sims, left: list[int], right: list[int], threshold: float) -> bool:
    """Within one report: a near-copy, or a paraphrase next to the direct quote it sums up
    ("Kuleba said Ukraine must see evidence" above "'we will see, then we will believe'")."""
    for i in left:
        for j in right:
            if sims[i, j] >= SAME_ARTICLE_SIMILARITY:
                return True
            a, b = units[i], units[j]
            kinds = {a.kind, b.kind}
            if (a.speaker and a.speaker == b.speaker and "indirect" in kinds and kinds & {"direct", "partial"}
                    and abs(a.line - b.line) <= 3 and sims[i, j] >= threshold - LINKAGE_SLACK):
                return True
    return False


def to_statement(story: Story, units: list[Unit], vectors, people: set[str]) -> Statement:
    centre = vectors.mean(axis=0)
    best = max(range(len(units)), key=lambda x: (units[x].kind != "sentence", float(vectors[x] @ centre)))
    speakers = defaultdict(int)
    for u in units:
        if u.speaker:
            speakers[u.speaker] += 1
    speaker = max(speakers, key=speakers.get) if speakers else None
    # outlets carry the statement when they credit it to its speaker (or to no one); a report
    # crediting the same words to another person is a disagreement, not one more outlet saying it
    articles = sorted({u.article for u in units if u.speaker in (None, speaker) or speaker not in people or u.speaker not in people})
    outlets = sorted({story.outlet(a) for a in articles})
    return Statement(
        id="",
        speaker=speaker,
        text=units[best].text,
        mentions=[StatementMention(u.article, u.line, u.start, u.end, u.text) for u in units],
        outlets=outlets,
        independent_sources=len({story.origins.get(a, a) for a in articles}),
    )


def number_statements(statements: list[Statement]) -> list[Statement]:
    """Most widely carried first, a remark before the outlets' statement whose sentence holds
    it; ids are stable for one input (s1, s2, ...)."""
    ordered = remarks_before_their_sentences(sorted(statements, key=lambda s: (
        -s.independent_sources, -len(s.outlets), -len(s.mentions), s.mentions[0].article, s.mentions[0].start)))
    for number, statement in enumerate(ordered, 1):
        statement.id = f"s{number}"
    return ordered


def remarks_before_their_sentences(ordered: list[Statement]) -> list[Statement]:
    """A speaker's remark moves up to just before the first outlets'-voice statement one of whose
    sentences holds its words ("Mr. Trump told Mr. Comey that he had reservations about Mr.
    Flynn: 'The guy has serious judgment issues.'"): a reader looking up those words finds who
    said them before the narration around them."""
    result = list(ordered)
    for remark in [s for s in ordered if s.speaker]:
        at = next(k for k, s in enumerate(result) if s is remark)
        holder = next((k for k, s in enumerate(result[:at]) if s.speaker is None and holds(s, remark)), None)
        if holder is not None:
            result.insert(holder, result.pop(at))
    return result


def holds(outer: Statement, inner: Statement) -> bool:
    """A mention of `outer` spans one of `inner` and more, in one report."""
    return any(m.article == r.article and m.start <= r.start and r.end <= m.end and m.end - m.start > r.end - r.start
               for m in outer.mentions for r in inner.mentions)
