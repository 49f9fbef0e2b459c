"""Facebook's "download your information" export (JSON), as a folder or as the zip.

Reads the three layouts of `shared/PLATFORMS.md` (2022+, ~2021, 2020 and before):
friends, received / sent / rejected friend requests, removed friends, followers, and
message threads under `messages/{inbox,message_requests,filtered_threads,
archived_threads}/<thread>/message_N.json` with any of the known prefixes.

What becomes what (decisions in `docs/platforms/facebook.md`):

- received request → incoming [`ContactRequest`][knigge_engine.ContactRequest], note `None`;
- sent request → outgoing `ContactRequest`, note `None`;
- rejected request → [`RequestResolved`][knigge_engine.RequestResolved] `declined` by the owner;
- friend → `RequestResolved` `accepted`; the export does not say who asked, so the
  friend is recorded as the resolving party and `context.request_direction` is
  `"unknown"`;
- message → [`Message`][knigge_engine.Message], direction from the owner's name; a message
  without a sender name, or any message while the owner is unknown, is an
  `InputError` of its own (a direction is never guessed);
- the owner's name: `--owner`, else `profile_information/profile_information.json`,
  else the one participant of every thread; an `--owner` that is no participant of any
  thread refuses the import with one error and a did-you-mean;
- removed friends, followers and system notices in threads have no event kind: they
  are counted and reported in one warning line per export (never silently dropped).

Facebook writes every string as UTF-8 bytes disguised as `\\u00XX` code points; each
string is repaired with `repair` before use, so umlauts come out right.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import hashlib
import json
import logging
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

import attrs
from knigge_engine import (
    ContactRequest,
    Direction,
    Message,
    Outcome,
    Profile,
    RequestResolved,
)
from knigge_engine.io import (
    Importer,
    ImportOptions,
    InputError,
    Located,
    excerpt,
    owner_mismatch,
)

__all__ = [
    "FACEBOOK_EXPORT",
    "OWNER_ID",
    "person_id",
    "repair",
]

log = logging.getLogger("knigge_facebook")

PLATFORM = "facebook"
#: The owner's profile id in every imported event (the policy's `[owner]` defaults to
#: the same id, so its facts apply).
OWNER_ID = "me"

_UTC = _dt.UTC

# -------------------------------------------------------------------------- mojibake


def repair(text: str) -> str:
    """Undo Facebook's mis-encoding: the export stores each UTF-8 byte as its own
    `\\u00XX` code point, so "für" arrives as "fÃ¼r".

    Strings with a code point above 255 cannot be mis-encoded bytes and are kept; so is
    any string whose bytes are not valid UTF-8 (a genuine "é" stays "é").
    """
    if text.isascii():
        return text
    if any(ord(ch) > 255 for ch in text):
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return text


@attrs.frozen
class _Invalid:
    """A JSON value the importer will not use, in place of the value: `what` says what
    it was ("text with a lone surrogate …"), without quoting it. Every field check reads
    it as a value of the wrong type, so only the record that needs it is rejected."""

    what: str


#: No layout nests deeper than five levels; a value deeper than this is cut off and
#: replaced by an `_Invalid` (the parser and the walkers recurse, so unbounded
#: nesting would end in a RecursionError and lose the whole file).
_MAX_DEPTH = 64
#: A number with more digits than this is no time or count of any export; longer ones
#: are kept as `_Invalid` (Python refuses to convert over 4,300 digits at all).
_MAX_DIGITS = 30
_TOO_DEEP = "\x00knigge:nested-too-deep\x00"
_SURROGATE = re.compile("[\ud800-\udfff]")


def _parse_int(text: str) -> int | _Invalid:
    digits = len(text.lstrip("-"))
    if digits > _MAX_DIGITS:
        return _Invalid(f"a number of {digits} digits")
    return int(text)


def _repair_all(value: Any, depth: int = 0) -> Any:
    """Repair every string in a parsed JSON value (keys are ASCII in every layout).

    Text with a lone surrogate (`"\\ud800"` in the file: no character, and not
    encodable as UTF-8) and values nested deeper than `_MAX_DEPTH` become
    `_Invalid`; keys with a surrogate are escaped (no layout has such a key)."""
    if isinstance(value, str):
        if value == _TOO_DEEP:
            return _Invalid(f"a value nested deeper than {_MAX_DEPTH} levels")
        bad = _SURROGATE.search(value)
        if bad is not None:
            return _Invalid(f"text with a lone surrogate (U+{ord(bad.group()):04X}) at "
                            f"character {bad.start() + 1}")
        return repair(value)
    if isinstance(value, (list, dict)) and depth >= _MAX_DEPTH:
        return _Invalid(f"a value nested deeper than {_MAX_DEPTH} levels")
    if isinstance(value, list):
        return [_repair_all(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {_printable(k): _repair_all(v, depth + 1) for k, v in value.items()}
    return value


def _printable(text: str) -> str:
    """`text` with any surrogate escaped, so it can be written as UTF-8 and JSON."""
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")




def _cut_deep(text: str) -> str:
    """`text` with every array or object that opens deeper than `_MAX_DEPTH` replaced
    by the string `_TOO_DEEP` (line breaks kept, so error lines stay right). Only
    used after the parser gave up on the nesting."""
    out: list[str] = []
    depth = 0
    cut_from = -1
    done = 0
    for m in _JSON_TOKEN.finditer(text):
        tok = m.group()
        if tok[0] == '"':
            continue
        if tok in "[{":
            depth += 1
            if depth == _MAX_DEPTH + 1 and cut_from < 0:
                cut_from = m.start()
        else:
            if depth == _MAX_DEPTH + 1 and cut_from >= 0:
                out.append(text[done:cut_from])
                out.append(f'"{_TOO_DEEP}"'.replace("\x00", "\\u0000"))
                out.append("\n" * text.count("\n", cut_from, m.end()))
                done, cut_from = m.end(), -1
            depth = max(depth - 1, 0)
    if cut_from >= 0:
        out.append(text[done:cut_from])
        out.append(f'"{_TOO_DEEP}"'.replace("\x00", "\\u0000"))
        done = len(text)
    out.append(text[done:])
    return "".join(out)


# A JSON string (skipped whole, so brackets inside it do not count) or a bracket. A
# string that is never closed runs to the end of the text: without the `\\?\Z` ending,
# the scan would fail there and be retried at every later quote (`"\"\"\"…` took
# minutes for 100,000 characters); with it every quote starts one match that succeeds,
# so the scan is linear. DOTALL: an escaped line break does not end the string either.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)|[\[\]{}]', re.DOTALL)


# -------------------------------------------------------------------------- identity


def _normal_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def _digest(*parts: object) -> str:
    # surrogatepass: a folder name the file system could not decode still gets an id.
    raw = "\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw).hexdigest()[:16]


def person_id(name: str) -> str:
    """A stable profile id for a person known only by name (the export has no ids).

    Two people with the same display name share an id; that is the export's limit.
    """
    return "fb:p:" + _digest(_normal_name(name))


def _request_id(pid: str) -> str:
    # Facebook allows one open request between two people at a time, in either
    # direction, so the pair identifies it; a later export's rejection or friendship
    # then resolves the request an earlier export recorded as pending.
    return f"fb:req:{pid.removeprefix('fb:p:')}"


# -------------------------------------------------------------------------- layouts

#: Friend files: (path suffix, accepted keys, category). The key names of all three
#: layouts are accepted in every file, since Facebook mixed them during transitions.
_FRIEND_FILES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    # 2022+
    ("connections/friends/your_friends.json", ("friends_v2", "friends"), "friends"),
    ("connections/friends/received_friend_requests.json",
     ("received_requests_v2", "received_requests"), "received"),
    ("connections/friends/sent_friend_requests.json",
     ("sent_requests_v2", "sent_requests"), "sent"),
    ("connections/friends/rejected_friend_requests.json",
     ("rejected_requests_v2", "rejected_requests"), "rejected"),
    ("connections/friends/removed_friends.json",
     ("deleted_friends_v2", "deleted_friends"), "removed"),
    ("connections/followers/people_who_followed_you.json",
     ("followers_v3", "followers_v2", "followers"), "followers"),
    ("connections/followers/who_you've_followed.json",
     ("following_v3", "following_v2", "following"), "following"),
    # ~2021
    ("friends_and_followers/friends.json", ("friends_v2", "friends"), "friends"),
    ("friends_and_followers/friend_requests_received.json",
     ("received_requests_v2", "received_requests"), "received"),
    ("friends_and_followers/friend_requests_sent.json",
     ("sent_requests_v2", "sent_requests"), "sent"),
    ("friends_and_followers/rejected_friend_requests.json",
     ("rejected_requests_v2", "rejected_requests"), "rejected"),
    ("friends_and_followers/removed_friends.json",
     ("deleted_friends_v2", "deleted_friends"), "removed"),
    # 2020 and before
    ("friends/friends.json", ("friends", "friends_v2"), "friends"),
    ("friends/received_friend_requests.json",
     ("received_requests", "received_requests_v2"), "received"),
    ("friends/sent_friend_requests.json", ("sent_requests", "sent_requests_v2"), "sent"),
    ("friends/rejected_friend_requests.json",
     ("rejected_requests", "rejected_requests_v2"), "rejected"),
    ("friends/removed_friends.json", ("deleted_friends", "deleted_friends_v2"), "removed"),
)
_MESSAGE_RE = re.compile(
    r"(?:^|/)messages/(inbox|message_requests|filtered_threads|archived_threads)/"
    r"([^/]+)/message_(\d+)\.json$"
)
#: The owner's own profile (2022+ under `personal_information/`, older at the top, some
#: under `your_facebook_activity/…`): any prefix is accepted.
_PROFILE_RE = re.compile(r"(?:^|/)profile_information/profile_information\.json$")
#: Categories that become events; the others are counted only.
_EVENT_CATEGORIES = ("friends", "received", "sent", "rejected")
#: Message types that are system notices, not something a person wrote.
_NOTICE_TYPES = frozenset({"Subscribe", "Unsubscribe", "Call"})


def _friend_file(name: str) -> tuple[tuple[str, ...], str] | None:
    for suffix, keys, category in _FRIEND_FILES:
        if name == suffix or name.endswith("/" + suffix):
            return keys, category
    return None


@attrs.frozen
class _Source:
    """A folder or a zip, as a list of member names and a reader."""

    label: str
    names: tuple[str, ...]
    read: Callable[[str], bytes]
    where: Callable[[str], str]
    close: Callable[[], None] = lambda: None


def _open_source(path: Path) -> _Source:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.json") if p.is_file())
        names = tuple(p.relative_to(path).as_posix() for p in files)
        return _Source(str(path), names, lambda n: (path / n).read_bytes(),
                       lambda n: _printable(str(path / n)))
    zf = zipfile.ZipFile(path)
    names = tuple(n for n in zf.namelist() if n.endswith(".json"))
    return _Source(str(path), names, zf.read, lambda n: _printable(f"{path}!{n}"), zf.close)


def _is_export_name(name: str) -> bool:
    return _friend_file(name) is not None or _MESSAGE_RE.search(name) is not None


_MESSAGE_PREFIXES = ("", "your_facebook_activity/", "your_activity_across_facebook/")
_MESSAGE_FOLDERS = ("inbox", "message_requests", "filtered_threads", "archived_threads")


def _looks_like_export_root(root: Path) -> bool:
    if any((root / suffix).is_file() for suffix, _, _ in _FRIEND_FILES):
        return True
    return any((root / prefix / "messages" / folder).is_dir()
               for prefix in _MESSAGE_PREFIXES for folder in _MESSAGE_FOLDERS)


def _detect(path: Path) -> bool:
    """A folder or zip holding at least one file of a known layout, or one such file.

    A folder is checked at its top and one level down (an unpacked zip often sits in a
    folder of its own); it is never walked, so pointing at a large folder stays cheap.
    """
    if path.is_dir():
        if _looks_like_export_root(path):
            return True
        return any(child.is_dir() and _looks_like_export_root(child)
                   for child in path.iterdir())
    if path.suffix.lower() == ".zip" and path.is_file():
        try:
            with zipfile.ZipFile(path) as zf:
                return any(_is_export_name(n) for n in zf.namelist())
        except (zipfile.BadZipFile, OSError):
            # A truncated download is still meant for us when its name says so; reading
            # it then reports the damage instead of "no importer recognises this file".
            return path.name.lower().startswith("facebook")
    if path.suffix.lower() == ".json" and path.is_file():
        return _single_file_category(path) is not None
    return False


def _single_file_category(path: Path) -> tuple[tuple[str, ...], str] | None:
    """A lone friend file, recognised by its name and its top-level key."""
    for suffix, keys, category in _FRIEND_FILES:
        if PurePosixPath(suffix).name == path.name:
            head = path.read_bytes()[:4096]
            if any(f'"{key}"'.encode() in head for key in keys):
                return keys, category
    if re.fullmatch(r"message_\d+\.json", path.name):
        head = path.read_bytes()[:4096]
        if b'"participants"' in head or b'"messages"' in head:
            return (), "messages"
    return None


# -------------------------------------------------------------------------- reading


class _Shape(Exception):
    """A JSON value of the wrong shape, at a key path."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def _type_name(value: Any) -> str:
    if isinstance(value, _Invalid):
        return value.what
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
            int: "an integer", float: "a number", type(None): "null"}.get(
        type(value), type(value).__name__)


