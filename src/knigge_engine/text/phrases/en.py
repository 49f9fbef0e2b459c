"""The English lists of the text analysis: salutations, the moods after "I am", role,
work and place nouns, stop words, offers and the default sales phrases.

Rule authors: an English word, salutation, offer or sales phrase the heuristics miss
goes here, with a test (`tests/test_text.py`). The phrase lists that interleave both
languages (self-introductions, shared context, reasons, asks, pitch shapes) are in
`knigge_engine.text.phrases.bilingual`. `knigge_engine.text.phrases` joins
each list German first, then English.
"""

from __future__ import annotations

from ..fragments import any_of, within

# Salutations that open a note, English (see :data:`knigge_engine.text.phrases.GREETINGS`).
GREETINGS: tuple[str, ...] = (
    "hello",
    "hiya",
    "howdy",
    "greetings",
    "good morning",
    "good afternoon",
    "good evening",
    "good day",
    "dear",
)
"""English salutation fragments (lower case)."""

I_AM_NOT_INTRO: tuple[str, ...] = (
    "writing", "reaching", "contacting", "messaging", "looking", "hoping", "interested",
    "sure", "happy", "glad", "excited", "curious", "impressed", "sorry", "afraid", "not",
    "just", "really", "very", "so", "keen", "eager", "thrilled", "delighted", "grateful",
    "thankful", "wondering", "trying", "reading", "following", "going", "sending", "asking",
    "inviting", "pleased", "honored", "honoured", "certain", "confident", "convinced",
    "moving", "switching", "transitioning", "starting", "leaving", "relocating", "hiring",
    "aware", "here", "available", "free", "planning", "attending", "coming", "connecting",
    "building", "always", "still", "a fan", "a big fan", "a huge fan", "new to", "in touch",
    "inspired", "fascinated", "intrigued", "amazed", "seeking", "exploring", "open",
    "considering", "applying", "researching", "searching", "unsure", "unable", "able",
    "ready", "willing", "hopeful", "humbled", "motivated", "in the process",
    "in search", "on the lookout", "on the hunt", "in need", "a believer",
    "a big believer", "a firm believer", "a strong believer", "a great believer",
    "an admirer", "a big admirer", "a great admirer", "a huge admirer", "a follower",
    "a long-time follower", "a longtime follower", "a regular reader", "a long-time reader",
    "a longtime reader", "a reader of", "back", "writing to", "enjoying", "loving",
    "struck", "blown away", "preparing", "gathering", "kinda", "kind of", "sort of",
    "a bit", "a little", "unfamiliar", "familiar", "positive", "wondering",
)  # fmt: skip
"""Words after "I am"/"I'm" that make it a mood, not a self-introduction."""
# Adverbs that may stand between "I'm" and what follows; the words after them decide
# ("I'm currently looking" is a mood, "I'm currently a data analyst at …" an
# introduction).
I_AM_ADVERBS: tuple[str, ...] = (
    "currently", "also", "now", "actually", "particularly", "especially", "truly",
    "genuinely", "personally", "deeply", "quite", "incredibly", "extremely", "actively",
    "presently", "definitely", "certainly", "absolutely", "even", "already", "finally",
    "too", "honestly", "totally", "super",
)  # fmt: skip
"""Adverbs skipped after "I am"/"I'm" before `I_AM_NOT_INTRO` is consulted."""

# Roles and occupations: "as a data engineer", "I'm Anna, CEO of".
EN_ROLES: tuple[str, ...] = (
    "engineer", "developer", "recruiter", "manager", "founder", "co-founder",
    "consultant", "designer", "student", "researcher", "scientist", "analyst",
    "director", "ceo", "cto", "cfo", "coo", "cmo", "vp", "head", "lead", "specialist",
    "professional", "entrepreneur", "coach", "trainer", "marketer", "writer", "owner",
    "partner", "advisor", "adviser", "architect", "executive", "officer", "freelancer",
    "graduate", "intern", "teacher", "professor", "physician", "doctor", "nurse",
    "lawyer", "attorney", "accountant", "journalist", "photographer", "investor",
    "strategist", "editor", "producer", "programmer", "administrator", "associate",
    "assistant", "coordinator", "representative", "rep", "president", "principal",
    "undergraduate", "undergrad", "phd", "alum", "veteran", "expert",
)  # fmt: skip
"""English role nouns (lower case)."""

EN_WORK_NOUNS: tuple[str, ...] = (
    "talk", "talks", "post", "posts", "article", "articles", "book", "books", "work",
    "podcast", "paper", "papers", "presentation", "keynote",
    "session", "workshop", "webinar", "research", "project", "projects", "startup", "blog",
    "newsletter", "interview", "video", "videos", "course", "comment", "comments", "thread",
    "product", "publication", "study", "panel", "discussion", "contribution", "answer",
    "achievement", "achievements", "promotion", "posting", "job posting", "listing",
    "opening", "efforts", "initiative", "campaign", "launch", "release", "library",
    "repository", "repo", "package", "app", "tool", "team", "piece", "story", "speech",
    "remarks", "ideas", "writing", "essay", "op-ed", "episode", "show", "channel",
    "organization", "organisation", "business", "firm", "agency", "mission", "leadership",
    "approach", "transition", "move", "recent", "latest", "keynote",
    "lecture", "book", "series", "company's", "team's", "startup's", "work's", "report",
    "analysis", "take", "tips", "advice", "role", "department", "lab",
)  # fmt: skip
"""English nouns for the recipient's work, after "your"."""
# What every profile shows ("your experience", "your career"): a reason only with
# something specific after it ("your experience at Siemens", "your career in audit").
EN_GENERIC_NOUNS: tuple[str, ...] = (
    "insights", "perspective", "thoughts", "experience", "background", "career", "journey",
    "expertise", "path", "success",
)  # fmt: skip

