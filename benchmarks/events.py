"""Synthetic but realistic contact events for the benchmarks.

Deterministic (seeded) and streaming: `generate` yields one event dict at a time in
the event contract's JSON shape (`EVENTS.md`), so a million events cost no memory. The
mix follows what an inbox of a busy professional looks like:

* kinds: mostly contact requests, then messages (first contacts and replies), request
  resolutions and profile views;
* both directions, four platforms (`generic`, `xing`, `linkedin`, `facebook`);
* German and English notes of varying quality: good ones (greeting, self-introduction,
  reason), bare ones, sales pitches, takers, mixed "Sie"/"Du", overlong ones, empty
  notes, `null` notes, emoji; about 240 characters on average;
* profiles with every fact sometimes unknown (`None` is left out, as exports do).

All names, companies and texts are made up for the benchmark.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

PLATFORMS = ("generic", "xing", "linkedin", "facebook")

FIRST = ("Jana", "Tobias", "Mia", "Sven", "Priya", "Ole", "Clara", "Karin", "Sam", "Dana",
         "Lena", "Rolf", "Eva", "Nina", "Tom", "Maria", "Jonas", "Aylin", "Ben", "Sophie")
LAST = ("Berger", "Vogt", "Lindner", "Kaya", "Roth", "Jensen", "Brandt", "Huber", "Nowak",
        "Keller", "Maier", "Lorenz", "Schulz", "Albrecht", "Okafor", "Schmidt", "Wagner",
        "Yilmaz", "Fischer", "Hoffmann")
COMPANIES = ("Stadtwerke Kiel GmbH", "Nordlicht Software", "Hanse Logistik GmbH",
             "Elbe Logistik GmbH", "LeadRocket", "Umsatzplus", "Brightside Analytics",
             "Maschinenbau Ulm AG", "Payments Start-up", "Kanzlei Huber", "tba", "")
HEADLINES = ("Projektleiterin Energie", "Controller", "Key Account Manager",
             "Vertriebscoach | Speaker", "Personalberaterin IT", "Data Engineer",
             "Head of Platform", "Growth Hacker | 10x your sales", "UX-Designerin",
             "Talent Acquisition Partner", "tba", "Steuerberaterin", "CTO", "")
CITIES = ("Kiel", "Hamburg", "Ulm", "Leipzig", "Jena", "Bremen", "Graz", "Kassel", "Mainz",
          "Berlin", "Leeds", "Copenhagen", "Freiburg", "Köln")
TOPICS_DE = ("die Wärmewende", "Lieferketten", "Cloud-Strategien im Mittelstand",
             "Barrierefreiheit", "das Umsatzsteuerrecht", "Kubernetes-Kosten",
             "Nachfolgeplanung", "Datenschutz im Vertrieb")
TOPICS_EN = ("API design", "supply chains", "Kubernetes costs", "accessibility",
             "payments regulation", "data contracts", "remote onboarding")
EVENTS_DE = ("dem Meetup Data Science Köln", "der IHK-Veranstaltung", "dem Barcamp Stuttgart",
             "der Messe in Hannover", "dem Gründerfrühstück")
EVENTS_EN = ("PyCon DE", "the Nordic Fintech Week", "the DevOps meetup in Leeds",
             "the product summit in Berlin")
GROUPS = ("Vertrieb im Mittelstand", "Data Science DACH", "Akquisition und Kundengewinnung",
          "Product People", "Women in Tech", "Python Users")


def _de_note(r: random.Random, other: dict[str, Any]) -> str:
    last = (other.get("name") or "Muster Person").split()[-1]
    first = (other.get("name") or "Alex").split()[0]
    city, topic, event = r.choice(CITIES), r.choice(TOPICS_DE), r.choice(EVENTS_DE)
    role = r.choice(("Projektleiterin", "Entwickler", "Controller", "Einkaufsleiterin",
                     "Beraterin", "Vertriebsleiter", "Gründerin eines Start-ups"))
    greeting = r.choice((f"Hallo Frau {last}, ", f"Guten Tag Herr {last}, ",
                         f"Sehr geehrte Frau Dr. {last}, ", f"Hallo {first}, ", "Moin, ", ""))
    intro = f"ich bin {role} bei der {r.choice(COMPANIES) or 'Firma'} in {city}. "
    reason = r.choice((
        f"Wir haben uns bei {event} kennengelernt. ",
        f"Ihr Vortrag über {topic} hat mich überzeugt, weil wir vor ähnlichen Fragen stehen. ",
        f"Ihren Beitrag in der Gruppe {r.choice(GROUPS)} habe ich mit Interesse gelesen. ",
        f"Wir haben {r.randint(2, 9)} gemeinsame Kontakte. ",
    ))
    close = r.choice(("Ich würde mich freuen, mich mit Ihnen zu vernetzen. Viele Grüße",
                      "Gern würde ich in Kontakt bleiben. Beste Grüße",
                      "Ich freue mich auf den Austausch!", ""))
    shape = r.random()
    if shape < 0.40:  # a good note
        return greeting + intro + reason + close
    if shape < 0.50:  # a sales pitch
        return (greeting + f"ich bin Berater bei Umsatzplus. Mit unseren "
                f"{r.choice(('7', 'fünf', '10'))} geheimen Tipps steigern Sie Ihren Umsatz. "
                "Jetzt kostenloses Erstgespräch sichern!")
    if shape < 0.60:  # takes without giving
        return (greeting + intro + "Könnten Sie mich bei Ihrer Personalabteilung für eine "
                "Stelle empfehlen? Danke!")
    if shape < 0.68:  # mixed address
        return (f"Hallo Herr {last}, ich bin Tischlerin in {city}. Können Sie mir sagen, ob "
                "du noch Aufträge für Einbauschränke vergibst? Viele Grüße")
    if shape < 0.76:  # bare
        return r.choice(("Ich würde mich freuen, Sie als Kontakt hinzuzufügen.",
                         f"Hallo {first}, lass uns vernetzen 🙂",
                         "Vernetzung?"))
    if shape < 0.82:  # far too long
        return greeting + (intro + reason) * 4 + close
    return greeting + reason + close


def _en_note(r: random.Random, other: dict[str, Any]) -> str:
    first = (other.get("name") or "Alex Example").split()[0]
    city, topic, event = r.choice(CITIES), r.choice(TOPICS_EN), r.choice(EVENTS_EN)
    role = r.choice(("a logistics analyst", "a data engineer", "a product manager",
                     "the founder of a small agency", "a platform engineer"))
    greeting = r.choice((f"Hi {first}, ", f"Hello {first}, ", f"Dear {first}, ",
                         "Good morning, ", ""))
    intro = f"I'm {role} at a company in {city}. "
    reason = r.choice((
        f"I enjoyed your talk on {topic} at {event} and would like to stay in touch. ",
        f"We met at {event} last month. ",
        f"Your article on {topic} was great, because we face the same question. ",
    ))
    close = r.choice(("Best regards", "Looking forward to connecting!", "Thanks, Sam", ""))
    shape = r.random()
    if shape < 0.40:
        return greeting + intro + reason + close
    if shape < 0.52:
        return (greeting + "I'm the founder of LeadRocket. Book a demo today and get a 30% "
                "discount on our lead generation product. Grow your business now!")
    if shape < 0.62:
        return greeting + intro + "Could you introduce me to your CTO? Thanks."
    if shape < 0.72:
        return r.choice(("I'd like to add you to my professional network.",
                         "Let's connect! 🚀", "Saw your profile, connect?"))
    if shape < 0.78:
        return greeting + (intro + reason) * 4 + close
    return greeting + reason + "I can share our checklist if it helps. " + close


def _profile(r: random.Random, pid: str) -> dict[str, Any]:
    name = f"{r.choice(FIRST)} {r.choice(LAST)}" if r.random() > 0.04 else r.choice(("K.", ""))
    p: dict[str, Any] = {"id": pid, "name": name}

    def maybe(key: str, value: Any, p_known: float = 0.75) -> None:
        if r.random() < p_known:
            p[key] = value

    maybe("headline", r.choice(HEADLINES))
    maybe("company", r.choice(COMPANIES))
    maybe("contact_count", int(r.lognormvariate(5.5, 1.3)))
    maybe("contacts_visible", r.random() > 0.2)
    maybe("has_photo", r.random() > 0.1)
    maybe("premium", r.random() > 0.6)
    maybe("recruiter", r.random() < 0.1, 0.3)
    maybe("groups", r.sample(GROUPS, r.randint(0, 2)), 0.4)
    maybe("language", r.choice(("de", "en")), 0.3)
    maybe("seniority", r.choice(("staff", "manager", "executive")), 0.5)
    maybe("degree", r.choice((1, 2, 2, 3, 3)), 0.8)
    maybe("mutual_contacts", r.choice((0, 0, 1, 3, 12)), 0.7)
    maybe("prior_contact", r.random() < 0.3, 0.6)
    return p


OWNER = {"id": "me", "name": "Jana Schröder", "premium": True}


def event(r: random.Random, index: int) -> dict[str, Any]:
    """One event (a dict in the contract's shape); `index` makes the id unique."""
    platform = r.choice(PLATFORMS)
    direction = "incoming" if r.random() < 0.55 else "outgoing"
    other = _profile(r, f"u-{r.randint(1, 50_000)}")
    me = dict(OWNER)
    sender, recipient = (other, me) if direction == "incoming" else (me, other)
    day = 1 + index % 28
    at = f"2026-11-{day:02d}T{index % 24:02d}:{index % 60:02d}:00+01:00"
    base: dict[str, Any] = {"id": f"e-{index}", "platform": platform, "direction": direction,
                            "at": at, "sender": sender, "recipient": recipient}
    k = r.random()
    lang_de = r.random() < 0.55
    if k < 0.60:
        roll = r.random()
        if roll < 0.12:
            note = None
        elif roll < 0.15:
            note = r.choice(("", "   "))
        else:
            note = _de_note(r, other) if lang_de else _en_note(r, other)
        ev = {"kind": "contact_request", **base, "note": note}
        if r.random() < 0.08:
            ev["context"] = {"met_at": r.choice(EVENTS_DE + EVENTS_EN)}
        return ev
    if k < 0.85:
        text = _de_note(r, other) if lang_de else _en_note(r, other)
        ev = {"kind": "message", **base, "text": text, "thread": f"t-{index // 3}"}
        if r.random() < 0.4:
            ev["in_reply_to"] = f"e-{max(index - 1, 0)}"
        return ev
    if k < 0.93:
        return {"kind": "request_resolved", **base, "request": f"e-{max(index - 5, 0)}",
                "outcome": r.choice(("accepted", "declined", "withdrawn"))}
    return {"kind": "profile_view", **base}


def generate(n: int, seed: int = 20261125) -> Iterator[dict[str, Any]]:
    """Yield `n` events, the same ones for the same seed."""
    r = random.Random(seed)
    for i in range(n):
        yield event(r, i)


def write_jsonl(path: Path, n: int, seed: int = 20261125, *, bad_every: int = 0) -> Path:
    """Write `n` events as JSONL. `bad_every` > 0 replaces every that-many-th line
    with a malformed one (broken JSON, a naive time, an unknown kind in turn)."""
    bad = (b'{"kind": "contact_request", "id": ', )
    with path.open("wb") as out:
        for i, ev in enumerate(generate(n, seed)):
            if bad_every and i % bad_every == bad_every - 1:
                which = (i // bad_every) % 3
                if which == 0:
                    out.write(bad[0] + b"\n")
                    continue
                if which == 1:
                    ev["at"] = "2026-11-02T09:15:00"
                else:
                    ev["kind"] = "poke"
            out.write(orjson.dumps(ev) + b"\n")
    return path


if __name__ == "__main__":  # pragma: no cover - a quick look at the mix
    import sys

    for ev in generate(int(sys.argv[1]) if len(sys.argv) > 1 else 5):
        print(orjson.dumps(ev).decode())
