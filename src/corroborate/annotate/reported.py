"""Reported speech outside quote marks: 'X said (that) ...', 'according to X', speech acts whose
content is an object or an infinitive, nouns that carry a claim, and sources credited without a
speech verb."""
from __future__ import annotations

import re

from ..model import Mention, Quote
from .cues import ACT_CUES, ANY_CUE, CLAUSE_CUES, NOUN_CUES, QUESTION_VERBS, SPEECH_VERBS, WEAK_CUES, is_asked, is_cue
from .parsed import Paragraph, Parsed, word_class
from .speakers import NOT_SPEAKERS, PERSON_PRONOUNS, is_relative, speaker_from, subject_of, subject_stranded_before
from .stance import DENIAL_CUES, REFUSALS, cue_phrase, stance_of

ACT_DEPS = {"dobj", "xcomp", "ccomp", "oprd", "dative"}


ACT_PREPS = {"for", "of", "about", "against", "to", "over", "on"}


SOURCE_NOUN = re.compile(r"^(?:leaks?|reports?|intelligence|sources?|officials?|assessments?|estimates?|analysts?|"
                         r"experts?|documents?|briefings?|agencies|services)$", re.I)
# "intelligence agencies have given dates" claims; "federal agencies must submit plans" is what agencies do
SPY_WORDS = {"intelligence", "security", "spy", "secret", "espionage"}


# sources that also act ("officials embarked on talks", "the report came hours before"): credited
# only through a cue or an agent ("tipped by some officials")
ACTORS = re.compile(r"^(?:reports?|officials?)$", re.I)


def outside_quotes(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> bool:
    """'said that "we tell the truth" and that he saw support': words of the content outside
    its quotes, so the quotes are pieces of one remark with them, not the whole of it."""
    inside = [(max(a, start), min(b, end)) for a, b in quoted if a < end and b > start]
    rest = text[start:end]
    for a, b in sorted(inside, reverse=True):
        rest = rest[:a - start] + " " + rest[b - start:]
    return len(re.findall(r"\w+", rest)) >= 3


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
                and not is_cue(token.head) and not ACTORS.match(token.text) and (
                token.lower_ not in ("agencies", "services") or any(c.lower_ in SPY_WORDS for c in token.lefts)):
            phrase = token
        if phrase is None or wondered(token.head, ("whether", "if")):
            continue  # "It was unclear if U.S. intelligence had verified ...": no one claims it
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
        # "the questions sparked by his death": a participle describes the noun, it carries no claim
        parts = [c for c in cue.children if c.i > cue.i and ((c.dep_ == "acl" and c.tag_ not in ("VBN", "VBG")) or c.dep_ == "ccomp"
                                                            or (c.dep_ == "prep" and c.lower_ in ACT_PREPS))]
        if parts:
            return trimmed(list(doc[parts[0].left_edge.i:parts[-1].right_edge.i + 1])), True
        return [], False
    if word_class(cue) != "VERB" or speculated(cue) or wondered(cue) or impersonal(cue):
        return [], False
    if lower in CLAUSE_CUES:
        comps = [c for c in cue.children if c.dep_ == "ccomp"]
        # '"...," Putin retorted that ...': the clause the cue opens with "that", not one before it
        comps = [c for c in comps if c.i > cue.i and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)] or comps
        if comps:
            comp = comps[0]
            told = [c for c in comp.children if c.dep_ == "ccomp" and c.i < comp.i]
            if comp.i > cue.i and comp.lower_ in SPEECH_VERBS and told and any(c.dep_ == "nsubj" and c.i > told[0].i for c in comp.children):
                # 'said the evidence was "fake," the Associated Press reported': the outlet's tag is no part of it
                return [t for t in clause_of(told[0]) if t.i > cue.i], False
            # "a video that it said showed tanks": only what follows a cue inside its own clause
            return [t for t in clause_of(comp) if t.i > cue.i or comp.i < cue.i], False
        if cue.dep_ == "parataxis" and lower in SPEECH_VERBS:
            # "The border, he said, stays closed": the sentence around the tag is the content; when
            # what comes before the tag holds no subject ("At the same time, he said, the situation
            # ..."), it is an adverbial, and the content starts after the tag rather than holding it
            skip = {t.i for t in cue.subtree}
            content = [t for t in clause_of(cue.head, keep=cue) if t.i not in skip]
            if not any(t.i < cue.i and t.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for t in content) \
                    and not any(t.is_quote for t in content):  # quoted words around a tag are the quote's pieces
                content = [t for t in content if t.i > cue.i]
            return trimmed(content), False
    if lower in ACT_CUES:
        if cue.dep_ == "relcl":
            return [], False  # "a union that has endorsed Mr. Sanders": narration on who someone is, not a remark
        if lower.startswith("point") and not any((c.dep_ == "prt" and c.lower_ == "out") or (c.dep_ == "prep" and c.lower_ == "to")
                                                 for c in cue.children):
            return [], False  # "had pointed a revolver at the cops": a gesture; "pointed out", "pointed to" say something
        if passive_without_agent(cue):
            return [], False  # "he was urged to resign", "was denied entry": the one acted on is no speaker
        if lower in REFUSALS and any(c.dep_ == "xcomp" and reported_content(c)[0] for c in cue.children):
            return [], False  # "refused to confirm that ...": the inner cue reports it, as withheld
        if any(c.dep_ == "prep" and c.lower_ == "as" and any(g.dep_ == "pcomp" and g.lower_ in SPEECH_VERBS for g in c.children)
               for c in cue.children):
            return [], False  # "cited two sources as saying ...": the sources' words, reported by "saying"
        # "described the dinner as Washington celebrating itself": what the thing is called is part of it
        preps = ACT_PREPS if lower in DENIAL_CUES else ACT_PREPS | {"as"}
        parts = [c for c in cue.children if c.i > cue.i and (c.dep_ in ACT_DEPS or (
            c.dep_ == "prep" and c.lower_ in preps and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)))]
        if lower in DENIAL_CUES:  # "dismissed the suit as a hoax": the suit is denied, "a hoax" asserted
            parts = [c for c in parts if c.i < min((a.i for a in cue.children if a.dep_ == "prep" and a.lower_ == "as"), default=len(doc))]
        if parts:
            first, last = parts[0], parts[-1]
            return trimmed(list(doc[first.left_edge.i:last.right_edge.i + 1])), True
    return [], False


