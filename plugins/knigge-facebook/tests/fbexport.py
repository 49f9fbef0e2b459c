"""Build invented Facebook "download your information" exports in the exact layouts of
``shared/PLATFORMS.md``, including Facebook's mis-encoding of non-ASCII text (each UTF-8
byte written as its own ``\\u00XX`` escape). No real person's data: every name is made up.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from knigge_engine import Engine, Policy, policy_from_dict

from knigge_facebook import plugin

#: Friend files per layout: category -> (relative path, key).
LAYOUTS: dict[str, dict[str, tuple[str, str]]] = {
    "2022": {
        "friends": ("connections/friends/your_friends.json", "friends_v2"),
        "received": ("connections/friends/received_friend_requests.json",
                     "received_requests_v2"),
        "sent": ("connections/friends/sent_friend_requests.json", "sent_requests_v2"),
        "rejected": ("connections/friends/rejected_friend_requests.json",
                     "rejected_requests_v2"),
        "removed": ("connections/friends/removed_friends.json", "deleted_friends_v2"),
        "followers": ("connections/followers/people_who_followed_you.json", "followers_v3"),
    },
    "2021": {
        "friends": ("friends_and_followers/friends.json", "friends_v2"),
        "received": ("friends_and_followers/friend_requests_received.json",
                     "received_requests_v2"),
        "sent": ("friends_and_followers/friend_requests_sent.json", "sent_requests_v2"),
        "rejected": ("friends_and_followers/rejected_friend_requests.json",
                     "rejected_requests_v2"),
        "removed": ("friends_and_followers/removed_friends.json", "deleted_friends_v2"),
    },
    "2020": {
        "friends": ("friends/friends.json", "friends"),
        "received": ("friends/received_friend_requests.json", "received_requests"),
        "sent": ("friends/sent_friend_requests.json", "sent_requests"),
        "rejected": ("friends/rejected_friend_requests.json", "rejected_requests"),
        "removed": ("friends/removed_friends.json", "deleted_friends"),
    },
}
#: Where message threads live per layout.
MESSAGE_PREFIX = {"2022": "your_activity_across_facebook/", "2021": "", "2020": ""}

OWNER = "Jana Müller"


def mangle(value: Any) -> Any:
    """Facebook's mis-encoding: UTF-8 bytes read as Latin-1, recursively."""
    if isinstance(value, str):
        return value.encode("utf-8").decode("latin-1")
    if isinstance(value, list):
        return [mangle(v) for v in value]
    if isinstance(value, dict):
        return {k: mangle(v) for k, v in value.items()}
    return value


def dump(data: Any) -> str:
    """JSON as Facebook writes it: mis-encoded, ASCII-escaped, indented by two."""
    return json.dumps(mangle(data), ensure_ascii=True, indent=2)


# Unix seconds (UTC) of the invented events.
T_FRIEND_1 = 1_650_000_000  # 2022-04-15
T_FRIEND_2 = 1_660_000_000
T_RECEIVED_1 = 1_700_000_000  # 2023-11-14 22:13:20 UTC
T_RECEIVED_2 = 1_700_100_000
T_SENT = 1_700_200_000
T_REJECTED = 1_690_000_000
T_REMOVED = 1_680_000_000

FRIENDS = [{"name": "Jürgen Weiß", "timestamp": T_FRIEND_1},
           {"name": "Zoë O'Brien", "timestamp": T_FRIEND_2}]
RECEIVED = [{"name": "Björn Äpfelbäck", "timestamp": T_RECEIVED_1},
            {"name": "Sam Carter", "timestamp": T_RECEIVED_2}]
SENT = [{"name": "Lena Groß", "timestamp": T_SENT}]
REJECTED = [{"name": "Günther Glücksspiel", "timestamp": T_REJECTED}]
REMOVED = [{"name": "Karl Öde", "timestamp": T_REMOVED}]


def _msg(sender: str, ms: int, content: str | None = None, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"sender_name": sender, "timestamp_ms": ms}
    if content is not None:
        out["content"] = content
    out.update(extra)
    return out


