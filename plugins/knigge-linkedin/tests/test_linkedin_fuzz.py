"""Fuzz target: the LinkedIn importer (issue 13; docs/reliability.md).

Realistic exports (``linkedin_exports.py``: Invitations.csv, Connections.csv with its
preamble, messages.csv, Profile.csv, as a folder or a zip) with one to six cells replaced
by hostile values (times in every shape and out of range, numbers of thousands of
digits, lone surrogates written as bytes that are no UTF-8, control and direction
characters, 5,000-character texts), rows widened, shortened, dropped or duplicated, and
bytes overwritten. Properties: only events and ``InputError`` s come out; every error
names a file of the export and quotes at most 40 characters of a value; every event is
evaluated without a crashing rule and written by ``--format json``.
"""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st
from knigge_engine import Engine
from knigge_engine.io import collect_importers, read_paths
from knigge_engine.io.base import ImportOptions
from knigge_engine.testing import EXCERPT, check_import, fuzz_settings
from linkedin_exports import (
    CONNECTIONS_PREAMBLE,
    connections_rows,
    csv_text,
    invitations_rows,
    messages_rows,
    profile_csv,
    write_folder,
    write_zip,
)

FUZZ = fuzz_settings(25)
ENGINE = Engine()
IMPORTERS = collect_importers(ENGINE.plugins)

HOSTILE = ["", " ", "\x00", "\u202eevil", "🎉" * 30, "x" * 5000, "9" * 5000, "-1", "2**64",
           "18446744073709551616", "1/1/00, 0:00 AM", "13/45/26, 25:61 PM", "0000-00-00",
           "9999-12-31 23:59:59 UTC", "1969-12-31 23:59:59 UTC", "2026-03-20 09:15:00",
           "2026-03-20T09:15:00+14:00", "31 Feb 2026", "yesterday", "INCOMING", "OUTGOING",
           "SIDEWAYS", "Yes", "No", "INBOX", "ARCHIVE", "SPAM", "Sponsored", "LinkedIn Member",
           "Jana Owner", "https://www.linkedin.com/in/", "javascript:alert(1)", '"', '""',
           "a,b", "line\r\nbreak", "=cmd|' /C calc'!A0", "\ud800", "Hallo\udcff"]


def _mutate_rows(rng: random.Random, rows: list[list[str]]) -> list[list[str]]:
    rows = [list(r) for r in rows]
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(rows))
        roll = rng.random()
        if roll < 0.6 and rows[i]:
            rows[i][rng.randrange(len(rows[i]))] = rng.choice(HOSTILE)
        elif roll < 0.7:
            rows[i].append(rng.choice(HOSTILE))
        elif roll < 0.8 and rows[i]:
            rows[i].pop()
        elif roll < 0.9:
            rows.insert(i, list(rows[i]))
        elif len(rows) > 1:
            del rows[i]
    return rows


def _encode(text: str, rng: random.Random) -> bytes:
    data = text.encode("utf-8", "surrogatepass")  # lone surrogates: bytes no UTF-8
    if rng.random() < 0.1 and data:
        data = bytearray(data)
        for _ in range(rng.randint(1, 5)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        data = bytes(data)
    return data


def _secrets(rows_by_file: dict[str, list[list[str]]]) -> list[str]:
    return [cell for rows in rows_by_file.values() for row in rows for cell in row
            if len(cell) > EXCERPT and len(set(cell)) > 1]


@FUZZ
@given(st.integers(0, 2**32 - 1), st.booleans(), st.booleans())
def test_linkedin_export(tmp_path_factory, seed, as_zip, with_owner):
    rng = random.Random(seed)
    rows = {"Invitations.csv": invitations_rows(), "Connections.csv": connections_rows(),
            "messages.csv": messages_rows()}
    for name in rng.sample(sorted(rows), rng.randint(1, 3)):
        rows[name] = _mutate_rows(rng, rows[name])
    files = {}
    for name, table in rows.items():
        if rng.random() < 0.05:
            continue  # a file missing from the export
        text = csv_text(table, preamble=CONNECTIONS_PREAMBLE if name == "Connections.csv"
                        and rng.random() < 0.8 else "")
        files[name] = (b"\xef\xbb\xbf" if rng.random() < 0.5 else b"") + _encode(text, rng)
    folder = tmp_path_factory.mktemp("li")
    if as_zip:
        path = write_zip(folder / "Basic_LinkedInDataExport.zip", files)
    else:
        path = write_folder(folder / "export", {**files, "Profile.csv": profile_csv()})
    options = ImportOptions(owner="Jana Owner" if with_owner else None)
    items = list(read_paths([path], IMPORTERS, options, format="linkedin"))
    check_import(items, ENGINE, source=str(path), secrets=_secrets(rows),
                 max_reason=400, stride=7)