def speculated(verb) -> bool:
    """'the DNC could be hoping that ...', 'would announce later that ...': the report's guess or a
    forecast about someone, not words they said."""
    return any(c.dep_ == "aux" and c.lower_ in ("could", "might", "may", "would", "will") for c in verb.children)


def wondered(verb, marks: tuple[str, ...] = ("whether",)) -> bool:
    """'Whether Trump understood that ... is not clear': the report asks whether someone said or
    knew it, which is no remark of theirs. (A condition, 'if it wanted a deal', still tells what
    someone wants.)"""
    return any(c.dep_ == "mark" and c.lower_ in marks for c in verb.children)


def impersonal(verb) -> bool:
    """'it's hard to believe the next Doctor won't ...', 'it is fair to say that ...': a verb
    hanging from an adjective speaks for no one, least of all someone named nearby."""
    if verb.dep_ != "xcomp":
        return False
    head = verb.head  # the adjective, or the "is" it completes ("it's hard to believe")
    return word_class(head) == "ADJ" or (any(c.dep_ == "acomp" for c in head.children)
                                         and any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in head.children))


def passive_without_agent(verb) -> bool:
    deps = {c.dep_ for c in verb.children}
    return bool(deps & {"auxpass", "nsubjpass"}) and "agent" not in deps


def clause_of(root, keep=None) -> list:
    """A clause's tokens, without what follows a contrast ('..., but for Republicans it is ...') or
    a speech act of its own ('..., calling the walkout "reckless"')."""
    end = root.right_edge.i
    for child in root.rights:
        if child.dep_ in ("conj", "advcl") and child is not keep and (
                (child.dep_ == "conj" and contrasted(child)) or (child.lower_ in CLAUSE_CUES | ACT_CUES and not purpose(child))):
            cut = child.left_edge.i
            end = min(end, cut - 1)
            break
    return trimmed(list(root.doc[root.left_edge.i:end + 1]))


