"""LinkedIn's platform spec: what an invitation can carry and the platform's hard limits.

Every value is only the **default** of a policy option, because LinkedIn changes these
numbers without notice. A policy overrides them per account type:

```python
[platforms.linkedin.limits]          # free accounts (and premium, unless set below)
invitations_per_week = 80

[platforms.linkedin.premium_limits]  # premium accounts only
note_max_chars = 300
```

The values and their sources are the ones collected in the project's platform facts
(`PLATFORMS.md`); `docs/platforms/linkedin.md` explains each and how certain it is.
"""

from __future__ import annotations

from knigge_engine import (
    CAP_CONTACTS_HIDEABLE,
    CAP_REQUEST_NOTE,
    CAP_VISITORS_VISIBLE,
    PlatformSpec,
)

__all__ = [
    "INVITATIONS_PER_WEEK",
    "LINKEDIN",
    "MAX_CONNECTIONS",
    "NOTE_MAX_CHARS",
    "PERSONALIZED_NOTES_PER_MONTH",
    "REINVITE_AFTER_WITHDRAW_DAYS",
    "VISIBLE_RECENT_VIEWERS",
]

#: Limit name: longest invitation note, in characters.
NOTE_MAX_CHARS = "note_max_chars"
#: Limit name: invitations with a personal note per calendar month (`None`: unlimited).
PERSONALIZED_NOTES_PER_MONTH = "personalized_notes_per_month"
#: Limit name: invitations per rolling week.
INVITATIONS_PER_WEEK = "invitations_per_week"
#: Limit name: the most 1st-degree connections an account can have.
MAX_CONNECTIONS = "max_connections"
#: Limit name: days before a withdrawn invitation can be sent to the same person again.
REINVITE_AFTER_WITHDRAW_DAYS = "reinvite_after_withdraw_days"
#: Limit name: how many of the most recent profile viewers a member sees (`None`: all).
VISIBLE_RECENT_VIEWERS = "visible_recent_viewers"

LINKEDIN = PlatformSpec(
    name="linkedin",
    title="LinkedIn",
    capabilities={
        # Every invitation can carry a note; free accounts only a few per month (a limit,
        # not a capability: see personalized_notes_per_month).
        CAP_REQUEST_NOTE: True,
        # Members can restrict who sees their connections list.
        CAP_CONTACTS_HIDEABLE: True,
        # Free accounts see only their most recent viewers, but a view made today is
        # among those, so the viewed member can tell who looked (see the docs).
        CAP_VISITORS_VISIBLE: True,
    },
    premium_capabilities={},
    limits={
        NOTE_MAX_CHARS: 200,
        PERSONALIZED_NOTES_PER_MONTH: 5,
        INVITATIONS_PER_WEEK: 100,
        MAX_CONNECTIONS: 30000,
        REINVITE_AFTER_WITHDRAW_DAYS: 21,
        VISIBLE_RECENT_VIEWERS: 5,
    },
    premium_limits={
        NOTE_MAX_CHARS: 300,
        PERSONALIZED_NOTES_PER_MONTH: None,
        VISIBLE_RECENT_VIEWERS: None,
    },
    locale="en",
    # LinkedIn sets no form of address; German notes there use "Sie" or "Du" by the
    # writer's own judgement, so the policy (or the note itself) decides.
    address_form=None,
    # The generic rules keep their defaults on LinkedIn: the platform's own limits are
    # the LI4xx rules' business, and the seeds give no LinkedIn-specific thresholds.
    rule_defaults={},
    sources={
        NOTE_MAX_CHARS: "200 free / 300 Premium: lettercounter.org; real notes reach 300 "
        "characters (ieglam/network-growth-engine). Certainty: several sources.",
        PERSONALIZED_NOTES_PER_MONTH: "5 per month free, unlimited Premium: LinkedIn help "
        "a550555. Certainty: platform help.",
        INVITATIONS_PER_WEEK: "about 100 per week: not published by LinkedIn; reported "
        "widely. Certainty: several sources.",
        MAX_CONNECTIONS: "30,000 1st-degree connections: LinkedIn help a551012. "
        "Certainty: platform help.",
        REINVITE_AFTER_WITHDRAW_DAYS: "21 days after withdrawing: LinkedIn help a551012. "
        "Certainty: platform help.",
        VISIBLE_RECENT_VIEWERS: "free accounts see their 5 most recent viewers, Premium "
        "the full list (climbtheladder.com, history-computer.com). Certainty: several "
        "sources.",
        CAP_REQUEST_NOTE: "every invitation offers 'Add a note' (help a550555).",
        CAP_CONTACTS_HIDEABLE: "the 'Connections' visibility setting lets members hide "
        "their connections list.",
        CAP_VISITORS_VISIBLE: "'Who's viewed your profile': 5 most recent viewers free, "
        "all Premium; the viewer's private mode hides them.",
    },
    description="LinkedIn: invitations with optional notes (200 characters free, 300 "
    "Premium; 5 personalised notes a month on free accounts), about 100 invitations a "
    "week, at most 30,000 connections.",
)
