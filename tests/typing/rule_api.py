"""What mypy holds a rule author to (checked by `nox -s lint`, never run by pytest).

Each `# type: ignore[code]` marks a mistake the typed rule API must catch: mypy runs
with `warn_unused_ignores`, so if the API stopped catching one, its ignore would be
unused and the lint session would fail. The rules without an ignore must type-check
as they are. A mistake in how a rule is decorated is reported on the decorator's line.
"""

from __future__ import annotations

import attrs

from knigge_engine import (
    ContactRequest,
    DueContext,
    DueItem,
    Kind,
    Message,
    RuleContext,
    RuleResult,
    due_rule,
    rule,
)

WHY = "Typing fixture."
MESSAGES = {"en": "{n}", "de": "{n}"}
REQUEST = [Kind.CONTACT_REQUEST]


@attrs.frozen
class LimitOptions:
    """Options of the rules below."""

    limit: int = 300


@attrs.frozen
class OtherOptions:
    """Another rule's options."""

    words: tuple[str, ...] = ()


@rule(code="TY101", name="typed-options", kinds=REQUEST, options=LimitOptions,
      summary=WHY, why=WHY, source=WHY, messages=MESSAGES)
def typed_options(event: ContactRequest, ctx: RuleContext[LimitOptions]) -> RuleResult:
    """Fine: the context's options are the rule's options class."""
    chars = len(event.note or "")
    if chars > ctx.options.limit:
        return ctx.report(shown={"n": ctx.number(chars)}, n=chars)
    return None


@rule(code="TY102", name="wrong-options", kinds=REQUEST,  # type: ignore[arg-type]
      options=LimitOptions, summary=WHY, why=WHY, source=WHY, messages=MESSAGES)
def wrong_options(event: ContactRequest, ctx: RuleContext[OtherOptions]) -> RuleResult:
    """Caught: the context claims another rule's options class."""
    return None


@rule(code="TY103", name="no-options", kinds=REQUEST,
      summary=WHY, why=WHY, source=WHY, messages=MESSAGES)
def no_options(event: ContactRequest, ctx: RuleContext[None]) -> RuleResult:
    """Caught: a rule without options reads an option."""
    return ctx.report(n=ctx.options.limit)  # type: ignore[attr-defined]


@rule(code="TY104", name="both-kinds", kinds=[Kind.CONTACT_REQUEST, Kind.MESSAGE],
      summary=WHY, why=WHY, source=WHY, messages=MESSAGES)
def both_kinds(event: ContactRequest | Message, ctx: RuleContext[None]) -> RuleResult:
    """Caught: only a message has `in_reply_to`; narrowing by class makes it fine."""
    if event.in_reply_to is not None:  # type: ignore[union-attr]
        return None
    if isinstance(event, Message) and event.in_reply_to is not None:
        return None
    return ctx.report(n=1)


@rule(code="TY105", name="bad-result", kinds=REQUEST,
      summary=WHY, why=WHY, source=WHY, messages=MESSAGES)
def bad_result(event: ContactRequest, ctx: RuleContext[None]) -> RuleResult:
    """Caught: a check returns findings, not messages."""
    return "a message"  # type: ignore[return-value]


@due_rule(code="TY301", name="typed-due", options=LimitOptions,
          summary=WHY, why=WHY, source=WHY, messages=MESSAGES)
def typed_due(ctx: DueContext[LimitOptions]) -> list[DueItem]:
    """Fine: a follow-through check's context carries its options class too."""
    assert ctx.options.limit > 0
    return []


@due_rule(code="TY302", name="wrong-due", options=LimitOptions,  # type: ignore[arg-type]
          summary=WHY, why=WHY, source=WHY, messages=MESSAGES)
def wrong_due(ctx: DueContext[OtherOptions]) -> list[DueItem]:
    """Caught: the follow-through context claims another options class."""
    return []
