"""The hand-written baseline: the built-in KN checks as ONE function, ``json`` in and out.

No engine, no plugins, no attrs, no per-rule objects: a line of JSON goes in, the same
checks as KN101–KN109, KN111 and KN201–KN207 of the default policy run as plain ``if``
statements over the dict, and a line of JSON comes out with the findings (code, severity,
weight, localized message), score, action and a reply. It shares the *text heuristics*
with the engine (one :class:`~knigge_engine.text.TextAnalyser`, built once), because the
point is to measure what the engine adds around the checks, not two different
heuristics. Platform capabilities are those of the neutral ``generic`` platform (notes
allowed, contacts hideable) for every platform.

It is what a careful developer would write by hand for speed; :func:`codes` lets the
benchmark check that it fires the same rules as the engine on the same events, so the
comparison is like for like.
"""

from __future__ import annotations

import json
import re
from typing import Any

from knigge_engine.text import TextAnalyser

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

_MSG = {
    "KN101": ("The request has no note: say who you are and why you want to connect.",
              "Die Anfrage hat keine Notiz: Schreiben Sie, wer Sie sind und warum Sie sich "
              "vernetzen möchten."),
    "KN101b": ("The note is empty ({chars} characters of white space): say who you are and "
               "why you want to connect.",
               "Die Notiz ist leer ({chars} Leerzeichen): Schreiben Sie, wer Sie sind und "
               "warum Sie sich vernetzen möchten."),
    "KN102": ("The note ({words} words) does not say why you contact this person.",
              "Die Notiz ({words} Wörter) sagt nicht, warum Sie gerade diese Person "
              "ansprechen."),
    "KN103": ("The note does not introduce you: add one sentence on who you are.",
              "Die Notiz stellt Sie nicht vor: Ergänzen Sie einen Satz dazu, wer Sie sind."),
    "KN104": ("The note has {words} words; keep a first note to {limit}.",
              "Die Notiz hat {words} Wörter; eine erste Notiz sollte höchstens {limit} haben."),
    "KN105": ("The note reads as a sales pitch ({phrases}).",
              "Die Notiz liest sich wie ein Verkaufsgespräch ({phrases})."),
    "KN106": ("{name} is a 2nd-degree contact you have not met ({mutual} mutual contacts).",
              "{name} ist ein Kontakt 2. Grades ({mutual} gemeinsame Kontakte)."),
    "KN107": ("You have no prior contact with {name} (degree {degree}).",
              "Sie hatten noch keinen Kontakt mit {name} (Grad {degree})."),
    "KN108": ("The note asks ({asks}) but offers nothing in return.",
              "Die Notiz bittet um etwas ({asks}), bietet aber nichts an."),
    "KN109": ("The note starts without a greeting (\"{start}…\").",
              "Die Notiz beginnt ohne Anrede („{start}…“)."),
    "KN111": ("The note mixes formal and informal address ({sie} and {du}).",
              "Die Notiz mischt „Sie“ und „Du“ ({sie} und {du})."),
    "KN201": ("{name} sent the request without a note: ask what it is about.",
              "{name} hat die Anfrage ohne Notiz geschickt: Fragen Sie nach dem Anlass."),
    "KN202": ("{name}'s profile does not show what they do ({fields}).",
              "Das Profil von {name} zeigt nicht, was die Person macht ({fields})."),
    "KN203": ("{name} does not show their contacts.", "{name} gibt die Kontakte nicht frei."),
    "KN204": ("{name} has {count} contacts (more than {limit}) and is not a recruiter.",
              "{name} hat {count} Kontakte (mehr als {limit})."),
    "KN205": ("{name} shows {missing}.", "{name} zeigt {missing}."),
    "KN206": ("Shared context with {name}: {evidence}.",
              "Gemeinsamer Bezug zu {name}: {evidence}."),
    "KN207": ("{name} opens with a sales pitch ({phrases}).",
              "{name} beginnt mit einem Verkaufsangebot ({phrases})."),
}
_SEVERITY = {"KN101": "warning", "KN102": "warning", "KN103": "warning", "KN104": "warning",
             "KN105": "warning", "KN106": "warning", "KN107": "warning", "KN108": "warning",
             "KN109": "info", "KN111": "warning", "KN201": "info", "KN202": "warning",
             "KN203": "info", "KN204": "warning", "KN205": "warning", "KN206": "info",
             "KN207": "warning"}
