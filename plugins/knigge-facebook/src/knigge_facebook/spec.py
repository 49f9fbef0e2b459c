"""The `facebook` platform spec: what Facebook allows and expects.

Every value is a default that a policy can override (`[platforms.facebook.limits]`,
`[platforms.facebook.capabilities]`, `[platforms.facebook.rules.CODE]`), because
Facebook changes them without notice. `SOURCES` says where each one comes from and how
sure we are (see `docs/platforms/facebook.md`).
"""

from __future__ import annotations

from knigge_engine import (
    CAP_CONTACTS_HIDEABLE,
    CAP_REQUEST_NOTE,
    CAP_VISITORS_VISIBLE,
    PlatformSpec,
)

__all__ = [
    "CAP_PROMOTION_ACCEPTED",
    "CAP_REQUESTS_ARE_PERSONAL",
    "CAP_REQUEST_ALSO_FOLLOWS",
    "FACEBOOK",
    "LIMIT_MAX_FRIENDS",
    "SOURCES",
]

#: Capability: sending a friend request also makes the sender follow the recipient.
CAP_REQUEST_ALSO_FOLLOWS = "request_also_follows"
#: Capability (a norm): a contact request opens one's private life, not a business
#: profile, so it is for people one knows. FB402 requires it.
CAP_REQUESTS_ARE_PERSONAL = "requests_are_personal"
#: Capability (a norm): promoting products or events to a wide audience is accepted.
#: FB403 requires it.
CAP_PROMOTION_ACCEPTED = "promotion_accepted"
#: Limit: the most friends an account can have.
LIMIT_MAX_FRIENDS = "max_friends"
#: Limit: pending outgoing friend requests (Facebook publishes none).
LIMIT_PENDING_OUTGOING = "pending_outgoing_max"

#: Where each value comes from, with its certainty (doc, wide, one, obs, ?), as in
#: `shared/PLATFORMS.md`.
SOURCES: dict[str, str] = {
    CAP_REQUEST_NOTE: "false: the export holds name and time only, and the friend "
    "request dialog has no text field (obs: 'download your information' exports)",
    CAP_CONTACTS_HIDEABLE: "true: the friend list's audience can be set down to 'Only "
    "me' (wide: Facebook help, privacy settings)",
    CAP_VISITORS_VISIBLE: "false: Facebook does not show who viewed a profile (wide: "
    "Facebook help)",
    CAP_REQUEST_ALSO_FOLLOWS: "true (obs, one: tieubachlongblog / thanhbobber)",
    CAP_REQUESTS_ARE_PERSONAL: "true: a friend request opens private posts and photos; "
    "seed 002's comments set Facebook apart from business networks (norm)",
    CAP_PROMOTION_ACCEPTED: "true: seed 002's comments, where a reader wants to reach "
    "everyone with products on Facebook and the author agrees other rules apply there "
    "(norm)",
    LIMIT_MAX_FRIENDS: "5000 (wide: bekindtoustrolls.wordpress.com, 2012, and Facebook "
    "help)",
    LIMIT_PENDING_OUTGOING: "none set: Facebook publishes no number (?)",
    "KN105/KN207": "severity info, weight 0.5: promotion to a wide audience is accepted "
    "on Facebook (seed 002, reader comments); FB403 explains it where it applies",
    "KN107": "off: FB402 (stranger-friend-request) judges requests to strangers on "
    "Facebook, where they are personal rather than professional",
    "locale": "en: Facebook has no house language; the policy's locale or the text's "
    "language decides",
}

FACEBOOK = PlatformSpec(
    name="facebook",
    title="Facebook",
    capabilities={
        # The model case: a friend request has no note, so every rule that requires
        # this capability (KN101, KN201) is left out of Facebook's plan.
        CAP_REQUEST_NOTE: False,
        CAP_CONTACTS_HIDEABLE: True,
        CAP_VISITORS_VISIBLE: False,
        CAP_REQUEST_ALSO_FOLLOWS: True,
        # Norms, as capabilities so that FB402 and FB403 run only where they hold.
        CAP_REQUESTS_ARE_PERSONAL: True,
        CAP_PROMOTION_ACCEPTED: True,
    },
    limits={LIMIT_MAX_FRIENDS: 5000, LIMIT_PENDING_OUTGOING: None},
    locale="en",
    address_form=None,
    rule_defaults={
        # FB403 promotion-is-fine: a pitch is only worth a note on Facebook.
        "KN105": {"severity": "info", "weight": 0.5},
        "KN207": {"severity": "info", "weight": 0.5},
        # FB402 replaces the generic stranger rule here; both would count the same fact.
        "KN107": {"enabled": False},
    },
    sources=SOURCES,
    description="Facebook: personal friend requests without a note, at most 5,000 "
    "friends, promotion to a wide audience accepted.",
)