def purpose(clause) -> bool:
    """'she came to support Sanders': an infinitive of purpose, part of what is reported, not a speech act of its own."""
    return clause.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


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
    return whole_last_word(tokens)


def whole_last_word(tokens: list) -> list:
    """'open to re-negotiating the deal': the tokenizer splits a word at its hyphens and the parser
    may hang the parts apart; a content never ends inside a word, and takes what the word's last
    part governs."""
    if not tokens:
        return tokens
    doc, end = tokens[-1].doc, tokens[-1].i
    while end + 2 < len(doc) and doc[end].whitespace_ == "" and doc[end + 1].text == "-" and doc[end + 1].whitespace_ == "":
        end = max(end + 2, doc[end + 2].right_edge.i)
    return tokens + list(doc[tokens[-1].i + 1:end + 1])


def indirect_quotes(parsed: Parsed, para: Paragraph, quoted: list[Quote]) -> list[Quote]:
    """Reported speech outside direct quotes: 'X said (that) ...', 'Y, X said, Z', 'according to X, ...',
    'the poll found ...', speech acts whose content is an object or an infinitive ('urged Congress
    to act', 'accused him of lying') and nouns that carry a claim ('her claim that ...')."""
    out: list[Quote] = []
    text = para.text
    direct = [(q.start - para.offset, q.end - para.offset) for q in quoted]
    # subjects of second clauses the parser hung on the first ("... with Russia and Moscow has denied")
    stranded = [t.i for t in (subject_stranded_before(v) for v in para.doc if v.dep_ == "conj" and word_class(v) == "VERB") if t]
    found = [(token, *reported_content(token)) for token in para.doc]
    found = [(token, trimmed([t for t in content if not any(content[0].i < s <= t.i for s in stranded)]), act)
             for token, content, act in found]
    # the reach of each clause of reported speech: "Japan and China agree that ..., Kono said"
    clauses = [(content[0].i, content[-1].i, token.i) for token, content, act in found if content and not act]
    for token, content, act in found:
        if not content:
            continue
        if act and any(q.start <= para.offset + token.idx < q.end for q in out):
            continue  # "said he would offer a prayer": an act inside reported speech is part of it
        if (token.lower_ in WEAK_CUES or token.lower_ not in SPEECH_VERBS | ACT_CUES) and any(a <= token.i <= b and cue != token.i for a, b, cue in clauses) \
                and getattr(subject_of(token), "lower_", "he") not in PERSON_PRONOUNS:
            continue  # others' agreement or belief inside what someone says is theirs to report, not a remark
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
        if not act:  # 'Dermer said Netanyahu "exposed ...": Netanyahu is named inside what Dermer says
            parsed.reported.append((para.offset + start_char, para.offset + end_char))
        overlap = sum(max(0, min(end_char, b) - max(start_char, a)) for a, b in direct)
        if overlap > 0.5 * (end_char - start_char):
            # 'Pew found that "about twice as many ..."': the quote is the content, this its cue
            for q in quoted:
                if q.cue is None and start_char <= q.start - para.offset < end_char:
                    q.cue, q.speaker, q.speaker_mention = cue_phrase(token), speaker, mention
                    q.stance = stance_of(token, content)
            if not outside_quotes(text, start_char, end_char, direct):
                continue
        out.append(Quote(
            article=parsed.article.id, line=para.line, start=para.offset + start_char, end=para.offset + end_char,
            text=text[start_char:end_char], kind="indirect", cue=cue_phrase(token),
            speaker=speaker, speaker_mention=mention, act=act, stance=stance_of(token, content),
        ))
    taken = [(q.start - para.offset, q.end - para.offset) for q in out] + list(direct)
    return out + source_attributions(parsed, para, taken)
