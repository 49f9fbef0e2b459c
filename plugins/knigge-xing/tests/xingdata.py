"""Invented XING input for the tests: vCards as XING and address books write them, and
CSV files in the layouts of docs/platforms/xing.md. No real person's data."""

from __future__ import annotations

import quopri
from pathlib import Path

from knigge_engine import Engine, Policy, policy_from_dict

from knigge_xing import plugin

CRLF = "\r\n"


def fold(line: str, width: int = 75) -> str:
    """Fold a content line as RFC 6350 does: CRLF plus one space every ``width`` chars."""
    parts = [line[i:i + width] for i in range(0, len(line), width)]
    return (CRLF + " ").join(parts)


def qp(text: str) -> str:
    """Quoted-printable UTF-8, with soft line breaks as vCard 2.1 writers produce."""
    return quopri.encodestring(text.encode("utf-8")).decode("ascii").replace("\n", CRLF)


#: A vCard 3.0 contact as XING's "save as vCard" writes it (umlauts in UTF-8, a long
#: folded NOTE, a profile URL).
VCARD_30 = CRLF.join([
    "BEGIN:VCARD",
    "VERSION:3.0",
    "N:Weiß;Jürgen;;;",
    "FN:Jürgen Weiß",
    "ORG:Müller & Söhne GmbH;Vertrieb",
    "TITLE:Leiter Vertrieb\\, DACH",
    "URL;TYPE=work:https://www.xing.com/profile/Juergen_Weiss2/cv",
    fold("NOTE:Kennengelernt auf der Hannover Messe am Stand der Söhne GmbH; Thema war "
         "die Umstellung der Lagerlogistik auf fahrerlose Transportsysteme."),
    "REV:2024-05-03T10:15:00Z",
    "END:VCARD",
]) + CRLF

#: A vCard 2.1 card from an old address book: quoted-printable with a soft line break.
VCARD_21 = CRLF.join([
    "BEGIN:VCARD",
    "VERSION:2.1",
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:" + qp("Müller-Lüdenscheidt;Renate;;;"),
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller-L=C3=BCdenscheidt, Renat=",
    "e",
    "TITLE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:" + qp("Geschäftsführerin"),
    "REV:20230102T090000Z",
    "END:VCARD",
]) + CRLF

#: A vCard 4.0 card in English, with a UID and a REV in basic format.
VCARD_40 = CRLF.join([
    "BEGIN:VCARD",
    "VERSION:4.0",
    "UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1",
    "FN:Sam O'Connor",
    "N:O'Connor;Sam;;;",
    "ORG:Harbour Analytics Ltd.",
    "TITLE:Head of Data",
    "REV:20250611T154500Z",
    "END:VCARD",
]) + CRLF

#: A card without REV: no time, so not imported (counted and reported).
VCARD_NO_REV = CRLF.join([
    "BEGIN:VCARD",
    "VERSION:3.0",
    "FN:Zoë Brandt",
    "END:VCARD",
]) + CRLF


def write(path: Path, text: str, *, bom: bool = False) -> Path:
    """Write ``text`` as UTF-8 (optionally with a byte-order mark)."""
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


CONTACTS_CSV = (
    "name,profile_url,headline,company,connected_at\r\n"
    "Jürgen Weiß,https://www.xing.com/profile/Juergen_Weiss2,Leiter Vertrieb,"
    "Müller & Söhne GmbH,2024-05-03T10:15:00+02:00\r\n"
    "Sam O'Connor,,Head of Data,Harbour Analytics Ltd.,2025-06-11T15:45:00Z\r\n"
)

#: Requests in the German spreadsheet dialect: ';' separated, German dates, a quoted
#: multi-line note, German status words.
REQUESTS_CSV_DE = (
    "direction;name;profile_url;sent_at;note;status;resolved_at;premium;contacts_visible;"
    "contact_count;headline;company\r\n"
    "eingehend;Max Beispiel;https://www.xing.com/profile/Max_Beispiel;02.11.2026 09:15;;"
    "offen;;nein;nein;4.500;tba;tba\r\n"
    'eingehend;Björn Äpfelbäck;;03.11.2026 18:02;"Hallo Frau Owner,\r\n'
    'wir haben uns beim IHK-Vortrag in Hamburg kennengelernt. Ich bin Controller bei '
    'einem Logistiker.";angenommen;04.11.2026 08:00;ja;ja;210;Controller;Elbe Logistik\r\n'
    "ausgehend;Lena Groß;https://www.xing.com/profile/Lena_Gross;05.11.2026 10:30;"
    "Hallo Lena, ich habe deinen Beitrag in der Gruppe New Work Hamburg gelesen und "
    "würde mich gern mit dir vernetzen.;;;;;;;\r\n"
)


def make_engine(policy: dict | None = None) -> Engine:
    """Built-in rules plus this plugin only (entry points off: hermetic)."""
    pol = policy_from_dict(policy) if policy else Policy()
    return Engine(pol, plugins=[("xing", plugin)], entry_points=False, strict=True)
