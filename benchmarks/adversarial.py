"""Adversarial text shapes (issue: hardening, linear text paths): one event carrying a
1 MB note, name or headline of a shape that stresses a regex or a per-word loop. Used by
`run.py` section g; `tests/test_text_bounds.py` checks the same shapes for
behaviour (never for time)."""

from __future__ import annotations

import random
from collections.abc import Iterator

M = 1_000_000

_WORDS = ["Hallo", "Frau", "Berg", "wir", "haben", "uns", "beim", "Vortrag", "getroffen",
          "und", "ich", "würde", "mich", "freuen", "Viele", "Grüße"]


def shapes(size: int = M) -> Iterator[tuple[str, str]]:
    """`(name, text)` pairs of about `size` characters each."""
    rng = random.Random(1)
    yield "spaces", " " * size
    yield "spaces then text", " " * size + "Hallo Anna"
    yield "a-space", "a " * (size // 2)
    yield "newlines", "\n" * size
    yield "dots", "." * size
    yield "one letter", "A" * size
    yield "German words", " ".join(rng.choice(_WORDS) for _ in range(size // 6))[:size]
    yield "greeting repeated", "Hallo " * (size // 6)
    yield "Sehr geehrte repeated", "Sehr geehrte " * (size // 13)
    yield "titles", "Dr. " * (size // 4)
    yield "url", "https://" + "a" * size
    yield "www", "www." * (size // 4)
    yield "e-mail-like", "a@b." * (size // 4)
    yield "digits", "1" * size
    yield "percent", "100% " * (size // 5)
    yield "euro", "€€€ " * (size // 4)
    yield "emoji", "🙂" * size
    yield "Cyrillic", "привет " * (size // 7)
    yield "umlauts", "ä" * size
    yield "punctuation mix", ".,;:!? " * (size // 7)
    yield "hashtags", "#a " * (size // 3)
    yield "dashes", "- " * (size // 2)
    yield "brackets", "[a]" * (size // 3)
    yield "quotes", '"' * size
    yield "apostrophes", "'" * size
    yield "no-break spaces", "\u00a0" * size
    yield "zero-width spaces", "\u200b" * size
    yield "capitals pitch", "FREE DEMO " * (size // 10)
    yield "phone numbers", "+49 " * (size // 4)
    yield "name-like", "Max Mustermann " * (size // 15)
    yield "slashes", "/" * size
    yield "colons", ":" * size
    yield "stars", "*" * size
    # Regex audit (issue 13 point 4): evidence at the start of a long text is quoted
    # with its context (KN111 on an outgoing note): the words around it must not be
    # looked for in the whole text; and escaped quotes, the shape that made the Facebook
    # importer's bracket scan quadratic (see json_shapes).
    yield "Sie and du, then words", ("Können Sie mir sagen, ob du noch Aufträge hast? "
                                     + "Grüße " * (size // 6))
    yield "escaped quotes", '\\"' * (size // 2)


def json_shapes(size: int = M) -> Iterator[tuple[str, str]]:
    """`(name, text)` Facebook message files that are too deep for the JSON parser, so
    the importer scans them for brackets (`_cut_deep`) before parsing them again."""
    deep = "[" * 2_000
    yield "deep, then an unterminated escaped string", deep + '"' + '\\"' * (size // 2)
    yield "deep, then unterminated strings", deep + '"a' * (size // 2)
    yield "deep, then brackets in strings", deep + '"[{",' * (size // 5)


def event(text: str, field: str = "note", platform: str = "linkedin",
          direction: str = "incoming") -> dict[str, object]:
    """A contact request (incoming unless `direction` says otherwise) with `text` as
    its note or as the sender's `field` (`name`, `headline`, `company`)."""
    sender: dict[str, object] = {"id": "u-1", "name": "Max Beispiel"}
    note = "Hallo Frau Berg, wir kennen uns vom IHK-Vortrag in Hamburg. Viele Grüße, Max"
    if field == "note":
        note = text
    else:
        sender[field] = text
    return {"kind": "contact_request", "id": "r-1", "platform": platform,
            "direction": direction, "at": "2026-11-02T09:15:00+01:00", "sender": sender,
            "recipient": {"id": "me"}, "note": note}
