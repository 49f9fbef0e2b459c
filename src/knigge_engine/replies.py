"""Suggested replies, in German and English, formal ("Sie") and informal ("Du").

Templates are our own wording of what the sources advise: thank after accepting and ask
how you can help (seed 000/001), ask for the reason when a request came without one
(seed 003), decline politely rather than leave a request waiting (seed 002), and ask a
mutual contact for an introduction instead of a cold request (seed 001).

A policy overrides any template under ``[replies.de]`` / ``[replies.en]``; a key may be
plain (``ask_reason``, both forms) or form-specific (``"ask_reason.du"``). Placeholders:
``{name}`` (the other person's name; the greeting drops it when unknown), ``{owner}``
(the owner's name), ``{via}`` (the mutual contact, for introductions).
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from .model import Action

__all__ = ["REPLY_KEYS", "Reply", "ReplyBook"]


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

_GREETING = {
    ("de", "sie"): ("Guten Tag {name},", "Guten Tag,"),
    ("de", "du"): ("Hallo {name},", "Hallo,"),
    ("en", None): ("Hi {name},", "Hello,"),
}

_BODIES: dict[tuple[str, str | None], dict[str, str]] = {
    ("de", "sie"): {
        "thank_after_accept": "danke für Ihre Anfrage, ich habe sie gern bestätigt. "
        "Womit kann ich Sie unterstützen?",
        "accept_and_ask": "danke für Ihre Anfrage, die ich gern bestätigt habe. "
        "Was hat Sie zu mir geführt, und wie kann ich Ihnen helfen?",
        "ask_reason": "danke für Ihre Kontaktanfrage. Bevor ich sie bestätige: "
        "Was ist Ihr Anliegen, bzw. woher kennen wir uns?",
        "decline": "danke für Ihre Anfrage. Ich vernetze mich nur mit Menschen, mit denen "
        "ich schon zu tun hatte, und lehne sie deshalb ab. Alles Gute für Sie!",
        "introduction_request": "Sie kennen {other}. Würden Sie uns miteinander bekannt "
        "machen? Ich möchte mit ihr oder ihm über ein gemeinsames Thema sprechen.",
        "answer_reason": "danke für Ihre Rückfrage. Der Grund meiner Anfrage: ",
        "reply": "danke für Ihre Nachricht. ",
        "decline_no_answer": "auf meine Frage nach dem Anlass Ihrer Anfrage habe ich keine "
        "Antwort erhalten; ich lehne die Anfrage deshalb ab. Alles Gute für Sie!",
    },
    ("de", "du"): {
        "thank_after_accept": "danke für deine Anfrage, ich habe sie gern bestätigt. "
        "Womit kann ich dich unterstützen?",
        "accept_and_ask": "danke für deine Anfrage, die ich gern bestätigt habe. "
        "Was hat dich zu mir geführt, und wie kann ich dir helfen?",
        "ask_reason": "danke für deine Kontaktanfrage. Bevor ich sie bestätige: "
        "Was ist dein Anliegen, bzw. woher kennen wir uns?",
        "decline": "danke für deine Anfrage. Ich vernetze mich nur mit Menschen, mit denen "
        "ich schon zu tun hatte, und lehne sie deshalb ab. Alles Gute dir!",
        "introduction_request": "du kennst {other}. Würdest du uns miteinander bekannt "
        "machen? Ich möchte mit ihr oder ihm über ein gemeinsames Thema sprechen.",
        "answer_reason": "danke für deine Rückfrage. Der Grund meiner Anfrage: ",
        "reply": "danke für deine Nachricht. ",
        "decline_no_answer": "auf meine Frage nach dem Anlass deiner Anfrage habe ich keine "
        "Antwort bekommen; ich lehne die Anfrage deshalb ab. Alles Gute dir!",
    },
    ("en", None): {
        "thank_after_accept": "thanks for connecting, I was glad to accept. "
        "Is there anything I can help you with?",
        "accept_and_ask": "thanks for the invitation, which I was glad to accept. "
        "What brought you to me, and how can I help?",
        "ask_reason": "thanks for your invitation. Before I accept: what would you like "
        "to talk about, and where do we know each other from?",
        "decline": "thanks for your invitation. I only connect with people I have worked "
        "with, so I will decline it. All the best!",
        "introduction_request": "you know {other}. Would you introduce us? I would like "
        "to talk with them about a shared topic.",
        "answer_reason": "thanks for asking. The reason I reached out: ",
        "reply": "thanks for your message. ",
        "decline_no_answer": "I did not hear back on my question about your invitation, so "
        "I will decline it. All the best!",
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
        self._custom: dict[tuple[str, str | None, str], str] = {}
        for locale, table in (overrides or {}).items():
            for raw_key, text in table.items():
                key, _, form = raw_key.partition(".")
                forms = (form,) if form else (("sie", "du") if locale == "de" else (None,))
                for f in forms:
                    self._custom[(locale, f, key)] = text

    @staticmethod
    def validate(overrides: Mapping[str, Mapping[str, str]]) -> list[tuple[str, str]]:
        """Return ``(key path, reason)`` for every override that names no known reply."""
        problems = []
        for locale, table in overrides.items():
            if locale not in ("de", "en"):
                problems.append((f"replies.{locale}", "expected the locale 'de' or 'en'"))
                continue
            for raw_key in table:
                key, _, form = raw_key.partition(".")
                if key not in REPLY_KEYS:
                    problems.append(
                        (f"replies.{locale}.{raw_key}",
                         f"unknown reply; known: {', '.join(REPLY_KEYS)}")
                    )
                elif form and form not in ("sie", "du"):
                    problems.append((f"replies.{locale}.{raw_key}",
                                     "a form suffix must be '.sie' or '.du'"))
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
        """The reply ``key`` in ``locale`` and ``form`` ("sie" when German and unknown)."""
        if locale != "de":
            locale, form = "en", None
        elif form not in ("sie", "du"):
            form = "sie"
        custom = self._custom.get((locale, form, key))
        values = {"name": name or "", "owner": owner or "", "other": other or "",
                  "via": other or ""}
        if custom is not None:
            return Reply(key, locale, custom.format_map(_Default(values)), form)
        with_name, without = _GREETING[(locale, form)]
        greeting = with_name.format(name=name) if name else without
        body = self._templates[(locale, form, key)].format_map(
            _Default({**values, "other": other or ("einen gemeinsamen Kontakt" if locale == "de"
                                                    else "a contact we share")})
        )
        return Reply(key, locale, f"{greeting}\n{body}", form)


class _Default(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
