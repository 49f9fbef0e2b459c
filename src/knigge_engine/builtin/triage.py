"""Triage rules (KN2xx): an incoming contact request or first message.

The verdict (accept, accept and ask, ask first, decline) follows from the weights of
what these rules find; KN206 is the one good sign and carries a negative weight.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from .. import say as _say
from ..model import ContactRequest, Direction, Kind, Message, Severity
from ..rules import CAP_CONTACTS_HIDEABLE, CAP_REQUEST_NOTE, RuleContext, RuleResult, rule
from ._examples import message, request

IN = (Direction.INCOMING,)
REQUEST = (Kind.CONTACT_REQUEST,)
FIRST_CONTACT = (Kind.CONTACT_REQUEST, Kind.MESSAGE)

# --------------------------------------------------------------------------- KN201


@rule(
    code="KN201",
    name="incoming-without-note",
    summary="An incoming request arrived without a note, so its reason is unknown.",
    why="Seed 003 wants to know the reason behind a request and finds a bare request "
    "irritating; the trainer in seed 000/001 accepts such requests but always writes "
    "back, thanks, and asks what brought the person and how he can help.",
    source="seeds 000, 001, 003",
    kinds=REQUEST,
    directions=IN,
    requires=[CAP_REQUEST_NOTE],
    severity=Severity.INFO,
    weight=1.0,
    messages={
        # The fact only: what to do (ask, accept, decline) is the verdict's and the
        # reply's business, and may well be "decline".
        "en": "{name} sent the request without a note; the reason is unknown.",
        "de": "{name} hat die Anfrage ohne Notiz geschickt; der Anlass ist unbekannt.",
    },
    bad=[request("incoming", None, sender={"name": "Tobias Keller"}),
         request("incoming", "", sender={"name": "Tobias Keller"})],
    good=request("incoming", "Hallo Frau Owner, wir saßen gestern beim IHK-Vortrag "
                 "nebeneinander. Ich bin Tobias, Controller bei einem Logistiker.",
                 sender={"name": "Tobias Keller"}),
)
def incoming_without_note(event: ContactRequest, ctx: RuleContext[None]) -> RuleResult:
    """Fires when an incoming request has no note or an empty one, on platforms where
    the sender's account could have attached one."""
    if event.note is None or (ctx.text is not None and ctx.text.blank):
        return ctx.report(name=event.sender.name or event.sender.id)
    return None


# --------------------------------------------------------------------------- KN202

_DEFAULT_PLACEHOLDERS = (
    "tba", "tbd", "n/a", "na", "-", "--", "...", "…", ".", "privat", "private", "keine",
    "none", "xxx", "k.a.", "k. a.", "unknown", "unbekannt", "?",
)


@attrs.frozen
class OpaqueProfileOptions:
    """Options of KN202."""

    #: Values of headline or company that say nothing (compared case-insensitively,
    #: after trimming white space).
    placeholders: tuple[str, ...] = _DEFAULT_PLACEHOLDERS


#: Values longer than this are never a placeholder (KN202).
_PLACEHOLDER_CHARS = 256
#: How much of a headline KN204 reads for recruiting words.
_HEADLINE_CHARS = 1000
#: A name that is no name ("K.", "Mitglied", "n/a") is at most this long, trimmed.
_NAME_LABEL_CHARS = 32


