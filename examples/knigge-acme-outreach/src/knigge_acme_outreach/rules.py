"""ACME's outreach code of conduct, as three rules for first contacts we send.

The code of conduct (an internal document of the fictional ACME Analytics GmbH, quoted
here by section) builds on the etiquette sources knigge_engine cites: a first contact is
a first impression, and it should read as if you stood in front of the person (seed 002);
say who you are (seeds 000 and 002).

Each rule is the `@rule` decorator around a small function. Examples are plain event
dicts in the JSON shape of `docs/events.md`: the `bad` ones must make the rule fire,
the `good` ones must not — the test suite checks that with one line.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import attrs
from knigge_engine import Direction, Kind, RuleContext, Severity, rule

OUTGOING = [Direction.OUTGOING]
FIRST_CONTACT = [Kind.CONTACT_REQUEST, Kind.MESSAGE]
SOURCE = "ACME Outreach Code of Conduct §{section}; seed 002"


def first_contact_text(event: Any) -> str | None:
    """The note or message of a first contact, or `None` when there is nothing to judge:
    no text (knigge's KN101 covers a missing note), blank text, or a reply in a thread."""
    if event.kind is Kind.MESSAGE and event.in_reply_to is not None:
        return None
    text = event.text
    if text is None or not text.strip():
        return None
    return text


def request(note: str | None, **recipient: Any) -> dict[str, Any]:
    """An outgoing contact request from ACME's sales rep Jana to Alex (for examples)."""
    return {
        "kind": "contact_request", "id": "acme-ex", "platform": "generic",
        "direction": "outgoing", "at": "2026-11-02T09:15:00+01:00",
        "sender": {"id": "me", "name": "Jana Schröder", "company": "ACME Analytics GmbH"},
        "recipient": {"id": "u-1", "name": "Alex Berger", **recipient},
        "note": note,
    }


def message(text: str, in_reply_to: str | None = None) -> dict[str, Any]:
    """An outgoing message from Jana (a first contact unless `in_reply_to` is set)."""
    event = request(None)
    del event["note"]
    event.update(kind="message", id="acme-msg", text=text)
    if in_reply_to is not None:
        event["in_reply_to"] = in_reply_to
    return event


# --------------------------------------------------------------------------- AC101

# Emoji and pictographs: the Unicode blocks "Miscellaneous Symbols and Pictographs" to
# "Symbols and Pictographs Extended-A", plus "Miscellaneous Symbols" and "Dingbats".
_EMOJI_RANGES = ((0x1F000, 0x1FAFF), (0x2600, 0x27BF), (0x2B50, 0x2B55))
# Skin-tone modifiers belong to the emoji before them; they are not counted on their own.
_MODIFIERS = range(0x1F3FB, 0x1F400)


def _is_emoji(ch: str) -> bool:
    code = ord(ch)
    if code in _MODIFIERS:
        return False
    return any(lo <= code <= hi for lo, hi in _EMOJI_RANGES)


@attrs.frozen
class NoEmojiOptions:
    """Options of AC101."""

    #: Symbols that are fine in a business signature (telephone, envelope, check mark).
    allowed: tuple[str, ...] = ("☎", "✉", "✓", "✔")


@rule(
    code="AC101",
    name="no-emoji-first-contact",
    summary="A first contact from ACME carries no emoji.",
    why="ACME's code of conduct (§2) asks that a first contact read like a business "
    "letter. Seed 002 reminds that in business the first impression counts and that one "
    "should write as if meeting the person face to face; emoji read as chatty to many "
    "people one has never met.",
    source=SOURCE.format(section=2),
    kinds=FIRST_CONTACT,
    directions=OUTGOING,
    severity=Severity.WARNING,
    weight=1.0,
    options=NoEmojiOptions,
    messages={
        "en": "The note contains {count} emoji ({emoji}): ACME first contacts are "
        "written without them.",
        "de": "Die Notiz enthält {count} Emoji ({emoji}): Erstkontakte von ACME kommen "
        "ohne sie aus.",
    },
    bad=[
        request("Hallo Herr Berger 👋 ich bin Jana von ACME und würde mich gern mit Ihnen "
                "über Datenqualität austauschen 🚀"),
        message("Hi Alex, Jana from ACME here 😊 Your talk on data quality was great!"),
    ],
    good=[
        request("Guten Tag Herr Berger, ich bin Jana Schröder von ACME Analytics. Ihr "
                "Vortrag zur Datenqualität hat mich überzeugt; ich würde mich gern "
                "vernetzen. ☎ 040 1234567"),
        message("Thanks, Alex! 🎉 Talk soon.", in_reply_to="m-1"),
    ],
)
def no_emoji_first_contact(event: Any, ctx: RuleContext) -> Any:
    """Fires when the note or first message contains emoji other than the allowed
    signature symbols. Replies in a running conversation are not checked."""
    text = first_contact_text(event)
    if text is None:
        return None
    allowed = set(ctx.options.allowed)
    found = [(i, ch) for i, ch in enumerate(text) if _is_emoji(ch) and ch not in allowed]
    if not found:
        return None
    shown = "".join(dict.fromkeys(ch for _, ch in found))[:5]
    first = found[0][0]
    return ctx.report(span=(first, first + 1), count=len(found), emoji=shown)


# --------------------------------------------------------------------------- AC102


@attrs.frozen
class PersonalChannelOptions:
    """Options of AC102."""

    #: Words that name a personal channel (case-insensitive, whole words; a space
    #: matches any white space).
    channels: tuple[str, ...] = (
        "whatsapp", "whats app", "telegram", "threema",
        "privatnummer", "private nummer", "private handynummer", "private e-mail",
        "private mail", "private number", "personal number", "personal email",
        "personal e-mail",
    )


@functools.lru_cache(maxsize=16)
def _channel_pattern(channels: tuple[str, ...]) -> re.Pattern[str]:
    # Compiled once per option value, not once per event.
    words = sorted((re.escape(c).replace(r"\ ", r"\s+") for c in channels), key=len,
                   reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


@rule(
    code="AC102",
    name="no-personal-channel",
    summary="A first contact from ACME does not move the talk to a personal channel.",
    why="ACME's code of conduct (§4) keeps business contacts on company channels (the "
    "network's messages, business e-mail and phone) so that conversations stay on record "
    "and personal data is not spread. Offering a direct line is welcome (seed 002 "
    "suggests it) — only personal messengers and private numbers are not.",
    source=SOURCE.format(section=4),
    kinds=FIRST_CONTACT,
    directions=OUTGOING,
    severity=Severity.WARNING,
    weight=2.0,
    options=PersonalChannelOptions,
    messages={
        "en": "The note moves the conversation to a personal channel (“{channel}”): "
        "offer your ACME e-mail or phone instead.",
        "de": "Die Notiz verlegt das Gespräch auf einen privaten Kanal („{channel}“): "
        "Bieten Sie stattdessen Ihre ACME-E-Mail-Adresse oder Telefonnummer an.",
    },
    bad=[
        request("Guten Tag Herr Berger, ich bin Jana von ACME. Schreiben Sie mir gern "
                "direkt per WhatsApp, dann geht es schneller."),
        message("Hi Alex, Jana from ACME here. Text me on my personal number, "
                "0171 5550123, and we'll set up a call."),
    ],
    good=[
        request("Guten Tag Herr Berger, ich bin Jana von ACME. Gern erreichen Sie mich "
                "unter jana.schroeder@acme.example oder 040 1234567."),
        message("Hi Alex, I'm Jana from ACME. Your point on data contracts sent a clear "
                "signal to our team; happy to talk by phone at the office."),
    ],
)
def no_personal_channel(event: Any, ctx: RuleContext) -> Any:
    """Fires when the note or first message names a personal messenger or a private
    number or address (the list is the `channels` option)."""
    text = first_contact_text(event)
    if text is None:
        return None
    found = _channel_pattern(tuple(ctx.options.channels)).search(text)
    if found is None:
        return None
    return ctx.report(span=found.span(), channel=found.group(0))


# --------------------------------------------------------------------------- AC103


@attrs.frozen
class NameTheCompanyOptions:
    """Options of AC103."""

    #: How the company may be named (any one suffices; case-insensitive, whole words).
    names: tuple[str, ...] = ("ACME",)


@functools.lru_cache(maxsize=16)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    words = (re.escape(n).replace(r"\ ", r"\s+") for n in names)
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


@rule(
    code="AC103",
    name="name-the-company",
    summary="A first contact from ACME says that it comes from ACME.",
    why="ACME's code of conduct (§1) asks everyone who reaches out on the company's "
    "behalf to say so in the first contact. Seeds 000 and 002 ask senders not to stay "
    "anonymous but to say who they are; for a company contact that includes the company.",
    source="ACME Outreach Code of Conduct §1; seeds 000, 002",
    kinds=FIRST_CONTACT,
    directions=OUTGOING,
    severity=Severity.WARNING,
    weight=1.0,
    options=NameTheCompanyOptions,
    messages={
        "en": "The note does not mention {company}: say that you write on behalf of "
        "{company}.",
        "de": "Die Notiz nennt {company} nicht: Schreiben Sie, dass Sie im Namen von "
        "{company} schreiben.",
    },
    bad=[
        request("Guten Tag Herr Berger, ich bin Jana Schröder und arbeite im Vertrieb. "
                "Ihr Vortrag zur Datenqualität hat mir gefallen."),
        message("Hi Alex, I'm Jana, I work in sales. Your talk on data quality was "
                "great; could we talk?"),
    ],
    good=[
        request("Guten Tag Herr Berger, ich bin Jana Schröder von Acme Analytics. Ihr "
                "Vortrag zur Datenqualität hat mir gefallen."),
        request(None),
    ],
)
def name_the_company(event: Any, ctx: RuleContext) -> Any:
    """Fires when a non-empty note or first message names none of the company's
    `names`. A request without a note is left to knigge's KN101 (missing-note)."""
    text = first_contact_text(event)
    names = tuple(ctx.options.names)
    if text is None or not names or _names_pattern(names).search(text):
        return None
    return ctx.report(company=names[0])


RULES = (no_emoji_first_contact, no_personal_channel, name_the_company)
