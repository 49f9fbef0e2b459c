"""The classes of defect seen on real exports (issue "Right on real data"), each on
real-shaped notes: a same-time acceptance is not pending, closers and sponsored mail owe
nothing, old items are counted past the horizon, KN110 within one run, a pitch right
after connecting, existing connections and unreadable languages."""

from __future__ import annotations

import datetime as _dt
import json
import subprocess
import sys

from knigge_engine import Engine, InMemoryHistory
from knigge_engine.model import event_from_dict

T0 = _dt.datetime(2026, 3, 19, 7, 48, tzinfo=_dt.UTC)
OWNER = {"id": "me", "name": "Jana Owner"}


def _at(days: float = 0) -> str:
    return (T0 + _dt.timedelta(days=days)).isoformat()


def _ev(kind: str, direction: str, eid: str, days: float, who: dict, **fields) -> dict:
    sender, recipient = (OWNER, who) if direction == "outgoing" else (who, OWNER)
    return {"kind": kind, "id": eid, "platform": "generic", "direction": direction,
            "at": _at(days), "sender": sender, "recipient": recipient, **fields}


def _due(events: list[dict], days: float, **kw):
    history = InMemoryHistory(event_from_dict(e) for e in events)
    return Engine().due(T0 + _dt.timedelta(days=days), history, **kw)


def test_acceptance_at_the_requests_own_time_is_not_pending():
    # LinkedIn exports date a same-day acceptance at the invitation's time.
    sam = {"id": "u-1", "name": "Sam Carter"}
    events = [
        _ev("contact_request", "incoming", "r-1", 0, sam,
            note="Hi Jana, we met at the PyData Berlin meetup last week."),
        _ev("request_resolved", "outgoing", "a-1", 0, sam, request="r-1", outcome="accepted"),
    ]
    items = _due(events, 30)
    assert "KN301" not in {i.code for i in items}
    assert [i.code for i in items] == ["KN306"]  # accepted, no thank-you: one thing owed


def test_closers_sponsored_and_archived_mail_owe_no_reply():
    anna = {"id": "u-2", "name": "Anna Berg"}
    bot = {"id": "u-3", "name": "LinkedIn Member"}
    old = {"id": "u-4", "name": "Tom Weber"}
    events = [
        _ev("message", "outgoing", "m-1", 0, anna,
            text="Danke für den Kontakt zur Kanzlei, ich melde mich dort nächste Woche."),
        _ev("message", "incoming", "m-2", 0.1, anna, text="Gerne! 👍"),
        _ev("message", "incoming", "m-3", 1, bot, subject="Grow your career",
            text="Hi Jana, your career deserves more: try Premium free for a month.",
            context={"sponsored": True}),
        _ev("message", "incoming", "m-4", 1, old,
            text="Hallo Jana, hast du nächste Woche Zeit für einen Kaffee?",
            context={"folder": "archive"}),
    ]
    assert list(_due(events, 20)) == []
    assessment = Engine().evaluate(events[2])
    assert assessment.action is None and assessment.reply is None
    assert "KN206" not in {f.code for f in assessment.findings}


def test_a_question_about_the_reason_is_kn305_not_kn302():
    roth = {"id": "u-5", "name": "Dr. Sabine Roth"}
    events = [_ev("contact_request", "outgoing", "r-1", -1, roth, note=None),
              _ev("message", "incoming", "m-1", 0, roth,
                  text="Guten Tag, danke für Ihre Anfrage. Woher kennen wir uns?")]
    assert [i.code for i in _due(events, 5)] == ["KN305"]


def test_a_strangers_question_is_not_about_the_owners_reason():
    # Nobody asked the owner why they made contact: the owner did not make contact.
    sam = {"id": "u-6", "name": "Sam Carter"}
    events = [_ev("message", "incoming", "m-1", 0, sam,
                  text="Hi Jana, what is it about Rust that you like so much?")]
    assert [i.code for i in _due(events, 5)] == ["KN302"]


def test_items_older_than_the_horizon_are_counted_not_listed():
    old = {"id": "u-6", "name": "Mia Schulz"}
    new = {"id": "u-7", "name": "Ole Jensen"}
    events = [
        _ev("message", "incoming", "m-1", 0, old,
            text="Hallo Jana, könnten Sie mir Ihre Folien vom Vortrag schicken?"),
        _ev("message", "incoming", "m-2", 200, new,
            text="Hi Jana, could you share the slides of your talk?"),
    ]
    items = _due(events, 205)
    assert [i.party_name for i in items] == ["Ole Jensen"]
    assert items.older == 1 and items.older_by_code == {"KN302": 1}
    assert len(_due(events, 205, horizon_days=0)) == 2


def test_a_pitch_right_after_connecting_is_kn207():
    seller = {"id": "u-8", "name": "Growth Partner"}
    events = [
        _ev("contact_request", "outgoing", "r-1", 0, seller,
            note="Hallo, wir haben uns beim Handelsblatt-Forum kurz unterhalten."),
        _ev("request_resolved", "incoming", "a-1", 1, seller, request="r-1",
            outcome="accepted"),
        _ev("message", "incoming", "m-1", 1.01, seller, in_reply_to="a-1",
            text="Thanks for connecting! We help agencies double your revenue. Book a "
            "free demo here: example.com/demo"),
    ]
    history = InMemoryHistory(event_from_dict(e) for e in events)
    found = Engine().evaluate(events[2], history=history).findings
    assert "KN207" in {f.code for f in found}
    # Without a history, whether it opens the contact is unknown: no evidence.
    assert "KN207" not in {f.code for f in Engine().evaluate(events[2]).findings}


