"""Who speaks: the cue's subject (or its agent, or the name after an inverted tag) resolved to
the person, organisation or source the report names, pronouns to the nearest earlier person
of their gender named outside quotes."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from ..model import Mention
from .cues import is_cue
from .genders import genders
from .parsed import NameMention, Paragraph, Parsed, word_class
from .roles import holder

WRITER_PRONOUNS = {"i", "my", "we", "us", "you"}
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "i": None, "my": None}


THING_PRONOUNS = {"it", "they"}


SPEAKER_NOUNS = re.compile(r"\b(?:spokes(?:man|woman|person)|minister|official|officials|president|chief|secretary|ambassador|"
                           r"leader|head|director|chancellor|commander|envoy|ministry|government|kremlin|white house|pentagon|"
                           r"agency|department|office|police|army|military|source|sources|spokesperson|analyst|expert|"
                           r"intelligence|diplomat|general|governor|mayor|senator|lawmaker|prosecutor|court|authority|authorities|company|"
                           r"operator|union|council|committee|commission|guard|service|services|institute|spokesperson|administration|"
                           r"campaign|team)\b", re.I)


# between the names of people who speak together; annotate canonicalises each name
JOINT = " and "
# subjects of "said" that are no speaker ("That said, ...")
NOT_SPEAKERS = {"that", "this", "which", "what", "who", "there"}


RELATIVE_PRONOUNS = {"who", "that", "which"}


CLAUSE_BREAKS = {";", "-", "—", "–", "--"}


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
    if cue.dep_ == "acl" and cue.tag_ == "VBG" and word_class(cue.head) in ("NOUN", "PROPN") and opens_quote(cue):
        return cue.head  # "a series of South Dakotans ... declaring, 'I'm on meth'": those shown speak
    if cue.dep_ == "pcomp" and cue.head.lower_ == "as":
        # "the Daily News quoted witness Devonte Brown as saying": the one quoted speaks, the paper passes it on
        quoted = [c for c in cue.head.head.children if c.dep_ == "dobj"]
        if quoted:
            return quoted[0]
    token = cue
    for _ in range(5):
        if token is not cue and token.dep_ == "ccomp" and is_cue(token.head) and not is_cue(token):
            token = token.head  # "X said Y is false, saying ...": the participle belongs to X, not to Y's subject
            continue
        agents = [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agents:  # "the claim was denied by the ministry": the agent speaks, not the claim
            return agents[0]
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and not is_dateline(c)]
        if subjects:  # the nearest, not a dateline parsed as a second subject ("MACAU (Reuters) – Adelson said")
            # "tells" with two: the one before it, '..., Jack Buser tells The Hollywood Reporter' (the
            # parser made the paper told a second subject)
            before = [c for c in subjects if c.i < token.i] if len(subjects) > 1 and token.lower_ in TELLING else subjects
            subject = min(before or subjects, key=lambda c: abs(c.i - token.i))
            # "..., I'm told": whoever is told hears the words; who says them is not named
            return None if subject.dep_ == "nsubjpass" and token.lower_ in HEARING else subject
        stranded = (subject_stranded_before(token) or subject_of_clause_between(token)) if token.dep_ == "conj" else None
        if stranded is not None:
            return stranded
        readers = [c for c in token.head.children if c.dep_ == "dobj" and c.lower_ in WRITER_PRONOUNS] if token.dep_ == "xcomp" else []
        if readers:  # "would like us to know that ...": the readers are to know it, no one named says it
            return readers[0]
        if token.dep_ in ("advcl", "xcomp", "conj", "pcomp", "prep", "relcl", "acl", "ccomp", "csubj", "dep") and token.head.i != token.i:
            token = token.head
        else:
            break
    return inverted_subject(cue) or person_right_before(cue)


TELLING = {"tell", "tells", "told", "telling"}
# verbs whose passive subject is who hears the words ("I'm told", "he was informed")
HEARING = {"told", "informed", "assured", "briefed", "reminded"}


DASHES = {"―", "—", "–", "-", "--", "("}


def is_dateline(token) -> bool:
    """'WASHINGTON ― As Republicans ...': the place of a dateline, parsed as the sentence's subject."""
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return (token.text.isupper() and len(token.text) > 1 and token.i - token.sent.start <= 3 and after is not None
            and after.text in DASHES)


