"""XING's own rules: XI401 xing-note-over-limit, XI402 formal-first-contact, XI403
contacts-not-shared.

Each requires a capability only the `xing` spec declares (a platform of a third party
may declare it too), so none of them runs on other platforms.
"""

from __future__ import annotations

from typing import Any

import attrs
from knigge_engine import (
    Action,
    ContactRequest,
    Direction,
    Kind,
    Message,
    RuleContext,
    RuleResult,
    Severity,
    rule,
    say,
)
from knigge_engine.builders import make_event

from .spec import (
    CAP_ADDRESS_FORM_CONTESTED,
    CAP_CONTACTS_SHARING_SHOWN,
    CAP_NOTE_LIMIT_UNPUBLISHED,
)

__all__ = ["RULES", "FormalFirstContactOptions", "NoteOverLimitOptions"]

_AT = "2026-11-02T09:15:00+01:00"
OWNER = {"id": "me", "name": "Jana Owner"}
_OTHER = {"id": "u-1", "name": "Alex Example"}


def _request(direction: str, note: str | None, *, owner: dict[str, Any] | None = None,
             other: dict[str, Any] | None = None, id: str = "xi-ex-1") -> dict[str, Any]:
    """A XING contact request in the event contract's shape, for examples."""
    return make_event("contact_request", direction, platform="xing",
                      owner={**OWNER, **(owner or {})}, other={**_OTHER, **(other or {})},
                      id=id, at=_AT, note=note)


def _message(direction: str, text: str, *, owner: dict[str, Any] | None = None,
             other: dict[str, Any] | None = None, id: str = "xi-ex-1") -> dict[str, Any]:
    """A first XING message (no `in_reply_to`) in the contract's shape."""
    return make_event("message", direction, platform="xing",
                      owner={**OWNER, **(owner or {})}, other={**_OTHER, **(other or {})},
                      id=id, at=_AT, text=text)


# --------------------------------------------------------------------------- XI401


def _positive_or_none(instance: Any, attribute: Any, value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or value < 1):
        raise ValueError(f"expected a positive number of characters, found {value!r}")


@attrs.frozen
class NoteOverLimitOptions:
    """Options of XI401."""

    #: Longest contact-request message in characters. XING publishes no limit, so the
    #: default is none and the rule stays silent until a policy sets one.
    max_chars: int | None = attrs.field(default=None, validator=_positive_or_none)


_LONG_NOTE_DE = (
    "Hallo Frau Albers, ich bin Produktmanagerin bei einem Kieler Softwarehaus und habe "
    "Ihren Vortrag über barrierefreie Formulare beim UX-Stammtisch Hamburg gehört. "
    "Besonders Ihr Beispiel mit den Fehlermeldungen in Versicherungsformularen hat mich "
    "beschäftigt, weil wir gerade ein ähnliches Projekt für eine Krankenkasse umsetzen. "
    "Ich würde mich gern mit Ihnen vernetzen und mich bei Gelegenheit zu Prüfwerkzeugen "
    "austauschen. Viele Grüße aus Kiel, Jana Owner"
)
_SHORT_NOTE_DE = (
    "Hallo Frau Albers, ich bin Produktmanagerin in Kiel und habe Ihren Vortrag beim "
    "UX-Stammtisch Hamburg gehört. Ich würde mich gern vernetzen."
)
_ENABLE_300 = {"rules": {"XI401": {"enabled": True, "max_chars": 300}}}