EN_PLACE_NOUNS: tuple[str, ...] = (
    "conference", "meetup", "meet-up", "summit", "event", "workshop", "webinar", "fair",
    "expo", "trade show", "session", "panel", "hackathon", "group", "community", "forum",
    "program", "programme", "course", "class", "bootcamp", "university", "school", "alumni",
    "networking", "dinner", "talk", "keynote", "seminar", "convention", "festival", "party",
    "mixer", "offsite", "slack", "channel", "discord", "career fair", "job fair",
    "bootcamp", "cohort", "chapter", "meetup group",
)  # fmt: skip
"""English nouns for shared places, events and groups ("at the meetup")."""

ENGLISH_STOPWORDS: tuple[str, ...] = (
    "the", "and", "i", "you", "your", "to", "of", "is", "with", "for", "my", "me", "we",
    "our", "are", "am", "be", "this", "that", "it", "on", "at", "would", "could", "have",
    "has", "not", "from", "like", "about", "if", "can", "a", "been", "do", "they", "what",
    "which", "there", "their", "just", "love", "looking", "forward", "thanks", "regards",
    "best", "hello", "dear",
)  # fmt: skip
"""English stop words for language detection (lower case)."""

# Verbs of giving after "I'd be happy to …": "happy to share my notes".
GIVING_VERBS = (
    "help", "share", "introduce", "send", "show", "answer", "provide", "offer", "review",
    "give", "pass", "support", "assist", "contribute", "return", "recommend", "refer",
    "make an intro", "make an introduction", "put you in touch", "connect you", "point you",
    "walk you through", "lend", "mentor", "advise", "host", "sponsor", "volunteer", "forward",
)  # fmt: skip

# Offers in English: help, an introduction, material, an idea.
OFFERS: tuple[str, ...] = (
    "happy to help",
    "glad to help",
    "happy to share",
    "glad to share",
    "happy to introduce",
    "glad to introduce",
    "happy to connect you",
    # "I'd be happy to share …" gives; "I'd be happy to chat/connect/hear …" does not.
    "(?:i'd be|i would be|i'm|i am|i'll be|i will be) (?:more than |very |always |)"
    "(?:happy|glad|pleased) to " + within(any_of(GIVING_VERBS), 1),
    "i'd love to help",
    "can i help",
    "how can i help",
    "what can i do for you",
    "if i can help",
    "if i can be of",
    "i can help",
    "i can share",
    "i can introduce",
    "i could introduce",
    "i can send",
    "i can connect you",
    "i can put you in touch",
    "i have an idea for you",
    "in return",
    "return the favou?r",
    "offer you",
    "i'd like to offer",
    "can i send you",
    "mind if i send you",
    "mind if i share",
    "i can show you",
    "i'll show you",
    "i will show you",
    "happy to show you",
    "i'll send you",
    "ich zeige (?:ihnen|dir|euch)",
    "ich schicke (?:ihnen|dir|euch)",
    "ich sende (?:ihnen|dir|euch)",
    "soll ich (?:ihnen|dir|euch)",
)
"""English offer fragments (lower case)."""

# Default sales/pitch phrases in English (see
# :data:`knigge_engine.text.phrases.DEFAULT_SALES_PHRASES`).
DEFAULT_SALES_PHRASES: tuple[str, ...] = (
    "our product",
    "our products",
    "our services",
    "our solution",
    "our platform",
    "free trial",
    "special offer",
    "limited offer",
    "limited time offer",
    "exclusive offer",
    "discount",
    "promo code",
    "buy now",
    "order now",
    "book a demo",
    "schedule a demo",
    "boost your sales",
    "grow your business",
    "scale your business",
    "generate leads",
    "lead generation",
    "more leads",
    "passive income",
    "financial freedom",
    "make money",
    "free consultation",
    "free webinar",
    "our webinar",
    "join our webinar",
    "no obligation",
    "act now",
    "secret tips",
    "sell you",
    "book a call",
    "book a free call",
    "book a discovery call",
    "discovery call",
    "strategy call",
    "hop on a call",
    "jump on a call",
    "free demo",
    "free audit",
    "website audit",
    "video audit",
    "free website audit",
    "free analysis",
    "free assessment",
    "free strategy session",
    "free strategy call",
    "my rate",
    "white-label",
    "white label",
    "i have a solution for you",
    "solution for you",
    "investment opportunities",
    "high-net-worth",
    "technological partner",
    "development services",
    "best solutions",
    "external partners",
    "i provide",
    "we provide",
    "teams use our",
    "companies use our",
    "take a look at our",
    "i'm taking on",
    "capability to secure",
    "kostenlose analyse",
    "kostenloser check",
    "kostenlose potenzialanalyse",
    "potenzialanalyse",
    "festpreis",
    "unsere analyse",
    "unverbindlichen austausch",
    "unverbindlicher austausch",
    "unverbindliches erstgespräch",
    "geld-zurück-garantie",
    "mehr leads",
    "keine verpflichtung",
    "wir automatisieren",
)
"""English default pitch phrases (casefolded literals)."""
