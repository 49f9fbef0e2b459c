"""Synthetic LinkedIn data exports in the exact layouts the real export uses.

Every person, note and message here is invented. The layouts follow the project's
platform notes: ``Invitations.csv`` with seven columns (five before ~2023), ``Connections.csv``
with its ``Notes:`` preamble (none in 2018-style and spreadsheet-resaved files), and
``messages.csv`` with drafts and sponsored mail. Files are written with ``\\r\\n`` line
ends like the real export, and the caller picks where a byte-order mark goes.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

OWNER = "Jana Owner"
OWNER_URL = "https://www.linkedin.com/in/jana-owner-4a1b2c"

INVITATIONS_HEADER = ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl",
                      "inviteeProfileUrl"]
CONNECTIONS_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company",
                      "Position", "Connected On"]
MESSAGES_HEADER = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL",
                   "TO", "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER",
                   "ATTACHMENTS", "IS MESSAGE DRAFT"]
PROFILE_HEADER = ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date",
                  "Headline", "Summary", "Industry", "Zip Code", "Geo Location",
                  "Twitter Handles", "Websites", "Instant Messengers"]


def profile_csv(first: str = "Jana", last: str = "Owner", *, bom: bool = True) -> bytes:
    """``Profile.csv`` as the export writes it: one row, with a byte-order mark."""
    row = [first, last, "", "", "", "Produktmanagerin | Logistik-Software", "Ich baue "
           "Werkzeuge für Disponenten.", "Software Development", "24103",
           "Kiel, Schleswig-Holstein, Deutschland", "", "", ""]
    return (b"\xef\xbb\xbf" if bom else b"") + csv_text([PROFILE_HEADER, row]).encode()

NOTE_LUKAS = ("Hallo Herr Brandt, ich bin Projektleiterin bei einem Energieversorger in "
              "Kiel und habe Ihren Vortrag zur Wärmewende auf der Husum Wind gehört. Ich "
              "würde mich gern vernetzen.")
NOTE_PRIYA = ("Hi Priya, I'm a product manager at a logistics start-up in Hamburg. I read "
              "your post on route planning with OR-Tools and would like to stay in touch.")
NOTE_JUERGEN = ("Hallo Herr Müller, wir haben uns beim Digitaltag der IHK Lübeck "
                "kennengelernt. Ich bin Projektleiterin in Kiel.")
# 230 characters: over the free limit (200), under Premium's (300).
NOTE_LONG_DE = (
    "Hallo Frau Albers, ich bin Produktmanagerin bei einem Kieler Softwarehaus und habe "
    "Ihren Vortrag über barrierefreie Formulare beim UX-Stammtisch Hamburg gehört. Ich "
    "würde mich gern vernetzen und mich zu Prüfwerkzeugen austauschen.")

LUKAS_URL = "https://www.linkedin.com/in/lukas-brandt-7f3"
PRIYA_URL = "https://www.linkedin.com/in/priya-raman-88"
MAX_URL = "https://www.linkedin.com/in/max-beispiel-2"
GRETA_URL = "https://www.linkedin.com/in/greta-vogel"
ALBERS_URL = "https://www.linkedin.com/in/sophie-albers-hh"
# The invitation spells the URL with umlauts, Connections.csv percent-encodes it and adds
# a slash: the join must still find it.
JUERGEN_URL_INVITE = "https://www.linkedin.com/in/Jürgen-Müller-12"
JUERGEN_URL_CONN = "https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-12/"


def csv_text(rows: Sequence[Sequence[str]], *, preamble: str = "") -> str:
    """Rows as CSV the way the export writes it (minimal quoting, CRLF)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerows(rows)
    return preamble + buf.getvalue()


def invitations_rows() -> list[list[str]]:
    """A current-layout Invitations.csv: accepted, pending, incoming, a row without a
    note, a long note, and two broken rows (rows 7 and 8 counting the header as 1)."""
    return [
        INVITATIONS_HEADER,
        [OWNER, "Lukas Brandt", "3/19/26, 7:48 AM", NOTE_LUKAS, "OUTGOING", OWNER_URL,
         LUKAS_URL],
        [OWNER, "Priya Raman", "3/2/26, 4:05 PM", NOTE_PRIYA, "OUTGOING", OWNER_URL,
         PRIYA_URL],
        ["Max Beispiel", OWNER, "2/27/26, 11:12 PM", "", "INCOMING", MAX_URL, OWNER_URL],
        [OWNER, "Greta Vogel", "3/21/26, 9:30 AM", "", "OUTGOING", OWNER_URL, GRETA_URL],
        [OWNER, "Sophie Albers", "3/22/26, 10:02 AM", NOTE_LONG_DE, "OUTGOING", OWNER_URL,
         ALBERS_URL],
        [OWNER, "Tom Klein", "3/23/26, 1:15 PM", "", "SIDEWAYS", OWNER_URL,
         "https://www.linkedin.com/in/tom-klein"],
        [OWNER, "Ida Storm", "yesterday", "", "OUTGOING", OWNER_URL,
         "https://www.linkedin.com/in/ida-storm"],
        [OWNER, "Jürgen Müller", "1/10/26, 6:00 PM", NOTE_JUERGEN, "OUTGOING", OWNER_URL,
         JUERGEN_URL_INVITE],
    ]


CONNECTIONS_PREAMBLE = (
    'Notes:\r\n"Some members choose not to share their email address with their '
    'connections, so the column can be empty. This notice is invented for the tests."'
    '\r\n\r\n')