@rule(
    code="XI401",
    platforms=["xing"],
    name="xing-note-over-limit",
    summary="The contact-request message is longer than the limit a policy sets for "
    "XING (XING publishes none, so the rule is off by default).",
    why="Seed 002 asks for a short first message, all the more for busy people. XING "
    "publishes no length limit for the request message (and free accounts cannot attach "
    "one at all since 2016), so a team that knows its own limit, or sees messages cut, "
    "sets it here.",
    source="seed 002 (a); PLATFORMS.md XING note_max_chars (none published)",
    kinds=[Kind.CONTACT_REQUEST],
    directions=[Direction.OUTGOING],
    requires=[CAP_NOTE_LIMIT_UNPUBLISHED],
    severity=Severity.WARNING,
    weight=2.0,
    action=Action.REVISE,
    options=NoteOverLimitOptions,
    enabled=False,
    messages={
        "en": "The request message has {chars} characters; your policy allows {limit} on "
        "XING: cut {over}.",
        "de": "Die Nachricht zur Kontaktanfrage hat {chars} Zeichen; Ihre Richtlinie "
        "erlaubt auf XING {limit}: Kürzen Sie um {over} Zeichen.",
    },
    bad={"event": _request("outgoing", _LONG_NOTE_DE, owner={"premium": True}),
         "policy": _ENABLE_300},
    good=[
        {"event": _request("outgoing", _SHORT_NOTE_DE, owner={"premium": True}),
         "policy": _ENABLE_300},
        {"event": _request("outgoing", None, owner={"premium": False}),
         "policy": _ENABLE_300},
    ],
)
def note_over_limit(event: ContactRequest, ctx: RuleContext[NoteOverLimitOptions]) -> RuleResult:
    """Fires when an outgoing request's message has more characters (Unicode code
    points: "ü" counts once) than `max_chars`. Off by default; with `max_chars`
    unset it is silent even when switched on."""
    limit = ctx.options.max_chars
    note = event.note
    if limit is None or note is None or len(note) <= limit:
        return None
    over = len(note) - limit
    loc = ctx.locale
    shown: dict[str, Any] = {"chars": say.number(len(note), loc),
                             "limit": say.number(limit, loc),
             "over": say.number(over, loc) if loc == "de"
             else f"{say.number(over, loc)} character{'' if over == 1 else 's'}"}
    finding = ctx.report(span=(limit, len(note)), **shown)
    # The data keeps the numbers; only the message shows them formatted.
    return attrs.evolve(finding, evidence={"chars": len(note), "limit": limit,
                                           "over": over})


# --------------------------------------------------------------------------- XI402


@attrs.frozen
class FormalFirstContactOptions:
    """Options of XI402."""

    #: The form a German first note to a stranger should use: "sie" (the default) or
    #: "du" (for a policy that follows XING's own "du" and wants to flag a stiff "Sie").
    expected_form: str = attrs.field(default="sie")

    @expected_form.validator
    def _check(self, attribute: Any, value: str) -> None:
        if value not in ("sie", "du"):
            raise ValueError(f"expected 'sie' or 'du', found {value!r}")


_DU_NOTE = ("Hallo Max, ich bin Jana, Personalentwicklerin in Hamburg. Ich habe deinen "
            "Beitrag in der Gruppe „New Work Hamburg“ gelesen und würde mich gern mit dir "
            "vernetzen.")
_SIE_NOTE = ("Guten Tag Herr Berger, ich bin Jana Owner, Personalentwicklerin in Hamburg. "
             "Ich habe Ihren Beitrag in der Gruppe „New Work Hamburg“ gelesen und würde "
             "mich gern mit Ihnen vernetzen.")
_STRANGER = {"name": "Max Berger", "degree": 2, "prior_contact": False}