def _load(source: _Source, name: str) -> tuple[Any, InputError | None]:
    where = source.where(name)
    try:
        raw = source.read(name)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        return None, InputError(where, "", f"cannot read: {exc}")
    try:
        text = raw.decode("utf-8-sig")
        try:
            data = json.loads(text, parse_int=_parse_int)
        except RecursionError:
            # Nesting beyond what the parser can take: cut the deep parts out, so only
            # the records holding them are rejected, not the whole file.
            data = json.loads(_cut_deep(text), parse_int=_parse_int)
    except UnicodeDecodeError as exc:
        return None, InputError(where, "", f"not UTF-8: {exc.reason} at byte {exc.start}")
    except json.JSONDecodeError as exc:
        return None, InputError(where, f"line {exc.lineno}, column {exc.colno}",
                                f"invalid JSON: {exc.msg}")
    except RecursionError:
        return None, InputError(where, "", "invalid JSON: nested too deeply to read")
    return _repair_all(data), None


def _entries(data: Any, keys: tuple[str, ...]) -> tuple[str, list[Any]]:
    if isinstance(data, list) and not keys:
        return "$", data
    if not isinstance(data, dict):
        raise _Shape("$", f"expected an object with the key '{keys[0]}', found "
                     f"{_type_name(data)}")
    for key in keys:
        if key in data:
            value = data[key]
            if not isinstance(value, list):
                raise _Shape(f"$.{key}", f"expected an array, found {_type_name(value)}")
            return f"$.{key}", value
    shown = sorted(data)
    found = ", ".join(k if k.isprintable() and len(k) <= 20 else excerpt(k, 20)
                      for k in shown[:5]) or "none"
    if len(shown) > 5:
        found += f" and {len(shown) - 5} more"
    raise _Shape("$", f"expected the key '{keys[0]}', found the key(s) {found}")