def test_unreadable_languages_are_no_evidence():
    note = ("Здравствуйте, Анна! Меня зовут Игорь, я руководитель отдела продаж в "
            "компании. Буду рад знакомству.")
    event = _ev("contact_request", "outgoing", "r-1", 0, {"id": "u-9", "name": "Anna"},
                note=note)
    codes = {f.code for f in Engine().evaluate(event).findings}
    assert not codes & {"KN102", "KN103", "KN104", "KN108", "KN109"}


def test_a_greeting_only_note_is_kn101_not_kn102_kn103():
    event = _ev("contact_request", "outgoing", "r-1", 0, {"id": "u-9", "name": "Anna"},
                note="\n  Hi Anna 👋  \n")
    codes = {f.code for f in Engine().evaluate(event).findings}
    assert "KN101" in codes and not codes & {"KN102", "KN103", "KN109"}


def _template_run(tmp_path, *flags):
    note = ("Hi {n}, I'm a recruiter at Nordlicht Talent and I'm expanding my network in "
            "logistics. Would be great to connect!")
    names = ["Sam", "Priya", "Tom", "Alice", "Ben", "Chris"]
    lines = [json.dumps(_ev("contact_request", "outgoing", f"r-{i}", i * 0.5,
                            {"id": f"u-{i}", "name": f"{n} Example"},
                            note=note.format(n=n))) for i, n in enumerate(names)]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "knigge_engine.cli", "check", str(path),
                           "--format", "jsonl", "--fail-on", "never", *flags],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_kn110_flags_every_copy_of_a_batch_within_one_run(tmp_path):
    out = _template_run(tmp_path)
    flagged = [[f for f in a["findings"] if f["code"] == "KN110"] for a in out]
    assert all(len(f) == 1 for f in flagged), "every copy, the first ones too"
    assert all("to 6 people" in f[0]["message"] for f in flagged)  # exact count
    assert "Priya Example" in flagged[0][0]["message"]  # names, not ids
    # The same verdicts with a history file: no flag changes the verdict.
    with_file = _template_run(tmp_path, "--history", str(tmp_path / "h.sqlite3"))
    assert [a["findings"] for a in with_file] == [a["findings"] for a in out]


def _selective() -> Engine:
    from knigge_engine.policy import policy_from_dict

    return Engine(policy=policy_from_dict({"extends": "selective"}))


def test_selective_asks_first_without_a_note_even_with_mutual_contacts():
    event = {"kind": "contact_request", "id": "r-1", "platform": "generic",
             "direction": "incoming", "at": _at(), "recipient": OWNER, "note": None,
             "sender": {"id": "u-1", "name": "Max Muster", "headline": "Einkaufsleiter",
                        "company": "Muster GmbH", "mutual_contacts": 3, "has_photo": True}}
    assert _selective().evaluate(event).action.value == "ask_first"


def test_selective_declines_a_collector_even_with_a_shared_context():
    # Seed 004 declines requests from people with over 4,000 contacts (recruiters aside);
    # seed 001's trainer has 13,000.
    event = {"kind": "contact_request", "id": "r-1", "platform": "generic",
             "direction": "incoming", "at": _at(), "recipient": OWNER,
             "note": "Hallo Frau Owner, wir kennen uns vom Barcamp Stuttgart.",
             "sender": {"id": "u-1", "name": "Joachim Beispiel",
                        "headline": "Networking-Trainer", "company": "Beispiel Training",
                        "contact_count": 13000, "mutual_contacts": 5, "has_photo": True}}
    assert _selective().evaluate(event).action.value == "decline"


def test_knigge_due_counts_what_the_horizon_hides(tmp_path):
    from knigge_engine import SQLiteHistory

    mia = {"id": "u-6", "name": "Mia Schulz"}
    ole = {"id": "u-7", "name": "Ole Jensen"}
    db = tmp_path / "h.sqlite3"
    with SQLiteHistory(db) as history:
        history.record(event_from_dict(e) for e in [
            _ev("message", "incoming", "m-1", 0, mia,
                text="Hallo Jana, könnten Sie mir Ihre Folien vom Vortrag schicken?"),
            _ev("message", "incoming", "m-2", 200, ole,
                text="Hi Jana, could you share the slides of your talk?"),
        ])
    now = (T0 + _dt.timedelta(days=205)).isoformat()

    def due(*args):
        return subprocess.run([sys.executable, "-m", "knigge_engine.cli", "due", "--history",
                               str(db), "--now", now, *args], capture_output=True, text=True,
                              cwd=tmp_path, timeout=120)

    text = due()
    assert "Ole Jensen" in text.stdout and "Mia Schulz" not in text.stdout
    assert "  1 older item started more than 90 days ago and is not listed" in text.stdout
    assert text.stdout.splitlines()[-1] == "1 item due; 1 older not listed"
    jsonl = due("--format", "jsonl")
    assert [json.loads(line)["party_name"] for line in jsonl.stdout.splitlines()] == [
        "Ole Jensen"]
    assert "1 items older than 90 days not listed" in jsonl.stderr
    everything = due("--format", "jsonl", "--horizon", "0")
    assert len(everything.stdout.splitlines()) == 2
    (tmp_path / "knigge.toml").write_text("horizon_days = 300\n", encoding="utf-8")
    assert len(due("--format", "jsonl").stdout.splitlines()) == 2
    (tmp_path / "knigge.toml").write_text("horizon_days = -1\n", encoding="utf-8")
    bad = due()
    assert bad.returncode == 2 and "horizon_days" in bad.stderr