def opens_quote(cue) -> bool:
    """The cue is followed by quote marks ('declaring, "I'm on meth."')."""
    after = [t for t in cue.doc[cue.i + 1:cue.i + 3] if not (t.is_punct and not t.is_quote)]
    return bool(after) and after[0].is_quote


def subject_stranded_before(verb):
    """'Trump has denied his campaign colluded with Russia and Moscow has denied meddling': the
    parser joined "Moscow" to the first clause; a name right before a second clause's verb (and its
    auxiliaries), hanging from an earlier word, is that clause's subject."""
    i = verb.i - 1
    while i > verb.sent.start and verb.doc[i].dep_ in ("aux", "neg", "advmod") and verb.doc[i].head.i == verb.i:
        i -= 1
    token = verb.doc[i]
    if token.i == verb.i or token.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP") or token.dep_ in ("nsubj", "nsubjpass"):
        return None
    before = verb.doc[i - 1] if i > verb.sent.start else None
    # the name opens a new clause: "and", "but", a comma before it
    return token if token.head.i < token.i and before is not None and (before.dep_ == "cc" or before.text in ",;") else None


def subject_of_clause_between(verb):
    """'Noem launched the campaign, and the ad going viral on its first day shows that ...': the
    parser joined "shows" to the first clause and gave "the ad" to "going"; a subject after the
    "and" that joins the two clauses is the second clause's, not the first clause's subject."""
    joins = [t for t in verb.doc[verb.head.i + 1:verb.i] if t.dep_ == "cc" and t.head.i == verb.head.i]
    if not joins:
        return None
    return next((t for t in verb.doc[joins[-1].i + 1:verb.i] if t.dep_ in ("nsubj", "nsubjpass") and t.head.i != verb.head.i), None)


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
    """The mention that names the speaker and the name it resolves to; people named together
    ("Trump and Mattis said") speak together, under both names."""
    mention, key = one_speaker(parsed, para, subject, cue)
    partners = [person_named(parsed, para, c) for c in subject.children if c.dep_ == "conj"]
    partners = [p for p in partners if p is not None and p != key]
    if key is None or not partners or mention is None:
        return mention, key
    end = para.offset + subject.right_edge.idx + len(subject.right_edge)
    return Mention(mention.start, end, parsed.article.text[mention.start:end]), JOINT.join([key, *partners])


