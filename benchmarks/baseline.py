"""The hand-written baseline: the built-in KN checks as ONE function, `json` in and out.

No engine, no plugins, no attrs, no per-rule objects: a line of JSON goes in, the same
checks as KN101–KN109, KN111 and KN201–KN207 of the default policy run as plain `if`
statements over the dict, and a line of JSON comes out with the same content as the
engine's: findings (code, name, severity, weight, localized message with the locale's
numbers, plurals and quotation marks, span, evidence), score, action and the suggested
reply (greeting by full or first name in the text's form of address, `decline_pitch`
for an incoming pitch). It shares the *text heuristics* with the engine (one
`TextAnalyser`, built once, plus the pure helpers
`formal_salutation`, `say.context`, `say.merge_spans` and `replies.first_name`),
because the point is to measure what the engine adds around the checks, not two
different heuristics. Platform capabilities are those of the neutral `generic`
platform (notes allowed, contacts hideable) for every platform; there is no history and
no owner, so a message in a thread is not coached (only history could show it opens the
conversation) and shared groups are never evidence.

It is what a careful developer would write by hand for speed; `codes` lets the
benchmark check that it fires the same rules as the engine on the same events, and
`benchmarks/run.py`'s parity check compares the whole output, so the comparison is
like for like.
"""

from __future__ import annotations

import json
import re
from typing import Any

from knigge_engine.replies import first_name
from knigge_engine.say import context as _context
from knigge_engine.say import merge_spans as _merge_spans
from knigge_engine.text import ANALYSIS_LIMIT, TextAnalyser, formal_salutation

_ANALYSE = TextAnalyser()

# The default preset's thresholds.
REVISE, DONT_SEND = 1.0, 5.0
ACCEPT_AND_ASK, ASK_FIRST, DECLINE = 0.5, 2.5, 4.5

_PLACEHOLDERS = frozenset((
    "tba", "tbd", "n/a", "na", "-", "--", "...", "…", ".", "privat", "private", "keine",
    "none", "xxx", "k.a.", "k. a.", "unknown", "unbekannt", "?",
))  # fmt: skip
_RECRUITER = ("recruiter", "recruiting", "talent acquisition", "headhunter",
              "personalberater", "personalberaterin", "personalvermittler",
              "personalvermittlerin", "sourcer", "executive search", "talent partner",
              "personalgewinnung")
_NO_NAME = re.compile(
    r"\s*(?:[^\W\d_]\.?|member|mitglied|user|nutzer|benutzer|unknown|unbekannt|"
    r"anonym|anonymous|n/a)?\s*",
    re.IGNORECASE,
)

# KN108: inside a pitch, "I'll show you" is the demo, not a gift; something free is an
# offer; a price or a purchase in a pitch asks the reader to buy.
_SHOW = re.compile(r"\b(?:show|zeig\w*|demonstr\w*|walk you through)\b", re.IGNORECASE)
_AMOUNT = re.compile(r"[$€£]\s?\d|\b\d[\d.,]{0,15}+\s?(?:€|eur\b|euro\b|usd\b|dollars?\b)",
                     re.IGNORECASE)
_FREE = re.compile(r"\b(?:free|kostenlos\w*|gratis|audit)\b", re.IGNORECASE)
_PRICE = re.compile(r"[$€£]|\d\s*(?:%|€|eur\b|euro|usd|dollar)|\b(?:buy|kauf\w*|"
                    r"bestell\w*|order|book|buch\w*|preis\w*|price|pricing|rate|kosten|"
                    r"festpreis)\b", re.IGNORECASE)

