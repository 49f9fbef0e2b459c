"""Inputs for the report tests: a synthetic LinkedIn export (the CSV layouts of the real
one: ``Invitations.csv`` with seven columns, ``Connections.csv`` with its preamble,
``messages.csv``) and JSONL events whose names and texts are hostile markup.

Every person, note and message is invented. The export has what every plot needs:
invitations in both directions over several weeks, outgoing requests without a note, with
a pasted template (a KN110 batch) and written for the person, accepted ones (in
``Connections.csv``) and pending ones, incoming messages answered after various delays
and unanswered, and two broken rows (rejected input).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
from pathlib import Path
from typing import Any

OWNER = "Jana Owner"
OWNER_URL = "https://www.linkedin.com/in/jana-owner-4a1b2c"
INVITATIONS_HEADER = ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl",
                      "inviteeProfileUrl"]
CONNECTIONS_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company",
                      "Position", "Connected On"]
MESSAGES_HEADER = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL",
                   "TO", "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER",
                   "ATTACHMENTS", "IS MESSAGE DRAFT"]
CONNECTIONS_PREAMBLE = ('Notes:\r\n"Invented notice: some members hide their e-mail '
                        'address."\r\n\r\n')

FIRST = ["Lena", "Omar", "Birte", "Kofi", "Mira", "Jonas", "Aylin", "Piet", "Sanna", "Theo",
         "Greta", "Rafael", "Ines", "Malte", "Yuki", "Hanne", "Luca", "Frieda", "Nils", "Emma"]
LAST = ["Albers", "Brandt", "Cordes", "Dietz", "Ehlers", "Fink", "Gerdes", "Hansen",
        "Iversen", "Janssen"]
TEMPLATE = ("Hi {first}, I work on logistics software in Kiel and I am widening my network "
            "in the industry. I would be glad to connect with you. Best regards, Jana")
PERSONAL = ("Hello {first}, your talk on cold-chain monitoring at the Hamburg logistics "
            "meetup ({n}) answered a question our team had for weeks. I would like to "
            "stay in touch and compare notes on sensor data.")
START = _dt.datetime(2026, 1, 5, 9, 0)


def _people(n: int) -> list[tuple[str, str, str]]:
    out = []
    for i in range(n):
        first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST) + i) % len(LAST)]
        out.append((first, last, f"https://www.linkedin.com/in/{first.lower()}-"
                                  f"{last.lower()}-{i:03d}"))
    return out


def _sent_at(at: _dt.datetime) -> str:
    """The export's own format: ``3/19/26, 7:48 AM``."""
    hour = at.hour % 12 or 12
    return (f"{at.month}/{at.day}/{at.year % 100:02d}, {hour}:{at.minute:02d} "
            f"{'AM' if at.hour < 12 else 'PM'}")


def _csv(rows: list[list[str]], preamble: str = "") -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return (preamble + buf.getvalue()).encode("utf-8")