#: Threads: key -> (folder, participants, title, [files: [messages newest first]]).
THREADS: dict[str, tuple[str, list[str], str, list[list[dict[str, Any]]]]] = {
    "juergenweiss_a1b2c3": (
        "inbox", ["Jürgen Weiß", OWNER], "Jürgen Weiß",
        [
            # message_1.json: the newest messages
            [_msg("Jürgen Weiß", 1_700_000_300_000, "Super, bis Samstag! Grüße an "
                  "die Familie."),
             _msg(OWNER, 1_700_000_200_000, "Ja, gern! Ich bringe den Käsekuchen mit.")],
            # message_2.json: older
            [_msg("Jürgen Weiß", 1_700_000_100_000, "Hallo Jana, kommst du am Samstag "
                  "zum Grillen? Wir feiern Sörens Geburtstag."),
             _msg("Jürgen Weiß", 1_700_000_050_000, type="Call", call_duration=12)],
        ],
    ),
    "samcarter_x9y8z7": (
        "inbox", [OWNER, "Sam Carter"], "Sam Carter",
        [[_msg(OWNER, 1_700_100_200_000, "Hi Sam, thanks for the add! Great meeting "
               "you at the Köln meetup."),
          _msg("Sam Carter", 1_700_100_100_000, "Hi Jana, I'm Sam, we met at the "
               "Python meetup in Köln last week.")]],
    ),
    "umsatzprofi_q1w2e3": (
        "message_requests", ["Umsatz Profi", OWNER], "Umsatz Profi",
        [[_msg("Umsatz Profi", 1_700_300_000_000, "Hallo! Mit meinen 7 geheimen Tipps "
               "verdoppeln Sie Ihren Umsatz. Jetzt kostenloses Erstgespräch buchen!")]],
    ),
    "familiemuller_g5h6j7": (
        "archived_threads", [OWNER, "Jürgen Weiß", "Renée Fößel"], "Familie & Freunde",
        [[_msg("Renée Fößel", 1_700_400_100_000, "Ich bringe Brötchen mit 🥐"),
          _msg(OWNER, 1_700_400_000_000, "Wer bringt was zum Frühstück mit?"),
          _msg(OWNER, 1_700_399_000_000, type="Subscribe",
               users=[{"name": "Renée Fößel"}])]],
    ),
}


def write_export(
    root: Path,
    layout: str = "2022",
    *,
    friends: Sequence[Mapping[str, Any]] = FRIENDS,
    received: Sequence[Mapping[str, Any]] = RECEIVED,
    sent: Sequence[Mapping[str, Any]] = SENT,
    rejected: Sequence[Mapping[str, Any]] = REJECTED,
    removed: Sequence[Mapping[str, Any]] = REMOVED,
    threads: Mapping[str, Any] | None = None,
    prefix: str | None = None,
) -> Path:
    """Write an unpacked export under ``root`` and return ``root``."""
    files = export_files(layout, friends=friends, received=received, sent=sent,
                         rejected=rejected, removed=removed, threads=threads, prefix=prefix)
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def export_files(
    layout: str = "2022",
    *,
    friends: Sequence[Mapping[str, Any]] = FRIENDS,
    received: Sequence[Mapping[str, Any]] = RECEIVED,
    sent: Sequence[Mapping[str, Any]] = SENT,
    rejected: Sequence[Mapping[str, Any]] = REJECTED,
    removed: Sequence[Mapping[str, Any]] = REMOVED,
    threads: Mapping[str, Any] | None = None,
    prefix: str | None = None,
) -> dict[str, str]:
    """The export's files as {relative path: JSON text}. Empty lists are left out, as
    Facebook leaves out empty files."""
    out: dict[str, str] = {}
    spec = LAYOUTS[layout]
    for category, entries in (("friends", friends), ("received", received),
                              ("sent", sent), ("rejected", rejected),
                              ("removed", removed)):
        if entries:
            rel, key = spec[category]
            out[rel] = dump({key: list(entries)})
    if "followers" in spec:
        rel, key = spec["followers"]
        out[rel] = dump({key: [{"name": "Fan Nummer Eins"}]})
    pre = MESSAGE_PREFIX[layout] if prefix is None else prefix
    for key, (folder, participants, title, pages) in (THREADS if threads is None
                                                      else threads).items():
        for number, messages in enumerate(pages, start=1):
            data = {"participants": [{"name": p} for p in participants],
                    "messages": messages, "title": title, "is_still_participant": True,
                    "thread_type": "Regular" if len(participants) == 2 else "RegularGroup",
                    "thread_path": f"{folder}/{key}"}
            out[f"{pre}messages/{folder}/{key}/message_{number}.json"] = dump(data)
    return out


#: Where the owner's profile file lives, by layout (any prefix is accepted).
PROFILE_PATHS = {
    "2022": "personal_information/profile_information/profile_information.json",
    "2021": "profile_information/profile_information.json",
    "2024": "your_facebook_activity/personal_information/profile_information/"
            "profile_information.json",
}


def profile_file(full_name: str = OWNER, *, key: str = "profile_v2") -> str:
    """``profile_information.json`` as Facebook writes it (mis-encoded), with a few of
    the other fields a real one has around the name."""
    return dump({key: {
        "name": {"full_name": full_name, "first_name": full_name.split()[0],
                 "middle_name": "", "last_name": full_name.split()[-1]},
        "emails": {"emails": ["jana@example.org"], "previous_emails": []},
        "birthday": {"year": 1990, "month": 5, "day": 17},
        "gender": {"pronoun": "SHE"},
        "registration_timestamp": 1_262_304_000,
        "current_city": {"name": "Kiel, Germany", "timestamp": 0},
    }})


def write_zip(path: Path, files: Mapping[str, str], *, top: str = "") -> Path:
    """Pack ``files`` into a zip (optionally under one top folder) and return its path."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel, text in files.items():
            zf.writestr(top + rel, text.encode("utf-8"))
    return path


def make_engine(policy: dict | None = None) -> Engine:
    """Built-in rules plus this plugin only (entry points off: hermetic)."""
    pol = policy_from_dict(policy) if policy else Policy()
    return Engine(pol, plugins=[("facebook", plugin)], entry_points=False, strict=True)