_WEIGHT = {"KN101": 2.0, "KN102": 1.5, "KN103": 1.0, "KN104": 1.0, "KN105": 3.0,
           "KN106": 1.0, "KN107": 2.0, "KN108": 1.0, "KN109": 0.5, "KN111": 1.0,
           "KN201": 1.0, "KN202": 2.0, "KN203": 0.5, "KN204": 3.0, "KN205": 1.0,
           "KN206": -1.5, "KN207": 3.0}
_REPLY = {
    "accept": ("Hi {name},\nthanks for connecting, I was glad to accept.",
               "Guten Tag {name},\ndanke für Ihre Anfrage, ich habe sie gern bestätigt."),
    "accept_and_ask": ("Hi {name},\nthanks for the invitation. What brought you to me?",
                       "Guten Tag {name},\ndanke für Ihre Anfrage. Was hat Sie zu mir "
                       "geführt?"),
    "ask_first": ("Hi {name},\nthanks for your invitation. Before I accept: what is it about?",
                  "Guten Tag {name},\ndanke für Ihre Kontaktanfrage. Was ist Ihr Anliegen?"),
    "decline": ("Hi {name},\nthanks for your invitation. I will decline it. All the best!",
                "Guten Tag {name},\ndanke für Ihre Anfrage. Ich lehne sie ab. Alles Gute!"),
    "ask_for_introduction": ("Hello,\nyou know {name}. Would you introduce us?",
                             "Guten Tag,\nSie kennen {name}. Würden Sie uns bekannt machen?"),
}


def _quote(items: Any) -> str:
    return ", ".join(f"„{e[0]}“" for e in items[:3])


