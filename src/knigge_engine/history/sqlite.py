"""The SQLite store: the command line's default history, a file only its owner can read."""

from __future__ import annotations

import datetime as _dt
import logging
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import HistoryError
from ..model import (
    Direction,
    Event,
    Kind,
)
from ._rows import EPOCH, Row, batches, load_event, make_row, to_us
from .protocol import NoteMatch, RecordResult, Response
from .similarity import length_bounds, normalise_note, note_keys, verify

if TYPE_CHECKING:
    import sqlite3
else:

    class _OnFirstUse:
        """A module imported when one of its names is first read (then the module's own
        global takes its place): `SQLiteHistory` needs sqlite3, importing this
        module does not (start-up, docs/performance.md)."""

        def __init__(self, name: str) -> None:
            self._name = name

        def __getattr__(self, attr: str) -> Any:
            import importlib

            module = importlib.import_module(self._name)
            globals()[self._name] = module
            return getattr(module, attr)

    sqlite3 = _OnFirstUse("sqlite3")

log = logging.getLogger("knigge_engine.history")


#: The schema version this code writes (`PRAGMA user_version`). A file with a higher
#: version was written by a newer release and is refused unchanged.
SCHEMA_VERSION = 3

_COLUMNS = ("key", "platform", "event_id", "kind", "direction", "at", "party", "has_note",
            "note", "asks_reason", "ref", "owner_contacts", "digest", "data")

#: Migrations: `_MIGRATIONS[n]` takes a file from version `n - 1` to `n`. Each runs
#: in the same transaction as the version bump, so a file is never half-migrated.
_MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            platform TEXT NOT NULL,
            event_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            direction TEXT NOT NULL,
            at INTEGER NOT NULL,
            party TEXT NOT NULL,
            has_note INTEGER NOT NULL DEFAULT 0,
            note TEXT,
            asks_reason INTEGER,
            ref TEXT,
            owner_contacts INTEGER,
            digest TEXT NOT NULL,
            data BLOB NOT NULL
        )""",
        # due(): "which X has no later Y with the same party" walks the triggers by kind
        # and seeks the responses by party.
        "CREATE INDEX events_kind ON events (platform, kind, direction, at)",
        "CREATE INDEX events_party ON events (platform, party, kind, direction, at)",
        "CREATE INDEX events_owner ON events (platform, at) WHERE owner_contacts IS NOT NULL",
    ),
    2: (
        # KN110: candidate notes by shared LSH key within a time window. One B-tree
        # keyed (band, at): the lookup is a range scan per key, and there is no second
        # structure to update on insert.
        """CREATE TABLE note_keys (
            band INTEGER NOT NULL,
            at INTEGER NOT NULL,
            event INTEGER NOT NULL REFERENCES events (id),
            PRIMARY KEY (band, at, event)
        ) WITHOUT ROWID""",
    ),
    3: (
        # get(): an event by platform and id when its key is a content hash
        # (stable_ids=False), and the lookup of a request an acceptance refers to (KN306)
        # for ids the history does not hold — without it each miss scans the table.
        "CREATE INDEX IF NOT EXISTS events_id ON events (platform, event_id)",
    ),
}


def default_history_path() -> Path:
    """The per-user default file: `$XDG_DATA_HOME/knigge/history.sqlite3`, else
    `~/.local/share/knigge/history.sqlite3`."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"),
                                                           ".local", "share")
    return Path(base) / "knigge" / "history.sqlite3"


def _reason(exc: sqlite3.Error, timeout: float) -> str:
    text = str(exc)
    low = text.lower()
    if "locked" in low or "busy" in low:
        return (f"the database is locked by another process (waited {timeout:g} s); "
                "try again when it has finished")
    if "readonly" in low or "read-only" in low:
        return "the database is read-only (file or folder not writable); nothing was recorded"
    if "not a database" in low or "malformed" in low or "corrupt" in low:
        return ("not a knigge history database, or a corrupted one "
                f"(SQLite: {text}); move it away or pass another --history path")
    if "unable to open" in low:
        return f"cannot open the database file (SQLite: {text})"
    return f"SQLite error: {text}"