# --------------------------------------------------------------------------------------
# Phrasing classes of real notes (issue 11, accuracy work): each test is a class of
# phrasing, in German and English, on notes written for these tests.
# --------------------------------------------------------------------------------------


def _codes(text: str, kind: str = "contact_request", **extra) -> set[str]:
    field = "note" if kind == "contact_request" else "text"
    event = _ev(kind, "outgoing", "x-1", 0, {"id": "u-9", "name": "Kim Meyer"},
                **{field: text}, **extra)
    return {f.code for f in Engine().evaluate(event_from_dict(event)).findings}


def test_a_name_alone_is_no_self_introduction():
    for note in (
        "Hi Kim, I'm Jonas. Your talk on warehouse robotics at LogiMAT was excellent – "
        "I'd like to stay in touch.",
        "Hallo Kim, mein Name ist Jonas Weber. Ihr Vortrag zur Lagerrobotik auf der "
        "LogiMAT hat mir sehr gefallen.",
        "Hello Kim, I am Priya, I am kind of curious about your warehouse robotics talk.",
    ):
        assert "KN103" in _codes(note), note
    for note in (
        "Hi Kim, I'm Jonas, a process engineer at Bosch. Your talk on warehouse robotics "
        "at LogiMAT was excellent.",
        "Hi Kim, I'm Jonas from Kardex. Your talk on warehouse robotics was excellent.",
        "Hallo Kim, mein Name ist Jonas Weber und ich leite die Logistik bei Hagebau. Ihr "
        "Vortrag auf der LogiMAT hat mir gefallen.",
        "Hallo Kim, ich bin Schreiner und habe Ihren Vortrag auf der Messe gehört.",
        "Hi Kim, I'm CTO of a small robotics firm; your talk at LogiMAT was excellent.",
    ):
        assert "KN103" not in _codes(note), note


def test_a_mood_after_an_adverb_is_no_self_introduction():
    for note in (
        "Hi Kim, I'm currently looking for roles in supply chain and your post on "
        "nearshoring caught my eye.",
        "Hi Kim, I'm particularly interested in your post on nearshoring.",
        "Hallo Kim, ich bin derzeit auf der Suche nach neuen Aufgaben und habe Ihren "
        "Beitrag zum Nearshoring gelesen.",
    ):
        assert "KN103" in _codes(note), note
    for note in (
        "Hi Kim, I'm currently a buyer at Otto and your post on nearshoring caught my eye.",
        "Hallo Kim, ich bin derzeit Werkstudent bei DB Schenker und habe Ihren Beitrag "
        "zum Nearshoring gelesen.",
    ):
        assert "KN103" not in _codes(note), note


def test_a_role_after_als_or_years_in_a_field_introduce_the_sender():
    for note in (
        "Guten Tag Frau Meyer, als Teamleiterin im Einkauf beschäftigt mich Ihr Beitrag "
        "zum Lieferkettengesetz sehr.",
        "Hallo Kim, als freiberuflicher Softwareentwickler lese ich Ihre Posts zu Rust gern.",
        "Dear Kim, after eight years in hospital administration I read your article on "
        "rostering with great interest.",
        "Hallo Kim, nach 12 Jahren im Vertrieb habe ich Ihren Beitrag zu Provisionen gelesen.",
    ):
        assert "KN103" not in _codes(note), note


def test_lower_case_ihre_is_their_not_a_reason():
    # "ihre" in lower case refers to the firms the sender serves, not to the reader.
    note = ("Hallo Kim, ich helfe Handwerksbetrieben, ihre Position bei Google zu "
            "verbessern. Ich würde mich gern vernetzen.")
    assert "KN102" in _codes(note)
    note = ("Hallo Kim, ich berate Handwerksbetriebe und habe Ihre Position zum "
            "Fachkräftemangel im Interview gelesen.")
    assert "KN102" not in _codes(note)


def test_generic_praise_of_a_profile_is_no_reason_a_specific_one_is():
    assert "KN102" in _codes("Hi Kim, I'm a data analyst in Leeds. Your experience is "
                             "impressive and I'd love to connect.")
    assert "KN102" not in _codes("Hi Kim, I'm a data analyst in Leeds. Your experience "
                                 "at Ocado with demand forecasting is what I hope to learn "
                                 "more about.")


