"""Heuristic data for the cleaner, kept apart from its logic.

These describe kinds of page furniture seen on news sites in general (widgets, captions,
credits, teasers), never the words of particular reports.
"""
import re


TERMINAL = re.compile(r"""[.!?…]["'”’»)\]]*\s*$|["”»]\s*$""")

# the dateline that opens a report's first paragraph: "WASHINGTON —", "WEST PALM BEACH, Fla. —",
# "TEL AVIV (Reuters) -", "WASHINGTON, April 30 (Reuters) -"
DATELINE_OPENING = re.compile(r"^[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]*)*(?:, [^—–()\n]{1,30}?)?\s*(?:\([^)\n]{1,40}\))?\s*[—–-]{1,2}\s+\S")

# reader-facing widgets: subscription, sharing, rating, navigation, players, ads
WIDGET = re.compile(
    r"""^(?:subscribe\b|sign\ up\b|sign\ in\b|log\ ?in\b|register\b|follow\ us\b|find\ us\b|share\ this\b|share\b\s*$|
    copy\ to\ clipboard|copy/paste|click\ (?:on|here)\b|tap\ (?:here|to)\b|watch\b.{0,40}\b(?:video|live|interview)|
    read\ more\b|more\ from\b|related\b|recommended\b|you\ (?:might|may)\ also\ like|most\ (?:read|popular)\b|latest\ news\b|
    previous\ (?:article|post|story)\b|next\ (?:article|post|story)\b|advertisement\b|sponsored\b|loading\.*\s*$|menu\s*$|
    skip\ to\b|back\ to\ top|cookie|accept\ all|comments?\s*$|published\ on\b|updated\b.{0,25}$|for\ more\b.{0,40}\bnews\s*$|
    how\ useful\ was|average\ rating|no\ votes\ so\ far|vote\ count|rate\ (?:this|it)\b|download\ (?:our|the)\ app|
    (?:an?\ )?(?:free\ )?(?:daily|weekly)\ (?:email|newsletter)|get\ the\ best\ of\b|this\ copy\ is\ for\ your\ personal\b)""",
    re.IGNORECASE | re.VERBOSE,
)
# widget words anywhere in a short line
WIDGET_ANYWHERE = re.compile(
    r"\b(?:newsletters?|inbox|subscribe|subscription|sign up|unsubscribe|share this article|copy link|rate it|"
    r"all rights reserved|terms of (?:use|service)|privacy policy|cookies?)\b",
    re.IGNORECASE,
)
# news sites' own domain names in a line ("from TheWeek.com")
DOMAIN = re.compile(r"\b[\w-]+\.(?:com|co\.uk|org|net|news|io)\b", re.IGNORECASE)

# "(AP Photo/Name)", "(Name, Agency via AP)", "Name/Getty", "Photo: ...", "Copyright AP/..."
PHOTO_CREDIT_END = re.compile(
    r"""(?:\((?:[^()]{0,80}\b(?:Photo|Photos|Pool|via|Getty|Reuters|AFP|AP|EPA|Shutterstock|Images?|Press\ Service|Handout)\b[^()]{0,80})\)
    |\b[\w.'’-]+(?:\ [\w.'’-]+){0,3}\s?/\s?(?:Getty(?:\ Images)?|AFP|Reuters|AP|EPA|Bloomberg|Shutterstock|Alamy)
    |\bCopyright\ [^\n]{2,80}|\bPhoto(?:graph)?:\ [^\n]{2,80}|\b(?:Credit|Image):\ [^\n]{2,60})\s*\.?\s*$""",
    re.VERBOSE,
)
CAPTION_START = re.compile(
    r"""^(?:in\ this\ (?:photo|image|picture|file\ photo|handout)|this\ (?:photo|image)|file\ photo|photo:|pictured:|image:|caption:|
    (?:above|below|top|left|right)[:,]\ )""",
    re.IGNORECASE | re.VERBOSE,
)
CREDIT_LINE = re.compile(
    r"""^(?:copyright\b|©|photo(?:graph)?s?\ (?:by|:)|image\ (?:by|:)|credit:|by\ [\w.'’ ,-]{2,120}$|
    [\w.'’ -]{2,60}\ contributed\ to\ this\ report|.{0,200}\bcontributed\ (?:reporting|to\ this\ report)\b|
    (?:additional\ )?reporting\ by\b|written\ by\b|edited\ by\b|\w+\ reported\ from\ [A-Z])""",
    re.IGNORECASE | re.VERBOSE,
)
# "Published: Tuesday, Aug. 2 2011 7:08 p.m. MDT", "First Posted: ...", "Updated March 13, 2013": the page's own dates
PUBLICATION_LINE = re.compile(r"^(?:first\ |last\ )?(?:published|posted|updated|modified)\b(?=.{0,60}\b(?:19|20)\d{2}\b)",
                              re.IGNORECASE | re.VERBOSE)
# "X worked at/is a staff writer at Y": an author's bio under the article
AUTHOR_BIO = re.compile(
    r"^(?P<name>[A-Z][\w'’-]+(?:\ [A-Z][\w'’-]+){1,3})\ (?:is|was|has\ been|worked|works|joined|covers|writes)\b.{0,160}?"
    r"\b(?:writer|reporter|editor|correspondent|journalist|columnist|contributor|staff|newsroom|at\ (?:the\ )?[A-Z])",
    re.VERBOSE,
)
SOCIAL_FOOTER = re.compile(r"^(?:posted\ by|— .{1,60}\(@\w+\)|pic\.twitter\.com|a\ post\ shared\ by)\b", re.IGNORECASE | re.VERBOSE)
SEPARATOR = re.compile(r"^[\W_]{1,10}$")
# a navigation bar pasted as one line: "Home | News | Sport"
NAV_SEPARATORS = re.compile(r"^(?:[^|•»›]{1,25}\s[|•»›]\s){2,}[^|•»›]{1,25}$")


# a heading after which a page holds no more of the article: comments, related and popular lists
END_OF_ARTICLE = re.compile(
    r"""^(?:\d+\s+)?(?:top\ rated\ |reader\ |user\ |show\ |view\ |load\ )?comments?(?:\s*\(\d+\))?$|
    ^(?:leave\ a\ (?:comment|reply)|join\ the\ (?:conversation|discussion)|post\ a\ comment|add\ a\ comment|
    related(?:\ (?:articles?|stories|posts|news|coverage|content|reading))?|you\ (?:might|may)\ also\ like|
    (?:more|other)\ (?:stories|news|articles)|more\ from\ .{1,30}|recommended(?:\ for\ you)?|most\ (?:read|popular|viewed|shared)|
    trending(?:\ now)?|latest\ (?:news|stories|articles)|read\ next|what\ to\ read\ next|editor'?s\ picks|
    around\ the\ web|from\ the\ web|sponsored\ (?:content|stories|links))[:.]?$""",
    re.IGNORECASE | re.VERBOSE,
)
