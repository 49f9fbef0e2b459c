"""knigge_engine: a plugin-based rules engine for the etiquette of professional networking.

The public API::

    from knigge_engine import Engine
    engine = Engine()                       # default preset, every installed plugin
    assessment = engine.evaluate({...})     # an event in the JSON contract's shape
    assessment.action, assessment.findings, assessment.reply

Plugin authors need :func:`rule`, :data:`hookimpl`, :class:`PlatformSpec` and the enums.
"""

from __future__ import annotations

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
    due_rule,
    rule,
)

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