@rule(
    code="KN202",
    name="opaque-profile",
    summary="The sender's profile does not show what they do: headline or company empty "
    "or a placeholder such as 'tba'.",
    why="The trainer in seed 000 accepts nobody whose profile does not reveal what they "
    "offer; seed 003 describes a request whose job and company both read only 'tba' and "
    "how hard that makes forming a picture.",
    source="seeds 000, 001, 003",
    kinds=FIRST_CONTACT,
    directions=IN,
    weight=2.0,
    options=OpaqueProfileOptions,
    messages={
        "en": "{name}'s profile does not show what they do ({fields}).",
        "de": "Das Profil von {name} zeigt nicht, was die Person beruflich macht "
        "({fields}).",
    },
    bad=request("incoming", None, sender={"name": "Max Beispiel", "headline": "tba",
                                          "company": "tba"}),
    good=request("incoming", None, sender={"name": "Max Beispiel",
                                           "headline": "Key Account Manager",
                                           "company": "Elbe Logistik GmbH"}),
)
def opaque_profile(
    event: ContactRequest | Message, ctx: RuleContext[OpaqueProfileOptions]
) -> RuleResult:
    """Fires when the headline or the company is known but blank or a placeholder.
    A field that is unknown (`null`) is no evidence."""
    placeholders = ctx.options.placeholders
    sender = event.sender
    headline, company = sender.headline, sender.company
    folded = _folded(placeholders)
    if (headline is None or _says_something(headline, folded)) and (
            company is None or _says_something(company, folded)):
        return None  # the common case, decided without building the labels
    empty = []
    labels = (("Berufsbezeichnung", "Firma") if ctx.locale == "de"
              else ("headline", "company"))
    for label, value in zip(labels, (sender.headline, sender.company), strict=True):
        if value is None:
            continue
        cleaned = value.strip()
        # A placeholder is a word or two: a longer value is not one, and is not
        # case-folded whole (bounded cost for any profile, docs/decisions.md).
        if not cleaned or (len(cleaned) <= _PLACEHOLDER_CHARS
                           and cleaned.casefold() in placeholders):
            empty.append(f"{label}: {_say.quote(value.strip(), ctx.locale)}")
    if not empty:
        return None
    return ctx.report(name=sender.name or sender.id, fields=", ".join(empty))


def _says_something(value: str, folded: frozenset[str] | tuple[str, ...]) -> bool:
    """Whether a headline or company is neither blank nor a placeholder (KN202);
    `folded` is `_folded(placeholders)`."""
    cleaned = value.strip()
    return bool(cleaned) and not (len(cleaned) <= _PLACEHOLDER_CHARS
                                  and cleaned.casefold() in folded)


#: KN202's placeholders as a set, by the options tuple they come from (a policy has few).
_PLACEHOLDER_SETS: dict[int, tuple[tuple[str, ...], frozenset[str]]] = {}


def _folded(placeholders: tuple[str, ...]) -> frozenset[str] | tuple[str, ...]:
    found = _PLACEHOLDER_SETS.get(id(placeholders))
    if found is not None and found[0] is placeholders:
        return found[1]
    if len(_PLACEHOLDER_SETS) >= 64 or not all(type(p) is str for p in placeholders):
        return placeholders  # unusual options: compare as the tuple does
    _PLACEHOLDER_SETS[id(placeholders)] = (placeholders, frozenset(placeholders))
    return _PLACEHOLDER_SETS[id(placeholders)][1]


# --------------------------------------------------------------------------- KN203


@rule(
    code="KN203",
    name="hidden-contacts",
    summary="The sender does not show their contacts (a weak signal).",
    why="Seed 003: when the author wanted to see whom an unknown requester knows, the "
    "contact list was not shared, which left nothing to judge the request by.",
    source="seed 003",
    kinds=REQUEST,
    directions=IN,
    requires=[CAP_CONTACTS_HIDEABLE],
    severity=Severity.INFO,
    weight=0.5,
    messages={
        "en": "{name} does not share their contact list, so you cannot see whom you both "
        "know.",
        "de": "{name} gibt die Kontaktliste nicht frei; Sie sehen nicht, wen Sie "
        "gemeinsam kennen.",
    },
    bad=request("incoming", None, sender={"name": "Max Beispiel", "contacts_visible": False}),
    good=request("incoming", None, sender={"name": "Max Beispiel", "contacts_visible": True}),
)
def hidden_contacts(event: ContactRequest, ctx: RuleContext[None]) -> RuleResult:
    """Fires when `contacts_visible` is known to be false."""
    if event.sender.contacts_visible is False:
        return ctx.report(name=event.sender.name or event.sender.id)
    return None