#: The times an export can hold, in unix seconds: never before 1970 (unix time in an
#: export is not negative) and before 2100 (later is a corrupt or mis-scaled value:
#: milliseconds read as seconds land in the year 55,000). Checked before converting,
#: since out-of-range values make `fromtimestamp` raise OSError on some systems.
_EARLIEST = 0
_LATEST = int(_dt.datetime(2100, 1, 1, tzinfo=_dt.UTC).timestamp())
_RANGE = "between 1970 and 2100"


def _timestamp(value: Any, path: str) -> _dt.datetime:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Shape(path, f"expected unix seconds (an integer), found {_type_name(value)}")
    if not _EARLIEST <= value < _LATEST:  # NaN fails this too
        raise _Shape(path, f"unix seconds out of range: {excerpt(value)} (expected a time "
                     f"{_RANGE})")
    return _dt.datetime.fromtimestamp(value, _UTC)


def _ms_timestamp(value: Any, path: str) -> _dt.datetime:
    if isinstance(value, bool) or not isinstance(value, int):
        reason = "required field missing" if value is None else \
            f"expected milliseconds since 1970 (an integer), found {_type_name(value)}"
        raise _Shape(path, reason)
    if not _EARLIEST * 1000 <= value < _LATEST * 1000:
        raise _Shape(path, f"milliseconds since 1970 out of range: {excerpt(value)} "
                     f"(expected a time {_RANGE})")
    # Whole seconds plus microseconds: exact, where ``value / 1000`` would round.
    seconds, ms = divmod(value, 1000)
    return _dt.datetime.fromtimestamp(seconds, _UTC) + _dt.timedelta(milliseconds=ms)


