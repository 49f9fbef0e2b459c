"""The hooks a knigge_engine plugin can implement.

Every hook is called **once, when an engine is built** — never once per event — so a
plugin's cost is paid at start-up and the per-event path stays a plain loop over
precompiled rules. Implement hooks with [`knigge_engine.hookimpl`][knigge_engine.hookimpl]:

```python
from knigge_engine import hookimpl

@hookimpl
def knigge_rules():
    return [my_rule]
```

and make the module findable through the `knigge_engine` entry-point group:

```toml
[project.entry-points.knigge_engine]
my_plugin = "my_package.plugin"
```
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .decision import Decider
    from .io.base import Importer, Reporter
    from .locales import Locale
    from .plan import Plan
    from .policy import Policy
    from .rules import PlatformSpec, Rule

#: Marker for hook specifications (used by the core only).
hookspec = pluggy.HookspecMarker("knigge_engine")
#: Marker for hook implementations: `from knigge_engine import hookimpl`.
hookimpl = pluggy.HookimplMarker("knigge_engine")

# ---------------------------------------------------------------------------------------
# Registration hooks: each returns what the plugin provides; the engine collects the
# results of all plugins.
# ---------------------------------------------------------------------------------------


@hookspec
def knigge_rules() -> Iterable[Rule]:
    """Return the rules this plugin provides.

    Called once per engine build. Each item is a [`Rule`][knigge_engine.Rule] (what the
    [`rule`][knigge_engine.rule] decorator makes). Codes and names must be unique across
    all plugins; a duplicate is reported at build time naming both plugins.

    Example:

    ```python
    from knigge_engine import Direction, Kind, hookimpl, rule

    _OUT = {"kind": "contact_request", "id": "x", "platform": "generic",
            "direction": "outgoing", "at": "2026-11-02T09:15:00+01:00",
            "sender": {"id": "me"}, "recipient": {"id": "u-1"}}

    @rule(code="AC101", name="no-emoji", summary="A first note carries no emoji.",
          why="Emoji read as casual in a first business contact.",
          source="our code of conduct", kinds=[Kind.CONTACT_REQUEST],
          directions=[Direction.OUTGOING],
          messages={"en": "The note has {count} emoji.",
                    "de": "Die Notiz enthält {count} Emoji."},
          bad=[{**_OUT, "note": "Hallo Frau Berger! 🎉"}],
          good=[{**_OUT, "note": "Hallo Frau Berger!"}])
    def no_emoji(event, ctx):
        count = sum(1 for ch in event.note or "" if ord(ch) >= 0x1F300)
        if count:
            return ctx.report(count=count)

    @hookimpl
    def knigge_rules():
        return [no_emoji]
    ```
    """


@hookspec
def knigge_platforms() -> Iterable[PlatformSpec]:
    """Return the platforms this plugin provides, as [`PlatformSpec`][knigge_engine.PlatformSpec].

    Called once per engine build. A platform name may be provided by one plugin only.
    Events whose `platform` no plugin provides are still evaluated, with a generic spec
    and a warning naming the missing plugin.

    Example:

    ```python
    from knigge_engine import CAP_REQUEST_NOTE, PlatformSpec, hookimpl

    @hookimpl
    def knigge_platforms():
        return [PlatformSpec(
            name="fedinet", title="Fedinet", locale="de", address_form="du",
            capabilities={CAP_REQUEST_NOTE: False},
            limits={"max_contacts": 10000},
            sources={CAP_REQUEST_NOTE: "the network's help pages",
                     "max_contacts": "the network's terms of use"},
            description="A federated network whose follow requests carry no note.",
        )]
    ```
    """


@hookspec
def knigge_importers() -> Iterable[Importer]:
    """Return input formats this plugin can read, as `Importer`.

    Called once when the command line (or `knigge_engine.io.read_paths`) needs the
    importers. `knigge check PATH` asks each importer's `detect` in turn (highest
    `priority` first) whether it recognises the file or folder. `read` yields events
    and `InputError`s (file, row, reason: never the note text)
    and goes on after a bad row.

    Example:

    ```python
    import csv

    from knigge_engine import event_from_dict, hookimpl
    from knigge_engine.io import Importer, InputError

    def detect(path):
        return path.suffix == ".csv" and path.name.startswith("requests")

    def read(path, options):
        with path.open(encoding="utf-8", newline="") as f:
            for row_no, row in enumerate(csv.DictReader(f), start=2):
                try:
                    yield event_from_dict({
                        "kind": "contact_request", "id": row["id"],
                        "platform": options.platform or "generic",
                        "direction": "incoming", "at": row["at"],
                        "sender": {"id": row["from"]},
                        "recipient": {"id": options.owner or "me"},
                        "note": row["note"] or None})
                except (KeyError, ValueError) as exc:
                    yield InputError(str(path), f"row {row_no}", str(exc))

    @hookimpl
    def knigge_importers():
        return [Importer(name="requests-csv", description="A simple CSV of requests.",
                         detect=detect, read=read)]
    ```
    """


@hookspec
def knigge_reporters() -> Iterable[Reporter]:
    """Return output formats this plugin can write, as `Reporter`.

    Called once per command-line run. The reporter's `name` is what `--format` takes.
    `open(stream, locale)` returns a writer that receives each assessment (with its
    event) and each input error as they come, then the run's summary.

    Example:

    ```python
    from knigge_engine import hookimpl
    from knigge_engine.io import Reporter

    class ActionCounts:
        def __init__(self, stream, locale):
            self.stream, self.counts = stream, {}

        def assessment(self, assessment, event):
            action = assessment.action.value if assessment.action else "none"
            self.counts[action] = self.counts.get(action, 0) + 1

        def error(self, error):
            print("error:", error, file=self.stream)

        def close(self, summary):
            for action, count in sorted(self.counts.items()):
                print(action, count, file=self.stream)

    @hookimpl
    def knigge_reporters():
        return [Reporter(name="counts", description="Assessments per action.",
                         open=ActionCounts)]
    ```
    """


@hookspec
def knigge_presets() -> Mapping[str, str]:
    """Return named policy presets: a mapping of preset name to TOML text.

    Called once when a policy is loaded. A policy uses a preset with
    `extends = "NAME"`. Preset names must be unique across plugins.

    Example:

    ```python
    from knigge_engine import hookimpl

    RECRUITING = '''
    # For recruiters: large networks are normal, sales phrases are not.
    extends = "open"

    [rules.contact-collector]
    enabled = false
    '''

    @hookimpl
    def knigge_presets():
        return {"recruiting": RECRUITING}
    ```
    """


@hookspec
def knigge_sales_phrases(plan: Plan) -> Iterable[str] | None:
    """Return phrases the shared text analysis reads as selling ("kostenloses
    Erstgespräch", "book a demo"), or `None` to add none.

    Called once per engine build, with the compiled policy, so a plugin can take its
    phrases from its own rule options (the built-in plugin returns KN105's `phrases`).
    The phrases of every plugin that returns some are used together, in plugin order,
    each once; when no plugin returns any, the analysis keeps its own defaults. The text
    analysis is shared by every rule, so these phrases count wherever a rule asks
    whether a text sells (KN105, KN207 and the platforms' pitch rules).

    Example:

    ```python
    from knigge_engine import hookimpl

    @hookimpl
    def knigge_sales_phrases(plan):
        # A trade-fair plugin: stand invitations are sales too.
        return ["besuchen Sie uns am Stand", "visit our booth"]
    ```
    """


@hookspec
def knigge_locales() -> Iterable[Locale]:
    """Return the languages this plugin adds, as `Locale`.

    Called once per engine build. German and English are built in (the built-in plugin
    returns them too). An added locale's code becomes a valid policy `locale` (and
    `--locale`); numbers, dates, quotes and `{subject}` in its messages follow its
    definition. A rule whose `messages` have no template in the locale is written in
    English; replies are English unless the policy's `[replies.CODE]` gives them. Two
    plugins that define one code differently are a plugin problem (the second is left
    out).

    Example:

    ```python
    from knigge_engine import hookimpl
    from knigge_engine.locales import Locale

    @hookimpl
    def knigge_locales():
        return [Locale(code="nl", name="Nederlands", group=".",
                       date_format="%d-%m-%Y", quotes=("‘", "’"),
                       day_words=("dag", "dagen", "dagen"),
                       subjects={"contact_request": "notitie", "message": "bericht"})]
    ```
    """


# ---------------------------------------------------------------------------------------
# Decision hook: first result wins.
# ---------------------------------------------------------------------------------------


@hookspec(firstresult=True)
def knigge_decider(policy: Policy) -> Decider | None:
    """Return the function that turns an event's findings into an action, or `None` to
    leave the choice to another plugin.

    Called once per engine build; the returned callable is then used for every event, so
    the per-event path does no hook dispatch. The core provides the default (threshold)
    decider with `trylast=True`; a plugin overrides it by returning its own.

    Stops at first non-None result.

    Example:

    ```python
    from knigge_engine import Action, hookimpl
    from knigge_engine.decision import default_decider

    def never_decline(event, findings, score, thresholds):
        # Declining is left to a person: ask first instead.
        action = default_decider(event, findings, score, thresholds)
        return Action.ASK_FIRST if action is Action.DECLINE else action

    @hookimpl
    def knigge_decider(policy):
        return never_decline
    ```
    """