def assess(ev: dict[str, Any]) -> dict[str, Any]:
    """The checks over one event dict; returns the assessment dict."""
    kind = ev["kind"]
    direction = ev["direction"]
    sender = ev["sender"]
    recipient = ev["recipient"]
    other = sender if direction == "incoming" else recipient
    context = ev.get("context") or {}
    if kind == "contact_request":
        text = ev.get("note")
    elif kind == "message":
        text = ev.get("text")
    else:
        text = None
    first_contact = kind == "contact_request" or kind == "message"
    t = _ANALYSE(text) if text is not None and first_contact else None
    locale = (t.language if t is not None else None) or "en"
    li = 1 if locale == "de" else 0
    found: list[tuple[str, str, dict[str, Any], tuple[int, int] | None]] = []

    def add(code: str, key: str | None = None, span: Any = None, **evidence: Any) -> None:
        found.append((code, key or code, evidence, span))

    name = other.get("name") or other.get("id")
    reply_to = kind == "message" and ev.get("in_reply_to") is not None
    # Coach rules judge first contacts only: not replies, not new chats with someone
    # already in the network (1st degree or met before).
    known = kind == "message" and (recipient.get("degree") == 1
                                   or recipient.get("prior_contact") is True)
    first = t if (t is not None and not t.blank and not reply_to and not known) else None
    if direction == "outgoing" and first_contact:
        if kind == "contact_request":
            if text is None:
                add("KN101")
            elif t is not None and t.blank:
                add("KN101", "KN101b", chars=t.chars)
        if first is not None:
            if not first.reasons:
                add("KN102", words=first.words)
            if first.self_introduction is None:
                add("KN103")
            limit = 50 if recipient.get("seniority") == "executive" else 80
            if first.words > limit:
                add("KN104", words=first.words, limit=limit)
            if first.sales_phrases:
                s = first.sales_phrases[0]
                add("KN105", span=(s[1], s[2]), phrases=_quote(first.sales_phrases))
        if kind == "contact_request":
            degree = recipient.get("degree")
            if degree == 2 and recipient.get("prior_contact") is False:
                mutual = recipient.get("mutual_contacts")
                add("KN106", name=name, mutual="?" if mutual is None else mutual)
            if (degree is not None and degree >= 3 and recipient.get("prior_contact") is False
                    and not recipient.get("mutual_contacts") and not context.get("met_at")
                    and not (t is not None and t.reasons)):
                add("KN107", name=name, degree=degree)
        if first is not None:
            if first.asks and not first.offers:
                a = first.asks[0]
                add("KN108", span=(a[1], a[2]), asks=_quote(first.asks))
            if first.greeting is None:
                body = text or ""
                add("KN109", span=(0, min(len(body), 40)), start=" ".join(body.split()[:3]))
            if first.address_form == "mixed":
                sie, du = first.sie_markers[0], first.du_markers[0]
                add("KN111", span=(min(sie[1], du[1]), max(sie[2], du[2])),
                    sie=f"„{sie[0]}“", du=f"„{du[0]}“")
    elif direction == "incoming" and first_contact:
        if kind == "contact_request" and (text is None or (t is not None and t.blank)):
            add("KN201", name=name)
        empty = []
        for label in ("headline", "company"):
            value = sender.get(label)
            if value is None:
                continue
            cleaned = value.strip().casefold()
            if not cleaned or cleaned in _PLACEHOLDERS:
                empty.append(f"{label}: „{value.strip()}“")
        if empty:
            add("KN202", name=name, fields=", ".join(empty))
        if kind == "contact_request" and sender.get("contacts_visible") is False:
            add("KN203", name=name)
        count = sender.get("contact_count")
        if count is not None and count > 4000 and sender.get("recruiter") is not True:
            headline = (sender.get("headline") or "").casefold()
            recruiter = sender.get("recruiter") is None and headline and any(
                w in headline for w in _RECRUITER)
            if not recruiter:
                add("KN204", name=name, count=count, limit=4000)
        raw_name = sender.get("name")
        no_name = raw_name is not None and _NO_NAME.fullmatch(raw_name) is not None
        no_photo = sender.get("has_photo") is False
        if no_name or no_photo:
            parts = []
            if no_name:
                parts.append("keinen echten Namen" if li else "no real name")
            if no_photo:
                parts.append("kein Foto" if li else "no photo")
            add("KN205", name=(raw_name or "").strip() or sender["id"],
                missing=(" und " if li else " and ").join(parts))
        evidence = []
        if sender.get("prior_contact") is True:
            evidence.append("Sie kennen sich bereits" if li else "you have met before")
        if sender.get("mutual_contacts"):
            evidence.append(f"{sender['mutual_contacts']} mutual contacts")
        if context.get("met_at"):
            evidence.append(f"met at: {context['met_at']}")
        if t is not None and t.reasons:
            evidence.append("the note says " + _quote(t.reasons[:2]))
        if evidence:
            add("KN206", name=name, evidence="; ".join(evidence))
        if t is not None and not t.blank and t.sales_phrases and not reply_to:
            s = t.sales_phrases[0]
            add("KN207", span=(s[1], s[2]), name=name, phrases=_quote(t.sales_phrases))

    findings = []
    score = 0.0
    for code, key, evidence, span in found:
        weight = _WEIGHT[code]
        score += weight
        f: dict[str, Any] = {"code": code, "severity": _SEVERITY[code], "weight": weight,
                             "message": _MSG[key][li].format(**evidence)}
        if span is not None:
            f["span"] = list(span)
        if evidence:
            f["evidence"] = evidence
        findings.append(f)
    score = round(score, 6)
    action = None
    if direction == "outgoing" and first_contact:
        action = "dont_send" if score >= DONT_SEND else "revise" if score >= REVISE else "send"
        if any(code == "KN106" for code, *_ in found) and action in ("send", "revise"):
            action = "ask_for_introduction"
    elif direction == "incoming" and kind == "contact_request":
        action = ("decline" if score >= DECLINE else "ask_first" if score >= ASK_FIRST
                  else "accept_and_ask" if score >= ACCEPT_AND_ASK else "accept")
    elif direction == "incoming" and kind == "message":
        action = "reply"
    reply = None
    if action in _REPLY:
        reply = {"locale": locale, "text": _REPLY[action][li].format(name=other.get("name") or "")}
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
    """``python baseline.py IN.jsonl OUT.jsonl``: the baseline's whole path as a process,
    for the comparison with ``knigge check`` (blank lines skipped, bad lines counted)."""
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