# --------------------------------------------------------------------------- KN204

_DEFAULT_RECRUITER_WORDS = (
    "recruiter", "recruiting", "talent acquisition", "headhunter", "personalberater",
    "personalberaterin", "personalvermittler", "personalvermittlerin", "sourcer",
    "executive search", "talent partner", "personalgewinnung",
)


@attrs.frozen
class ContactCollectorOptions:
    """Options of KN204."""

    #: More contacts than this, and not a recruiter: a collector.
    max_contacts: int = 4000
    #: Headline words that mark a recruiter (case-insensitive), when the profile does not
    #: say `recruiter` explicitly.
    recruiter_words: tuple[str, ...] = _DEFAULT_RECRUITER_WORDS


@rule(
    code="KN204",
    name="contact-collector",
    summary="The sender has more contacts than anyone can keep up with, and is not a "
    "recruiter.",
    why="Seed 004's author turns down requests from people with more than 4,000 contacts "
    "unless they recruit for a living: nobody else can keep up more than a few hundred "
    "real relationships.",
    source="seed 004",
    kinds=FIRST_CONTACT,
    directions=IN,
    weight=3.0,
    options=ContactCollectorOptions,
    messages={
        "en": "{name} has {count} contacts (more than {limit}) and is not a recruiter: "
        "more a collector than a contact.",
        "de": "{name} hat {count} Kontakte (mehr als {limit}) und ist nicht in der "
        "Personalberatung tätig: eher ein Sammler als ein Kontakt.",
    },
    bad=request("incoming", "Hallo, ich bin Vertriebscoach und freue mich auf Vernetzung!",
                sender={"name": "Rolf Maier", "contact_count": 6200,
                        "headline": "Vertriebscoach | Speaker"}),
    good=[
        request("incoming", "Hallo, ich bin Personalberaterin für IT-Positionen.",
                sender={"name": "Eva Roth", "contact_count": 9000,
                        "headline": "Personalberaterin IT"}),
        request("incoming", None, sender={"name": "Rolf Maier", "contact_count": 380}),
    ],
)
def contact_collector(
    event: ContactRequest | Message, ctx: RuleContext[ContactCollectorOptions]
) -> RuleResult:
    """Fires when `contact_count` is known and above `max_contacts` and the sender
    is not a recruiter: `recruiter` false, or unset and the headline names no
    recruiting word."""
    opts: ContactCollectorOptions = ctx.options
    sender = event.sender
    if sender.contact_count is None or sender.contact_count <= opts.max_contacts:
        return None
    if sender.recruiter is True:
        return None
    if sender.recruiter is None and sender.headline:
        # Headlines hold a few hundred characters on the platforms; read no more.
        headline = sender.headline[:_HEADLINE_CHARS].casefold()
        if any(word in headline for word in opts.recruiter_words):
            return None
    shown = {"count": _say.number(sender.contact_count, ctx.locale),
             "limit": _say.number(opts.max_contacts, ctx.locale)}
    return ctx.report(shown=shown, name=sender.name or sender.id,
                       count=sender.contact_count, limit=opts.max_contacts)


# --------------------------------------------------------------------------- KN205

# A "name" that is no name: blank, a lone initial, or a generic member label.
_NO_NAME = re.compile(
    r"\s*(?:[^\W\d_]\.?|member|mitglied|user|nutzer|benutzer|unknown|unbekannt|"
    r"anonym|anonymous|n/a)?\s*",
    re.IGNORECASE,
)


