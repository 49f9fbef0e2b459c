"""History benchmark: recording rate, `Engine.due` time, KN110 cost per event.

Run: `python benchmarks/bench_history.py [--sizes 10000,100000,1000000] [--probes 300]`
(`--quick`: 10k and 100k only). Writes `bench-results/history-latest.json` and prints a
table. Figures are wall and CPU seconds of this process on a fresh SQLite file in a
temporary folder; nothing is asserted. Method and figures: docs/performance.md, "History".

Workloads (synthetic, deterministic, seeded):

* **recording / due**: N events for one owner, in conversations: incoming requests (90 %
  later resolved, some after a reason question), incoming messages (80 % answered),
  outgoing requests with notes, acceptances (70 % followed by a thank-you), profile
  views. Events are built as model objects on the fly; the time to build them is
  measured separately and reported, so `events/s` is the store's rate.
* **KN110**: a history of N outgoing notes spread over a year (about N/52 in any 7-day
  window): 10 % copies of eight templates with names swapped and small edits, 90 %
  notes assembled from shared phrase pools (similar in wording, so the index is tested
  on near misses, not only on exact copies). Then `--probes` new notes (half template
  copies, half assembled) are evaluated with and without the history; the difference is
  KN110's cost per event, and `similar_notes` is timed on its own as well.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from knigge_engine import Engine, Policy
from knigge_engine.history import SQLiteHistory
from knigge_engine.model import (
    ContactRequest,
    Direction,
    Message,
    Outcome,
    Profile,
    ProfileView,
    RequestResolved,
)

ROOT = Path(__file__).resolve().parents[1]
T0 = dt.datetime(2025, 1, 1, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
ME = Profile(id="me", name="Jana Owner", contact_count=480)
IN, OUT = Direction.INCOMING, Direction.OUTGOING

FIRST = ["Anna", "Ben", "Clara", "David", "Elif", "Felix", "Greta", "Hannes", "Ida", "Jonas",
         "Sam", "Priya", "Tom", "Alice", "Chen", "Maria", "Lukas", "Sofia", "Noah", "Mia"]
LAST = ["Albers", "Brandt", "Cordes", "Dietz", "Ehlers", "Fink", "Groß", "Hansen", "Iversen",
        "Jäger", "Keller", "Lorenz", "Meyer", "Nowak", "Otto", "Peters", "Roth", "Schulz"]
OPEN = ["Hallo {n}, ", "Guten Tag {n}, ", "Hi {n}, ", "Dear {n}, ", "Liebe {n}, "]
S1 = ["wir haben uns beim {e} kurz unterhalten. ", "ich habe Ihren Vortrag beim {e} gehört. ",
      "we met at the {e} last week. ", "I enjoyed your talk at the {e}. ",
      "Herr Otto hat mir empfohlen, mich bei Ihnen zu melden. ",
      "I read your article on {t} and had a question. "]
S2 = ["Ich arbeite als {r} bei einem {c}. ", "I work as a {r} at a {c}. ",
      "Mein Schwerpunkt ist {t}. ", "My focus is {t}. ", "Ich leite das Team für {t}. "]
S3 = ["Ich würde gern in Kontakt bleiben.", "Would you be open to a short call?",
      "Vielleicht können wir uns zu {t} austauschen.", "I'd be glad to stay in touch.",
      "Hätten Sie nächste Woche Zeit für ein Telefonat?"]
EVENTS = ["Barcamp Kiel", "Logistik-Forum Bremen", "PyCon DE", "Hannover Messe",
          "IHK-Frühstück", "Data Summit Berlin", "transport logistic", "Meetup Köln"]
TOPICS = ["Tourenplanung", "cold chain monitoring", "Wärmepumpen", "EDI formats",
          "Telematik", "supply chain software", "Fördermittel", "data quality"]
ROLES = ["Projektleiterin", "data engineer", "Vertriebsleiter", "consultant", "Einkäuferin"]
COMPANIES = ["Logistiker", "software vendor", "Stadtwerk", "start-up", "Maschinenbauer"]
TEMPLATES = [
    "Sehr geehrte/r {n}, ich bin Key Account Managerin bei der Nordlicht Software GmbH und "
    "unterstütze Speditionen bei der Digitalisierung ihrer Disposition. Ich würde mich "
    "freuen, wenn wir uns vernetzen. Mit freundlichen Grüßen, Jana",
    "Hi {n}, I came across your profile and was impressed by your background. I'd love to "
    "connect and exchange ideas about supply chain software. Best regards, Jana",
    "Hallo {n}, ich baue gerade mein Netzwerk in der Energiebranche aus und würde mich über "
    "eine Vernetzung sehr freuen. Viele Grüße",
    "Dear {n}, I'm expanding my network of logistics professionals and would be honoured "
    "to have you in it. Kind regards",
    "Guten Tag {n}, als Spezialistin für Fördermittelberatung helfe ich Mittelständlern, "
    "Zuschüsse zu sichern. Gerne vernetze ich mich mit Ihnen.",
    "Hi {n}! Quick question: are you responsible for IT purchasing at your company? I'd "
    "like to connect.",
    "Hallo {n}, Ihr Profil ist mir positiv aufgefallen. Lassen Sie uns vernetzen!",
    "Hello {n}, I help companies like yours cut freight costs by 20 %. Let's connect!",
]


def name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def assembled(rng: random.Random, who: str) -> str:
    fill = {"e": rng.choice(EVENTS), "t": rng.choice(TOPICS), "r": rng.choice(ROLES),
            "c": rng.choice(COMPANIES), "n": who}
    return "".join(p.format(**fill) for p in (rng.choice(OPEN), rng.choice(S1),
                                              rng.choice(S2), rng.choice(S3)))


def template_copy(rng: random.Random, who: str) -> str:
    text = list(rng.choice(TEMPLATES).format(n=who))
    for _ in range(rng.randint(0, 3)):  # the odd hand edit
        del text[rng.randrange(len(text))]
    return "".join(text)


# ------------------------------------------------------------------ owner workload


def owner_events(n: int, seed: int = 1) -> Iterator[Any]:
    """`n` events of one owner's account, in time order, conversation by conversation."""
    rng = random.Random(seed)
    step = dt.timedelta(days=365) / max(n, 1)
    made = 0
    i = 0
    while made < n:
        i += 1
        at = T0 + step * made
        party = Profile(id=f"p-{i}", name=name(rng), contact_count=rng.randint(50, 6000),
                        premium=rng.random() < 0.2)
        r = rng.random()
        batch: list[Any] = []
        if r < 0.3:
            note = assembled(rng, "Frau Owner") if rng.random() < 0.7 else None
            batch.append(ContactRequest(id=f"r-{i}", platform="generic", direction=IN, at=at,
                                        sender=party, recipient=ME, note=note))
            if rng.random() < 0.15:
                batch.append(Message(id=f"q-{i}", platform="generic", direction=OUT,
                                     at=at + dt.timedelta(hours=5), sender=ME,
                                     recipient=party, asks_reason=True, in_reply_to=f"r-{i}",
                                     text="Guten Tag, woher kennen wir uns?"))
            if rng.random() < 0.9:
                batch.append(RequestResolved(
                    id=f"d-{i}", platform="generic", direction=OUT,
                    at=at + dt.timedelta(days=rng.uniform(0.1, 20)), sender=ME,
                    recipient=party, request=f"r-{i}",
                    outcome=Outcome.ACCEPTED if rng.random() < 0.7 else Outcome.DECLINED))
        elif r < 0.6:
            batch.append(Message(id=f"m-{i}", platform="generic", direction=IN, at=at,
                                 sender=party, recipient=ME, text=assembled(rng, "Jana"),
                                 asks_reason=rng.random() < 0.05))
            if rng.random() < 0.8:
                batch.append(Message(id=f"a-{i}", platform="generic", direction=OUT,
                                     at=at + dt.timedelta(hours=rng.uniform(1, 200)),
                                     sender=ME, recipient=party, in_reply_to=f"m-{i}",
                                     text="Danke für Ihre Nachricht!"))
            if rng.random() < 0.1:
                batch.append(ProfileView(id=f"v-{i}", platform="generic", direction=OUT,
                                         at=at + dt.timedelta(hours=2), sender=ME,
                                         recipient=party))
        elif r < 0.8:
            batch.append(ContactRequest(id=f"o-{i}", platform="generic", direction=OUT, at=at,
                                        sender=ME, recipient=party,
                                        note=assembled(rng, party.name or "")))
        else:
            batch.append(RequestResolved(id=f"x-{i}", platform="generic", direction=OUT,
                                         at=at, sender=ME, recipient=party, request=f"y-{i}",
                                         outcome=Outcome.ACCEPTED))
            if rng.random() < 0.7:
                batch.append(Message(id=f"t-{i}", platform="generic", direction=OUT,
                                     at=at + dt.timedelta(hours=rng.uniform(1, 90)),
                                     sender=ME, recipient=party, text="Danke fürs Vernetzen!"))
        for e in batch:
            if made >= n:
                return
            made += 1
            yield e


