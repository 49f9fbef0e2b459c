"""The lighter baseline: a plain hand-written script, `json` in and out, code and weight.

What a developer would write in an afternoon for the same job as `knigge check FILE
--format jsonl`: read JSON lines with the standard library's `json`, run the 17
built-in checks (KN101–KN109, KN111, KN201–KN207 of the default policy; about twenty
checks) as plain `if` statements over the dict, and write one JSON line per event
with the findings as `{"code", "weight"}` only — no messages, no evidence, no spans,
no score, decision or reply (those are what `baseline.py`, the like-for-like baseline,
adds). Like `baseline.py` it shares the engine's *text heuristics* (one
`TextAnalyser`) so that it fires the same checks: the point is
to measure what the engine costs around the checks, not two different heuristics.
Platform capabilities are the neutral `generic` ones for every event; there is no
history and no owner.

`python benchmarks/plain.py IN.jsonl OUT.jsonl` is its whole path as a process (blank
lines skipped, bad lines counted: exit 2 if there were any).
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from knigge_engine.text import ANALYSIS_LIMIT, TextAnalyser

_ANALYSE = TextAnalyser()

_PLACEHOLDERS = frozenset((
    "tba", "tbd", "n/a", "na", "-", "--", "...", "…", ".", "privat", "private", "keine",
    "none", "xxx", "k.a.", "k. a.", "unknown", "unbekannt", "?",
))  # fmt: skip
_RECRUITER = ("recruiter", "recruiting", "talent acquisition", "headhunter",
              "personalberater", "personalvermittler", "sourcer", "executive search",
              "talent partner", "personalgewinnung")
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
# The default preset's weights.
_WEIGHT = {"KN101": 2.0, "KN102": 1.5, "KN103": 1.0, "KN104": 1.0, "KN105": 3.0,
           "KN106": 1.0, "KN107": 2.0, "KN108": 1.0, "KN109": 0.5, "KN111": 1.0,
           "KN201": 1.0, "KN202": 2.0, "KN203": 0.5, "KN204": 3.0, "KN205": 1.0,
           "KN206": -1.5, "KN207": 3.0}


def codes(ev: dict[str, Any]) -> list[str]:
    """The codes that fire for one event dict, in the engine's order."""
    kind = ev["kind"]
    incoming = ev["direction"] == "incoming"
    is_request = kind == "contact_request"
    is_msg = kind == "message"
    if not (is_request or is_msg):
        return []
    sender = ev["sender"]
    recipient = ev["recipient"]
    text = ev.get("note") if is_request else ev.get("text")
    t = _ANALYSE(text) if text is not None else None
    # Coaching judges first contacts only: a message that replies, goes to someone
    # already known, or sits in a thread (no history to show it opens it) is not coached.
    # Nothing to judge in an empty or greeting-only text, or one in a language the
    # heuristics cannot read.
    first = t if (t is not None and not t.blank and not t.hollow and t.readable) else None
    context = ev.get("context") or {}
    if first is not None and is_msg and (
            ev.get("in_reply_to") is not None or context.get("group") is True
            or recipient.get("degree") == 1
            or recipient.get("prior_contact") is True or ev.get("thread") is not None):
        first = None
    fired = []
    if not incoming:
        if is_request and (text is None or (t is not None and t.blank)):
            fired.append("KN101")
        if first is not None:
            if not first.reasons:
                fired.append("KN102")
            if first.self_introduction is None:
                fired.append("KN103")
            if first.words > (50 if recipient.get("seniority") == "executive" else 80):
                fired.append("KN104")
            if first.sales_phrases:
                fired.append("KN105")
        if is_request:
            degree = recipient.get("degree")
            prior = recipient.get("prior_contact")
            mutual = recipient.get("mutual_contacts")
            if degree == 2 and prior is False:
                fired.append("KN106")
            if (degree is not None and degree >= 3 and prior is False and not mutual
                    and not context.get("met_at")
                    and not (t is not None and (t.shared or not t.readable))):
                fired.append("KN107")
        if first is not None:
            if _takes(first, text or ""):
                fired.append("KN108")
            if first.greeting is None:
                fired.append("KN109")
            if first.address_form == "mixed":
                fired.append("KN111")
        return fired
    if is_request and (text is None or (t is not None and t.blank)):
        fired.append("KN201")
    for value in (sender.get("headline"), sender.get("company")):
        if value is not None:
            cleaned = value.strip().casefold()
            if not cleaned or cleaned in _PLACEHOLDERS:
                fired.append("KN202")
                break
    if is_request and sender.get("contacts_visible") is False:
        fired.append("KN203")
    count = sender.get("contact_count")
    recruiter = sender.get("recruiter")
    if count is not None and count > 4000 and recruiter is not True:
        headline = sender.get("headline")
        if not (recruiter is None and headline
                and any(w in headline.casefold() for w in _RECRUITER)):
            fired.append("KN204")
    name = sender.get("name")
    if (name is not None and _NO_NAME.fullmatch(name)) or sender.get("has_photo") is False:
        fired.append("KN205")
    if (sender.get("prior_contact") is True or sender.get("mutual_contacts")
            or context.get("met_at")
            or (t is not None and t.shared and not t.sales_phrases
                and context.get("sponsored") is not True)):
        fired.append("KN206")
    if (t is not None and not t.blank and t.sales_phrases
            and not (is_msg and ev.get("in_reply_to") is not None)):
        fired.append("KN207")
    return fired


def _takes(t: Any, body: str) -> bool:
    """KN108: the text asks for something (or a pitch names a price) and offers nothing."""
    offers = t.offers
    if t.sales_phrases:
        offers = [o for o in offers if not _SHOW.search(o[0])]
    if offers or any(_FREE.search(p[0]) for p in t.sales_phrases):
        return False
    if t.asks:
        return True
    if not t.sales_phrases:
        return False
    if any(_PRICE.search(p[0]) for p in t.sales_phrases):
        return True
    end = len(body) - len(body.lstrip()) + ANALYSIS_LIMIT
    return _AMOUNT.search(body, 0, end) is not None


def check_line(line: str | bytes) -> str:
    """One JSON line in, one JSON line out: the event id and its findings."""
    ev = json.loads(line)
    return json.dumps({"event": ev["id"], "findings": [
        {"code": c, "weight": _WEIGHT[c]} for c in codes(ev)]})


def main(argv: list[str]) -> int:
    rejected = 0
    with open(argv[0], "rb") as src, open(argv[1], "w", encoding="utf-8") as out:
        for raw in src:
            if not raw.strip():
                continue
            try:
                out.write(check_line(raw) + "\n")
            except (ValueError, KeyError, TypeError, AttributeError):
                rejected += 1
    return 2 if rejected else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