def one_speaker(parsed: Parsed, para: Paragraph, subject, cue=None) -> tuple[Mention | None, str | None]:
    doc = para.doc
    start = para.offset + subject.idx
    lower = subject.lower_
    mention = Mention(start, start + len(subject.text), subject.text)
    if is_relative(subject):
        # "Barkley, who said ...": the pronoun is the mention, the noun it follows names the speaker
        return mention, speaker_from(parsed, para, subject.head.head)[1]
    if lower in WRITER_PRONOUNS and not parsed.inside_quote(start) and not in_open_quote(parsed, para):
        return mention, None  # "But I found that ...", "would like us to know": outside quote marks, the writer and readers
    if lower in PERSON_PRONOUNS:
        fits = pronoun_fits(parsed, PERSON_PRONOUNS[lower])
        return mention, reporter_of(parsed, para, subject, fits) or last_subject(parsed, para, start, fits) or nearest_name(
            parsed, start, kinds=("person",), fits=fits)
    if lower in THING_PRONOUNS:
        if lower != "it" or subject.dep_ == "nsubjpass":
            return mention, None  # "it's revealed in Eurogamer's review that ...": no one, least of all the last company named
        # "The ministry released a video that it said showed ...": the subject before it in its sentence
        earlier = [t for t in subject.sent if t.i < subject.i and t.dep_ == "nsubj" and word_class(t) in ("NOUN", "PROPN")
                   and not is_dateline(t)]
        if not earlier and subject.sent.start > 0:  # "The lawsuit alleges ... It says ...": the last sentence's subject
            before = para.doc[subject.sent.start - 1].sent
            earlier = [t for t in before if t.dep_ == "nsubj" and t.head.dep_ == "ROOT" and word_class(t) in ("NOUN", "PROPN")]
        if earlier:
            return mention, speaker_from(parsed, para, earlier[-1])[1]
        return mention, nearest_name(parsed, start, kinds=("org", "place"))
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
        # a name only modifying the head ("the Trump campaign", "Trump's lawyers") is not who speaks
        up_to_head = [n for n in people if n.start < head_end <= n.end]
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
    role = holder(parsed.names, phrase.text) if word_class(subject) in ("NOUN", "PROPN") else None
    if role is not None:  # "the UK's PM said": the person the report names in that role
        return mention, role.key
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
    introduced = introduced_as(para, subject) if definite and not participle else None
    if introduced:  # 'One Republican adviser said ... "...," the adviser said': the one it brought in
        return mention, introduced
    # "the 46-year-old said": a singular description stands for the person last named as a subject;
    # so does a participle's misparsed subject ("Lavrov replying ..., by saying") within its sentence
    since = para.offset + (subject.sent.start_char if participle else 0)
    fits = description_fits(parsed, subject.lower_) if not participle else lambda key: True
    fallback = [n for n in parsed.names if n.kind == "person" and n.subject and since <= n.start < start
                and not parsed.inside_quote(n.start) and fits(n.key)]
    if fallback:
        n = fallback[-1]
        return (Mention(n.start, n.end, n.text) if participle else mention), n.key
    return mention, None


def introduced_as(para: Paragraph, subject) -> str | None:
    """How the paragraph brought in the unnamed speaker a description goes back to: the words of
    an earlier subject with the same noun ("One Republican adviser close to the White House said"
    gives "Republican adviser" to "the adviser")."""
    earlier = [t for t in para.doc[:subject.i] if t.lower_ == subject.lower_ and t.dep_ in ("nsubj", "nsubjpass")
               and not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in t.children)]
    if not earlier:
        return None
    head = earlier[-1]
    words = [t for t in para.doc[head.left_edge.i:head.i + 1] if t.dep_ not in ("det", "nummod") and not t.is_punct]
    return " ".join(t.text for t in words) or None


# words that describe anyone ("the 46-year-old said"), as against a role someone holds ("the judge")
ANYONE = {"man": "m", "boy": "m", "woman": "f", "girl": "f", "teenager": None, "teen": None, "person": None, "youth": None}


def description_fits(parsed: Parsed, noun: str) -> Callable[[str], bool]:
    """Whether a definite description may stand for a person named before it: an age or a word for
    anyone of the right gender, or a role the report gives that person. "Jeffs stood up ... the
    judge warned him": the judge is not Jeffs."""
    if noun.endswith("-old") or noun in ANYONE:
        return pronoun_fits(parsed, ANYONE.get(noun))
    roles: dict[str, set[str]] = {}
    for n in parsed.names:
        if n.kind == "person" and n.role:
            roles.setdefault(n.key, set()).update(re.findall(r"[a-z]+", n.role.lower()))
    return lambda key: noun in roles.get(key, ())


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


def reporter_of(parsed: Parsed, para: Paragraph, pronoun, fits: Callable[[str], bool]) -> str | None:
    """'Scholz said he agrees ...': a pronoun subject of reported speech is most often its reporter."""
    clause = pronoun.head
    if clause.dep_ != "ccomp" or not is_cue(clause.head):
        return None
    outer = subject_of(clause.head)
    if outer is None or outer.lower_ in PERSON_PRONOUNS or word_class(outer) != "PROPN":
        return None
    key = speaker_from(parsed, para, outer)[1]
    return key if key is not None and fits(key) and any(n.key == key and n.kind == "person" for n in parsed.names) else None


def is_relative(subject) -> bool:
    return subject.lower_ in RELATIVE_PRONOUNS and subject.head.dep_ == "relcl" and subject.head.head.i != subject.head.i