@rule(
    code="KN205",
    name="anonymous-sender",
    summary="The sender shows no real name or no photo.",
    why="Seed 002 asks members not to stay anonymous: a face and a name are the least a "
    "new contact can expect.",
    source="seed 002 (don't stay anonymous)",
    kinds=FIRST_CONTACT,
    directions=IN,
    weight=1.0,
    messages={
        "en": "{name} shows {missing}.",
        "de": "{name} zeigt {missing}.",
    },
    bad=[request("incoming", None, sender={"name": "K.", "has_photo": True}),
         request("incoming", None, sender={"name": "Karin Vogel", "has_photo": False})],
    good=request("incoming", None, sender={"name": "Karin Vogel", "has_photo": True}),
)
def anonymous_sender(event: ContactRequest | Message, ctx: RuleContext[None]) -> RuleResult:
    """Fires when the name is known and blank, a lone initial or a generic label, or
    when `has_photo` is known to be false."""
    sender = event.sender
    # A missing name is short once trimmed: a longer one is a name, and the pattern
    # only ever sees a few characters (bounded cost for any profile).
    trimmed = None if sender.name is None else sender.name.strip()
    no_name = trimmed is not None and len(trimmed) <= _NAME_LABEL_CHARS \
        and _NO_NAME.fullmatch(trimmed) is not None
    no_photo = sender.has_photo is False
    if not (no_name or no_photo):
        return None
    de = ctx.locale == "de"
    parts = []
    if no_name:
        parts.append("keinen echten Namen" if de else "no real name")
    if no_photo:
        parts.append("kein Foto" if de else "no photo")
    label = (sender.name or "").strip() or sender.id
    return ctx.report(name=label, missing=(" und " if de else " and ").join(parts),
                      no_name=no_name, no_photo=no_photo)


# --------------------------------------------------------------------------- KN206


@rule(
    code="KN206",
    name="shared-context",
    summary="A good sign: shared groups or interests, mutual contacts, prior contact, or "
    "a note that names where you met.",
    why="Seed 004 recommends networking inside groups of shared interests, which filters "
    "for people who fit; the trainer in seed 001 notes that contacts help when something "
    "connects them, such as a talk both attended.",
    source="seeds 001, 004",
    kinds=FIRST_CONTACT,
    directions=IN,
    severity=Severity.INFO,
    weight=-1.5,
    messages={
        "en": "Shared context with {name}: {evidence}.",
        "de": "Gemeinsamer Bezug zu {name}: {evidence}.",
    },
    # A good sign: the "bad" example is where it fires, the "good" one where it is silent.
    bad=request("incoming", "Hallo Jana, wir haben uns auf dem Barcamp Stuttgart "
                "kennengelernt. Ich bin Nina, UX-Designerin.",
                sender={"name": "Nina Lorenz", "mutual_contacts": 4}),
    good=request("incoming", "Hallo, ich bin Berater und würde mich gern vernetzen.",
                 sender={"name": "Nina Lorenz", "mutual_contacts": 0, "prior_contact": False}),
)
def shared_context(event: ContactRequest | Message, ctx: RuleContext[None]) -> RuleResult:
    """Fires (as a good sign) when any of: `prior_contact` true, mutual contacts > 0,
    groups shared with the owner (from the policy's `[owner] groups`), a
    `context.met_at`, or a note that names where you met or why."""
    sender = event.sender
    de = ctx.locale == "de"
    evidence = []
    if sender.prior_contact is True:
        evidence.append("Sie kennen sich bereits" if de else "you have met before")
    if sender.mutual_contacts:
        evidence.append(_say.plural(sender.mutual_contacts,
                                    *(("gemeinsamer Kontakt", "gemeinsame Kontakte") if de
                                      else ("mutual contact", "mutual contacts")),
                                    ctx.locale))
    owner = ctx.owner
    if sender.groups and owner is not None and owner.groups:
        common = sorted(set(sender.groups) & set(owner.groups))
        if common:
            label = (("Gruppe: ", "Gruppen: ") if de else ("group: ", "groups: "))[
                len(common) > 1]
            evidence.append(label + ", ".join(common[:3]))
    if event.context and event.context.get("met_at"):
        evidence.append(("kennengelernt bei: " if de else "met at: ")
                        + str(event.context["met_at"]))
    # Only a named shared context counts (where you met, a group, a mutual contact, a
    # referral): praise of the owner's work is a reason to write, not something the two
    # share. A pitch that flatters is none either, and sponsored mail is not personal.
    sponsored = bool(event.context and event.context.get("sponsored") is True)
    if (ctx.text is not None and ctx.text.shared and not ctx.text.sales_phrases
            and not sponsored):
        # Spans often overlap or touch: quote the merged phrases, not the fragments.
        phrases = _say.merge_spans(ctx.text.shared, event.text or "")
        quoted = _say.quotes(phrases, ctx.locale, limit=2)
        if event.kind is Kind.MESSAGE:
            label = "die Nachricht nennt " if de else "the message says "
        else:
            label = "die Notiz nennt " if de else "the note says "
        evidence.append(label + quoted)
    if not evidence:
        return None
    return ctx.report(name=sender.name or sender.id, evidence="; ".join(evidence))