def test_concrete_concerns_are_reasons():
    for note in (
        "Hi Kim, I'm a nurse in Cardiff. Congratulations on the new clinic opening!",
        "Hi Kim, I'm a backend developer and I'm applying for the platform role on your "
        "team next week.",
        "Hi Kim, I'm an architecture student; what you're building at the co-housing "
        "project in Ghent inspires me.",
        "Hallo Frau Meyer, ich bin Logistikerin und habe die ausgeschriebene Stelle in "
        "Ihrem Team gesehen.",
        "Hallo Frau Meyer, ich bin Projektleiterin. Da Sie lange im Anlagenbau waren, "
        "interessiert mich Ihre Sicht.",
        "Hallo Kim, ich bin Student in Mannheim und melde mich wegen der Werkstudentenstelle.",
        "Hi Kim, I'm a product manager in Lisbon with a quick question about your open-source "
        "scheduler.",
    ):
        assert "KN102" not in _codes(note), note


def test_asks_in_other_words_take_without_giving():
    for note in (
        "Hallo Kim, ich bin Controllerin bei Edeka und habe Ihren Beitrag zur Inventur "
        "gelesen. Ich freue mich auf einen kurzen Austausch!",
        "Hi Kim, I'm a junior analyst at Aviva. I read your piece on claims triage and would "
        "love to learn more about how your team set it up.",
        "Hi Kim, I'm a final-year nursing student in Glasgow. Your post on night shifts was "
        "so honest – any tips for a first job on a ward?",
        "Hi Kim, I'm a UX designer at a bank and I'm seeking a new role in health tech. "
        "If you know anyone hiring, I'd be grateful.",
        "Hallo Kim, ich bin Elektroniker und auf Jobsuche in Kassel. Kennen Sie jemanden bei "
        "Ihrem Arbeitgeber, der einstellt?",
        "Hi Kim, I'm a data engineer at Monzo. Your talk on event sourcing was great; "
        "I'd be happy to chat about it on a quick call this week.",
    ):
        assert "KN108" in _codes(note), note


def test_giving_is_giving_and_an_introduction_or_their_offer_is_not():
    assert "KN108" not in _codes(
        "Hi Kim, I'm a data engineer at Monzo. Your talk on event sourcing was great; I'd be "
        "happy to share our migration notes – could we compare approaches on a quick call?")
    # "mich Ihnen vorstellen" introduces the sender; "Sie bieten … an" is the reader's offer.
    for note in (
        "Guten Tag Frau Meyer, darf ich mich Ihnen kurz vorstellen: Ich bin Bauingenieur in "
        "Kassel und habe Ihren Vortrag gehört. Hätten Sie Zeit für ein Telefonat?",
        "Guten Tag Frau Meyer, ich bin Bauingenieur in Kassel. Sie bieten in Ihrem Büro "
        "Praktika an – hätten Sie Zeit für ein Telefonat?",
    ):
        assert "KN108" in _codes(note), note


def test_time_and_an_exchange_of_experience_are_no_ask_by_themselves():
    for note in (
        "Hallo Kim, ich bin Gärtnermeister in Erfurt und habe Ihren Beitrag zu Stauden "
        "gelesen. Ich würde mich gern vernetzen und Erfahrungen auszutauschen.",
        "Hallo Kim, ich bin Gärtnermeister in Erfurt. Endlich Zeit für Ihren Beitrag zu "
        "Stauden gefunden – sehr gut!",
    ):
        assert "KN108" not in _codes(note), note


def test_a_product_presented_or_the_firms_help_as_a_call_topic_is_a_pitch():
    for note in (
        "Hi Kim, loved your post on onboarding. Built an AI tool that turns handbooks into "
        "quizzes in minutes – want me to send an example?",
        "Hallo Kim, wir haben eine Plattform entwickelt, die Dienstpläne für Pflegeheime "
        "automatisch erstellt. Hätten Sie 15 Minuten?",
        "Hi Kim, I run a small agency in Bristol. I'd love to explore how we can help your "
        "clinic fill empty appointment slots.",
        "Hi Kim, I'm an SEO consultant. Happy to show you a quick demo of what I'd change on "
        "your shop.",
        "Hallo Kim, ich bin Webdesigner. Ihr neuer Auftritt in 14 Tagen, 490 € einmalig, "
        "Ergebnisse garantiert.",
    ):
        assert "KN105" in _codes(note), note
    # An incoming note in the same words is KN207.
    event = _ev("contact_request", "incoming", "r-2", 0, {"id": "u-7", "name": "Lea Roth"},
                note="Hi Jana, we've built a platform that books your team's travel in "
                "one click. Worth a look?")
    assert "KN207" in {f.code for f in Engine().evaluate(event_from_dict(event)).findings}


def test_the_readers_product_or_a_job_seekers_help_is_no_pitch():
    for note in (
        "Hi Kim, I'm a QA engineer in Porto. Your team built a platform that I use every "
        "day – congratulations on the launch!",
        "Hi Kim, I'm a data analyst and applied for the BI role on your team; I'd welcome "
        "a chance to discuss how I can help with your reporting backlog.",
    ):
        assert "KN105" not in _codes(note), note


def test_an_unnamed_company_fits_every_reader_a_fact_about_it_is_a_reason():
    for note in (
        "Hi, I'm a graduate engineer in Derby. Could you refer me for openings at your "
        "company?",
        "Guten Tag, ich bin Steuerfachangestellte. Wo steht Ihr Unternehmen bei der "
        "E-Rechnung? Ich würde mich gern vernetzen.",
    ):
        assert "KN102" in _codes(note), note
    for note in (
        "Hi Kim, I'm a graduate engineer in Derby. I saw that your company is hiring "
        "apprentices for the new rail depot.",
        "Hi Kim, I'm a graduate engineer in Derby; your company's depot project in Leeds is "
        "why I'm writing.",
        "Hi Kim, I'm a data engineer in Pune and I read Bytebase Weekly regularly – your "
        "issue on schema drift helped me.",
    ):
        assert "KN102" not in _codes(note), note