# Messages as (English, German); "{subject}" is filled per kind below.
_MSG = {
    "KN101": ("The request has no note: say who you are and why you want to connect.",
              "Die Anfrage hat keine Notiz: Schreiben Sie, wer Sie sind und warum Sie sich "
              "vernetzen möchten."),
    "KN101.blank": ("The note is empty ({chars}): say who you are and why you want to "
                    "connect.",
                    "Die Notiz ist leer ({chars}): Schreiben Sie, wer Sie sind und warum Sie "
                    "sich vernetzen möchten."),
    "KN102": ("The {subject} does not say why you are contacting this person: mention their "
              "work, where you met, a shared group or contact, or your concrete concern.",
              "Die {subject} sagt nicht, warum Sie gerade diese Person ansprechen: Nennen Sie "
              "ihre Arbeit, wo Sie sich kennengelernt haben, eine gemeinsame Gruppe oder "
              "einen gemeinsamen Kontakt oder Ihr konkretes Anliegen."),
    "KN103": ("The {subject} does not introduce you: add one sentence on who you are and what "
              "you do.",
              "Die {subject} stellt Sie nicht vor: Ergänzen Sie einen Satz dazu, wer Sie sind "
              "und was Sie beruflich machen."),
    "KN104": ("The {subject} has {words} words; keep a first {subject} to {limit}.",
              "Die {subject} hat {words} Wörter; eine erste {subject} sollte höchstens "
              "{limit} haben."),
    "KN104.executive": ("The {subject} has {words} words; for an executive, keep it to "
                        "{limit}.",
                        "Die {subject} hat {words} Wörter; für eine Führungskraft sollten "
                        "es höchstens {limit} sein."),
    "KN105": ("The {subject} reads as a sales pitch ({phrases}): get to know the person "
              "first, business can come later.",
              "Die {subject} liest sich wie ein Verkaufsgespräch ({phrases}): Lernen Sie erst "
              "die Person kennen, das Geschäft kann später kommen."),
    "KN106": ("{name} is a 2nd-degree contact you have not met ({mutual} mutual "
              "contacts): ask one of them to introduce you.",
              "{name} ist ein Kontakt 2. Grades, den Sie noch nicht kennen ({mutual} "
              "gemeinsame Kontakte): Bitten Sie einen davon, Sie vorzustellen."),
    "KN106.one": ("{name} is a 2nd-degree contact you have not met (1 mutual contact): "
                  "ask them to introduce you.",
                  "{name} ist ein Kontakt 2. Grades, den Sie noch nicht kennen (1 "
                  "gemeinsamer Kontakt): Bitten Sie diesen Kontakt, Sie vorzustellen."),
    "KN106.unknown": ("{name} is a 2nd-degree contact you have not met: ask a mutual "
                      "contact to introduce you.",
                      "{name} ist ein Kontakt 2. Grades, den Sie noch nicht kennen: "
                      "Bitten Sie einen gemeinsamen Kontakt, Sie vorzustellen."),
    "KN107": ("You have never been in touch with {name} ({link}), and the note names "
              "nothing you share: write a message first.",
              "Sie hatten noch keinen Kontakt mit {name} ({link}), und die Notiz nennt "
              "keinen gemeinsamen Bezug: Schreiben Sie zuerst eine Nachricht."),
    "KN107.no_note": ("You have never been in touch with {name} ({link}), and the request "
                      "has no note that names anything you share: write a message first.",
                      "Sie hatten noch keinen Kontakt mit {name} ({link}), und die Anfrage "
                      "hat keine Notiz, die einen gemeinsamen Bezug nennt: Schreiben Sie "
                      "zuerst eine Nachricht."),
    "KN108": ("The {subject} asks for something ({asks}) but offers nothing in return: add "
              "what you can give.",
              "Die {subject} bittet um etwas ({asks}), bietet aber nichts an: Ergänzen Sie, "
              "was Sie geben können."),
    "KN109": ("The {subject} starts without a greeting (“{start} …”): open with “Hello” or "
              "“Dear” and the name.",
              "Die {subject} beginnt ohne Anrede („{start} …“): Beginnen Sie mit „Hallo“ "
              "oder „Guten Tag“ und dem Namen."),
    "KN111": ("The {subject} mixes formal “Sie” and informal “du”: {sie} but {du}. Pick "
              "one form.",
              "Die {subject} mischt „Sie“ und „Du“: {sie}, aber {du}. Bleiben Sie bei einer "
              "Form."),
    "KN111.close": ("The {subject} mixes formal “Sie” and informal “du” ({both}): pick one "
                    "form.",
                    "Die {subject} mischt „Sie“ und „Du“ ({both}): Bleiben Sie bei einer "
                    "Form."),
    "KN201": ("{name} sent the request without a note; the reason is unknown.",
              "{name} hat die Anfrage ohne Notiz geschickt; der Anlass ist unbekannt."),
    "KN202": ("{name}'s profile does not show what they do ({fields}).",
              "Das Profil von {name} zeigt nicht, was die Person beruflich macht "
              "({fields})."),
    "KN203": ("{name} does not share their contact list, so you cannot see whom you both "
              "know.",
              "{name} gibt die Kontaktliste nicht frei; Sie sehen nicht, wen Sie "
              "gemeinsam kennen."),
    "KN204": ("{name} has {count} contacts (more than {limit}) and is not a recruiter: "
              "more a collector than a contact.",
              "{name} hat {count} Kontakte (mehr als {limit}) und ist nicht in der "
              "Personalberatung tätig: eher ein Sammler als ein Kontakt."),
    "KN205": ("{name} shows {missing}.", "{name} zeigt {missing}."),
    "KN206": ("Shared context with {name}: {evidence}.",
              "Gemeinsamer Bezug zu {name}: {evidence}."),
    "KN207": ("{name} opens with a sales pitch ({phrases}).",
              "{name} beginnt mit einem Verkaufsangebot ({phrases})."),
}
# Templates with the subject filled in, per (key, locale index, is a message).
_TEMPLATES = {
    (key, li, is_msg): texts[li].replace(
        "{subject}", (("note", "message"), ("Notiz", "Nachricht"))[li][is_msg])
    for key, texts in _MSG.items() for li in (0, 1) for is_msg in (0, 1)
}
_NAME = {"KN101": "missing-note", "KN102": "no-stated-reason", "KN103": "no-self-introduction",
         "KN104": "note-too-long", "KN105": "sales-pitch", "KN106": "cold-second-degree",
         "KN107": "stranger-request", "KN108": "takes-without-giving",
         "KN109": "missing-greeting", "KN111": "mixed-address",
         "KN201": "incoming-without-note", "KN202": "opaque-profile",
         "KN203": "hidden-contacts", "KN204": "contact-collector",
         "KN205": "anonymous-sender", "KN206": "shared-context",
         "KN207": "incoming-sales-pitch"}
