"""knigge_engine: a plugin-based rules engine for the etiquette of professional networking.

The public API:

```python
from knigge_engine import Engine
engine = Engine()                       # default preset, every installed plugin
assessment = engine.evaluate({...})     # an event in the JSON contract's shape
assessment.action, assessment.findings, assessment.reply
```

Plugin authors need [`rule`][knigge_engine.rule], [`hookimpl`][knigge_engine.hookimpl],
[`PlatformSpec`][knigge_engine.PlatformSpec] and the enums.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .due import DueContext, DueItem, DueList
    from .engine import Assessment, Engine, EngineError, RuleTrace, Trace
    from .history import History, HistoryError, HistoryView, InMemoryHistory, SQLiteHistory
    from .hookspecs import hookimpl
    from .model import (
        Action,
        ContactRequest,
        Direction,
        Event,
        EventError,
        Kind,
        Message,
        Outcome,
        Profile,
        ProfileView,
        RequestResolved,
        Seniority,
        Severity,
        event_from_dict,
        event_to_dict,
    )
    from .plugins import PluginError, PluginProblem
    from .policy import Policy, PolicyError, PolicyProblem, load_policy, policy_from_dict
    from .replies import Reply
    from .rules import (
        CAP_CONTACTS_HIDEABLE,
        CAP_REQUEST_NOTE,
        CAP_VISITORS_VISIBLE,
        DueRule,
        Example,
        Finding,
        PlatformSpec,
        Rule,
        RuleContext,
        RuleDefinitionError,
        RuleResult,
        due_rule,
        rule,
    )

# The public names are imported on first use (PEP 562), so that ``import knigge_engine``
# costs next to nothing and a program pays only for what it uses (start-up,
# docs/performance.md). ``from knigge_engine import Engine`` imports what the engine needs.
_EXPORTS: dict[str, str] = {
    "DueContext": "due",
    "DueItem": "due",
    "DueList": "due",
    "Assessment": "engine",
    "Engine": "engine",
    "EngineError": "engine",
    "RuleTrace": "engine",
    "Trace": "engine",
    "History": "history",
    "HistoryError": "history",
    "HistoryView": "history",
    "InMemoryHistory": "history",
    "SQLiteHistory": "history",
    "hookimpl": "hookspecs",
    "Action": "model",
    "ContactRequest": "model",
    "Direction": "model",
    "Event": "model",
    "EventError": "model",
    "Kind": "model",
    "Message": "model",
    "Outcome": "model",
    "Profile": "model",
    "ProfileView": "model",
    "RequestResolved": "model",
    "Seniority": "model",
    "Severity": "model",
    "event_from_dict": "model",
    "event_to_dict": "model",
    "PluginError": "plugins",
    "PluginProblem": "plugins",
    "Policy": "policy",
    "PolicyError": "policy",
    "PolicyProblem": "policy",
    "load_policy": "policy",
    "policy_from_dict": "policy",
    "Reply": "replies",
    "CAP_CONTACTS_HIDEABLE": "rules",
    "CAP_REQUEST_NOTE": "rules",
    "CAP_VISITORS_VISIBLE": "rules",
    "DueRule": "rules",
    "Example": "rules",
    "Finding": "rules",
    "PlatformSpec": "rules",
    "Rule": "rules",
    "RuleContext": "rules",
    "RuleDefinitionError": "rules",
    "RuleResult": "rules",
    "due_rule": "rules",
    "rule": "rules",
}


def __getattr__(name: str) -> Any:
    import importlib

    module = _EXPORTS.get(name)
    if module is None:
        try:  # a submodule, as ``import knigge_engine.model`` would make it an attribute
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"{__name__}.{module.lstrip('.')}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


__version__ = "0.1.0"

__all__ = [
    "CAP_CONTACTS_HIDEABLE",
    "CAP_REQUEST_NOTE",
    "CAP_VISITORS_VISIBLE",
    "Action",
    "Assessment",
    "ContactRequest",
    "Direction",
    "DueContext",
    "DueItem",
    "DueList",
    "DueRule",
    "Engine",
    "EngineError",
    "Event",
    "EventError",
    "Example",
    "Finding",
    "History",
    "HistoryError",
    "HistoryView",
    "InMemoryHistory",
    "Kind",
    "Message",
    "Outcome",
    "PlatformSpec",
    "PluginError",
    "PluginProblem",
    "Policy",
    "PolicyError",
    "PolicyProblem",
    "Profile",
    "ProfileView",
    "Reply",
    "RequestResolved",
    "Rule",
    "RuleContext",
    "RuleDefinitionError",
    "RuleResult",
    "RuleTrace",
    "SQLiteHistory",
    "Seniority",
    "Severity",
    "Trace",
    "__version__",
    "due_rule",
    "event_from_dict",
    "event_to_dict",
    "hookimpl",
    "load_policy",
    "policy_from_dict",
    "rule",
]