def person_named(parsed: Parsed, para: Paragraph, token) -> str | None:
    """The person a token names, also when the tagger missed it there but knows the surname."""
    name = name_at(parsed, para.offset + token.idx, para.offset + token.idx + len(token.text))
    if name is not None and name.kind == "person":
        return name.key
    if word_class(token) == "PROPN":
        return next((n.key for n in parsed.names if n.kind == "person" and n.key.split()[-1] == token.text), None)
    return None


def name_at(parsed: Parsed, start: int, end: int) -> NameMention | None:
    return next((n for n in parsed.names if n.start <= start < n.end or start <= n.start < end), None)


def in_open_quote(parsed: Parsed, para: Paragraph) -> bool:
    """Whether the paragraph may be inside a quote the marks do not close: a quote running over
    several paragraphs leaves its paragraphs open and closes only the last (some outlets do not
    even open the next ones), so a paragraph with an unpaired mark, or after the last one that has
    marks if it left one open, may hold a speaker's "I"."""
    marked = [p for p in parsed.paragraphs if p.offset <= para.offset and any(m in p.text for m in '"“”')]
    last = marked[-1] if marked else None
    return last is not None and bool(last.text.count('"') % 2 or last.text.count("“") != last.text.count("”"))


def pronoun_fits(parsed: Parsed, gender: str | None) -> Callable[[str], bool]:
    """Whether a person may be what a pronoun of this gender stands for: "she" is never a man the
    report or his given name shows to be one; someone of unknown gender fits every pronoun."""
    if gender is None:
        return lambda key: True
    known = genders(parsed)
    return lambda key: known.get(key, gender) == gender


def last_subject(parsed: Parsed, para: Paragraph, offset: int, fits: Callable[[str], bool]) -> str | None:
    """The person last named as a subject in this paragraph or the one before: "he said" goes on
    with who was speaking ('Mr. Perez said ... Mr. Mueller's investigation ... he said'), not
    with someone named in passing."""
    # blank lines between paragraphs are paragraphs too: the one before is the last with words
    since = max((p.offset for p in parsed.paragraphs if p.offset < para.offset and p.text.strip()), default=para.offset)
    people = [n for n in parsed.names if n.kind == "person" and n.subject and since <= n.start < offset
              and not parsed.inside_speech(n.start) and fits(n.key)]
    if not people:
        return None
    # in the last paragraph naming one, a sentence's subject rather than a subject of a clause inside it
    paragraph = max(p.offset for p in parsed.paragraphs if p.offset <= people[-1].start)
    main = [n for n in people if n.start >= paragraph and not n.subordinate]
    return (main or people)[-1].key


def nearest_name(parsed: Parsed, offset: int, kinds: tuple[str, ...], role_word: str | None = None,
                 fits: Callable[[str], bool] = lambda key: True) -> str | None:
    """The closest earlier name of a fitting kind, outside quotes (a pronoun's antecedent)."""
    candidates = [n for n in parsed.names if n.kind in kinds and n.start < offset and not parsed.inside_speech(n.start)
                  and fits(n.key)]
    if role_word:
        # "the spokesman" is the Kremlin spokesman; "the union" is not the union leader
        holders = {n.key for n in parsed.names if n.role and n.role.lower().split()[-1] == role_word}
        # 'Mr. Trump welcomed it. "...," the president said': the one who holds the role and was
        # just the subject in this paragraph, though two presidents are named in the report
        paragraph = next((p for p in reversed(parsed.paragraphs) if p.offset <= offset), None)
        recent = [n for n in candidates if n.subject and n.key in holders and paragraph is not None and n.start >= paragraph.offset]
        if recent:
            return recent[-1].key
        candidates = [n for n in candidates if n.role and n.role.lower().split()[-1] == role_word]
        # "the president" is the president the report names most, not the last one it named
        named = Counter(n.key for n in parsed.names if n.kind == "person")
        candidates.sort(key=lambda n: named[n.key])  # stable: among equals, the nearest stays last
    return candidates[-1].key if candidates else None