def test_inside_a_pitch_showing_is_the_demo_and_a_price_asks_to_buy():
    # "Ich zeige Ihnen" is what the pitch sells; the price anywhere asks to buy.
    note = ("Hallo Kim, ich bin Webdesigner in Jena. Ich zeige Ihnen in 48h, was Ihre "
            "Konkurrenz online besser macht. Ergebnisse garantiert. Paketpreis: 249 €.")
    assert {"KN105", "KN108"} <= _codes(note)
    # Outside a pitch, offering to show something is giving.
    note = ("Hallo Kim, ich bin Gärtner in Jena und habe Ihren Beitrag zu Stauden gelesen. "
            "Gern zeige ich Ihnen unseren Schaugarten – hätten Sie Zeit für einen Besuch?")
    assert "KN108" not in _codes(note)


def test_introductions_with_an_adverb_a_past_role_or_a_study():
    for note in (
        "Hi Kim, I currently work in claims handling at Zurich and your post on fraud "
        "signals was spot on.",
        "Hi Kim, I recently joined Siemens Healthineers; your talk on MRI scheduling was "
        "great.",
        "Hi Kim, I graduated from TU Delft last summer and your article on dikes stuck with "
        "me.",
        "Hallo Kim, ich arbeite derzeit bei einem Stadtwerk und habe Ihren Beitrag zur "
        "Wärmeplanung gelesen.",
        "Hallo Kim, bei der Sparkasse Ulm bin ich für das Firmenkundengeschäft zuständig; "
        "Ihr Vortrag hat mir gefallen.",
        "Hallo Kim, ich schreibe gerade meine Masterarbeit über Wasserstoff und habe Ihren "
        "Beitrag dazu gelesen.",
        "Hi Kim, as Head of Finance at a housing charity I found your post on grant "
        "accounting useful.",
        "Hi Kim, currently studying for the CFA in Dublin – your thread on bond ladders was "
        "a great read.",
    ):
        assert "KN103" not in _codes(note), note


def test_a_signature_with_a_role_introduces_a_name_alone_does_not():
    body = "Hi Kim, your post on pricing pages was sharp and I'd like to connect.\n\nBest,\n"
    assert "KN103" not in _codes(body + "Anna Roth\nHead of Growth, Fernweh Travel")
    assert "KN103" in _codes(body + "Anna Roth")
    body = ("Hallo Kim, Ihr Beitrag zu Preisseiten war klug, gern vernetze ich mich.\n\n"
            "Viele Grüße\n")
    assert "KN103" not in _codes(body + "Anna Roth\nVertriebsleiterin, Fernweh Reisen GmbH")
    assert "KN103" in _codes(body + "Anna Roth")


def test_praise_of_an_occasion_both_attended_is_a_shared_context():
    event = _ev("contact_request", "incoming", "r-3", 0, {"id": "u-6", "name": "Ole Berg"},
                note="Hi Jana, what a lively Product Circle roundtable yesterday! Would be "
                "glad to stay in touch.")
    assert "KN206" in {f.code for f in Engine().evaluate(event_from_dict(event)).findings}
    event["note"] = "Hi Jana, what a lively profile you have! Would be glad to stay in touch."
    assert "KN206" not in {f.code for f in Engine().evaluate(event_from_dict(event)).findings}


def test_sending_ones_own_papers_is_no_offer():
    for note in (
        "Hi Kim, I'm a paralegal in Leeds and applied for the trainee role on your team. "
        "Could we talk for ten minutes? I'd be happy to send you my CV beforehand.",
        "Guten Tag Frau Meyer, ich bin Industriekauffrau und habe mich auf die "
        "ausgeschriebene Stelle beworben. Gern sende ich Ihnen meine Unterlagen; hätten Sie "
        "Zeit für ein kurzes Telefonat?",
    ):
        assert "KN108" in _codes(note), note
    assert "KN108" not in _codes(
        "Hi Kim, I'm a paralegal in Leeds and applied for the trainee role on your team. "
        "Could we talk for ten minutes? I'd be happy to send you the case-law digest I "
        "keep.")


def test_growing_ones_own_network_or_being_seen_anywhere_is_no_reason():
    for note in (
        "Hi Kim, I'm a QA lead in Bristol. I'd like to connect because I want to expand my "
        "network in testing.",
        "Hi Kim, I'm a QA lead in Bristol; as I'm looking to grow my network, let's connect.",
        "Hallo Kim, ich bin Testmanagerin in Bremen und möchte mich vernetzen, weil ich mein "
        "berufliches Netzwerk erweitern möchte.",
        "Hi Kim, I'm a QA lead in Bristol. I saw you in my feed and thought we should "
        "connect.",
        "Hi Kim, I'm a QA lead in Bristol. Connecting for mutual benefit!",
    ):
        assert "KN102" in _codes(note), note
    for note in (
        "Hi Kim, I'm a QA lead in Bristol. I'm writing because your talk on flaky tests at "
        "TestBash changed how my team works.",
        "Hi Kim, I'm a QA lead in Bristol. I saw you speak at TestBash last week.",
        "Hi Kim, I'm a QA lead in Bristol and we have several mutual contacts from Ocado.",
    ):
        assert "KN102" not in _codes(note), note