class SQLiteHistory:
    """A `History` in a SQLite file (stdlib `sqlite3`).

    The file is created readable and writable by its owner only (mode 0o600, before
    SQLite touches it; SQLite gives its `-wal` and `-shm` files the same mode). It
    runs in WAL mode, so readers never wait for a writer; each `record` batch is
    one `BEGIN IMMEDIATE` transaction, so a killed import leaves whole batches only,
    and re-running it adds what is missing. Writers wait up to `timeout` seconds for
    each other (`busy_timeout`), then fail with `HistoryError`.

    Args:
        path: the database file (created with its folder when missing, unless `readonly`).
        readonly: open for queries only (`knigge due`); a missing file is an error.
        timeout: seconds to wait for another process's write lock.
        batch_size: events per transaction in `record`.
    """

    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False,
                 timeout: float = 5.0, batch_size: int = 1000) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.timeout = timeout
        self.batch_size = batch_size
        self._conn: sqlite3.Connection | None = None
        name = str(self.path)
        if self.path.is_dir():
            raise HistoryError(name, "is a folder, expected a database file")
        if readonly:
            if not self.path.exists():
                raise HistoryError(name, "no history database here (record one with "
                                         "`knigge check --history PATH`)")
            uri = self.path.resolve().as_uri() + "?mode=ro"
            self._conn = self._connect(uri, uri=True)
        else:
            self._create_file()
            self._conn = self._connect(name)
        try:
            self._prepare()
        except BaseException:
            self.close()
            raise

    # ------------------------------------------------------------ opening

    def _create_file(self) -> None:
        if self.path.exists():
            if not os.access(self.path, os.W_OK):
                raise HistoryError(str(self.path), "the database file is read-only; "
                                   "nothing was recorded")
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            # Created 0o600 before SQLite opens it: the notes inside are personal data.
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return  # another process created it a moment ago
        except OSError as exc:
            raise HistoryError(str(self.path), f"cannot create the database: "
                               f"{exc.strerror or exc}") from None
        os.close(fd)

    def _connect(self, target: str, *, uri: bool = False) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(target, uri=uri, timeout=self.timeout,
                                   isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise HistoryError(str(self.path), _reason(exc, self.timeout)) from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            # 64 MiB of page cache (the default is 2 MiB): index inserts by LSH key land
            # on random pages, and a larger cache keeps recording fast as the file grows.
            conn.execute("PRAGMA cache_size = -65536")
        except sqlite3.Error as exc:
            conn.close()
            raise HistoryError(str(self.path), _reason(exc, self.timeout)) from None
        return conn

    def _prepare(self) -> None:
        conn = self._require()
        # Read the version before anything writes: a foreign, corrupted or newer file
        # must be left exactly as it is.
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            raise HistoryError(str(self.path), _reason(exc, self.timeout)) from None
        if version > SCHEMA_VERSION:
            raise HistoryError(
                str(self.path),
                f"written by a newer knigge-engine (schema version {version}; this version "
                f"reads up to {SCHEMA_VERSION}); upgrade knigge-engine to use it",
            )
        if version == 0 and not self._is_empty():
            raise HistoryError(str(self.path), "a SQLite database, but not a knigge history "
                               "(it has tables of its own); pass another --history path")
        if version >= 1:
            self._check_shape(version)
        if self.readonly:
            if version < SCHEMA_VERSION:
                raise HistoryError(str(self.path), f"schema version {version} needs an "
                                   f"upgrade to {SCHEMA_VERSION}; open it once for writing "
                                   "(e.g. `knigge check --history PATH`)")
            return
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                log.warning("history %s: journal mode is %s, not WAL", self.path, mode)
            conn.execute("PRAGMA synchronous = NORMAL")
            if version < SCHEMA_VERSION:
                self._migrate()
        except sqlite3.Error as exc:
            raise HistoryError(str(self.path), _reason(exc, self.timeout)) from None

    def _check_shape(self, version: int) -> None:
        """The open-time checks, cheap enough for every run (a few page reads whatever
        the file's size): the tables and columns this version wrote are there, and the
        newest stored event can be read back. A file damaged beyond its header usually
        fails here; `integrity_check` reads every page."""
        problems = self._shape_problems(version)
        if problems:
            raise HistoryError(str(self.path), problems[0] + "; `knigge history check` "
                               "examines the file")
        row = self._one("SELECT data FROM events ORDER BY id DESC LIMIT 1")
        if row is not None:
            self._event(row[0])

    def _shape_problems(self, version: int) -> list[str]:
        columns = {r[1] for r in self._all("PRAGMA table_info(events)")}
        problems = []
        missing = [c for c in _COLUMNS if c not in columns]
        if missing:
            problems.append(f"schema version {version}, but the events table lacks "
                            f"{', '.join(missing)}: damaged or changed outside knigge")
        if version >= 2 and not self._all("PRAGMA table_info(note_keys)"):
            problems.append(f"schema version {version}, but the note_keys table is missing")
        return problems

    def integrity_check(self, *, max_problems: int = 100) -> list[str]:
        """Examine the whole file: SQLite's `PRAGMA integrity_check` (every page and
        index), the schema, and that every stored event can be read back. Returns the
        problems found (at most `max_problems`), an empty list for a sound file. It
        reads the whole file, so it takes as long as reading it (`knigge history
        check`); opening a history only runs the cheap checks."""
        problems: list[str] = []
        try:
            rows = self._all(f"PRAGMA integrity_check({int(max_problems)})")
        except HistoryError as exc:
            return [exc.reason]
        problems.extend(f"SQLite: {r[0]}" for r in rows if r[0] != "ok")
        if problems:
            return problems[:max_problems]
        version = self.schema_version()
        problems.extend(self._shape_problems(version))
        if problems:
            return problems
        conn = self._require()
        try:
            cur = conn.execute("SELECT id, data FROM events ORDER BY id")
            while len(problems) < max_problems:
                chunk = cur.fetchmany(1024)
                if not chunk:
                    break
                for rid, data in chunk:
                    try:
                        load_event(data)
                    except Exception as exc:  # noqa: BLE001 - report, go on
                        problems.append(f"stored event {rid} cannot be read "
                                        f"({type(exc).__name__})")
        except sqlite3.Error as exc:
            problems.append(_reason(exc, self.timeout))
        return problems[:max_problems]

    def _is_empty(self) -> bool:
        conn = self._require()
        tables: int = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        return tables == 0

    def _migrate(self) -> None:
        conn = self._require()
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read under the write lock: another process may have migrated meanwhile.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise HistoryError(str(self.path), f"written by a newer knigge-engine "
                                   f"(schema version {version})")
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for statement in _MIGRATIONS[target]:
                    conn.execute(statement)
                if target == 2 and version >= 1:
                    self._backfill_note_keys()
                conn.execute(f"PRAGMA user_version = {target}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _backfill_note_keys(self) -> None:
        conn = self._require()
        rows = conn.execute("SELECT id, at, note FROM events WHERE note IS NOT NULL")
        conn.executemany(
            "INSERT INTO note_keys (band, at, event) VALUES (?, ?, ?)",
            ((k, at, rid) for rid, at, note in rows.fetchall() for k in note_keys(note)),
        )

    def _require(self) -> sqlite3.Connection:
        if self._conn is None:
            raise HistoryError(str(self.path), "the history is closed")
        return self._conn

    def close(self) -> None:
        """Close the connection (the history cannot be used afterwards)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> SQLiteHistory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SQLiteHistory({str(self.path)!r})"

    def schema_version(self) -> int:
        """The file's schema version (`PRAGMA user_version`)."""
        return int(self._one("PRAGMA user_version")[0])

    # ------------------------------------------------------------ writing

    def record(self, events: Iterable[Event | Mapping[str, Any]], *,
               stable_ids: bool = True) -> RecordResult:
        """Store `events` in transactions of `batch_size`; see `History`.

        A batch is all or nothing: a crash or kill mid-import leaves the batches before it
        committed and nothing of the interrupted one; recording the same input again adds
        exactly what is missing."""
        if self.readonly:
            raise HistoryError(str(self.path), "opened read-only; nothing was recorded")
        total = RecordResult()
        for batch in batches(events, self.batch_size):
            total = total + self._record_batch([make_row(e, stable_ids) for e in batch])
        return total

    def _record_batch(self, rows: list[Row]) -> RecordResult:
        conn = self._require()
        insert = (f"INSERT OR IGNORE INTO events ({', '.join(_COLUMNS)}) "
                  f"VALUES ({', '.join('?' * len(_COLUMNS))})")
        added = dups = 0
        conflicts: list[str] = []
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise HistoryError(str(self.path), _reason(exc, self.timeout)) from None
        try:
            cur = conn.cursor()
            keys: list[tuple[int, int, int]] = []
            for row in rows:
                cur.execute(insert, attrs.astuple(row, recurse=False))
                if cur.rowcount == 1:
                    added += 1
                    if row.note is not None:
                        rid = cur.lastrowid
                        keys.extend((k, row.at, rid) for k in note_keys(row.note))  # type: ignore[misc]
                    continue
                old = conn.execute("SELECT digest FROM events WHERE key = ?",
                                   (row.key,)).fetchone()
                if old is not None and old[0] == row.digest:
                    dups += 1
                else:
                    conflicts.append(row.event_id)
            if keys:
                conn.executemany("INSERT INTO note_keys (band, at, event) VALUES (?, ?, ?)",
                                 keys)
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise HistoryError(str(self.path), _reason(exc, self.timeout)) from None
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return RecordResult(added, dups, len(conflicts), tuple(conflicts))

    # ------------------------------------------------------------ reading

    def _query(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        try:
            return self._require().execute(sql, params)
        except sqlite3.Error as exc:
            raise HistoryError(str(self.path), _reason(exc, self.timeout)) from None

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Every row of `sql`: a damaged page can surface on any step of a cursor, not
        only on the first, so the whole fetch is guarded."""
        try:
            return self._require().execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise HistoryError(str(self.path), _reason(exc, self.timeout)) from None

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first row of `sql` (or `None`)."""
        try:
            return self._require().execute(sql, params).fetchone()
        except sqlite3.Error as exc:
            raise HistoryError(str(self.path), _reason(exc, self.timeout)) from None

    def _event(self, data: Any) -> Event:
        """A stored event, or a `HistoryError`: a row the store wrote and can no
        longer read means the file was damaged or altered outside knigge."""
        try:
            return load_event(data)
        except Exception as exc:  # noqa: BLE001 - any decoding failure is damage
            raise self._damaged(f"a stored event ({type(exc).__name__})") from None

    def _damaged(self, what: str) -> HistoryError:
        return HistoryError(str(self.path), (
            f"{what} cannot be read: the file is damaged or was changed outside knigge; "
            "`knigge history check` examines it"))

    @staticmethod
    def _where(platform: str | None, kind: Kind | None, direction: Direction | None,
               party: str | None, since: _dt.datetime | None,
               until: _dt.datetime | None) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (("platform", platform), ("kind", kind), ("direction", direction),
                              ("party", party)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(str(value))  # StrEnum: its value
        if since is not None:
            clauses.append("at >= ?")
            params.append(to_us(since))
        if until is not None:
            clauses.append("at < ?")
            params.append(to_us(until))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def __len__(self) -> int:
        return int(self._one("SELECT count(*) FROM events")[0])

    def get(self, platform: str, event_id: str) -> Event | None:
        """The stored event with this platform and id, or `None`."""
        row = self._one("SELECT data FROM events WHERE key = ?",
                        (f"{platform}\x1f{event_id}",))
        if row is None:
            row = self._one("SELECT data FROM events WHERE platform = ? AND event_id = ? "
                            "LIMIT 1", (platform, event_id))
        return None if row is None else self._event(row[0])

    def platforms(self) -> list[str]:
        """The platforms of the stored events, sorted."""
        # A skip-scan over the index: one seek per platform, not one row per event.
        out: list[str] = []
        row = self._one("SELECT min(platform) FROM events")
        while row is not None and row[0] is not None:
            out.append(row[0])
            row = self._one("SELECT min(platform) FROM events WHERE platform > ?", (row[0],))
        return out

    def count(self, *, platform: str | None = None, kind: Kind | None = None,
              direction: Direction | None = None, party: str | None = None,
              since: _dt.datetime | None = None, until: _dt.datetime | None = None,
              with_note: bool | None = None) -> int:
        """How many stored events match every given filter."""
        where, params = self._where(platform, kind, direction, party, since, until)
        if with_note is not None:
            where += (" AND " if where else " WHERE ") + "has_note = ?"
            params.append(int(with_note))
        return int(self._one(f"SELECT count(*) FROM events{where}", params)[0])

    def count_outgoing_requests(self, platform: str, since: _dt.datetime,
                                until: _dt.datetime, *, with_note: bool | None = None) -> int:
        """Outgoing contact requests on `platform` in `[since, until)`."""
        where, params = self._where(platform, Kind.CONTACT_REQUEST, Direction.OUTGOING,
                                    None, since, until)
        if with_note is not None:
            where += " AND has_note = ?"
            params.append(int(with_note))
        return int(self._one(f"SELECT count(*) FROM events{where}", params)[0])


    def events(self, *, platform: str | None = None, kind: Kind | None = None,
               direction: Direction | None = None, party: str | None = None,
               since: _dt.datetime | None = None, until: _dt.datetime | None = None,
               limit: int | None = None, newest_first: bool = False) -> Iterator[Event]:
        """The matching events in time order."""
        where, params = self._where(platform, kind, direction, party, since, until)
        order = "DESC" if newest_first else "ASC"
        sql = f"SELECT data FROM events{where} ORDER BY at {order}, id {order}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        for (data,) in self._all(sql, params):
            yield self._event(data)

    def similar_notes(self, text: str, *, platform: str | None, since: _dt.datetime,
                      until: _dt.datetime, min_similarity: float,
                      exclude_party: str | None = None, limit: int = 100,
                      max_candidates: int = 20000) -> list[NoteMatch]:
        """Earlier outgoing notes like `text`: one match per other party.

        Candidates share an LSH key with `text` (see `note_keys`), lie in the
        window and have a length that can reach `min_similarity`; only they are
        compared with rapidfuzz, newest batch first, until `limit` parties matched or
        `max_candidates` were compared."""
        query = normalise_note(text)
        keys = note_keys(query)
        lo, hi = length_bounds(len(query), min_similarity)
        sql = (
            "SELECT e.id, e.event_id, e.platform, e.party, e.at, e.note "
            "FROM note_keys k JOIN events e ON e.id = k.event "
            f"WHERE k.band IN ({', '.join('?' * len(keys))}) AND k.at >= ? AND k.at < ? "
            "AND length(e.note) BETWEEN ? AND ?"
        )
        params: list[Any] = [*keys, to_us(since), to_us(until), lo, hi]
        if platform is not None:
            sql += " AND e.platform = ?"
            params.append(platform)
        if exclude_party is not None:
            sql += " AND e.party != ?"
            params.append(exclude_party)
        # Newest first, as the in-memory store: the match reported for a person is their
        # newest similar note, and ``limit`` keeps the people written to most recently
        # (found unordered by the differential test, tests/test_history_differential.py).
        sql += " ORDER BY k.at DESC, k.event DESC"
        cur = self._query(sql, params)
        seen: set[int] = set()
        best: dict[str, NoteMatch] = {}
        examined = 0
        while examined < max_candidates and len(best) < limit:
            try:
                chunk = cur.fetchmany(512)
            except sqlite3.Error as exc:
                raise HistoryError(str(self.path), _reason(exc, self.timeout)) from None
            if not chunk:
                break
            candidates = []
            for rid, event_id, plat, party, at, note in chunk:
                if rid in seen or party in best:
                    continue
                if not (isinstance(note, str) and isinstance(at, int)):
                    raise self._damaged("a stored note")
                seen.add(rid)
                candidates.append(((event_id, plat, party, at), note))
            del candidates[max_candidates - examined:]
            examined += len(candidates)
            for (event_id, plat, party, at), score in verify(query, candidates,
                                                              min_similarity):
                if party not in best and len(best) < limit:
                    best[party] = NoteMatch(event_id, plat, party,
                                            EPOCH + _dt.timedelta(microseconds=at), score)
        return list(best.values())

    def awaiting(self, *, platform: str, kind: Kind, direction: Direction,
                 responses: Sequence[Response], until: _dt.datetime,
                 before: _dt.datetime | None = None) -> Iterator[Event]:
        """Events not (yet) answered by a response with the same other party at the same
        time or later."""
        end = to_us(until)
        cut = end + 1 if before is None else min(end + 1, to_us(before))
        sql = ("SELECT t.data FROM events t WHERE t.platform = ? AND t.kind = ? "
               "AND t.direction = ? AND t.at < ?")
        params: list[Any] = [platform, kind.value, direction.value, cut]
        for rk, rd in responses:
            if rd is None:
                sql += (" AND NOT EXISTS (SELECT 1 FROM events r WHERE r.platform = t.platform "
                        "AND r.party = t.party AND r.kind = ? AND r.direction IN "
                        "('incoming', 'outgoing') AND r.at >= t.at AND r.at <= ?)")
                params += [rk.value, end]
            else:
                sql += (" AND NOT EXISTS (SELECT 1 FROM events r WHERE r.platform = t.platform "
                        "AND r.party = t.party AND r.kind = ? AND r.direction = ? "
                        "AND r.at >= t.at AND r.at <= ?)")
                params += [rk.value, rd.value, end]
        sql += " ORDER BY t.at"
        for (data,) in self._all(sql, params):
            yield self._event(data)

    def owner_contact_count(self, *, platform: str, until: _dt.datetime) -> int | None:
        """The owner's contact count as last seen on `platform` before `until`."""
        row = self._one(
            "SELECT owner_contacts FROM events WHERE platform = ? AND at < ? "
            "AND owner_contacts IS NOT NULL ORDER BY at DESC LIMIT 1",
            (platform, to_us(until)),
        )
        if row is None:
            return None
        if not isinstance(row[0], int):
            raise self._damaged("a stored contact count")
        return row[0]


def open_history(path: str | os.PathLike[str] | None = None, *, readonly: bool = False,
                 timeout: float = 5.0) -> SQLiteHistory:
    """Open (or create) the SQLite history at `path`, or at
    `default_history_path` when `path` is `None`."""
    return SQLiteHistory(path if path is not None else default_history_path(),
                         readonly=readonly, timeout=timeout)
