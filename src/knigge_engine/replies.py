"""Suggested replies, in German and English, formal ("Sie") and informal ("Du").

Templates are our own wording of what the sources advise: thank after accepting and ask
how you can help (seed 000/001), ask for the reason when a request came without one
(seed 003), decline politely rather than leave a request waiting (seed 002), and ask a
mutual contact for an introduction instead of a cold request (seed 001). A decline gives
no invented reason: it says kindly that there is no shared context yet. A sales pitch
gets a short "no thanks" rather than silence (seed 004: business comes after the person).
A decision that comes late (`knigge due`, action `decide`) starts with an apology.

A policy overrides any template under `[replies.de]` / `[replies.en]` (or
`[replies.CODE]` for a locale a plugin adds, whose replies are otherwise English); a key
may be plain (`ask_reason`, both forms) or form-specific (`"ask_reason.du"`). Placeholders:
`{name}` (the other person's full name; the greeting drops it when unknown),
`{first_name}` (their first name, titles such as "Dr." skipped), `{owner}` (the
owner's name), `{other}` / `{via}` (the person an introduction is asked for).

Greetings: "Guten Tag Vorname Nachname," for "Sie" (no gendered "Herr"/"Frau", which the
name alone cannot tell), "Hallo Vorname," for "Du", "Hi Vorname," in English.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from . import locales as _locales
from .model import Action, Kind

__all__ = ["LATE_REPLY", "REPLY_KEYS", "Reply", "ReplyBook", "first_name", "late_key",
           "reply_key", "reply_label"]


@attrs.frozen(slots=True)
class Reply:
    """A suggested text to send, with the locale and form of address it is written in."""

    key: str
    locale: str
    text: str
    form: str | None = None


#: Which reply fits which action.
ACTION_REPLY: Mapping[Action, str] = {
    Action.ACCEPT: "thank_after_accept",
    Action.ACCEPT_AND_ASK: "accept_and_ask",
    Action.ASK_FIRST: "ask_reason",
    Action.DECLINE: "decline",
    Action.ASK_FOR_INTRODUCTION: "introduction_request",
}

#: A triage reply and the one that fits the same verdict given late (action `decide`).
LATE_REPLY: Mapping[str, str] = {
    "thank_after_accept": "late_accept",
    "accept_and_ask": "late_accept",
    "ask_reason": "late_ask_reason",
}

#: The code of the rule that finds a sales pitch in an incoming first message.
_PITCH = "KN207"


def reply_key(event: Any, action: Action | None, findings: Sequence[Any] = ()) -> str | None:
    """The reply template that fits `action` on `event` given its (unsuppressed)
    `findings`: an incoming message that is a sales pitch gets `decline_pitch`; other
    incoming messages get none (only the owner knows what to answer)."""
    if action is None:
        return None
    if action is Action.REPLY and getattr(event, "kind", None) is Kind.MESSAGE:
        return "decline_pitch" if any(f.code == _PITCH for f in findings) else None
    return ACTION_REPLY.get(action)


def late_key(key: str) -> str:
    """The late-decision counterpart of a triage reply key (the key itself otherwise)."""
    return LATE_REPLY.get(key, key)


# What a suggested text is for, as the text reports label it: (English, German).
_LABELS: Mapping[str, tuple[str, str]] = {
    "thank_after_accept": ("reply after accepting", "Antwort nach dem Bestätigen"),
    "accept_and_ask": ("reply after accepting", "Antwort nach dem Bestätigen"),
    "ask_reason": ("question before accepting", "Rückfrage vor dem Bestätigen"),
    "decline": ("reply when declining", "Antwort beim Ablehnen"),
    "decline_no_answer": ("reply when declining", "Antwort beim Ablehnen"),
    "decline_pitch": ("reply: no thanks", "Antwort: kein Bedarf"),
    "introduction_request": ("message to a mutual contact",
                             "Nachricht an einen gemeinsamen Kontakt"),
    "answer_reason": ("answer to their question about your request",
                      "Antwort auf die Rückfrage zu Ihrer Anfrage"),
    "reply": ("reply to the message", "Antwort auf die Nachricht"),
    "late_reply": ("late reply to the message", "späte Antwort auf die Nachricht"),
    "late_accept": ("late reply when accepting", "späte Antwort beim Bestätigen"),
    "late_ask_reason": ("late question before accepting",
                        "späte Rückfrage vor dem Bestätigen"),
}


def reply_label(key: str, locale: str) -> str:
    """What the reply `key` is for, in `locale` ("reply" for a key we do not know)."""
    en, de = _LABELS.get(key, ("reply", "Antwort"))
    return de if locale == "de" else en


_GREETING = {
    ("de", "sie"): ("Guten Tag {name},", "Guten Tag,"),
    ("de", "du"): ("Hallo {name},", "Hallo,"),
    ("en", None): ("Hi {name},", "Hello,"),
}

# Academic titles and initials: never a first name.
_TITLE = re.compile(
    r"(?i)^(?:dr|prof|ing|mag|dipl|dres)\.?$"
    r"|\.$"  # "Dr.", "Prof.", "Dipl.-Ing.", "J.": any token ending with a dot
)
# Forms of address: what follows them may be the surname alone ("Herr Weiß").
_ADDRESS = re.compile(r"(?i)^(?:herr|frau|mr|mrs|ms|mx|miss|sir|dame)\.?$")


_NAME_CHARS = 256
#: The longest word _ADDRESS or the first branch of _TITLE matches ("Dipl.", "Herr.").
_LONGEST = 5


def first_name(name: str | None) -> str | None:
    """The first name in `name`: its first word that is no title, form of address or
    initial ("Prof. Dr. Anna Berg" -> "Anna"); `None` when there is none, or when a
    form of address is followed by one word only ("Herr Weiß": a surname)."""
    if not name:
        return None
    # A name has a handful of words: look at the first dozen only (bounded cost for any
    # profile a platform or a fuzzer sends).
    words = name[:_NAME_CHARS].replace(",", " ").split()[:12]
    # The patterns match whole words of at most 5 characters (or, for _TITLE, a word
    # ending with a dot; words hold no line breaks): longer words skip the regex calls.
    address = [len(w) <= _LONGEST and _ADDRESS.match(w) is not None for w in words]
    addressed = any(address)
    rest = [w for w, a in zip(words, address, strict=True)
            if not (a or w.endswith(".") or (len(w) <= _LONGEST and _TITLE.search(w)))
            and (w.isalpha() or any(ch.isalpha() for ch in w))]
    if not rest or (addressed and len(rest) == 1):
        return None
    return rest[0]


# Bodies start in lower case after a German greeting (the comma ends no sentence);
# English letters start the body with a capital.
_BODIES: dict[tuple[str, str | None], dict[str, str]] = {
    ("de", "sie"): {
        "thank_after_accept": "danke für Ihre Anfrage, ich habe sie gern bestätigt. "
        "Womit kann ich Sie unterstützen?",
        "accept_and_ask": "danke für Ihre Anfrage, die ich gern bestätigt habe. "
        "Was hat Sie zu mir geführt, und wie kann ich Ihnen helfen?",
        "ask_reason": "danke für Ihre Kontaktanfrage. Bevor ich sie bestätige: "
        "Was ist Ihr Anliegen, bzw. woher kennen wir uns?",
        "decline": "danke für Ihre Anfrage. Da wir bisher keine Berührungspunkte haben, "
        "nehme ich sie nicht an. Ich wünsche Ihnen alles Gute.",
        "introduction_request": "Sie kennen {other}. Würden Sie uns miteinander bekannt "
        "machen? Ich würde gern mit {other} über [Anlass einfügen] sprechen.",
        "answer_reason": "danke für Ihre Rückfrage. Der Grund meiner Anfrage: ",
        "reply": "danke für Ihre Nachricht. ",
        "late_reply": "entschuldigen Sie die späte Antwort, und danke für Ihre Nachricht. "
        "[Ihre Antwort] Falls gerade nichts passt: Ich sehe im Moment keinen konkreten "
        "Ansatz, aber lassen Sie uns gern in Verbindung bleiben.",
        "decline_no_answer": "auf meine Frage nach dem Anlass Ihrer Anfrage habe ich keine "
        "Antwort erhalten; ich nehme die Anfrage deshalb nicht an. "
        "Ich wünsche Ihnen alles Gute.",
        "decline_pitch": "danke für Ihre Nachricht, dafür habe ich keinen Bedarf. "
        "Ich wünsche Ihnen alles Gute.",
        "late_accept": "entschuldigen Sie die späte Antwort, und danke für Ihre Anfrage, "
        "die ich gern bestätige. Womit kann ich Sie unterstützen?",
        "late_ask_reason": "entschuldigen Sie die späte Antwort auf Ihre Kontaktanfrage. "
        "Bevor ich sie bestätige: Was ist Ihr Anliegen, bzw. woher kennen wir uns?",
    },
    ("de", "du"): {
        "thank_after_accept": "danke für deine Anfrage, ich habe sie gern bestätigt. "
        "Womit kann ich dich unterstützen?",
        "accept_and_ask": "danke für deine Anfrage, die ich gern bestätigt habe. "
        "Was hat dich zu mir geführt, und wie kann ich dir helfen?",
        "ask_reason": "danke für deine Kontaktanfrage. Bevor ich sie bestätige: "
        "Was ist dein Anliegen, bzw. woher kennen wir uns?",
        "decline": "danke für deine Anfrage. Da wir bisher keine Berührungspunkte haben, "
        "nehme ich sie nicht an. Ich wünsche dir alles Gute.",
        "introduction_request": "du kennst {other}. Würdest du uns miteinander bekannt "
        "machen? Ich würde gern mit {other} über [Anlass einfügen] sprechen.",
        "answer_reason": "danke für deine Rückfrage. Der Grund meiner Anfrage: ",
        "reply": "danke für deine Nachricht. ",
        "late_reply": "entschuldige die späte Antwort, und danke für deine Nachricht. "
        "[deine Antwort] Falls gerade nichts passt: Ich sehe im Moment keinen konkreten "
        "Ansatz, aber lass uns gern in Verbindung bleiben.",
        "decline_no_answer": "auf meine Frage nach dem Anlass deiner Anfrage habe ich keine "
        "Antwort bekommen; ich nehme die Anfrage deshalb nicht an. "
        "Ich wünsche dir alles Gute.",
        "decline_pitch": "danke für deine Nachricht, dafür habe ich keinen Bedarf. "
        "Ich wünsche dir alles Gute.",
        "late_accept": "entschuldige die späte Antwort, und danke für deine Anfrage, "
        "die ich gern bestätige. Womit kann ich dich unterstützen?",
        "late_ask_reason": "entschuldige die späte Antwort auf deine Kontaktanfrage. "
        "Bevor ich sie bestätige: Was ist dein Anliegen, bzw. woher kennen wir uns?",
    },
    ("en", None): {
        "thank_after_accept": "Thanks for connecting, I was glad to accept. "
        "Is there anything I can help you with?",
        "accept_and_ask": "Thanks for the invitation, which I was glad to accept. "
        "What brought you to me, and how can I help?",
        "ask_reason": "Thanks for your invitation. Before I accept: what would you like "
        "to talk about, and where do we know each other from?",
        "decline": "Thanks for your invitation. As we haven't crossed paths so far, I won't "
        "accept it. I wish you all the best.",
        "introduction_request": "You know {other}. Would you introduce us? I would like "
        "to talk with {other} about [add your reason].",
        "answer_reason": "Thanks for asking. The reason I reached out: ",
        "reply": "Thanks for your message. ",
        "late_reply": "Sorry for the late reply, and thanks for your message. [Your answer] "
        "If nothing fits right now: I don't see a concrete starting point at the moment, "
        "but let's stay in touch.",
        "decline_no_answer": "I did not hear back on my question about your invitation, so "
        "I won't accept it. I wish you all the best.",
        "decline_pitch": "Thanks for your message, but I'm not interested. "
        "I wish you all the best.",
        "late_accept": "Sorry for the late answer, and thanks for your invitation, which I "
        "am glad to accept. Is there anything I can help you with?",
        "late_ask_reason": "Sorry for the late answer to your invitation. Before I accept: "
        "what would you like to talk about, and where do we know each other from?",
    },
}

#: Every reply key a policy may override.
REPLY_KEYS: tuple[str, ...] = tuple(_BODIES[("en", None)])


class ReplyBook:
    """Reply templates resolved against a policy's overrides, built once per engine."""

    def __init__(self, overrides: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self._templates: dict[tuple[str, str | None, str], str] = {}
        for (locale, form), bodies in _BODIES.items():
            for key, body in bodies.items():
                self._templates[(locale, form, key)] = body
        # Bodies without a placeholder, filled once here instead of per reply.
        self._static: dict[tuple[str, str | None, str], str] = {
            where: body.format_map(_Default({})) for where, body in self._templates.items()
            if all(field is None for _, field, _, _ in _FORMATTER.parse(body))}
        self._custom: dict[tuple[str, str | None, str], str] = {}
        for locale, table in (overrides or {}).items():
            forms = _locales.get(locale).forms if locale in _locales.codes() else ()
            for raw_key, text in table.items():
                key, _, form = raw_key.partition(".")
                for f in ((form,) if form else (forms or (None,))):
                    self._custom[(locale, f, key)] = text

    @staticmethod
    def validate(overrides: Mapping[str, Mapping[str, str]],
                 locales: Mapping[str, Any] | None = None) -> list[tuple[str, str]]:
        """Return `(key path, reason)` for every override that names no known reply,
        or a locale (or form of address) the engine does not have: `locales` are the
        engine's `Locale`s by code (default: German and
        English)."""
        known = _locales.BUILTIN if locales is None else locales
        problems = []
        for locale, table in overrides.items():
            if locale not in known:
                names = " or ".join(f"'{c}'" for c in sorted(known))
                problems.append((f"replies.{locale}", f"expected the locale {names}"))
                continue
            forms = known[locale].forms
            for raw_key in table:
                key, _, form = raw_key.partition(".")
                if key not in REPLY_KEYS:
                    problems.append(
                        (f"replies.{locale}.{raw_key}",
                         f"unknown reply; known: {', '.join(REPLY_KEYS)}")
                    )
                elif form and form not in forms:
                    problems.append((f"replies.{locale}.{raw_key}",
                                     "a form suffix must be "
                                     + (" or ".join(f"'.{f}'" for f in forms) if forms
                                        else f"left out: {locale} has one form of address")))
        return problems

    def render(
        self,
        key: str,
        locale: str,
        form: str | None,
        *,
        name: str | None = None,
        owner: str | None = None,
        other: str | None = None,
    ) -> Reply:
        """The reply `key` in `locale` and `form` ("sie" when German and unknown).
        A locale without reply texts of its own (one a plugin adds) gets the policy's
        `[replies.CODE]` text if there is one, else the English reply, whose
        `locale` then says `"en"`."""
        if locale != "de":
            if locale != "en":
                forms = _locales.get(locale).forms
                custom_form = (form if form in forms else forms[0]) if forms else None
                custom = self._custom.get((locale, custom_form, key))
                if custom is not None:
                    return Reply(key, locale, custom.format_map(_Default(
                        self._values(name, owner, other, first_name(name)))), custom_form)
            locale, form = "en", None
        elif form not in ("sie", "du"):
            form = "sie"
        where = (locale, form, key)
        custom = self._custom.get(where)
        if custom is not None:
            return Reply(key, locale, custom.format_map(_Default(
                self._values(name, owner, other, first_name(name)))), form)
        with_name, without = _GREETING[(locale, form)]
        # "Sie" addresses the full name; "Du" and English the first name.
        given = None
        if form == "sie" and name and name.strip():
            addressed: str | None = name.strip()
        else:
            addressed = given = first_name(name)
        greeting = with_name.format(name=addressed) if addressed else without
        body = self._static.get(where)
        if body is None:
            if given is None:
                given = first_name(name)
            # An unknown person is left as a visible gap the owner fills in.
            body = self._templates[where].format_map(_Default(
                {**self._values(name, owner, other, given), "other": other or "[Name]"}))
        return Reply(key, locale, f"{greeting}\n{body}", form)

    @staticmethod
    def _values(name: str | None, owner: str | None, other: str | None,
                given: str | None) -> dict[str, str]:
        return {"name": name or "", "first_name": given or "", "owner": owner or "",
                "other": other or "", "via": other or ""}


_FORMATTER = string.Formatter()


class _Default(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