def _thread_codes(text: str, **extra) -> set[str]:
    """Codes for an outgoing message that is the first one history shows in its thread."""
    who = {"id": "u-20", "name": "Lea Brandt"}
    event = event_from_dict(_ev("message", "outgoing", "m-1", 0, who, thread="t-1",
                                text=text, **extra))
    history = InMemoryHistory([event])
    return {f.code for f in Engine().evaluate(event, history=history).findings}


def test_a_short_remark_in_a_thread_is_a_chat_turn_not_an_opening():
    # Real exports: "Cute DP" and "Are you going to join? This looks good." open threads
    # whose other half the export does not show (a shared post has no text); they were
    # coached as first contacts (KN102, KN103, KN109).
    for text in ("Schickes neues Profilbild 😄",
                 "Bist du Donnerstag auch dabei? Klingt spannend.",
                 "Nice shot from the offsite!",
                 "Are you going too? Looks like fun."):
        assert not _thread_codes(text) & {"KN102", "KN103", "KN109"}, text


def test_a_short_thread_message_that_asks_pitches_or_introduces_is_still_an_opening():
    # Only the remark is a chat turn: a short cold ask is still coached.
    assert {"KN108", "KN109"} <= _thread_codes("Could you refer me for the data role?")
    assert "KN109" in _thread_codes("Ich bin Data Engineer bei Zalando in Berlin.")
    assert "KN109" in _thread_codes("Book a free demo of our CRM this week!")
    # And a longer message without a salutation is judged as a first message.
    long = ("Saw your talk on pricing at SaaStock and wondered how you test annual plans "
            "against monthly ones in Europe.")
    assert "KN109" in _thread_codes(long)


# ---- Round 3 (issue 11): phrase classes from RULES.md and the seeds, on notes written
# for these tests. Each list held at least one note the previous heuristics got wrong.

def test_reasons_said_to_the_recipient_about_their_role_employer_or_move():
    # KN102 "a reference to the recipient, their work … or a concrete concern".
    for note in (
        "Hi Tom, I see you lead the data platform team at Zalando. I'm a data engineer "
        "in Berlin and would like to connect.",
        "Hi Sam, you lead the platform team at N26, and I'm working on similar problems "
        "at a bank.",
        "Hi Ana, I'm preparing for the CFA level 2 and you passed it last year.",
        "Hi Priya, we'll both be at Web Summit next week. I'm a founder in fintech.",
        "Hi Ana, since you've led the migration at Acme, I'd value your view on ours.",
        "Hi Ben, I was impressed by Acme's growth in Spain. I'm a logistics analyst.",
        "Hi Ben, I noticed Acme is opening an office in Leeds. I'm a facilities manager.",
        "Hallo Frau Berger, Sie leiten das Controlling bei der Bosch GmbH. Ich bin "
        "Controllerin in Stuttgart und würde mich gern vernetzen.",
        "Hallo Herr Kaya, Sie haben kürzlich über Lieferketten im Mittelstand "
        "geschrieben. Ich bin Einkäufer bei einem Zulieferer.",
        "Hallo Frau Roth, wir sind beide in Hamburg im E-Commerce unterwegs. Ich bin "
        "Shop-Managerin bei Otto.",
        "Hallo Jonas, ich bin auf dich aufmerksam geworden durch den Podcast von Lea.",
    ):
        assert "KN102" not in _codes(note), note


def test_generic_notes_still_lack_a_reason():
    # The new reason shapes need a fact about the reader, not a page or a platform.
    for note in ("Hi Tom, I see your profile here and would like to connect.",
                 "Hi Tom, it looks like your profile is public. I'm a recruiter.",
                 "Hi Tom, I read your profile with interest. I'm a recruiter."):
        assert "KN102" in _codes(note), note


def test_asks_for_openings_advice_and_a_look_at_ones_work():
    # KN108: "asks for something (a job, a referral, an introduction, a call/meeting,
    # advice …) and offers nothing".
    for note in (
        "Hi Tom, I'm a student at TUM. Are there any internships at BMW this summer?",
        "Hi Tom, I'm a marketer in Leeds and I'd love to be considered for your team.",
        "Hi Tom, I'm a founder. Who would be the right person to talk to about "
        "partnerships at Stripe?",
        "Hi Tom, I'm a designer. Let me know if your team needs a freelancer.",
        "Hi Tom, I'm a developer. I'd appreciate it if you could point me to the hiring "
        "manager.",
        "Hallo Herr Brandt, ich bin Entwickler in Bremen. Ich würde gern erfahren, wie "
        "Sie den Einstieg in die Branche geschafft haben.",
        "Hallo Herr Brandt, ich bin Studentin. Gibt es bei Ihnen aktuell "
        "Praktikumsplätze?",
        "Hallo Frau Kaya, ich bin Entwicklerin. Schauen Sie sich gern mein Portfolio an.",
        "Hallo Frau Kaya, ich bin Entwicklerin. Sind Sie offen für einen Austausch?",
        "Hallo Herr Brandt, ich bin Absolvent. Vielleicht haben Sie einen Tipp für mich?",
    ):
        assert "KN108" in _codes(note), note