def connections_rows() -> list[list[str]]:
    """A current-layout Connections.csv body (the preamble is added separately)."""
    return [
        CONNECTIONS_HEADER,
        ["Lukas", "Brandt", LUKAS_URL, "", "Stadtwerke Kiel GmbH", "Projektleiter",
         "20 Mar 2026"],
        ["Max", "Beispiel", MAX_URL, "", "tba", "tba", "28 Feb 2026"],
        ["", "", "https://www.linkedin.com/in/ACoAAB1x2y3", "", "", "", "01 Jan 2025"],
        ["Jürgen", "Müller", JUERGEN_URL_CONN, "j.mueller@example.org", "Hansewerk AG",
         "Leiter Netzbetrieb", "12 Jan 2026"],
        ["Karin", "Ostrowski", "https://www.linkedin.com/in/karin-ostrowski", "",
         "Ostsee Reederei", "Einkauf", "31 Feb 2026"],
    ]


MESSAGE_LUKAS_REPLY = ("Hallo Jana,\n\ndanke für die Anfrage! Die Folien vom Vortrag "
                       "schicke ich Ihnen gern.\n\nViele Grüße\nLukas")
MESSAGE_PRIYA = ("Hi Jana,\nthanks for reaching out. Happy to compare notes on route "
                 "planning.\nAre you at the Hamburg logistics meetup next week?")
MESSAGE_DRAFT = "Hi Priya, yes, I'll be there! Let's grab a coffee after the talks."
MESSAGE_SPONSORED = ("<p>Hallo Jana,</p><p>entdecken Sie <b>5 geheime Tipps</b> für mehr "
                     "Kunden &amp; Umsatz.<br>Jetzt kostenlos testen!</p>")


def messages_rows() -> list[list[str]]:
    """A current-layout messages.csv: the echo of an accepted note, a multi-line reply,
    sponsored HTML mail, an incoming message with a draft answer, and a row without a
    date (row 7)."""
    return [
        MESSAGES_HEADER,
        ["2-conv-lukas", "", "Lukas Brandt", LUKAS_URL, OWNER, OWNER_URL,
         "2026-03-20 09:15:00 UTC", "", MESSAGE_LUKAS_REPLY, "INBOX", "", "No"],
        ["2-conv-lukas", "", OWNER, OWNER_URL, "Lukas Brandt", LUKAS_URL,
         "2026-03-20 08:01:10 UTC", "", NOTE_LUKAS, "INBOX", "", "No"],
        ["2-conv-sponsor", "Sponsored", "LinkedIn Member", "", OWNER, OWNER_URL,
         "2026-03-25 12:00:00 UTC", "Mehr Kunden in 30 Tagen", MESSAGE_SPONSORED, "INBOX",
         "", "No"],
        ["2-conv-priya", "", "Priya Raman", PRIYA_URL, OWNER, OWNER_URL,
         "2026-04-06 16:35:35 UTC", "", MESSAGE_PRIYA, "INBOX", "", "No"],
        ["2-conv-priya", "", OWNER, OWNER_URL, "Priya Raman", PRIYA_URL,
         "2026-04-06 18:02:11 UTC", "", MESSAGE_DRAFT, "INBOX", "", "Yes"],
        ["2-conv-priya", "", "Priya Raman", PRIYA_URL, OWNER, OWNER_URL, "", "",
         "Did you see my last message?", "INBOX", "", "No"],
    ]


def export_files(*, bom: Mapping[str, bool] | None = None) -> dict[str, bytes]:
    """The three files of a current export, as bytes (``Invitations.csv`` with a BOM by
    default, the others without)."""
    bom = {"Invitations.csv": True, **(bom or {})}
    texts = {
        "Invitations.csv": csv_text(invitations_rows()),
        "Connections.csv": csv_text(connections_rows(), preamble=CONNECTIONS_PREAMBLE),
        "messages.csv": csv_text(messages_rows()),
    }
    return {name: (b"\xef\xbb\xbf" if bom.get(name) else b"") + text.encode("utf-8")
            for name, text in texts.items()}


def write_zip(path: Path, files: Mapping[str, bytes], *, extra: bool = True) -> Path:
    """A zip like the download: the CSVs at the top level, other export files beside."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        if extra:
            zf.writestr("Profile.csv", profile_csv())
            zf.writestr("Jobs/Saved Jobs.csv", "Saved Date,Job Url\r\n")
        for name, data in files.items():
            zf.writestr(name, data)
    return path


def write_folder(path: Path, files: Mapping[str, bytes]) -> Path:
    """The export unpacked into a folder."""
    path.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (path / name).write_bytes(data)
    return path


def truncate(path: Path, keep: float = 0.6) -> Path:
    """Cut a file like an interrupted download."""
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


# 2018-style files: five-column invitations, connections without URL and with a time.
OLD_INVITATIONS = [
    ["From", "To", "Sent At", "Message", "Direction"],
    [OWNER, "Heike Sommer", "1/5/18, 2:10 PM", "Hallo Frau Sommer, schön, dass wir uns "
     "auf der CeBIT kennengelernt haben. Ich bin Entwicklerin in Hannover.", "OUTGOING"],
    ["Paul Winter", OWNER, "1/7/18, 9:03 AM", "", "INCOMING"],
    [OWNER, "Anna Schmidt", "1/9/18, 5:45 PM", "", "OUTGOING"],
]
OLD_CONNECTIONS = [
    ["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"],
    ["Heike", "Sommer", "", "Continental AG", "Softwarearchitektin", "1/8/18, 6:14 PM"],
    ["Paul", "Winter", "", "", "", "1/7/18, 10:30 AM"],
    ["Anna", "Schmidt", "", "Bäckerei Schmidt", "Inhaberin", "1/10/18, 8:00 AM"],
    ["Anna", "Schmidt", "", "Schmidt & Partner", "Steuerberaterin", "3/2/18, 1:00 PM"],
]
