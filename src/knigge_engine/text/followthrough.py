"""Follow-through texts: messages that only close a conversation and owe no reply
(`is_closer`), and questions about why someone made contact
(`reason_question`, KN305)."""

from __future__ import annotations

import re

from .analysis import ANALYSIS_LIMIT, Evidence
from .compiler import expand
from .language import WORD_RE

#: Words a conversation closer is made of ("Thanks!", "You're welcome", "Gerne, dir
#: auch!", "👍"): a message of only these (and at most two capitalised names) owes no
#: reply.
CLOSER_WORDS: frozenset[str] = frozenset((
    # English
    "thanks", "thank", "you", "so", "much", "very", "many", "thx", "ty", "tyvm", "cheers",
    "great", "ok", "okay", "k", "cool", "perfect", "sure", "welcome", "you're", "youre",
    "your", "likewise", "same", "to", "too", "np", "no", "problem", "worries", "anytime",
    "will", "do", "sounds", "good", "awesome", "nice", "got", "it", "noted", "the",
    "again", "a", "lot", "for", "all", "best", "regards", "kind", "wishes", "and",
    "congrats", "congratulations", "pleasure", "my", "glad", "happy",
    "helped", "of", "course", "appreciate", "appreciated", "definitely", "absolutely",
    "are", "yes", "yep", "yup", "indeed", "wonderful", "excellent", "brilliant", "lovely",
    "fantastic", "amazing", "haha", "lol", "s", "re", "ll", "talk", "soon", "bye",
    "have", "day", "weekend", "week", "take", "care", "well", "done", "fine", "alright",
    "all", "right", "as", "always", "back", "at", "ya",
    # German
    "danke", "dankeschön", "dankeschoen", "vielen", "dank", "herzlichen", "besten",
    "gerne", "gern", "ebenso", "gleichfalls", "dir", "ihnen", "euch", "auch", "super",
    "prima", "alles", "klar", "passt", "top", "sehr", "schön", "schoen",
    "perfekt", "toll", "liebe", "lieben", "grüße", "gruesse", "grüsse", "gruß", "gruss",
    "lg", "vg", "bg", "mfg", "viele", "beste", "freut", "mich", "ja", "genau", "okay",
    "einverstanden", "sehr", "gut", "ganz", "herzlich",
    "ich", "dich", "sie", "schönen", "schoenen", "tag", "abend", "wochenende", "noch",
    "einen", "mach", "machs", "es", "bis", "bald", "dann", "gerngeschehen", "geschehen",
    "nichts", "zu", "für", "fuer", "das", "den", "die", "glückwunsch", "glueckwunsch",
    "gratuliere", "merci", "viel", "erfolg", "wünsche", "wuensche", "connect", "connecting",
    "connected", "connection", "invite", "invitation", "accepting", "adding", "with",
    "touch", "stay", "keep", "in", "meet", "vernetzung", "vernetzen", "kontaktanfrage",
    "anfrage", "annahme", "bestätigung", "kontakt", "bleiben", "verbindung", "👍", "any",
    "time", "see", "pleasure",
))  # fmt: skip
# At most this many words: a longer message says something, whatever its words.
_CLOSER_MAX_WORDS = 10
_CLOSER_NAMES = 2
# The words that make a short message a closer; the others may only accompany them.
_CLOSER_CORE = frozenset((
    "thanks", "thank", "thx", "ty", "tyvm", "cheers", "welcome", "likewise", "same",
    "np", "anytime", "noted", "ok", "okay", "sure", "great", "perfect", "cool",
    "awesome", "congrats", "congratulations", "pleasure", "bye", "danke", "dankeschön",
    "dankeschoen", "dank", "gerne", "gern", "ebenso", "gleichfalls", "super", "prima",
    "passt", "top", "perfekt", "toll", "merci", "lg", "vg", "bg", "mfg", "👍", "yes",
    "yep", "yup", "wonderful", "excellent", "lovely", "fantastic", "amazing", "haha",
    "lol", "einverstanden", "genau", "glückwunsch", "glueckwunsch", "gratuliere",
    "nice", "any", "schönen", "schoenen",
))  # fmt: skip
_QUESTION_WORDS = frozenset((
    "have", "has", "could", "can", "would", "will", "do", "did", "are", "is", "when",
    "where", "what", "how", "why", "hast", "haben", "kannst", "können", "koennen",
    "könnten", "koennten", "wann", "wo", "was", "wie", "warum", "bist", "sind", "hättest",
))  # fmt: skip
_ADDRESSEES = frozenset(("you", "u", "we", "sie", "du", "ihr", "wir"))