def test_answering_questions_about_oneself_is_no_offer():
    note = ("Hi Tom, I'm a student at TUM. I'd be glad to answer any questions about my "
            "projects. Could you refer me for the data internship?")
    assert "KN108" in _codes(note)
    # Interest in connecting is no ask (labels of the corpus, RULES.md KN108).
    assert "KN108" not in _codes("Hi Tom, I'm a data engineer and would welcome the "
                                 "opportunity to connect and learn from your posts.")


def test_pitches_read_from_what_is_offered_to_whom():
    # KN105: pushes a product, service, offer, paid report, demo, investment returns.
    for note in (
        "Hi Tom, I'm the founder of Ledgerly. We've helped 40+ logistics firms cut "
        "invoice processing time in half.",
        "Hi Tom, our clients typically see a 30% lift in demo bookings within 90 days.",
        "Hi Tom, I run a small agency. Are you currently working with anyone on your "
        "paid social?",
        "Hi Tom, quick question: who handles payroll software decisions at your company?",
        "Hi Tom, we partner with SaaS companies to build their outbound engine.",
        "Hi Tom, I'm a career coach. I help engineers negotiate 20% higher salaries.",
        "Hi Tom, we have 2,000 units of surplus laptops available at wholesale prices.",
        "Hi Tom, our market report on EV charging is out. You can get it for $499.",
        "Hi Tom, I'd love to show you how our ERP can streamline your operations.",
        "Hi Tom, our new course on B2B prospecting is live. Sign up here: "
        "https://acme-academy.com/b2b",
        "Hallo Herr Brandt, wir unterstützen mittelständische Unternehmen bei der "
        "Einführung von ERP-Systemen.",
        "Hallo Herr Brandt, unsere Kunden sparen im Schnitt 20 Stunden pro Monat.",
        "Hallo Frau Kaya, ich bin Finanzberater und habe ein Anlageprodukt mit 12% "
        "Rendite pro Jahr.",
        "Hallo Frau Kaya, sind Sie mit Ihrer aktuellen IT-Betreuung zufrieden?",
        "Hallo Herr Kaya, unser neuer Kurs ist online. Jetzt testen: www.beispiel.de",
    ):
        assert "KN105" in _codes(note), note


def test_a_job_seekers_record_is_no_pitch():
    for note in (
        "Hi Tom, I'm a data analyst; at Acme I achieved 30% higher conversion on checkout.",
        "Hi Tom, I'm a teacher and I've helped my students prepare for the A levels.",
        "Hi Tom, I'm a student. Are you using a recruiter for the graduate programme?",
    ):
        assert "KN105" not in _codes(note), note


def _incoming_codes(note: str) -> set[str]:
    event = _ev("contact_request", "incoming", "r-9", 0, {"id": "u-9", "name": "Kim Meyer"},
                note=note)
    return {f.code for f in Engine().evaluate(event_from_dict(event)).findings}


def test_a_discount_asked_about_is_no_pitch_one_offered_is():
    # RULES.md KN105/KN207: "Not a pitch: … a student asking about course fees".
    for note in ("Hi Jana, I'm a student and wanted to ask whether there is a student "
                 "discount on your course fees?",
                 "Hi Jana, do you offer any discount for students on the spring class?",
                 "Hallo Frau Owner, gibt es einen Rabatt auf Ihre Kurse für Studierende?"):
        assert "KN207" not in _incoming_codes(note), note
    for note in ("Hi Jana, get 30% off with our discount code SPRING today!",
                 "Hi Jana, our tool comes with a discount for the first 100 customers."):
        assert "KN207" in _incoming_codes(note), note


def test_german_first_messages_of_135_to_160_words_are_too_long():
    sentence = ("Ich bin Vertriebsleiterin bei einem Maschinenbauer in Ulm und schreibe "
                "Ihnen, weil Ihr Vortrag zur Digitalisierung im Mittelstand mich beschäftigt "
                "hat.")  # 21 words
    close = "Ich freue mich sehr auf Ihre Antwort."  # 7 words
    for copies in (6, 7):  # 4 + 126 + 7 = 137 and 4 + 147 + 7 = 158 words
        text = "Sehr geehrte Frau Meyer, " + " ".join([sentence] * copies) + " " + close
        assert 135 <= len(text.split()) <= 160, len(text.split())
        assert "KN104" in _codes(text, "message"), copies


# --------------------------------------------------------------------------------------
# Round 4 (issue 11): classes seen on a new batch of real exports and guides
# (tests/corpus/SOURCES.md, "round-4 tuning batch"); the notes below are written for
# the classes, not copied from the corpus.


