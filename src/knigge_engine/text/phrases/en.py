"""The English word lists of the text analysis: salutations, the moods after "I am",
role, work and place nouns, and stop words.

Rule authors: a English word or salutation the heuristics miss goes here, with a test
(``tests/test_text.py``). The phrase lists that mix both languages (self-introductions,
reasons, asks, offers, sales phrases) are in :mod:`knigge_engine.text.phrases.bilingual`,
German entries first.
"""

from __future__ import annotations

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
"""Adverbs skipped after "I am"/"I'm" before :data:`I_AM_NOT_INTRO` is consulted."""

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
