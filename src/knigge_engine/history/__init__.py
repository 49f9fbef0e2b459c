"""History: what happened before an event, and what the account still owes people.

Two sides, one protocol:

* `HistoryView` is what **rules** may read, through `ctx.history`. Every method is
  a read-only query. Time windows are half-open, `[since, until)`, so a rule that asks
  about "the state before this event" passes `until=event.at` and never sees the event
  itself, nor anything at the same instant (see "Recording semantics" in
  `docs/history.md`).
* `History` adds what the **engine and importers** write: `History.record`
  stores a batch of events, each batch in one transaction, and records nothing twice.

Queries for rules (all read-only):

`count_outgoing_requests(platform, since, until, *, with_note=None)`
    Outgoing contact requests (invitations) on `platform` in `[since, until)`;
    `with_note=True` counts only requests that carried a non-blank note, `False` only
    those without one. The weekly invitation limit reads this with
    `since=event.at - 7 days, until=event.at`.
`count(*, platform, kind, direction, party, since, until, with_note=None)`
    Any other count, every filter optional; `with_note` as above. A plugin's periodic
    quota counts with this over the period its platform defines (LinkedIn's monthly
    note quota: from the start of the event's calendar month, in its own UTC offset, to
    the event): the history knows no platform's calendar.
`events(*, platform, kind, direction, party, since, until, limit, newest_first)`
    The matching events, oldest first (or newest first), rebuilt as event objects.
`get(platform, event_id)`
    One stored event by its platform and id.
`similar_notes(text, *, platform, since, until, min_similarity, exclude_party, limit)`
    Outgoing request notes and outgoing opening messages in the window whose text is at
    least `min_similarity` (0..1, rapidfuzz's normalised Indel similarity after
    normalising case and whitespace) like `text`: one `NoteMatch` per other
    party, at most `limit`. KN110 reads this.
`awaiting(*, platform, kind, direction, responses, until, before=None)`
    Events of `kind`/`direction` at or before `until` (and strictly before
    `before`, when given) that no event of the `responses` (`(kind, direction)`
    pairs, direction `None` = either) at the same time or later, with the same platform
    and the same other party, has answered, up to and including `until`. The follow-through rules
    read this ("which incoming messages has the owner not answered?").
`owner_contact_count(*, platform, until)`
    The owner's contact count as last seen on an outgoing event's sender profile.
`platforms()`
    The platforms the history holds events of.

Two implementations ship: `InMemoryHistory` (tests, short-lived hosts) and
`SQLiteHistory` (the command line's default; a file only its owner can read). A
host application may implement the protocol over its own database.
"""

from __future__ import annotations

from ..errors import HistoryError
from .memory import InMemoryHistory
from .protocol import History, HistoryView, NoteMatch, RecordResult
from .similarity import normalise_note, note_keys, note_of
from .sqlite import SCHEMA_VERSION, SQLiteHistory, default_history_path, open_history

__all__ = [
    "SCHEMA_VERSION",
    "History",
    "HistoryError",
    "HistoryView",
    "InMemoryHistory",
    "NoteMatch",
    "RecordResult",
    "SQLiteHistory",
    "default_history_path",
    "normalise_note",
    "note_keys",
    "note_of",
    "open_history",
]