def test_courses_income_investments_and_products_offered_to_the_reader_are_pitches():
    # RULES.md KN207/KN105: a product, service, offer or investment returns for the
    # reader to buy or sign up for; sponsored course ads and income offers included.
    for note in (
        "Hi Jana, we have a Data Science programme specifically for professionals with "
        "your background. Let us know if you'd like to do this program with us.",
        "Hi Jana, we just opened up enrollment for the online MBA 2026 batch. Pay fees in "
        "EMI, 92% placement rate.",
        "Hi Jana, only 5 seats left in our UX bootcamp. Reserve your seat today!",
        "Hello Jana, have you thought about a secondary source of income next to your "
        "job? We are looking for partners who want to grow with us.",
        "Hi Jana, invest with us: our trading plan pays guaranteed daily profits. "
        "Minimum deposit $250.",
        "Hi Jana, we offer a cloud CRM system for distributors. Reply for a price list.",
        "Hallo Jana, für unser Coaching-Programm sind nur noch 3 Plätze frei. Melden Sie "
        "sich jetzt für unser Programm an.",
        "Hallo Jana, suchst du ein zweites Standbein? Mit uns baust du dir ein "
        "Nebeneinkommen auf.",
        "Guten Tag Frau Owner, wir bieten Ihnen eine ERP-Lösung für den Großhandel.",
        "Guten Tag Frau Owner, mit unserem Anlageplan erhalten Sie eine garantierte "
        "Rendite, Mindesteinlage 500 €.",
    ):
        assert "KN207" in _incoming_codes(note), note
    for note in (
        "Hallo Herr Brandt, ich unterstütze Mittelständler bei der NIS2-Umsetzung. Kann "
        "ich Ihnen in 15 Minuten zeigen, was Sie zuerst angehen sollten?",
        "Hi Tom, I've been doing IT security for banks for 17 years. Can I show you in 15 "
        "minutes what to prioritise?",
        "Hallo Herr Brandt, Ihre Firma steht vor denselben Fragen wie viele meiner Kunden.",
        "Hi Tom, I support founders as they scale their delivery teams.",
    ):
        assert "KN105" in _codes(note, "message"), note


def test_a_job_a_course_question_or_free_help_is_still_no_pitch():
    # RULES.md: a recruiter presenting a job is no pitch, nor a student asking about
    # course fees, nor help for free.
    for note in (
        "Hi Jana, we are hiring a data engineer in Berlin. We offer a competitive salary "
        "and a great team. Interested?",
        "Hi Jana, would you like to join our graduate program at Siemens this autumn?",
        "Hallo Jana, wir suchen für unser Team in Köln eine Entwicklerin. Wir bieten "
        "Ihnen ein attraktives Gehalt.",
        "Hi Jana, happy to share my notes from the meetup for free if they help.",
    ):
        assert "KN207" not in _incoming_codes(note), note
    for note in (
        "Hi Tom, I'm a student. Can I pay the fees in EMI for your data course?",
        "Hi Tom, I'm a student. Do you offer placement assistance for your bootcamp?",
        "Hallo Herr Brandt, ich bin Entwicklerin. Ich kann Ihnen in 10 Minuten mein "
        "Portfolio zeigen.",
        "Hi Tom, I support teams as a Scrum Master at SAP and would like to connect.",
    ):
        assert "KN105" not in _codes(note), note


def test_a_firm_introduced_in_the_wir_form_introduces_the_sender():
    # KN103: "says who the sender is or what they do" – a firm speaking as "wir".
    for note in (
        "Hallo Frau Kaya, wir sind die Nordlicht Solar GmbH und planen Anlagen für "
        "Gewerbedächer. Ihr Vortrag in Kiel hat uns gefallen.",
        "Hallo Herr Brandt, wir bauen Lagerroboter für den Mittelstand. Ihr Beitrag zur "
        "Intralogistik hat mich angesprochen.",
        "Hallo Herr Brandt, wir beraten Kliniken bei der Digitalisierung und haben Ihren "
        "Beitrag zur Patientenakte gelesen.",
        "Hallo Jonas, wir von Acme haben deinen Talk auf der JSConf gesehen.",
        "Hi Tom, we're building a payroll tool for Polish startups and read your post on "
        "contractor taxes.",
    ):
        assert "KN103" not in _codes(note), note
    # An opinion in the wir form is no firm: "Wir sind der Meinung …"
    assert "KN103" in _codes("Hallo Herr Brandt, wir sind der Meinung, dass Ihr Beitrag "
                             "zur Intralogistik wichtig ist.")


def test_a_job_application_naming_the_employer_or_opening_states_a_reason():
    # KN102: "a concrete concern (a job opening they posted …)"; a fact about the
    # reader's firm, a referral by name.
    for note in (
        "Hi Priya, I saw that your company Ascendion was hiring for a data engineer, so I "
        "thought I'd reach out directly.",
        "Hallo Frau Berger, Ihr Unternehmen sucht einen Data Engineer. Ich bin "
        "Datenbankentwicklerin in Köln.",
        "Hallo Herr Kaya, dass Sie eine Werkstudentin im Controlling suchen, habe ich auf "
        "Ihrer Karriereseite gelesen.",
        "Hi Tom, does Acme have a plan for the NIS2 deadline yet?",
        "Hallo Herr Brandt, hat Acme schon einen Plan für NIS2?",
        "Hallo Marietta, Lea hat mir von dir erzählt: dein Shop wächst um 30% pro Jahr.",
    ):
        assert "KN102" not in _codes(note), note


def test_asking_to_talk_about_ones_fit_is_an_ask():
    for note in (
        "Hi Priya, I'm a data engineer in Manila. I'd love to discuss more how I may fit "
        "the role you posted.",
        "Hi Priya, I'm a data engineer in Manila. It would be great if I could talk with "
        "you at some point.",
    ):
        assert "KN108" in _codes(note), note
