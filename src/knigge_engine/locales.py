"""Locales: the languages messages, numbers, dates, quotes and replies are written in.

One registry holds them. German (`de`) and English (`en`) are built in: every rule
speaks both, and English is the language a message falls back to. A plugin adds a
language with the `knigge_locales` hook (see `knigge_engine.hookspecs`):

```python
from knigge_engine import hookimpl
from knigge_engine.locales import Locale

DUTCH = Locale(code="nl", name="Nederlands", group=".", date_format="%d-%m-%Y",
               quotes=("‘", "’"), day_words=("dag", "dagen", "dagen"),
               subjects={"contact_request": "notitie", "message": "bericht"})

@hookimpl
def knigge_locales():
    return [DUTCH]
```

A policy may then say `locale = "nl"`. A rule message without a Dutch template is
written in English, with English numbers and words (the finding says nothing in a
language it does not speak); replies without Dutch texts (the policy's `[replies.nl]`)
are the English ones, and say so in their `locale`. The text analysis reads the notes
of an added locale with its built-in phrase sets (German and English) until it gains
per-language phrases (`docs/decisions.md`).

The formatting of [`knigge_engine.say`][knigge_engine.say] looks a code up here: `get` gives the
registered `Locale`, or English for a code nobody registered.
"""

from __future__ import annotations

import datetime as _dt
import re
import threading
from collections.abc import Callable, Mapping

import attrs

__all__ = ["AUTO", "BUILTIN", "DE", "EN", "Locale", "LocaleConflict", "codes", "get",
           "register", "valid_code"]

#: The policy value that picks the language of each note (see `docs/decisions.md`).
AUTO = "auto"

_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def valid_code(code: object) -> bool:
    """Whether `code` is written like a language tag (`de`, `nl`, `pt-BR`)."""
    return isinstance(code, str) and _CODE.fullmatch(code) is not None


def _singular_one(n: int) -> bool:
    return n == 1


@attrs.frozen
class Locale:
    """A language the engine writes in.

    `group` is the digit grouping ("12.800" / "12,800"), `date_format` a
    `strftime` format, `quotes` the opening and closing quotation marks,
    `day_words` the words for one day, several days and several days after a
    preposition that takes the dative ("seit 3 Tagen"; the plural again where the
    language does not decline), `singular` the plural rule (whether a count takes the
    singular noun), `subjects` what `{subject}` in a rule message calls the text of a
    contact request and of a message, and `forms` the forms of address its replies
    come in (German "sie" and "du"; none for English), the first being the default.
    """

    code: str = attrs.field()
    name: str
    group: str = ","
    date_format: str = "%Y-%m-%d"
    quotes: tuple[str, str] = ("“", "”")
    day_words: tuple[str, str, str] = ("day", "days", "days")
    singular: Callable[[int], bool] = _singular_one
    subjects: Mapping[str, str] = attrs.field(
        factory=lambda: {"contact_request": "note", "message": "message"})
    forms: tuple[str, ...] = ()

    @code.validator
    def _check_code(self, _: object, value: str) -> None:
        if not valid_code(value) or value == AUTO:
            raise ValueError(f"a locale code is a language tag like 'nl' or 'pt-BR', "
                             f"found {value!r}")

    def number(self, n: int) -> str:
        """`12800` as "12,800" (English) or "12.800" (German): the digit grouping."""
        text = f"{n:,}"
        return text if self.group == "," else text.replace(",", self.group)

    def count(self, n: int, one: str, many: str) -> str:
        """A count with its noun, by the plural rule: "1 contact", "3 contacts"."""
        text = f"{n:,}"
        if self.group != ",":
            text = text.replace(",", self.group)
        return f"{text} {one if self.singular(n) else many}"

    def date(self, day: _dt.date) -> str:
        """A date in the locale's format: "2026-11-05" (English), "05.11.2026" (German)."""
        return day.strftime(self.date_format)

    def quote(self, text: str) -> str:
        """`text` in the locale's quotation marks: “…” (English), „…“ (German)."""
        return f"{self.quotes[0]}{text}{self.quotes[1]}"

    def subject(self, kind: str | None) -> str:
        """The word for the text of an event of `kind` (a contact request's for an
        unknown kind)."""
        found = self.subjects.get(str(kind))
        if found is None:
            found = self.subjects.get("contact_request") or next(iter(self.subjects.values()),
                                                                 "")
        return found


#: English: the language every rule speaks and every message falls back to.
EN = Locale(code="en", name="English")
#: German: every rule speaks it too; replies come formal ("Sie") and informal ("Du").
DE = Locale(code="de", name="Deutsch", group=".", date_format="%d.%m.%Y",
            quotes=("„", "“"), day_words=("Tag", "Tage", "Tagen"),
            subjects={"contact_request": "Notiz", "message": "Nachricht"},
            forms=("sie", "du"))
#: The locales the core always has, whatever plugins are installed.
BUILTIN: Mapping[str, Locale] = {"de": DE, "en": EN}

_registry: dict[str, Locale] = dict(BUILTIN)
_lock = threading.Lock()


class LocaleConflict(ValueError):
    """A plugin registers a locale code another plugin registered differently."""


def register(locale: Locale) -> Locale:
    """Add `locale` to the registry (what an engine does with the locales its plugins
    provide). Registering an equal definition again is no change; a different definition
    of a registered code raises `LocaleConflict`."""
    with _lock:
        found = _registry.get(locale.code)
        if found is not None and found != locale:
            raise LocaleConflict(f"the locale '{locale.code}' is already registered with a "
                                 "different definition")
        _registry[locale.code] = locale
        return locale


def get(code: str) -> Locale:
    """The registered locale `code`; English for a code nobody registered."""
    found = _registry.get(code)
    return found if found is not None else EN


def codes() -> tuple[str, ...]:
    """Every registered code, sorted."""
    return tuple(sorted(_registry))
