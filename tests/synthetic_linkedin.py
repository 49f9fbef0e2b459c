"""A synthetic LinkedIn data export of a few hundred rows, for the text report and
``knigge due`` tests (and anyone who wants to try the tool on something export-sized).

Everything in it is invented. :func:`write_export` writes a folder with
``Invitations.csv`` (rows 2–301: 120 outgoing, 30 of them one templated note sent within
six days, 180 incoming), ``Connections.csv`` (the accepted half of the outgoing ones) and
``messages.csv`` (130 incoming messages over two years, every third one answered).
Times are local, without a zone, as LinkedIn writes them: import with
``--timezone Europe/Berlin``.

Run it as ``python tests/synthetic_linkedin.py FOLDER`` to write one.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import sys
from pathlib import Path

OWNER = "Jana Owner"
OWNER_URL = "https://www.linkedin.com/in/jana-owner-synthetic"
START = _dt.datetime(2024, 7, 1, 9, 0)

FIRST = ("Anna", "Ben", "Clara", "David", "Eva", "Finn", "Greta", "Hannes", "Ida", "Jonas",
         "Kira", "Lars", "Mara", "Nils", "Olga", "Paul", "Rike", "Sven", "Tara", "Uwe")
LAST = ("Albers", "Brandt", "Cordes", "Dietz", "Ehlers", "Fink", "Gross", "Hansen",
        "Iversen", "Jensen", "Krause", "Lorenz", "Meyer", "Nowak", "Otto")
TOPICS = ("route planning", "cold-chain logistics", "warehouse robotics", "rail freight",
          "port automation", "last-mile delivery", "fleet electrification",
          "customs software", "demand forecasting", "pallet tracking")

#: The note of the templated batch: only the first name changes.
TEMPLATE = ("Hi {first}, I am growing my network in logistics and software and would be "
            "glad to connect with you. Best regards, Jana")

#: Rows of Invitations.csv that hold the templated batch (the header is row 1).
TEMPLATE_ROWS = range(2, 32)
INVITATION_ROWS = 300
MESSAGES = 130


def _person(i: int) -> tuple[str, str, str]:
    first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
    return first, f"{first} {last} {i}", f"https://www.linkedin.com/in/synthetic-{i}"


def _sent(at: _dt.datetime) -> str:
    """LinkedIn's 'Sent At': 3/19/26, 7:48 AM (local time, no zone)."""
    hour = at.hour % 12 or 12
    return (f"{at.month}/{at.day}/{at.year % 100:02d}, {hour}:{at.minute:02d} "
            f"{'AM' if at.hour < 12 else 'PM'}")


def _csv(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def export_files() -> dict[str, bytes]:
    """The three CSV files, as bytes."""
    invitations = [["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl",
                    "inviteeProfileUrl"]]
    connections = [["First Name", "Last Name", "URL", "Email Address", "Company",
                    "Position", "Connected On"]]
    batch_start = _dt.datetime(2026, 5, 4, 9, 0)
    for n in range(INVITATION_ROWS):
        row = n + 2
        first, name, url = _person(n)
        if row in TEMPLATE_ROWS:  # the batch: 5 a day for six days
            at = batch_start + _dt.timedelta(days=n // 5, minutes=17 * (n % 5))
            note = TEMPLATE.format(first=first)
            outgoing = True
        elif n < 120:  # outgoing, one every 5 days; every other with its own note
            at = START + _dt.timedelta(days=5 * n, hours=n % 7)
            topic = TOPICS[n % len(TOPICS)]
            note = (f"Hello {first}, your talk on {topic} at the Hamburg meetup in week "
                    f"{n % 52 + 1} answered a question I had for months. I run product at "
                    "a small freight start-up; may I ask you about it? Jana"
                    if n % 2 else "")
            outgoing = True
        else:  # incoming, one every 4 days; every third with a note
            at = START + _dt.timedelta(days=4 * (n - 120), hours=(n % 9) + 1)
            note = (f"Hi Jana, we met at the {TOPICS[n % len(TOPICS)]} workshop. Would be "
                    f"glad to stay in touch. {first}" if n % 3 == 0 else "")
            outgoing = False
        if outgoing:
            invitations.append([OWNER, name, _sent(at), note, "OUTGOING", OWNER_URL, url])
            if n % 2 == 0:
                connected = at + _dt.timedelta(days=2)
                connections.append([first, name.split(" ", 1)[1], url, "", "Synthetic GmbH",
                                    "Logistics", connected.strftime("%d %b %Y")])
        else:
            invitations.append([name, OWNER, _sent(at), note, "INCOMING", url, OWNER_URL])
    messages = [["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL",
                 "TO", "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER",
                 "ATTACHMENTS", "IS MESSAGE DRAFT"]]
    for m in range(MESSAGES):
        first, name, url = _person(1000 + m)
        at = START + _dt.timedelta(days=5.5 * m, hours=m % 8)
        conv = f"2-synthetic-{m}"
        question = (f"Hi Jana, could you send me the slides of your talk on "
                    f"{TOPICS[m % len(TOPICS)]}? Thanks, {first}")
        messages.append([conv, "", name, url, OWNER, OWNER_URL,
                         at.strftime("%Y-%m-%d %H:%M:%S UTC"), "", question, "INBOX", "",
                         "No"])
        if m % 3 == 0:
            answer = at + _dt.timedelta(hours=20)
            messages.append([conv, "", OWNER, OWNER_URL, name, url,
                             answer.strftime("%Y-%m-%d %H:%M:%S UTC"), "",
                             f"Hi {first}, here they are. Best, Jana", "INBOX", "", "No"])
    return {"Invitations.csv": _csv(invitations), "Connections.csv": _csv(connections),
            "messages.csv": _csv(messages)}


def write_export(folder: Path) -> Path:
    """Write the export's files into ``folder`` (created) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in export_files().items():
        (folder / name).write_bytes(data)
    return folder


if __name__ == "__main__":
    print(write_export(Path(sys.argv[1] if len(sys.argv) > 1 else "synthetic-export")))