def note_events(n: int, seed: int = 2) -> Iterator[ContactRequest]:
    """`n` outgoing request notes over a year: 10 % template copies."""
    rng = random.Random(seed)
    step = dt.timedelta(days=365) / max(n, 1)
    for i in range(n):
        who = name(rng)
        note = template_copy(rng, who) if rng.random() < 0.1 else assembled(rng, who)
        yield ContactRequest(id=f"n-{i}", platform="generic", direction=OUT,
                             at=T0 + step * i, sender=ME,
                             recipient=Profile(id=f"q-{i}", name=who), note=note)


# ------------------------------------------------------------------ measuring


def clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def since(start: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = clock()
    return wall - start[0], cpu - start[1]


def bench_owner(n: int, folder: Path, engine: Engine) -> dict[str, Any]:
    t = clock()
    for _ in owner_events(n):
        pass
    build_wall, _ = since(t)
    path = folder / f"owner-{n}.sqlite3"
    h = SQLiteHistory(path)
    t = clock()
    result = h.record(owner_events(n))
    wall, cpu = since(t)
    store_wall = max(wall - build_wall, 1e-9)
    t = clock()
    again = h.record(owner_events(n))
    re_wall, _ = since(t)
    now = T0 + dt.timedelta(days=380)
    t = clock()
    items = engine.due(now, h)
    due_wall, due_cpu = since(t)
    by_code: dict[str, int] = {}
    for item in items:
        by_code[item.code] = by_code.get(item.code, 0) + 1
    h.close()
    size = sum(p.stat().st_size for p in folder.glob(f"owner-{n}.sqlite3*"))
    return {
        "events": n, "added": result.added, "duplicates_on_reimport": again.duplicates,
        "record_wall_s": round(wall, 3), "record_cpu_s": round(cpu, 3),
        "build_objects_wall_s": round(build_wall, 3),
        "record_events_per_s": round(n / store_wall),
        "record_events_per_s_incl_building": round(n / wall),
        "reimport_events_per_s": round(n / max(re_wall - build_wall, 1e-9)),
        "due_wall_s": round(due_wall, 3), "due_cpu_s": round(due_cpu, 3),
        "due_items": len(items), "due_by_code": dict(sorted(by_code.items())),
        "file_mb": round(size / 1e6, 1),
    }


def bench_kn110(n: int, probes: int, folder: Path, engine: Engine) -> dict[str, Any]:
    path = folder / f"notes-{n}.sqlite3"
    h = SQLiteHistory(path)
    t = clock()
    h.record(note_events(n))
    rec_wall, _ = since(t)
    rng = random.Random(3)
    end = T0 + dt.timedelta(days=365)
    events = []
    for i in range(probes):
        who = name(rng)
        note = template_copy(rng, who) if i % 2 == 0 else assembled(rng, who)
        events.append(ContactRequest(id=f"probe-{i}", platform="generic", direction=OUT,
                                     at=end + dt.timedelta(minutes=i), sender=ME,
                                     recipient=Profile(id=f"z-{i}", name=who), note=note))
    kn110 = engine.rule("KN110")
    fired = 0
    t = clock()
    for e in events:
        a = engine.evaluate(e, history=h)
        fired += any(f.code == kn110.code for f in a.findings)
    with_wall, _ = since(t)
    t = clock()
    for e in events:
        engine.evaluate(e)
    without_wall, _ = since(t)
    t = clock()
    candidates_matched = 0
    for e in events:
        candidates_matched += len(h.similar_notes(
            e.note or "", platform=None, since=e.at - dt.timedelta(days=7), until=e.at,
            min_similarity=0.9, exclude_party=e.recipient.id, limit=4))
    query_wall, _ = since(t)
    h.close()
    return {
        "notes": n, "probes": probes, "record_wall_s": round(rec_wall, 2),
        "notes_per_window": round(n * 7 / 365),
        "kn110_fired_on": fired,
        "evaluate_with_history_ms": round(with_wall / probes * 1000, 3),
        "evaluate_without_history_ms": round(without_wall / probes * 1000, 3),
        "kn110_cost_ms": round((with_wall - without_wall) / probes * 1000, 3),
        "similar_notes_ms": round(query_wall / probes * 1000, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--quick", action="store_true", help="10k and 100k only")
    parser.add_argument("--probes", type=int, default=300)
    parser.add_argument("--out", default=str(ROOT / "bench-results"))
    args = parser.parse_args(argv)
    sizes = [10_000, 100_000] if args.quick else [int(s) for s in args.sizes.split(",")]
    engine = Engine(Policy(), entry_points=False)
    results: dict[str, Any] = {"python": sys.version.split()[0], "cpus": os.cpu_count(),
                               "owner": [], "kn110": []}
    with tempfile.TemporaryDirectory(prefix="knigge-bench-") as tmp:
        folder = Path(tmp)
        for n in sizes:
            print(f"[bench-history] owner history of {n:,} events …", file=sys.stderr,
                  flush=True)
            row = bench_owner(n, folder, engine)
            results["owner"].append(row)
            print(json.dumps(row), flush=True)
            for p in folder.glob("owner-*"):
                p.unlink()
        n = max(sizes)
        print(f"[bench-history] KN110 over {n:,} notes …", file=sys.stderr, flush=True)
        row = bench_kn110(n, args.probes, folder, engine)
        results["kn110"].append(row)
        print(json.dumps(row), flush=True)
    out = Path(args.out)
    out.mkdir(exist_ok=True)
    (out / "history-latest.json").write_text(json.dumps(results, indent=2) + "\n")
    print("\nevents     record ev/s  reimport ev/s  due() s  due items  file MB")
    for r in results["owner"]:
        print(f"{r['events']:>9,}  {r['record_events_per_s']:>11,}  "
              f"{r['reimport_events_per_s']:>13,}  {r['due_wall_s']:>7}  "
              f"{r['due_items']:>9,}  {r['file_mb']:>7}")
    for r in results["kn110"]:
        print(f"KN110 at {r['notes']:,} notes ({r['notes_per_window']:,} per 7-day window): "
              f"{r['kn110_cost_ms']} ms per event (similar_notes {r['similar_notes_ms']} ms), "
              f"fired on {r['kn110_fired_on']}/{r['probes']} probes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