_SEVERITY = {"KN101": "warning", "KN102": "warning", "KN103": "warning", "KN104": "warning",
             "KN105": "warning", "KN106": "warning", "KN107": "warning", "KN108": "warning",
             "KN109": "info", "KN111": "warning", "KN201": "info", "KN202": "warning",
             "KN203": "info", "KN204": "warning", "KN205": "warning", "KN206": "info",
             "KN207": "warning"}
_WEIGHT = {"KN101": 2.0, "KN102": 1.5, "KN103": 1.0, "KN104": 1.0, "KN105": 3.0,
           "KN106": 1.0, "KN107": 2.0, "KN108": 1.0, "KN109": 0.5, "KN111": 1.0,
           "KN201": 1.0, "KN202": 2.0, "KN203": 0.5, "KN204": 3.0, "KN205": 1.0,
           "KN206": -1.5, "KN207": 3.0}

# Replies: greeting (with name, without) and body per (locale, form).
_GREETING = {
    ("de", "sie"): ("Guten Tag {name},", "Guten Tag,"),
    ("de", "du"): ("Hallo {name},", "Hallo,"),
    ("en", None): ("Hi {name},", "Hello,"),
}
_BODY = {
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
        "decline_pitch": "danke für Ihre Nachricht, dafür habe ich keinen Bedarf. "
        "Ich wünsche Ihnen alles Gute.",
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
        "decline_pitch": "danke für deine Nachricht, dafür habe ich keinen Bedarf. "
        "Ich wünsche dir alles Gute.",
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
        "decline_pitch": "Thanks for your message, but I'm not interested. "
        "I wish you all the best.",
    },
}
_REPLY_KEY = {"accept": "thank_after_accept", "accept_and_ask": "accept_and_ask",
              "ask_first": "ask_reason", "decline": "decline",
              "ask_for_introduction": "introduction_request"}


def _q(text: str, li: int) -> str:
    return f"„{text}“" if li else f"“{text}”"


def _quotes(items: Any, li: int, limit: int = 3) -> str:
    return ", ".join(_q(e[0], li) for e in items[:limit])


def _num(n: int, li: int) -> str:
    return f"{n:,}".replace(",", ".") if li else f"{n:,}"