def _name(value: Any, path: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Shape(path, f"expected a string, found {_type_name(value)}")
    return value.strip() or None


@attrs.define
class _Run:
    """State of one export's import: the owner and what was counted."""

    owner_name: str | None
    owner: Profile
    counts: Counter[str] = attrs.field(factory=Counter)
    ids: Counter[str] = attrs.field(factory=Counter)
    #: person id -> when they became a friend (the friend list's time), for degree 1.
    friends: dict[str, _dt.datetime] = attrs.field(factory=dict)

    def known(self, person: Profile, at: _dt.datetime) -> Profile:
        """`person` with `degree=1` when the friend list shows them as a friend
        before `at`; unchanged (degree unknown) otherwise."""
        since = self.friends.get(person.id)
        if since is None or since >= at:
            return person
        return attrs.evolve(person, degree=1)

    def unique(self, event_id: str) -> str:
        """`event_id`, or with a counter when an earlier entry of this export had it
        (two friends with the same name): ids stay unique and stable in file order."""
        self.ids[event_id] += 1
        n = self.ids[event_id]
        return event_id if n == 1 else f"{event_id}-{n}"

    def person(self, name: str | None, anon_key: str) -> Profile:
        if name is None:
            # A deleted or deactivated account shows no name: the id stays stable per
            # entry, the name unknown.
            return Profile(id="fb:p:unnamed-" + _digest(anon_key))
        return Profile(id=person_id(name), name=name)


def _friend_events(run: _Run, category: str, where: str, base: str,
                   items: list[Any]) -> Iterator[Any]:
    for index, item in enumerate(items):
        path = f"{base}[{index}]"
        try:
            if not isinstance(item, dict):
                raise _Shape(path, f"expected an object, found {_type_name(item)}")
            if category not in _EVENT_CATEGORIES:
                # Counted only; followers carry no time at all.
                run.counts[category] += 1
                continue
            if "timestamp" not in item:
                raise _Shape(f"{path}.timestamp", "required field missing")
            at = _timestamp(item["timestamp"], f"{path}.timestamp")
            name = _name(item.get("name"), f"{path}.name")
        except _Shape as exc:
            yield InputError(where, exc.path, exc.reason)
            continue
        run.counts[category] += 1
        other = run.person(name, f"{category}|{item['timestamp']}|{index}")
        key = _digest(category, other.id, item["timestamp"])
        request = _request_id(other.id)
        if category in ("received", "sent"):
            request = run.unique(request)
        event: Any
        if category == "received":
            event = ContactRequest(id=request, platform=PLATFORM,
                                   direction=Direction.INCOMING, at=at, sender=other,
                                   recipient=run.owner, note=None)
        elif category == "sent":
            event = ContactRequest(id=request, platform=PLATFORM,
                                   direction=Direction.OUTGOING, at=at, sender=run.owner,
                                   recipient=other, note=None)
        elif category == "rejected":
            event = RequestResolved(id=run.unique(f"fb:rej:{key}"), platform=PLATFORM,
                                    direction=Direction.OUTGOING, at=at, sender=run.owner,
                                    recipient=other, request=request,
                                    outcome=Outcome.DECLINED)
        else:
            if name is not None:
                first = run.friends.get(other.id)
                run.friends[other.id] = at if first is None else min(first, at)
            event = RequestResolved(id=run.unique(f"fb:friend:{key}"), platform=PLATFORM,
                                    direction=Direction.INCOMING, at=at, sender=other,
                                    recipient=run.owner, request=request,
                                    outcome=Outcome.ACCEPTED,
                                    context={"request_direction": "unknown"})
        # Where it was read: the file and the entry's JSON path.
        yield Located(event, where, path)


@attrs.define
class _Thread:
    folder: str
    key: str
    files: list[tuple[int, str]] = attrs.field(factory=list)
    participants: list[str] = attrs.field(factory=list)
    title: str | None = None
    #: (file, index in the file, message, its time): checked when the thread is read.
    messages: list[tuple[str, int, dict[str, Any], _dt.datetime]] = attrs.field(
        factory=list)
    errors: list[InputError] = attrs.field(factory=list)


def _read_thread(source: _Source, thread: _Thread) -> None:
    """Parse a thread's files into `thread`; shape errors become its errors."""
    for _, name in sorted(thread.files):
        where = source.where(name)
        data, error = _load(source, name)
        if error is not None:
            thread.errors.append(error)
            continue
        if not isinstance(data, dict):
            thread.errors.append(InputError(where, "$", "expected an object with "
                                            f"'participants' and 'messages', found "
                                            f"{_type_name(data)}"))
            continue
        parts = data.get("participants", [])
        if not isinstance(parts, list):
            thread.errors.append(InputError(where, "$.participants",
                                            f"expected an array, found {_type_name(parts)}"))
            parts = []
        for i, part in enumerate(parts):
            if not isinstance(part, dict):
                thread.errors.append(InputError(where, f"$.participants[{i}]",
                                                f"expected an object, found {_type_name(part)}"))
                continue
            pname = part.get("name")
            if not isinstance(pname, str):
                thread.errors.append(InputError(where, f"$.participants[{i}].name",
                                                f"expected a string, found {_type_name(pname)}"))
                continue
            if pname.strip() and pname.strip() not in thread.participants:
                thread.participants.append(pname.strip())
        title = data.get("title")
        if isinstance(title, str) and title.strip():
            thread.title = title.strip()
        elif title is not None and not isinstance(title, str):
            # The title only names a group chat: not a record, so logged, not an error.
            log.warning("%s: $.title: expected a string, found %s; the thread has no "
                        "title", where, _type_name(title))
        msgs = data.get("messages")
        if not isinstance(msgs, list):
            reason = "required field missing" if msgs is None else \
                f"expected an array, found {_type_name(msgs)}"
            thread.errors.append(InputError(where, "$.messages", reason))
            continue
        for i, msg in enumerate(msgs):
            path = f"$.messages[{i}]"
            if not isinstance(msg, dict):
                thread.errors.append(InputError(where, path,
                                                f"expected an object, found {_type_name(msg)}"))
                continue
            try:
                at = _ms_timestamp(msg.get("timestamp_ms"), f"{path}.timestamp_ms")
            except _Shape as exc:
                thread.errors.append(InputError(where, exc.path, exc.reason))
                continue
            mtype = msg.get("type")
            if mtype is not None and not isinstance(mtype, str):
                # Only the type tells a system notice from a message: never guess it.
                thread.errors.append(InputError(where, f"{path}.type",
                                                f"expected a string, found {_type_name(mtype)}"))
                continue
            sender = msg.get("sender_name", "")
            if not isinstance(sender, str):
                thread.errors.append(InputError(where, f"{path}.sender_name",
                                                f"expected a string, found {_type_name(sender)}"))
                continue
            if not sender.strip() and msg.get("type") not in _NOTICE_TYPES:
                # Only the sender's name tells a message's direction: never guess it.
                missing = "required field missing" if "sender_name" not in msg else "empty"
                thread.errors.append(InputError(
                    where, f"{path}.sender_name", f"{missing}: without the sender's name "
                    "the message's direction cannot be told, so it was not imported"))
                continue
            content = msg.get("content")
            if content is not None and not isinstance(content, str):
                thread.errors.append(InputError(where, f"{path}.content",
                                                f"expected a string, found {_type_name(content)}"))
                continue
            thread.messages.append((where, i, msg, at))


def _infer_owner(threads: list[_Thread]) -> str | None:
    """The one name that takes part in every thread, if there is exactly one."""
    common: set[str] | None = None
    for thread in threads:
        names = {_normal_name(n) for n in thread.participants}
        if not names:
            continue
        common = names if common is None else common & names
    if not common or len(common) != 1:
        return None
    wanted = next(iter(common))
    for thread in threads:
        for name in thread.participants:
            if _normal_name(name) == wanted:
                return name
    return None


def _message_events(run: _Run, thread: _Thread) -> Iterator[Any]:
    owner = run.owner_name
    if owner is None:
        # One error per message, so the summary counts every message not imported.
        for where, index, msg, _ in thread.messages:
            mtype = msg.get("type")
            if mtype in _NOTICE_TYPES:
                run.counts[f"notice:{mtype}"] += 1
                continue
            yield InputError(where, f"$.messages[{index}]", "owner unknown: cannot tell "
                             "which participant is you, so this message was not imported; "
                             "pass --owner with your name as the export shows it")
        return
    own = _normal_name(owner)
    others = [p for p in thread.participants if _normal_name(p) != own]
    group = len(others) != 1
    thread_id = "fb:t:" + _digest(thread.key)
    to_group = Profile(id=thread_id, name=thread.title)
    ordered = sorted(thread.messages, key=lambda m: m[3])
    seen: Counter[str] = Counter()
    # A chat has no explicit replies: a message answers the other side's latest message
    # (else it continues the thread), so only a thread's first message is a first contact.
    last_id: str | None = None
    last_own: str | None = None
    last_other: str | None = None
    for where, index, msg, at in ordered:
        mtype = msg.get("type")
        if mtype in _NOTICE_TYPES:
            run.counts[f"notice:{mtype}"] += 1
            continue
        # Never empty here: a message without a sender was rejected when it was read.
        sender_name: str = msg["sender_name"].strip()
        content = msg.get("content")
        ts = msg["timestamp_ms"]
        base = _digest(thread.key, ts, sender_name, content or "")
        seen[base] += 1
        mid = f"fb:msg:{base}" + ("" if seen[base] == 1 else f"-{seen[base]}")
        outgoing = _normal_name(sender_name) == own
        if outgoing:
            sender = run.owner
            recipient = to_group if group else run.known(
                run.person(others[0], thread.key), at)
            reply_to = last_other or last_id
        else:
            sender = run.known(run.person(sender_name, f"{thread.key}|{sender_name}"), at)
            recipient = run.owner
            reply_to = last_own or last_id
        run.counts["messages"] += 1
        yield Located(Message(id=mid, platform=PLATFORM,
                              direction=Direction.OUTGOING if outgoing
                              else Direction.INCOMING,
                              at=at, sender=sender, recipient=recipient, text=content,
                              thread=thread_id, in_reply_to=reply_to,
                              context={"folder": thread.folder, "group": True} if group
                              else {"folder": thread.folder}),
                      where, f"$.messages[{index}]")
        last_id = mid
        if outgoing:
            last_own = mid
        else:
            last_other = mid


def _read(path: Path, options: ImportOptions) -> Iterator[Any]:
    if path.is_file() and path.suffix.lower() == ".json":
        yield from _read_single(path, options)
        return
    try:
        source = _open_source(path)
    except (zipfile.BadZipFile, EOFError) as exc:
        yield InputError(str(path), "", f"not a readable zip (truncated download?): {exc}")
        return
    try:
        yield from _read_source(source, options)
    finally:
        source.close()


def _read_source(source: _Source, options: ImportOptions) -> Iterator[Any]:
    friend_files: list[tuple[str, tuple[str, ...], str]] = []
    threads: dict[str, _Thread] = {}
    for name in source.names:
        known = _friend_file(name)
        if known is not None:
            friend_files.append((name, *known))
            continue
        m = _MESSAGE_RE.search(name)
        if m is not None:
            folder, key, number = m.group(1), m.group(2), int(m.group(3))
            thread = threads.setdefault(key, _Thread(folder=folder, key=key))
            thread.files.append((number, name))
    thread_list = [threads[k] for k in sorted(threads)]
    for thread in thread_list:
        _read_thread(source, thread)
    owner_name, refused = _resolve_owner(thread_list, options, _profile_name(source))
    if refused is not None:
        # One error for the whole export: nothing is imported, so no message is
        # imported with the wrong direction.
        yield InputError(source.label, "", refused)
        return
    for thread in thread_list:
        yield from thread.errors
    yield from _convert(source, friend_files, thread_list, owner_name)


def _profile_name(source: _Source) -> str | None:
    """The owner's full name from the export's `profile_information.json`
    (`profile_v2.name.full_name`, older `profile.name.full_name`), repaired; `None`
    when there is none. Problems are logged: the file holds no events."""
    names = sorted((n for n in source.names if _PROFILE_RE.search(n)),
                   key=lambda n: (n.count("/"), n))
    for name in names:
        data, error = _load(source, name)
        if error is not None:
            log.warning("%s", error)
            continue
        for key in ("profile_v2", "profile"):
            profile = data.get(key) if isinstance(data, dict) else None
            full = profile.get("name") if isinstance(profile, dict) else None
            full = full.get("full_name") if isinstance(full, dict) else None
            if isinstance(full, str) and full.strip():
                return " ".join(full.split())
        log.warning("%s: no profile_v2.name.full_name; the owner is taken from the threads",
                    source.where(name))
    return None


def _thread_names(threads: list[_Thread]) -> dict[str, str]:
    """Every name in the threads (participants and senders): normalised → as written."""
    names: dict[str, str] = {}
    for thread in threads:
        for name in thread.participants:
            names.setdefault(_normal_name(name), name)
        for _, _, msg, _ in thread.messages:
            sender = msg.get("sender_name")
            if isinstance(sender, str) and sender.strip():
                names.setdefault(_normal_name(sender), sender.strip())
    return names


def _owner_mismatch(given: str, names: Mapping[str, str]) -> str:
    close = difflib.get_close_matches(_normal_name(given), list(names), n=3, cutoff=0.6)
    return owner_mismatch(given, [names[c] for c in close],
                          "this export's message threads",
                          "pass your name as the export shows it")


def _resolve_owner(threads: list[_Thread], options: ImportOptions,
                   profile: str | None) -> tuple[str | None, str | None]:
    """The owner's name, and the reason to refuse the import (`--owner` that is nobody
    in the threads). `--owner` wins over the profile file, which wins over inference."""
    names = _thread_names(threads)
    if options.owner and options.owner.strip():
        given = " ".join(options.owner.split())
        if names and _normal_name(given) not in names:
            return None, _owner_mismatch(given, names)
        return given, None
    if profile is not None:
        if not names or _normal_name(profile) in names:
            return profile, None
        log.warning("the name in profile_information.json takes part in none of the "
                    "export's message threads; the owner is taken from the threads")
    return _infer_owner(threads), None


def _convert(source: _Source, friend_files: list[tuple[str, tuple[str, ...], str]],
             threads: list[_Thread], owner_name: str | None) -> Iterator[Any]:
    run = _Run(owner_name=owner_name, owner=Profile(id=OWNER_ID, name=owner_name))
    for name, keys, category in friend_files:
        where = source.where(name)
        data, error = _load(source, name)
        if error is not None:
            yield error
            continue
        try:
            base, items = _entries(data, keys)
        except _Shape as exc:
            yield InputError(where, exc.path, exc.reason)
            continue
        yield from _friend_events(run, category, where, base, items)
    for thread in threads:
        yield from _message_events(run, thread)
    _report_counts(source.label, run.counts)


def _report_counts(label: str, counts: Mapping[str, int]) -> None:
    """One line per export naming what was read but has no event kind."""
    skipped = {
        "removed friends": counts.get("removed", 0),
        "followers": counts.get("followers", 0),
        "people followed": counts.get("following", 0),
        "system notices in threads": sum(v for k, v in counts.items()
                                         if k.startswith("notice:")),
    }
    parts = [f"{n} {what}" for what, n in skipped.items() if n]
    if parts:
        log.warning("%s: not imported (no event kind for them): %s", label, ", ".join(parts))


def _read_single(path: Path, options: ImportOptions) -> Iterator[Any]:
    found = _single_file_category(path)
    source = _Source(str(path.parent), (path.name,), lambda n: (path.parent / n).read_bytes(),
                     lambda n: str(path.parent / n))
    if found is None:
        yield InputError(str(path), "$", "not a file of a known Facebook export layout")
        return
    keys, category = found
    if category == "messages":
        thread = _Thread(folder=path.parent.parent.name or "inbox",
                         key=path.parent.name or path.stem)
        thread.files.append((1, path.name))
        _read_thread(source, thread)
        owner_name, refused = _resolve_owner([thread], options, None)
        if refused is not None:
            yield InputError(str(path), "", refused)
            return
        yield from thread.errors
        yield from _convert(source, [], [thread], owner_name)
        return
    owner_name, _ = _resolve_owner([], options, None)
    yield from _convert(source, [(path.name, keys, category)], [], owner_name)


FACEBOOK_EXPORT = Importer(
    name="facebook",
    description="Facebook 'download your information' export in JSON (folder or zip; "
    "2022+, ~2021 and 2020 layouts): friend requests, friends, message threads",
    detect=_detect,
    read=_read,
    priority=10,
)
