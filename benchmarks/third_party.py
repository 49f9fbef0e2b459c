"""The same few checks in a third-party rule engine (`rule-engine` from PyPI).

Five profile checks that need no text analysis, so all three contenders do the same work:

* KN106 cold-second-degree: outgoing request, recipient degree 2, prior contact false;
* KN201 incoming-without-note: incoming request without a note or with a blank one;
* KN203 hidden-contacts: incoming request, contacts known to be hidden;
* KN204 contact-collector: incoming request or message, more than 4,000 contacts, not a
  recruiter (by flag, or by a recruiting word in the headline);
* KN205 anonymous-sender: incoming request or message, no real name or no photo.

Contenders: a hand-written Python function over the event dicts; `rule-engine` rules
(`Rule.matches` per rule per event, dicts resolved by item); and the knigge engine with
a policy that selects exactly these five rules (binding the dict to the attrs model,
messages and replies included — it does more than the other two).
"""

from __future__ import annotations

import re
from typing import Any

CODES = ("KN106", "KN201", "KN203", "KN204", "KN205")

_RECRUITER_RE = (r"recruiter|recruiting|talent acquisition|headhunter|personalberater|"
                 r"personalvermittler|sourcer|executive search|talent partner|"
                 r"personalgewinnung")
_NO_NAME_RE = (r"\s*(?:[^\W\d_]\.?|member|mitglied|user|nutzer|benutzer|unknown|unbekannt|"
               r"anonym|anonymous|n/a)?\s*$")

RULE_TEXTS = {
    "KN106": 'kind == "contact_request" and direction == "outgoing" and '
             'recipient&["degree"] == 2 and recipient&["prior_contact"] == false',
    "KN201": 'kind == "contact_request" and direction == "incoming" and '
             '(note == null or note =~ "\\s*$")',
    "KN203": 'kind == "contact_request" and direction == "incoming" and '
             'sender&["contacts_visible"] == false',
    "KN204": '(kind == "contact_request" or kind == "message") and direction == "incoming" '
             'and sender&["contact_count"] != null and sender["contact_count"] > 4000 '
             'and sender&["recruiter"] != true and not (sender&["recruiter"] == null and '
             f'sender&["headline"] != null and sender["headline"].as_lower =~~ "{_RECRUITER_RE}")',
    "KN205": '(kind == "contact_request" or kind == "message") and direction == "incoming" '
             'and ((sender&["name"] != null and sender["name"].as_lower =~ '
             f'"{_NO_NAME_RE}") or sender&["has_photo"] == false)',
}

_RECRUITER = re.compile(_RECRUITER_RE)
_NO_NAME = re.compile(_NO_NAME_RE)


def hand_written(ev: dict[str, Any]) -> list[str]:
    """The five checks as one function; returns the codes that fire."""
    fired = []
    kind = ev["kind"]
    direction = ev["direction"]
    first = kind == "contact_request" or kind == "message"
    if kind == "contact_request" and direction == "outgoing":
        r = ev["recipient"]
        if r.get("degree") == 2 and r.get("prior_contact") is False:
            fired.append("KN106")
    if direction == "incoming" and first:
        s = ev["sender"]
        if kind == "contact_request":
            note = ev.get("note")
            if note is None or not note.strip():
                fired.append("KN201")
            if s.get("contacts_visible") is False:
                fired.append("KN203")
        count = s.get("contact_count")
        if count is not None and count > 4000 and s.get("recruiter") is not True:
            headline = s.get("headline")
            if not (s.get("recruiter") is None and headline is not None
                    and _RECRUITER.search(headline.lower())):
                fired.append("KN204")
        name = s.get("name")
        if (name is not None and _NO_NAME.fullmatch(name.lower())) or s.get("has_photo") is False:
            fired.append("KN205")
    return fired


def rule_engine_rules() -> list[tuple[str, Any]]:
    """The five checks compiled as `rule_engine.Rule` objects."""
    import rule_engine

    # A key the event leaves out (an optional field) reads as null, as in the engine.
    context = rule_engine.Context(default_value=None)
    # Its string literals decode backslash escapes: the regular expressions' backslashes
    # are escaped once more (the same patterns, without "invalid escape" warnings).
    return [(code, rule_engine.Rule(text.replace("\\", "\\\\"), context=context))
            for code, text in RULE_TEXTS.items()]


def with_rule_engine(rules: list[tuple[str, Any]], ev: dict[str, Any]) -> list[str]:
    """The codes whose rule matches the event."""
    return [code for code, r in rules if r.matches(ev)]