def _reply(key: str, locale: str, form: str | None, name: str | None,
           other: str | None) -> dict[str, Any]:
    if locale != "de":
        locale, form = "en", None
    elif form not in ("sie", "du"):
        form = "sie"
    with_name, without = _GREETING[(locale, form)]
    addressed = name.strip() if form == "sie" and name and name.strip() else first_name(name)
    greeting = with_name.format(name=addressed) if addressed else without
    body = _BODY[(locale, form)][key]
    if key == "introduction_request":
        body = body.replace("{other}", other or "[Name]")
    return {"locale": locale, "text": f"{greeting}\n{body}", "key": key}


def _takes(t: Any, body: str) -> list[Any]:
    """KN108's asks: what the text asks for (or the price a pitch names), in order, when
    it offers nothing; empty otherwise."""
    offers = t.offers
    if t.sales_phrases:
        offers = [o for o in offers if not _SHOW.search(o[0])]
    if offers or any(_FREE.search(p[0]) for p in t.sales_phrases):
        return []
    priced = [p for p in t.sales_phrases if _PRICE.search(p[0])]
    if t.sales_phrases and not priced:
        m = _AMOUNT.search(body, 0, len(body) - len(body.lstrip()) + ANALYSIS_LIMIT)
        if m is not None:
            priced = [(m.group(), m.start(), m.end())]
    return sorted((*t.asks, *priced), key=lambda a: a[1])