def is_closer(text: str | None) -> bool:
    """Whether a message only closes a conversation: thanks, "you're welcome",
    "likewise", "sure", a thumbs-up or an emoji alone, in German or English, with at
    most two names, no question and at most ten words. `None` and blank texts are not
    closers (there is nothing to judge)."""
    if not text or text.isspace():
        return False
    if "?" in text or len(text) > 200:
        return False
    tokens = WORD_RE.findall(text)
    if len(tokens) > _CLOSER_MAX_WORDS:
        return False
    if len(tokens) > 1 and tokens[0].lower() in _QUESTION_WORDS \
            and tokens[1].lower() in _ADDRESSEES:
        return False  # "Have you got time to talk" (a question without its mark)
    names = 0
    thanks = False
    for token in tokens:
        low = token.lower()
        if low in CLOSER_WORDS:
            thanks = thanks or low in _CLOSER_CORE
            continue
        if token[:1].isupper() and names < _CLOSER_NAMES:
            names += 1  # "Thanks Anna!"
            continue
        return False
    # At least one word that closes ("thanks", "welcome", "likewise", "👍" …), or no
    # word at all (an emoji alone).
    return thanks or not tokens


#: Questions about why someone made contact ("Woher kennen wir uns?", "Have we met?").
REASON_QUESTIONS: tuple[str, ...] = (
    # German
    "woher kennen wir uns", "kennen wir uns", "wo haben wir uns", "wie kommen sie auf mich",
    "wie sind sie auf mich", "wie bist du auf mich", "wie kommst du auf mich",
    "was ist der anlass", "was ist der grund", "was ist ihr anliegen",
    "was ist dein anliegen", "worum geht es", "worum geht's", "was kann ich für sie tun",
    "was kann ich für dich tun", "was kann ich fuer sie tun", "was kann ich fuer dich tun",
    "wie kann ich ihnen helfen", "wie kann ich dir helfen", "aus welchem grund",
    "warum möchten sie", "warum möchtest du", "warum moechten sie", "warum wollen sie",
    "was führt sie zu mir", "was fuehrt sie zu mir", "helfen sie mir auf die sprünge",
    "hilf mir auf die sprünge", "was war der anlass", "welches anliegen",
    # English
    "how do we know each other", "do we know each other", "have we met",
    "where did we meet", "where do we know each other", "how did you find me",
    "how did you find my profile", "how did you come across", "why did you want to",
    "why did you contact", "why did you reach out", "why did you add", "why did you send",
    "why are you contacting", "why are you reaching out", "what is this about",
    "what's this about", "what is it about", "what's it about", "what can i do for you",
    "what can i help you with", "how can i help you", "what brings you",
    "reason for connecting", "reason for the connection", "reason for your request",
    "reason for reaching out", "what made you reach out", "what made you connect",
    "remind me how we", "remind me where we", "what would you like to discuss",
    "what did you want to discuss",
)  # fmt: skip

_REASON_QUESTION_RE: re.Pattern[str] | None = None


def reason_question(text: str | None) -> Evidence | None:
    """The first question about why the other party made contact, or `None`. For the
    follow-through (KN305), not the per-event path: the pattern is compiled on first
    use. Reads at most `ANALYSIS_LIMIT` characters from the first non-blank one,
    like `TextAnalyser`; offsets index the whole text."""
    global _REASON_QUESTION_RE
    if not text:
        return None
    if _REASON_QUESTION_RE is None:
        _REASON_QUESTION_RE = re.compile(
            r"(?<!\w)(?:" + "|".join(
                expand(re.escape(q).replace(r"\ ", " ").replace("\\'", "'"))
                for q in sorted(REASON_QUESTIONS, key=len, reverse=True))
            + r")(?!\w)", re.IGNORECASE)
    # Read like the text analysis: ANALYSIS_LIMIT characters from the first non-blank
    # (the pattern has no literal prefix, so every position is tried: ~1.5 s for a
    # megabyte of spaces unbounded). Offsets index the whole text.
    start = len(text) - len(text.lstrip())
    m = _REASON_QUESTION_RE.search(text, start, start + ANALYSIS_LIMIT)
    return None if m is None else (m.group(0), m.start(), m.end())
