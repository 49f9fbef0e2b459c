"""Coach rules (KN1xx): an outgoing contact request or first message, before it is sent.

Sources are the seed articles listed in `docs/sources.md`: 000/001 (interview with a
networking trainer), 002 (a business-network etiquette post with comments), 003 ("with a note,
please"), 004 (selective networking).
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from .. import say as _say
from ..model import Action, ContactRequest, Direction, Kind, Message, Seniority, Severity
from ..rules import CAP_REQUEST_NOTE, RuleContext, RuleResult, rule
from ..text import ANALYSIS_LIMIT, DEFAULT_SALES_PHRASES, TextAnalysis
from ._examples import message, request

OUT = (Direction.OUTGOING,)
REQUEST = (Kind.CONTACT_REQUEST,)
FIRST_CONTACT = (Kind.CONTACT_REQUEST, Kind.MESSAGE)


def first_text(event: Any, ctx: RuleContext[Any]) -> TextAnalysis | None:
    """The text analysis of a first contact's note or message, or `None` when there is
    nothing to judge: no note, an empty note (KN101 covers those), a message that
    replies to something, a message to someone known to be a 1st-degree contact or met
    before, a message in a thread that history does not show to be the first
    exchange with that person, or a short remark in a thread that reads as a turn of a
    chat (`chat_line`; only first contacts are coached)."""
    if ctx.text is None or ctx.text.blank or ctx.text.hollow or not ctx.text.readable:
        # Nothing to judge: empty or greeting-only (KN101 covers requests), or written
        # in a language the heuristics cannot read (unknown is no evidence).
        return None
    if event.kind is Kind.MESSAGE:
        if event.in_reply_to is not None:
            return None
        # A message to a group chat (``context.group``) is no first contact to a person.
        if event.context and event.context.get("group") is True:
            return None
        # A new chat with someone already in the network is no first contact.
        other = event.recipient
        if other.degree == 1 or other.prior_contact is True:
            return None
        if event.thread is not None:
            # A message in a thread may continue a conversation: only history can tell
            # that it opens one. Without history that is unknown, and unknown is no
            # evidence.
            if ctx.history is None:
                return None
            earlier = ctx.history.count(platform=event.platform, party=other.id,
                                        until=event.at)
            if earlier:
                return None
            if chat_line(ctx.text):
                # "Cute DP", "Are you going to join? This looks good.": a remark that
                # jumps in without a salutation presupposes a running conversation (one
                # the export does not show in full, or one held elsewhere), not a first
                # contact's opening. Anything that asks, pitches or introduces the
                # sender is still judged as an opening.
                return None
    return ctx.text


#: Longest remark (in words) that counts as a turn of a chat rather than an opening.
CHAT_LINE_MAX_WORDS = 8


def chat_line(text: Any) -> bool:
    """Whether a thread message reads as a turn in a running conversation: at most
    `CHAT_LINE_MAX_WORDS` words, no salutation, and nothing a first message does
    (no ask, no pitch, no self-introduction)."""
    return (text.words <= CHAT_LINE_MAX_WORDS and text.greeting is None
            and not text.asks and not text.sales_phrases
            and text.self_introduction is None)


# --------------------------------------------------------------------------- KN101


@rule(
    code="KN101",
    name="missing-note",
    summary="An outgoing contact request carries no personal note.",
    why="A request without a word leaves the recipient guessing who you are and what you "
    "want; the trainer in seed 000/001 doubts that such wordless contacts bring either "
    "side anything, and "
    "seed 003 asks for a note with every request out of plain respect. Seed 002 advises "
    "against connecting without any prior exchange.",
    source="seeds 000, 001, 002 (b), 003 §2-3",
    kinds=REQUEST,
    directions=OUT,
    requires=[CAP_REQUEST_NOTE],
    severity=Severity.WARNING,
    weight=2.0,
    messages={
        "en": "The request has no note: say who you are and why you want to connect.",
        "de": "Die Anfrage hat keine Notiz: Schreiben Sie, wer Sie sind und warum Sie "
        "sich vernetzen möchten.",
        "en.blank": "The note is empty ({chars}): say who you are and why you want to "
        "connect.",
        "de.blank": "Die Notiz ist leer ({chars}): Schreiben Sie, wer Sie sind und warum "
        "Sie sich vernetzen möchten.",
        "en.hollow": "The note says nothing beyond a greeting (“{note}”): say who you are "
        "and why you want to connect.",
        "de.hollow": "Die Notiz enthält nur eine Anrede („{note}“): Schreiben Sie, wer Sie "
        "sind und warum Sie sich vernetzen möchten.",
    },
    bad=[request("outgoing", None), request("outgoing", "   "),
         request("outgoing", "Hi Sam 👋"), request("outgoing", "\n  Hallo Frau Berger,\n")],
    good=request(
        "outgoing",
        "Hallo Frau Berger, ich bin Projektleiterin bei der Stadtwerke Kiel GmbH und habe "
        "Ihren Vortrag zur Wärmewende auf der Messe gehört. Ich würde mich gern vernetzen.",
        platform="generic",
    ),
)
def missing_note(event: ContactRequest, ctx: RuleContext[None]) -> RuleResult:
    """Fires when the request has no note (`null`), an attached note that is empty
    or only white space, or one that says nothing beyond a salutation and a name ("Hi
    Sam 👋"). Silent on platforms whose requests cannot carry a note for the
    sender's account type, and when that account type is unknown there."""
    if event.note is None:
        return ctx.report()
    if ctx.text is not None and ctx.text.blank:
        chars = ctx.text.chars
        de = ctx.locale == "de"
        if chars == 0:
            shown = "kein einziges Zeichen" if de else "not a single character"
        else:
            shown = ("nur " if de else "only ") + _say.plural(
                chars, *(("Leerzeichen", "Leerzeichen") if de
                         else ("white-space character", "white-space characters")),
                ctx.locale)
        return ctx.report(shown={"chars": shown}, message_key="blank", chars=chars)
    if ctx.text is not None and ctx.text.hollow:
        return ctx.report(message_key="hollow", note=_say.folded_prefix(event.note, 60))
    return None


# --------------------------------------------------------------------------- KN102


@rule(
    code="KN102",
    name="no-stated-reason",
    summary="The note or message does not say why this particular person.",
    why="Seed 002 asks every first contact to say directly why you are addressing exactly "
    "this person; seed 003 wants a reason behind every request, spelled out unless the "
    "other side obviously knows it.",
    source="seeds 002 (a), 003 §1",
    kinds=FIRST_CONTACT,
    directions=OUT,
    weight=1.5,
    messages={
        "en": "The {subject} does not say why you are contacting this person: mention their "
        "work, where you met, a shared group or contact, or your concrete concern.",
        "de": "Die {subject} sagt nicht, warum Sie gerade diese Person "
        "ansprechen: Nennen Sie ihre Arbeit, wo Sie sich kennengelernt haben, eine "
        "gemeinsame Gruppe oder einen gemeinsamen Kontakt oder Ihr konkretes Anliegen.",
    },
    bad=[
        request("outgoing", "Hallo Herr Vogt, ich würde mich freuen, Sie als Kontakt "
                "hinzuzufügen. Viele Grüße, Jana"),
        request("outgoing", "Hi Sam, I'd like to add you to my professional network."),
    ],
    good=[
        request("outgoing", "Hallo Herr Vogt, wir haben uns am Dienstag beim Meetup "
                "Data Science Köln kennengelernt. Ich würde gern in Kontakt bleiben."),
        request("outgoing", "Hi Sam, I enjoyed your talk on API design at PyCon DE and "
                "would like to stay in touch."),
    ],
)
def no_stated_reason(event: ContactRequest | Message, ctx: RuleContext[None]) -> RuleResult:
    """Fires when a non-empty first note contains no reference to the person (their
    talk, post, work), to a shared context (an event, a group, a mutual contact) or to a
    concrete concern ("because", "weil"). A `context.met_at` on the event does not
    count: the recipient cannot see it unless the note says it."""
    text = first_text(event, ctx)
    if text is None or text.reasons:
        return None
    return ctx.report(words=text.words)


# --------------------------------------------------------------------------- KN103


@rule(
    code="KN103",
    name="no-self-introduction",
    summary="The note or message does not say who the sender is or what they do.",
    why="Seed 000 asks who would help someone who did not even take the time to "
    "introduce themselves; seed 002 warns against staying anonymous.",
    source="seeds 000, 002 (don't stay anonymous)",
    kinds=FIRST_CONTACT,
    directions=OUT,
    weight=1.0,
    messages={
        "en": "The {subject} does not introduce you: add one sentence on who you are and what "
        "you do.",
        "de": "Die {subject} stellt Sie nicht vor: Ergänzen Sie einen Satz dazu, wer Sie sind "
        "und was Sie beruflich machen.",
    },
    bad=[
        request("outgoing", "Hallo Frau Lindner, Ihr Artikel über Lieferketten hat mir "
                "gefallen. Gerne würde ich mich vernetzen."),
        request("outgoing", "Hi Priya, your article on supply chains was great. Let's "
                "connect!"),
    ],
    good=[
        request("outgoing", "Hallo Frau Lindner, ich bin Einkaufsleiterin bei einem "
                "Maschinenbauer in Ulm. Ihr Artikel über Lieferketten hat mir gefallen."),
        request("outgoing", "Hi Priya, I'm a logistics analyst at a retailer in Leeds. "
                "Your article on supply chains was great."),
    ],
)
def no_self_introduction(event: ContactRequest | Message, ctx: RuleContext[None]) -> RuleResult:
    """Fires when a non-empty first note has no self-introduction ("ich bin …",
    "mein Name ist …", "I'm …", "I work at …")."""
    text = first_text(event, ctx)
    if text is None or text.self_introduction is not None:
        return None
    return ctx.report()


# --------------------------------------------------------------------------- KN104


@attrs.frozen
class NoteTooLongOptions:
    """Options of KN104."""

    #: Longest note (in words) for a recipient who is not an executive, or unknown.
    max_words: int = 80
    #: Longest note (in words) for an executive: the higher up, the less time.
    max_words_executive: int = 50


@rule(
    code="KN104",
    name="note-too-long",
    summary="The note or message is longer than a busy recipient reads; shorter still "
    "for executives.",
    why="Seed 002 asks for brevity and reminds that the higher someone stands in a "
    "company, the less time they have for networking.",
    source="seed 002 (a)",
    kinds=FIRST_CONTACT,
    directions=OUT,
    weight=1.0,
    options=NoteTooLongOptions,
    messages={
        "en": "The {subject} has {words} words; keep a first {subject} to {limit}.",
        "de": "Die {subject} hat {words} Wörter; eine erste {subject} sollte höchstens "
        "{limit} haben.",
        "en.executive": "The {subject} has {words} words; for an executive, keep it to "
        "{limit}.",
        "de.executive": "Die {subject} hat {words} Wörter; für eine Führungskraft sollten "
        "es höchstens {limit} sein.",
    },
    bad=[
        request(
            "outgoing",
            "Sehr geehrter Herr Dr. Albrecht, ich bin Vertriebsleiter bei der Nordlicht "
            "Software GmbH in Hamburg und verfolge seit einiger Zeit Ihre Beiträge über "
            "die Digitalisierung im Mittelstand. Besonders Ihr letzter Artikel über "
            "Cloud-Strategien hat mich beschäftigt, weil wir in unserem Haus gerade vor "
            "ähnlichen Fragen stehen und ich gern verstehen würde, wie Sie die Migration "
            "alter Systeme angehen. Ich würde mich sehr freuen, wenn wir uns vernetzen und "
            "vielleicht einmal kurz austauschen könnten. Mit freundlichen Grüßen",
            recipient={"seniority": "executive"},
        ),
    ],
    good=request(
        "outgoing",
        "Guten Tag Herr Dr. Albrecht, ich bin Vertriebsleiter bei Nordlicht Software. "
        "Ihr Artikel über Cloud-Strategien im Mittelstand hat mich überzeugt. Ich würde "
        "mich gern vernetzen.",
        recipient={"seniority": "executive"},
    ),
)
def note_too_long(
    event: ContactRequest | Message, ctx: RuleContext[NoteTooLongOptions]
) -> RuleResult:
    """Fires when a first note has more words than `max_words`, or than
    `max_words_executive` when the recipient is known to be an executive."""
    text = first_text(event, ctx)
    if text is None:
        return None
    opts: NoteTooLongOptions = ctx.options
    if event.recipient.seniority is Seniority.EXECUTIVE:
        if text.words > opts.max_words_executive:
            return ctx.report(shown=_numbers(ctx, words=text.words,
                                             limit=opts.max_words_executive),
                               message_key="executive", words=text.words,
                               limit=opts.max_words_executive)
        return None
    if text.words > opts.max_words:
        return ctx.report(shown=_numbers(ctx, words=text.words, limit=opts.max_words),
                           words=text.words, limit=opts.max_words)
    return None


def _numbers(ctx: RuleContext[Any], **values: int) -> dict[str, str]:
    """`values` as the message shows them (digit grouping by locale)."""
    return {k: _say.number(v, ctx.locale) for k, v in values.items()}


# --------------------------------------------------------------------------- KN105


@attrs.frozen
class SalesPitchOptions:
    """Options of KN105 (KN207 reads the same phrases)."""

    #: Phrases (German and English, case-insensitive, whole words) that mark a pitch.
    #: Numbered "tips" teasers ("7 geheime Tipps") are always recognised.
    phrases: tuple[str, ...] = DEFAULT_SALES_PHRASES


@rule(
    code="KN105",
    name="sales-pitch",
    summary="A first contact pushes products, services, offers or 'x secret tips'.",
    why="Seed 004: person first, business maybe later; mass acquisition and teasers of "
    "the 'x super-secret tips' kind put off exactly the people worth knowing.",
    source="seed 004",
    kinds=FIRST_CONTACT,
    directions=OUT,
    severity=Severity.WARNING,
    weight=3.0,
    options=SalesPitchOptions,
    messages={
        "en": "The {subject} reads as a sales pitch ({phrases}): get to know the person first, "
        "business can come later.",
        "de": "Die {subject} liest sich wie ein Verkaufsgespräch ({phrases}): Lernen Sie erst "
        "die Person kennen, das Geschäft kann später kommen.",
    },
    bad=[
        request("outgoing", "Hallo Herr Kaya, ich bin Berater bei Umsatzplus. Mit "
                "unseren 7 geheimen Tipps steigern Sie Ihren Umsatz. Jetzt kostenloses "
                "Erstgespräch sichern!"),
        message("outgoing", "Hi Dana, I'm the founder of LeadRocket. Book a demo today and "
                "get a 30% discount on our lead generation product."),
    ],
    good=[
        request("outgoing", "Hallo Herr Kaya, ich bin Berater in Leipzig und habe Ihren "
                "Beitrag in der Gruppe Vertrieb im Mittelstand gelesen. Gern vernetze ich "
                "mich."),
    ],
)
def sales_pitch(event: ContactRequest | Message, ctx: RuleContext[SalesPitchOptions]) -> RuleResult:
    """Fires when a first note contains one of the `phrases` or a numbered tips
    teaser; the message quotes what was found."""
    text = first_text(event, ctx)
    if text is None or not text.sales_phrases:
        return None
    first = text.sales_phrases[0]
    quoted = _say.quotes((p[0] for p in text.sales_phrases), ctx.locale)
    return ctx.report(span=(first[1], first[2]), phrases=quoted,
                      count=len(text.sales_phrases))


# --------------------------------------------------------------------------- KN106


@rule(
    code="KN106",
    name="cold-second-degree",
    summary="A cold request to a 2nd-degree contact: ask the mutual contact to introduce "
    "you instead.",
    why="The trainer in seed 001 advises against approaching useful second-degree "
    "contacts directly: ask your direct contact whether they can make the connection.",
    source="seed 001",
    kinds=REQUEST,
    directions=OUT,
    weight=1.0,
    action=Action.ASK_FOR_INTRODUCTION,
    messages={
        "en": "{name} is a 2nd-degree contact you have not met ({mutual} mutual "
        "contacts): ask one of them to introduce you.",
        "de": "{name} ist ein Kontakt 2. Grades, den Sie noch nicht kennen ({mutual} "
        "gemeinsame Kontakte): Bitten Sie einen davon, Sie vorzustellen.",
        "en.one": "{name} is a 2nd-degree contact you have not met (1 mutual contact): "
        "ask them to introduce you.",
        "de.one": "{name} ist ein Kontakt 2. Grades, den Sie noch nicht kennen (1 "
        "gemeinsamer Kontakt): Bitten Sie diesen Kontakt, Sie vorzustellen.",
        "en.unknown": "{name} is a 2nd-degree contact you have not met: ask a mutual "
        "contact to introduce you.",
        "de.unknown": "{name} ist ein Kontakt 2. Grades, den Sie noch nicht kennen: "
        "Bitten Sie einen gemeinsamen Kontakt, Sie vorzustellen.",
    },
    bad=request("outgoing", "Hallo Frau Roth, ich bin Gründerin eines Start-ups in Jena "
                "und habe Ihr Interview gelesen.",
                recipient={"name": "Clara Roth", "degree": 2, "prior_contact": False,
                           "mutual_contacts": 3}),
    good=request("outgoing", "Hallo Frau Roth, schön, dass wir uns gestern beim "
                 "Gründerfrühstück kennengelernt haben. Ich bin Gründerin in Jena.",
                 recipient={"name": "Clara Roth", "degree": 2, "prior_contact": True,
                            "mutual_contacts": 3}),
)
def cold_second_degree(event: ContactRequest, ctx: RuleContext[None]) -> RuleResult:
    """Fires for a request to a recipient of degree 2 with `prior_contact` known to be
    false. Proposes `ask_for_introduction`; the suggested reply is the request to a
    mutual contact."""
    other = event.recipient
    if other.degree != 2 or other.prior_contact is not False:
        return None
    mutual = other.mutual_contacts
    # No count (or a 0 that contradicts the degree) names no one to ask: leave it out.
    key = "unknown" if not mutual else "one" if mutual == 1 else None
    return ctx.report(shown={"mutual": _say.number(mutual or 0, ctx.locale)},
                       message_key=key, name=other.name or other.id, mutual=mutual)


# --------------------------------------------------------------------------- KN107


@rule(
    code="KN107",
    name="stranger-request",
    summary="A request to a 3rd-degree person with no prior contact and no shared "
    "context: write a message first, or share your contact details without connecting.",
    why="Seed 002: without any earlier contact, online or offline, do not link up "
    "directly (unless you want to look like a hunter-gatherer); offer to talk, or share "
    "your details without connecting.",
    source="seed 002 (b)",
    kinds=REQUEST,
    directions=OUT,
    weight=2.0,
    messages={
        "en": "You have never been in touch with {name} ({link}), and the note names "
        "nothing you share: write a message first.",
        "de": "Sie hatten noch keinen Kontakt mit {name} ({link}), und die Notiz nennt "
        "keinen gemeinsamen Bezug: Schreiben Sie zuerst eine Nachricht.",
        "en.no_note": "You have never been in touch with {name} ({link}), and the request "
        "has no note that names anything you share: write a message first.",
        "de.no_note": "Sie hatten noch keinen Kontakt mit {name} ({link}), und die Anfrage "
        "hat keine Notiz, die einen gemeinsamen Bezug nennt: Schreiben Sie zuerst eine "
        "Nachricht.",
    },
    bad=request("outgoing", None,
                recipient={"name": "Ole Jensen", "degree": 3, "prior_contact": False,
                           "mutual_contacts": 0}),
    good=request("outgoing", "Hi Ole, we met at the Nordic Fintech Week in Copenhagen "
                 "last month. I'm a product manager at a payments start-up.",
                 recipient={"name": "Ole Jensen", "degree": 3, "prior_contact": False,
                            "mutual_contacts": 0}),
)
def stranger_request(event: ContactRequest, ctx: RuleContext[None]) -> RuleResult:
    """Fires when the recipient's degree is 3 or more, `prior_contact` is known to be
    false, no mutual contacts are known, and the note (if any) names no shared context.
    A `context.met_at` on the event also counts as shared context."""
    other = event.recipient
    if other.degree is None or other.degree < 3 or other.prior_contact is not False:
        return None
    if other.mutual_contacts:
        return None
    if event.context and event.context.get("met_at"):
        return None
    # Only a shared context counts: praising their article is a reason to write, but
    # they still do not know you. A note the heuristics cannot read is no evidence.
    if ctx.text is not None and (ctx.text.shared or not ctx.text.readable):
        return None
    de = ctx.locale == "de"
    link = (f"Kontakt {other.degree}. Grades" if de
            else f"{_say.ordinal_en(other.degree)}-degree contact")
    if other.mutual_contacts == 0:
        link += ", keine gemeinsamen Kontakte" if de else ", no mutual contacts"
    blank = ctx.text is None or ctx.text.blank
    return ctx.report(shown={"link": link}, message_key="no_note" if blank else None,
                       name=other.name or other.id, degree=other.degree,
                       mutual=other.mutual_contacts)


# --------------------------------------------------------------------------- KN108


@rule(
    code="KN108",
    name="takes-without-giving",
    summary="The note or message asks for something (a job, an introduction, a call, a purchase) "
    "and offers nothing.",
    why="The trainer in seed 001 holds that one should always put something into a "
    "relationship first: an idea, a contact, two minutes of help.",
    source="seed 001",
    kinds=FIRST_CONTACT,
    directions=OUT,
    weight=1.0,
    messages={
        "en": "The {subject} asks for something ({asks}) but offers nothing in return: add "
        "what you can give.",
        "de": "Die {subject} bittet um etwas ({asks}), bietet aber nichts an: Ergänzen Sie, "
        "was Sie geben können.",
    },
    bad=[
        request("outgoing", "Hallo Herr Brandt, ich bin Entwickler in Bremen. Könnten "
                "Sie mich bei Ihrer Personalabteilung für eine Stelle empfehlen?"),
        request("outgoing", "Hi Maria, I'm a data engineer in Berlin. Could you introduce "
                "me to your CTO?"),
    ],
    good=[
        request("outgoing", "Hallo Herr Brandt, ich bin Entwickler in Bremen. Ich habe "
                "eine Idee für Ihr Open-Source-Projekt und helfe gerne beim Testen. "
                "Hätten Sie Zeit für ein kurzes Gespräch?"),
    ],
)
def takes_without_giving(event: ContactRequest | Message, ctx: RuleContext[None]) -> RuleResult:
    """Fires when a first note asks for something (an ask, or a pitch that names a price
    or a purchase: that asks the reader to buy) and offers nothing. Something offered for
    free ("a free audit", "Can I send you …", "Gerne zeige ich Ihnen …") is an offer, even
    inside a pitch; a pitch that only describes the sender's business asks nothing."""
    text = first_text(event, ctx)
    if text is None:
        return None
    offers = text.offers
    if text.sales_phrases:
        # Inside a pitch, "I'll show you how …" is the sales demo itself, not a gift.
        offers = tuple(o for o in offers if not _SHOW.search(o[0]))
    if offers:
        return None
    free = [p for p in text.sales_phrases if _FREE.search(p[0])]
    if free:
        return None
    priced = [p for p in text.sales_phrases if _PRICE.search(p[0])]
    if text.sales_phrases and not priced:
        # A pitch that names its price anywhere ("24h Lieferzeit. 197€.") asks to buy.
        body = event.text or ""
        # Only where the analysis read (text.ANALYSIS_LIMIT from the first non-blank).
        m = _AMOUNT.search(body, 0, len(body) - len(body.lstrip()) + ANALYSIS_LIMIT)
        if m is not None:
            priced = [(m.group(), m.start(), m.end())]
    asks = sorted((*text.asks, *priced), key=lambda a: a[1])
    if not asks:
        return None
    first = asks[0]
    quoted = _say.quotes((a[0] for a in asks), ctx.locale)
    return ctx.report(span=(first[1], first[2]), asks=quoted)


_SHOW = re.compile(r"\b(?:show|zeig\w*|demonstr\w*|walk you through)\b", re.IGNORECASE)
# Bounded runs: a long row of "1,1,1,…" costs linear time, not quadratic.
_AMOUNT = re.compile(r"[$€£]\s?\d|\b\d[\d.,]{0,15}+\s?(?:€|eur\b|euro\b|usd\b|dollars?\b)",
                     re.IGNORECASE)
_FREE = re.compile(r"\b(?:free|kostenlos\w*|gratis|audit)\b", re.IGNORECASE)
# A pitch that names a price or a purchase asks the reader to buy.
_PRICE = re.compile(r"[$€£]|\d\s*(?:%|€|eur\b|euro|usd|dollar)|\b(?:buy|kauf\w*|"
                    r"bestell\w*|order|book|buch\w*|preis\w*|price|pricing|rate|kosten|"
                    r"festpreis)\b", re.IGNORECASE)


# --------------------------------------------------------------------------- KN109


@rule(
    code="KN109",
    name="missing-greeting",
    summary="The note or message has no salutation.",
    why="Seed 002 asks for a friendly first contact, as if you stood face to face: that "
    "starts with a greeting.",
    source="seed 002 (a)",
    kinds=FIRST_CONTACT,
    directions=OUT,
    severity=Severity.INFO,
    weight=0.5,
    messages={
        "en": "The {subject} starts without a greeting (“{start} …”): open with “Hello” or "
        "“Dear” and the name.",
        "de": "Die {subject} beginnt ohne Anrede („{start} …“): Beginnen Sie mit „Hallo“ "
        "oder „Guten Tag“ und dem Namen.",
    },
    bad=[
        request("outgoing", "Ich bin Steuerberaterin in Graz und lese Ihre Beiträge zum "
                "Umsatzsteuerrecht gern."),
        request("outgoing", "Saw your post on Kubernetes costs, I run platform teams at a "
                "bank."),
    ],
    good=[
        request("outgoing", "Guten Tag Frau Huber, ich bin Steuerberaterin in Graz und "
                "lese Ihre Beiträge zum Umsatzsteuerrecht gern."),
        request("outgoing", "Hello Tom, I saw your post on Kubernetes costs; I run platform "
                "teams at a bank."),
    ],
)
def missing_greeting(event: ContactRequest | Message, ctx: RuleContext[None]) -> RuleResult:
    """Fires when a non-empty first note does not start with a salutation."""
    text = first_text(event, ctx)
    if text is None or text.greeting is not None:
        return None
    body = event.text or ""
    start = _say.first_words(body, 3)
    return ctx.report(span=(0, min(len(body), 40)), start=start)


# --------------------------------------------------------------------------- KN111


@attrs.frozen
class MixedAddressOptions:
    """Options of KN111."""

    #: The form of address expected in a German first note: "sie", "du", or unset
    #: (only mixing both forms is flagged). A platform plugin may set a default.
    form: str | None = attrs.field(default=None)

    @form.validator
    def _check(self, attribute: Any, value: str | None) -> None:
        if value not in (None, "sie", "du"):
            raise ValueError(f"expected 'sie' or 'du', found {value!r}")


@rule(
    code="KN111",
    name="mixed-address",
    summary="A German note mixes 'Sie' and 'Du', or uses a form the norm forbids for a "
    "first contact.",
    why="Seed 002 closes by asking networkers to take care with their language; switching "
    "between the formal and informal 'you' within one note reads careless.",
    source="seed 002 (PS: language care)",
    kinds=FIRST_CONTACT,
    directions=OUT,
    weight=1.0,
    options=MixedAddressOptions,
    messages={
        "en": "The {subject} mixes formal “Sie” and informal “du”: {sie} but {du}. Pick "
        "one form.",
        "de": "Die {subject} mischt „Sie“ und „Du“: {sie}, aber {du}. Bleiben Sie bei einer "
        "Form.",
        "en.close": "The {subject} mixes formal “Sie” and informal “du” ({both}): pick one "
        "form.",
        "de.close": "Die {subject} mischt „Sie“ und „Du“ ({both}): Bleiben Sie bei einer "
        "Form.",
        "en.form": "The {subject} says “{found}” ({markers}), but a first contact here is "
        "expected to say “{expected}”.",
        "de.form": "Die {subject} verwendet die {found}-Form ({markers}); für einen "
        "Erstkontakt wird hier die {expected}-Form erwartet.",
    },
    bad=[
        request("outgoing", "Hallo Herr Nowak, ich bin Tischlerin in Kassel. Können Sie "
                "mir sagen, ob du noch Aufträge für Einbauschränke vergibst?"),
        {"event": request("outgoing", "Hallo Lena, ich bin Grafikerin in Mainz und mag "
                          "deine Illustrationen sehr."),
         "policy": {"rules": {"KN111": {"form": "sie"}}}},
    ],
    good=[
        request("outgoing", "Hallo Herr Nowak, ich bin Tischlerin in Kassel. Können Sie "
                "mir sagen, ob Sie noch Aufträge für Einbauschränke vergeben?"),
    ],
)
def mixed_address(
    event: ContactRequest | Message, ctx: RuleContext[MixedAddressOptions]
) -> RuleResult:
    """Fires when a German first note contains both formal and informal markers, or when
    the `form` option is set and the note uses only the other form."""
    text = first_text(event, ctx)
    if text is None or text.address_form is None:
        return None
    if text.address_form == "mixed":
        sie, du = text.sie_markers[0], text.du_markers[0]
        span = (min(sie[1], du[1]), max(sie[2], du[2]))
        body = event.text or ""
        if len(body[span[0]:span[1]].split()) <= 6:
            # Close together: one quote shows both.
            both = _say.quote(_say.context(body, *span), ctx.locale)
            return ctx.report(shown={"both": both}, message_key="close", span=span,
                               sie=sie[0], du=du[0])
        shown = {form: _say.quote(_say.context(body, m[1], m[2]), ctx.locale)
                 for form, m in (("sie", sie), ("du", du))}
        return ctx.report(shown=shown, span=span, sie=sie[0], du=du[0])
    expected = ctx.options.form
    if expected is not None and text.address_form != expected:
        markers = text.sie_markers if text.address_form == "sie" else text.du_markers
        names = {"sie": "Sie", "du": "Du"}
        return ctx.report(
            message_key="form",
            span=(markers[0][1], markers[0][2]),
            found=names[text.address_form],
            expected=names[expected],
            markers=_say.quotes((m[0] for m in markers), ctx.locale),
        )
    return None


RULES = (
    missing_note,
    no_stated_reason,
    no_self_introduction,
    note_too_long,
    sales_pitch,
    cold_second_degree,
    stranger_request,
    takes_without_giving,
    missing_greeting,
    mixed_address,
)