def assess(ev: dict[str, Any]) -> dict[str, Any]:
    """The checks over one event dict; returns the assessment dict."""
    kind = ev["kind"]
    direction = ev["direction"]
    sender = ev["sender"]
    recipient = ev["recipient"]
    incoming = direction == "incoming"
    other = sender if incoming else recipient
    is_request = kind == "contact_request"
    is_msg = kind == "message"
    first_contact = is_request or is_msg
    text = ev.get("note") if is_request else ev.get("text") if is_msg else None
    t = _ANALYSE(text) if text is not None and first_contact else None
    locale = (t.language if t is not None else None) or "en"
    if locale not in ("de", "en"):
        locale = "en"
    li = 1 if locale == "de" else 0
    m = 1 if is_msg else 0
    body = text or ""
    # (code, template key, evidence, values shown in the message, span)
    found: list[tuple[str, str, dict[str, Any] | None, dict[str, Any] | None, Any]] = []
    add = found.append
    name = other.get("name") or other.get("id")
    reply_to = is_msg and ev.get("in_reply_to") is not None
    # Coach rules judge first contacts only: not replies, not new chats with someone
    # already in the network (1st degree or met before), not messages in a thread (only
    # history could show that they open it, and there is none here).
    # Nothing to judge in an empty or greeting-only text, or one in a language the
    # heuristics cannot read.
    first = t if (t is not None and not t.blank and not t.hollow and t.readable) else None
    ctx_fields = ev.get("context") or {}
    if first is not None and is_msg and (
            reply_to or ctx_fields.get("group") is True or recipient.get("degree") == 1
            or recipient.get("prior_contact") is True or ev.get("thread") is not None):
        first = None
    if not incoming and first_contact:
        if is_request:
            if text is None:
                add(("KN101", "KN101", None, None, None))
            elif t is not None and t.blank:
                chars = t.chars
                if chars == 0:
                    shown = "kein einziges Zeichen" if li else "not a single character"
                elif li:
                    shown = f"nur {_num(chars, 1)} Leerzeichen"
                else:
                    shown = (f"only {_num(chars, 0)} white-space "
                             f"{'character' if chars == 1 else 'characters'}")
                add(("KN101", "KN101.blank", {"chars": chars}, {"chars": shown}, None))
        if first is not None:
            words = first.words
            if not first.reasons:
                add(("KN102", "KN102", {"words": words}, None, None))
            if first.self_introduction is None:
                add(("KN103", "KN103", None, None, None))
            executive = recipient.get("seniority") == "executive"
            limit = 50 if executive else 80
            if words > limit:
                add(("KN104", "KN104.executive" if executive else "KN104",
                     {"words": words, "limit": limit},
                     {"words": _num(words, li), "limit": _num(limit, li)}, None))
            if first.sales_phrases:
                s = first.sales_phrases[0]
                add(("KN105", "KN105", {"phrases": _quotes(first.sales_phrases, li),
                                        "count": len(first.sales_phrases)}, None,
                     (s[1], s[2])))
        if is_request:
            degree = recipient.get("degree")
            prior = recipient.get("prior_contact")
            mutual = recipient.get("mutual_contacts")
            if degree == 2 and prior is False:
                key = "KN106.unknown" if not mutual else "KN106.one" if mutual == 1 else "KN106"
                add(("KN106", key, {"name": name, "mutual": mutual},
                     {"mutual": _num(mutual or 0, li)}, None))
            if (degree is not None and degree >= 3 and prior is False and not mutual
                    and not ctx_fields.get("met_at")
                    and not (t is not None and (t.shared or not t.readable))):
                if li:
                    link = f"Kontakt {degree}. Grades"
                else:
                    suffix = ("th" if 10 <= degree % 100 <= 20
                              else {1: "st", 2: "nd", 3: "rd"}.get(degree % 10, "th"))
                    link = f"{degree}{suffix}-degree contact"
                if mutual == 0:
                    link += ", keine gemeinsamen Kontakte" if li else ", no mutual contacts"
                blank = t is None or t.blank
                add(("KN107", "KN107.no_note" if blank else "KN107",
                     {"name": name, "degree": degree, "mutual": mutual}, {"link": link},
                     None))
        if first is not None:
            asks = _takes(first, body)
            if asks:
                a = asks[0]
                add(("KN108", "KN108", {"asks": _quotes(asks, li)}, None, (a[1], a[2])))
            if first.greeting is None:
                add(("KN109", "KN109", {"start": " ".join(body.split()[:3])}, None,
                     (0, min(len(body), 40))))
            if first.address_form == "mixed":
                sie, du = first.sie_markers[0], first.du_markers[0]
                span = (min(sie[1], du[1]), max(sie[2], du[2]))
                evidence = {"sie": sie[0], "du": du[0]}
                if len(body[span[0]:span[1]].split()) <= 6:
                    add(("KN111", "KN111.close", evidence,
                         {"both": _q(_context(body, *span), li)}, span))
                else:
                    add(("KN111", "KN111", evidence,
                         {"sie": _q(_context(body, sie[1], sie[2]), li),
                          "du": _q(_context(body, du[1], du[2]), li)}, span))
    elif incoming and first_contact:
        name = sender.get("name") or sender["id"]
        if is_request and (text is None or (t is not None and t.blank)):
            add(("KN201", "KN201", {"name": name}, None, None))
        empty = []
        labels = ("Berufsbezeichnung", "Firma") if li else ("headline", "company")
        for label, value in zip(labels, (sender.get("headline"), sender.get("company")),
                                strict=True):
            if value is None:
                continue
            cleaned = value.strip().casefold()
            if not cleaned or cleaned in _PLACEHOLDERS:
                empty.append(f"{label}: {_q(value.strip(), li)}")
        if empty:
            add(("KN202", "KN202", {"name": name, "fields": ", ".join(empty)}, None, None))
        if is_request and sender.get("contacts_visible") is False:
            add(("KN203", "KN203", {"name": name}, None, None))
        count = sender.get("contact_count")
        recruiter = sender.get("recruiter")
        if count is not None and count > 4000 and recruiter is not True:
            headline = sender.get("headline")
            if not (recruiter is None and headline
                    and any(w in headline.casefold() for w in _RECRUITER)):
                add(("KN204", "KN204", {"name": name, "count": count, "limit": 4000},
                     {"count": _num(count, li), "limit": _num(4000, li)}, None))
        raw_name = sender.get("name")
        no_name = raw_name is not None and _NO_NAME.fullmatch(raw_name) is not None
        no_photo = sender.get("has_photo") is False
        if no_name or no_photo:
            parts = []
            if no_name:
                parts.append("keinen echten Namen" if li else "no real name")
            if no_photo:
                parts.append("kein Foto" if li else "no photo")
            add(("KN205", "KN205", {"name": (raw_name or "").strip() or sender["id"],
                                    "missing": (" und " if li else " and ").join(parts),
                                    "no_name": no_name, "no_photo": no_photo}, None, None))
        evidence = []
        if sender.get("prior_contact") is True:
            evidence.append("Sie kennen sich bereits" if li else "you have met before")
        mutual = sender.get("mutual_contacts")
        if mutual:
            noun = (("mutual contact", "mutual contacts"),
                    ("gemeinsamer Kontakt", "gemeinsame Kontakte"))[li][mutual != 1]
            evidence.append(f"{_num(mutual, li)} {noun}")
        # Shared groups need the owner's groups: this baseline has no owner.
        met_at = (ev.get("context") or {}).get("met_at")
        if met_at:
            evidence.append(("kennengelernt bei: " if li else "met at: ") + str(met_at))
        if (t is not None and t.shared and not t.sales_phrases
                and ctx_fields.get("sponsored") is not True):
            label = (("the note says ", "the message says "),
                     ("die Notiz nennt ", "die Nachricht nennt "))[li][m]
            evidence.append(label + ", ".join(
                _q(p, li) for p in _merge_spans(t.shared, body)[:2]))
        if evidence:
            add(("KN206", "KN206", {"name": name, "evidence": "; ".join(evidence)}, None,
                 None))
        if t is not None and not t.blank and t.sales_phrases and not reply_to:
            s = t.sales_phrases[0]
            add(("KN207", "KN207", {"name": name, "phrases": _quotes(t.sales_phrases, li)},
                 None, (s[1], s[2])))

    findings = []
    score = 0.0
    codes = set()
    for code, key, evidence, shown, span in found:
        weight = _WEIGHT[code]
        score += weight
        codes.add(code)
        template = _TEMPLATES[(key, li, m)]
        if evidence:
            message = template.format(**(evidence if shown is None else {**evidence, **shown}))
        else:
            message = template
        f: dict[str, Any] = {"code": code, "name": _NAME[code], "severity": _SEVERITY[code],
                             "weight": weight, "message": message}
        if span is not None:
            f["span"] = list(span)
        if code == "KN106":
            f["action"] = "ask_for_introduction"
        if evidence:
            f["evidence"] = evidence
        findings.append(f)
    score = round(score, 6)
    action = None
    reply = None
    if first_contact:
        if not incoming:
            action = ("dont_send" if score >= DONT_SEND else "revise" if score >= REVISE
                      else "send")
            if "KN106" in codes and action != "dont_send":
                action = "ask_for_introduction"
        elif is_request:
            action = ("decline" if score >= DECLINE else "ask_first" if score >= ASK_FIRST
                      else "accept_and_ask" if score >= ACCEPT_AND_ASK else "accept")
        else:
            action = "reply"
        key = _REPLY_KEY.get(action) if action != "reply" else (
            "decline_pitch" if "KN207" in codes else None)
        if key is not None:
            # The form of address: the text's own, or a formal German salutation.
            form = None
            if t is not None:
                if t.address_form in ("sie", "du"):
                    form = t.address_form
                elif (t.greeting is not None and t.language != "en"
                      and formal_salutation(body, t.greeting)):
                    form = "sie"
            other_name = other.get("name")
            if key == "introduction_request":
                reply = _reply(key, locale, form, None, other_name)
            else:
                reply = _reply(key, locale, form, other_name, None)
    return {"event": ev["id"], "platform": ev["platform"], "kind": kind,
            "direction": direction, "action": action, "score": score,
            "findings": findings, "reply": reply}


def assess_line(line: str | bytes) -> str:
    """JSON line in, JSON line out (the whole path of the baseline)."""
    return json.dumps(assess(json.loads(line)), ensure_ascii=False)


def codes(ev: dict[str, Any]) -> list[str]:
    """The codes the baseline fires for an event, in order (for the like-for-like check)."""
    return [f["code"] for f in assess(ev)["findings"]]


def main(argv: list[str]) -> int:
    """`python baseline.py IN.jsonl OUT.jsonl`: the baseline's whole path as a process,
    for the comparison with `knigge check` (blank lines skipped, bad lines counted)."""
    rejected = 0
    with open(argv[0], "rb") as src, open(argv[1], "w", encoding="utf-8") as out:
        for raw in src:
            if not raw.strip():
                continue
            try:
                out.write(assess_line(raw) + "\n")
            except (ValueError, KeyError, TypeError):
                rejected += 1
    return 2 if rejected else 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