@rule(
    code="XI402",
    platforms=["xing"],
    name="formal-first-contact",
    summary="A German first note to a stranger on XING says 'du' where the policy "
    "expects 'Sie'.",
    why="XING has addressed its members with 'du' since May 2020, but many members, "
    "depending on their industry, still expect a stranger to say 'Sie'; seed 002 asks "
    "for care with language, and its first reader comment notes that some circles are "
    "relaxed while others set great store by formalities. A first note to someone you "
    "have never met is where a wrong 'du' costs most. A policy that follows XING's "
    "'du' culture switches the rule off (or sets expected_form = \"du\").",
    source="seed 002 (PS and first comment); PLATFORMS.md XING platform_address_form",
    kinds=[Kind.CONTACT_REQUEST, Kind.MESSAGE],
    directions=[Direction.OUTGOING],
    requires=[CAP_ADDRESS_FORM_CONTESTED],
    severity=Severity.WARNING,
    weight=1.0,
    options=FormalFirstContactOptions,
    messages={
        "en": "The {subject} says “du” ({markers}) to {name}, whom you have never met: "
        "many XING members expect “Sie” from a stranger, even though XING itself says "
        "“du”.",
        "de": "Die {subject} duzt {name} ({markers}), obwohl Sie sich nicht kennen: Viele "
        "XING-Mitglieder erwarten von Fremden das „Sie“, auch wenn XING selbst duzt.",
        "en.du": "The {subject} says “Sie” ({markers}) to {name}; your policy follows "
        "XING’s “du” for first contacts.",
        "de.du": "Die {subject} siezt {name} ({markers}); Ihre Richtlinie folgt beim "
        "Erstkontakt dem „Du“ von XING.",
    },
    bad=[
        _request("outgoing", _DU_NOTE, owner={"premium": True}, other=_STRANGER),
        _message("outgoing", "Hi Max, ich bin Jana aus Hamburg. Hast du Lust, dich beim "
                 "nächsten Barcamp mit mir über Lernplattformen auszutauschen?",
                 other=_STRANGER),
        {"event": _request("outgoing", _SIE_NOTE, owner={"premium": True}, other=_STRANGER),
         "policy": {"platforms": {"xing": {"rules": {"XI402": {"expected_form": "du"}}}}}},
    ],
    good=[
        _request("outgoing", _SIE_NOTE, owner={"premium": True}, other=_STRANGER),
        _request("outgoing", _DU_NOTE, owner={"premium": True},
                 other={**_STRANGER, "prior_contact": True}),
        _request("outgoing", _DU_NOTE, owner={"premium": True},
                 other={"name": "Max Berger", "degree": 2}),
        _request("outgoing", "Hi Max, I'm Jana, an HR developer in Hamburg. I read your "
                 "post in the New Work Hamburg group and would like to connect.",
                 owner={"premium": True}, other=_STRANGER),
    ],
)
def formal_first_contact(
    event: ContactRequest | Message, ctx: RuleContext[FormalFirstContactOptions]
) -> RuleResult:
    """Fires on an outgoing first note or first message in German (as the text analysis
    decides) that uses only the form opposite to `expected_form`, sent to a stranger:
    `prior_contact` known to be false and not a 1st-degree contact. A note that mixes
    both forms is KN111's business; an unknown `prior_contact` is no evidence."""
    text = ctx.text
    if text is None or text.blank or text.language != "de":
        return None
    if isinstance(event, Message) and event.in_reply_to is not None:
        return None
    other = event.recipient
    if other.prior_contact is not False or other.degree == 1:
        return None
    expected = ctx.options.expected_form
    found = text.address_form
    if found not in ("sie", "du") or found == expected:
        return None
    markers = text.du_markers if found == "du" else text.sie_markers
    quoted = say.quotes((m[0] for m in markers), ctx.locale)
    return ctx.report(span=(markers[0][1], markers[0][2]),
                      message_key="du" if expected == "du" else None,
                      name=other.name or other.id, markers=quoted, found=found,
                      expected=expected)


# --------------------------------------------------------------------------- XI403


@rule(
    code="XI403",
    platforms=["xing"],
    name="contacts-not-shared",
    summary="An incoming request from a member who does not share their contacts "
    "(XING shows this explicitly).",
    why="Seed 003: faced with a request from an unknown person, the author wanted to see "
    "whom they knew and found the contact list not shared, which left nothing to judge "
    "the request by. XING shows that state on the profile, so the fact is reliable. On "
    "XING this rule takes the place of the generic KN203 (off in the XING spec), so the "
    "fact counts once.",
    source="seed 003; PLATFORMS.md XING contacts_can_be_hidden",
    kinds=[Kind.CONTACT_REQUEST],
    directions=[Direction.INCOMING],
    requires=[CAP_CONTACTS_SHARING_SHOWN],
    severity=Severity.INFO,
    weight=0.5,
    messages={
        # The fact only: advice belongs to the verdict and its reply (and KN201 says
        # the rest when the note is missing too).
        "en": "XING shows that {name} does not share their contact list: you cannot see "
        "whom you both know.",
        "de": "XING zeigt, dass {name} die Kontaktliste nicht freigibt: Sie sehen nicht, "
        "wen Sie gemeinsam kennen.",
    },
    bad=_request("incoming", None, other={"name": "Max Beispiel", "headline": "tba",
                                          "contacts_visible": False}),
    good=[
        _request("incoming", None, other={"name": "Max Beispiel", "contacts_visible": True}),
        _request("incoming", None, other={"name": "Max Beispiel"}),
    ],
)
def contacts_not_shared(event: ContactRequest, ctx: RuleContext[None]) -> RuleResult:
    """Fires when the sender's `contacts_visible` is known to be false."""
    sender = event.sender
    if sender.contacts_visible is not False:
        return None
    return ctx.report(name=sender.name or sender.id)


RULES = (note_over_limit, formal_first_contact, contacts_not_shared)