# --------------------------------------------------------------------------- KN207


def _opens_after_connecting(event: Any, ctx: RuleContext[Any]) -> bool:
    """Whether a message that answers something is still the sender's first word: it
    answers a contact request, its resolution, or the request's note as an export
    repeats it in the thread (`context.invitation_note`). Without a history that is
    unknown, and unknown is no evidence."""
    history = ctx.history
    if history is None:
        return False
    answered = history.get(event.platform, event.in_reply_to)
    if answered is None:
        return False
    if answered.kind is Kind.CONTACT_REQUEST or answered.kind is Kind.REQUEST_RESOLVED:
        return True
    return bool(answered.context and answered.context.get("invitation_note") is True)


@rule(
    code="KN207",
    name="incoming-sales-pitch",
    summary="An incoming first note or message is a sales pitch.",
    why="Seed 004: acquisition attempts and 'x secret tips' teasers are what make people "
    "click contact collectors away; business comes after the person, if at all.",
    source="seed 004",
    kinds=FIRST_CONTACT,
    directions=IN,
    weight=3.0,
    messages={
        "en": "{name} opens with a sales pitch ({phrases}).",
        "de": "{name} beginnt mit einem Verkaufsangebot ({phrases}).",
    },
    bad=[
        request("incoming", "Hallo! Ich zeige Ihnen 5 geheime Tipps, mit denen Sie mehr "
                "Umsatz machen. Jetzt kostenloses Erstgespräch buchen!",
                sender={"name": "Sven Akquise"}),
        message("incoming", "Hi, our product helps you generate leads on autopilot. Start "
                "your free trial today!", sender={"name": "Growth Bot"}),
    ],
    good=request("incoming", "Hallo Jana, ich habe Ihren Beitrag zur Barrierefreiheit "
                 "gelesen und bin selbst Entwicklerin in Freiburg.",
                 sender={"name": "Mia Schulz"}),
)
def incoming_sales_pitch(event: ContactRequest | Message, ctx: RuleContext[None]) -> RuleResult:
    """Fires when an incoming first note or message contains a phrase of KN105's list or
    a numbered tips teaser. A message that answers the owner's request (or its note, or
    its acceptance) is still a first message: pitching right after connecting counts."""
    text = ctx.text
    if text is None or text.blank or not text.sales_phrases:
        return None
    if isinstance(event, Message) and event.in_reply_to is not None \
            and not _opens_after_connecting(event, ctx):
        return None
    first = text.sales_phrases[0]
    quoted = _say.quotes((p[0] for p in text.sales_phrases), ctx.locale)
    return ctx.report(span=(first[1], first[2]), name=event.sender.name or event.sender.id,
                      phrases=quoted)


RULES = (
    incoming_without_note,
    opaque_profile,
    hidden_contacts,
    contact_collector,
    anonymous_sender,
    shared_context,
    incoming_sales_pitch,
)
