"""The words that cue reported speech: speech verbs, verbs of reported clauses, speech acts and
nouns that carry a claim, as data apart from the rules that read them."""
from __future__ import annotations

from .parsed import word_class

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
accuses acknowledges admits announces argues asks asserts begs blames booms brags calls cautions chants comments concedes
concludes counters describes echoes emphasises emphasizes exclaims explains gripes grouses highlights insists interjects
laments marvels mutters observes opines pleads predicts proclaims promises quips reaffirms recalls reiterates remarks
replies responds retorts scoffs screams shouts snaps stresses suggests testifies tweets urges vows whispers yells
""".split())


# verbs that cue speech only with a clause or a quote, never alone ("called", "believed")
WEAK_CUES = frozenset("call calls called calling describe describes described describing refer referred referring believe believes believed "
                      "think thinks thought agree agreed agrees highlight highlights highlighted highlighting echo echoes echoed echoing "
                      "ask asks asked asking".split())


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


# long enough for ', Obama said of the families of gun violence victims, according to a pool report. '
MAX_SPEECH_TAG_WORDS = 15


def is_cue(token) -> bool:
    if token.lower_ == "according":
        return token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to"
    if token.lower_ in GO_ON_VERBS:  # '"...," he continued, "..."' but not "continued to fight"
        return word_class(token) == "VERB" and not any(c.dep_ in ("dobj", "xcomp") for c in token.children)
    return token.lower_ in SPEECH_VERBS and word_class(token) in ("VERB", "AUX") and token.lower_ not in WEAK_CUES or (
        token.lower_ in WEAK_CUES and word_class(token) == "VERB" and any(c.dep_ == "ccomp" for c in token.children))


QUESTION_VERBS = {"asked", "ask", "asking", "questioned", "interviewed"}


def is_asked(cue) -> bool:
    """'Asked about the vote, ...', 'when asked ...', 'Blumenthal was asked, "..."': the question is put to the
    subject by someone unnamed, so it is no one's remark here."""
    if cue.lower_ not in QUESTION_VERBS:
        return False
    deps = {c.dep_ for c in cue.children}
    if cue.tag_ != "VBN":
        # "when asked what the strategy would be, Trump warned": a participle tagged as a past tense
        return cue.dep_ == "advcl" and not deps & {"nsubj", "nsubjpass"} and any(
            c.lower_ in ("when", "if", "after", "once") for c in cue.children)
    return "auxpass" in deps or "nsubjpass" in deps or "aux" not in deps