def linkedin_export(folder: Path, *, broken: bool = True) -> dict[str, Any]:
    """Write the export into ``folder`` (created); returns what it holds, for asserting:
    ``outgoing``, ``incoming``, ``template_recipients``, ``broken_rows``. Without
    ``broken``, the two broken rows are left out: that is the bundled example,
    ``examples/linkedin-export`` (``python tests/report_inputs.py`` writes it)."""
    folder.mkdir(parents=True, exist_ok=True)
    people = _people(60)
    invitations = [INVITATIONS_HEADER]
    connections = [CONNECTIONS_HEADER]
    messages = [MESSAGES_HEADER]
    outgoing = incoming = 0
    # Outgoing: 8 copies of a template within four days (a KN110 batch), 12 without a
    # note, 16 written for the person; every second one accepted a day later.
    for i, (first, last, url) in enumerate(people[:36]):
        if i < 8:
            at, note = START + _dt.timedelta(hours=11 * i), TEMPLATE.format(first=first)
        elif i < 20:
            at, note = START + _dt.timedelta(days=7 + 4 * (i - 8), hours=2), ""
        else:
            at = START + _dt.timedelta(days=10 + 5 * (i - 20), hours=5)
            note = PERSONAL.format(first=first, n=i)
        invitations.append([OWNER, f"{first} {last}", _sent_at(at), note, "OUTGOING",
                            OWNER_URL, url])
        outgoing += 1
        if i % 2 == 0:
            connections.append([first, last, url, "", "Reederei Nord", "Disposition",
                                (at + _dt.timedelta(days=1)).strftime("%d %b %Y")])
    # Incoming: 16 requests, a few a week.
    for j, (first, last, url) in enumerate(people[36:52]):
        at = START + _dt.timedelta(days=3 + 6 * j, hours=15)
        invitations.append([f"{first} {last}", OWNER, _sent_at(at), "", "INCOMING", url,
                            OWNER_URL])
        incoming += 1
    if broken:  # two broken rows: rejected input, grouped by reason in the report
        invitations.append([OWNER, "Row Broken", "3/3/26, 1:00 PM", "", "SIDEWAYS",
                            OWNER_URL, "https://www.linkedin.com/in/row-broken"])
        invitations.append([OWNER, "Row Late", "yesterday", "", "OUTGOING", OWNER_URL,
                            "https://www.linkedin.com/in/row-late"])
    # Messages: 8 people write; the owner answers after 2 hours .. 20 days, or not.
    delays = [2, 30, 50, 100, 200, 480, None, None]
    for k, (first, last, url) in enumerate(people[:8]):
        conv = f"2-conv-{k}"
        at = START + _dt.timedelta(days=20 + 3 * k, hours=10)
        text = (f"Hi Jana,\nthanks for connecting. Would you have time for a call about "
                f"pallet tracking next week? ({k})\nBest, {first}")
        messages.append([conv, "", f"{first} {last}", url, OWNER, OWNER_URL,
                         at.strftime("%Y-%m-%d %H:%M:%S UTC"), "", text, "INBOX", "", "No"])
        if delays[k] is not None:
            reply_at = at + _dt.timedelta(hours=delays[k])
            messages.append([conv, "", OWNER, OWNER_URL, f"{first} {last}", url,
                             reply_at.strftime("%Y-%m-%d %H:%M:%S UTC"), "",
                             f"Hi {first},\nyes, gladly. Tuesday at ten?\nJana", "INBOX", "",
                             "No"])
    (folder / "Invitations.csv").write_bytes(b"\xef\xbb\xbf" + _csv(invitations))
    (folder / "Connections.csv").write_bytes(_csv(connections, CONNECTIONS_PREAMBLE))
    (folder / "messages.csv").write_bytes(_csv(messages))
    return {"outgoing": outgoing, "incoming": incoming, "template_recipients": 8,
            "broken_rows": 2 if broken else 0}


#: The hostile strings: markup, script URLs, a style break-out, an RTL override, a very
#: long string. The scripts set ``window.__pwned`` (and the title) if they ever run.
SCRIPT = "<script>window.__pwned = 1; document.title = 'pwned'</script>"
IMG = "<img src=x onerror=\"window.__pwned = 2\">"
LINK = "<a href=\"javascript:window.__pwned = 3\" id=\"evil-link\">click me</a>"
STYLE = "</style><style>body { display: none }</style><b id=\"evil-bold\">x</b>"
RTL = "Anna \u202eevil.exe\u202c Berg"
LONG = "L" * 9_990 + "LONG-TAIL"


def hostile_events(path: Path) -> list[dict[str, Any]]:
    """A JSONL file whose names, notes and messages are hostile; returns the events."""
    base = {"platform": "linkedin", "recipient": {"id": "me", "name": "Jana Owner"}}
    events = [
        {**base, "kind": "contact_request", "id": "h-1", "direction": "incoming",
         "at": "2026-03-02T09:00:00+01:00",
         "sender": {"id": "h-a", "name": SCRIPT, "headline": IMG}, "note": SCRIPT + IMG},
        {**base, "kind": "contact_request", "id": "h-2", "direction": "incoming",
         "at": "2026-03-03T09:00:00+01:00",
         "sender": {"id": "h-b", "name": LINK}, "note": LINK + " " + STYLE},
        {**base, "kind": "message", "id": "h-3", "direction": "incoming",
         "at": "2026-03-04T09:00:00+01:00",
         "sender": {"id": "h-c", "name": RTL}, "text": "Hallo " + RTL + "?"},
        {**base, "kind": "contact_request", "id": "h-4", "direction": "incoming",
         "at": "2026-03-05T09:00:00+01:00",
         "sender": {"id": "h-d", "name": LONG}, "note": LONG},
        {"platform": "linkedin", "kind": "contact_request", "id": "h-5",
         "direction": "outgoing", "at": "2026-03-06T09:00:00+01:00",
         "sender": {"id": "me", "name": "Jana Owner"},
         "recipient": {"id": "h-e", "name": STYLE}, "note": IMG + " " + LONG},
    ]
    path.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    return events


if __name__ == "__main__":
    # Writes the bundled example export (README: the second report).
    linkedin_export(Path(__file__).resolve().parents[1] / "examples" / "linkedin-export",
                    broken=False)
