"""The `xing` platform spec: what XING allows and expects.

Every value is a default a policy can override (`[platforms.xing.limits]`,
`[platforms.xing.premium_limits]`, `[platforms.xing.capabilities]`,
`[platforms.xing.rules.CODE]`), because XING changes them without notice. `SOURCES`
says where each comes from and how sure we are (see `docs/platforms/xing.md`).
"""

from __future__ import annotations

from knigge_engine import (
    CAP_CONTACTS_HIDEABLE,
    CAP_REQUEST_NOTE,
    CAP_VISITORS_VISIBLE,
    PlatformSpec,
)

__all__ = [
    "CAP_ADDRESS_FORM_CONTESTED",
    "CAP_CONTACTS_SHARING_SHOWN",
    "CAP_NOTE_LIMIT_UNPUBLISHED",
    "LIMIT_MESSAGES_TO_NON_CONTACTS",
    "LIMIT_NOTE_MAX_CHARS",
    "LIMIT_PENDING_OUTGOING",
    "SOURCES",
    "XING",
]

#: Capability (a fact): the profile says explicitly when a member does not share their
#: contacts. XI403 requires it.
CAP_CONTACTS_SHARING_SHOWN = "contacts_sharing_shown"
#: Capability (a norm): the platform's own form of address ("du") differs from what many
#: members expect from a stranger ("Sie"). XI402 requires it.
CAP_ADDRESS_FORM_CONTESTED = "address_form_contested"
#: Capability (a fact): the platform publishes no length limit for the contact-request
#: message, so only a policy can set one. XI401 requires it.
CAP_NOTE_LIMIT_UNPUBLISHED = "note_limit_unpublished"

#: Limit: open outgoing contact requests at a time.
LIMIT_PENDING_OUTGOING = "pending_outgoing_max"
#: Limit: messages to members who are not contacts, per month.
LIMIT_MESSAGES_TO_NON_CONTACTS = "messages_to_non_contacts_per_month"
#: Limit: characters of the contact-request message (XING publishes none).
LIMIT_NOTE_MAX_CHARS = "note_max_chars"

#: Where each value comes from, with its certainty (doc, wide, one, obs, ?) as in
#: `shared/PLATFORMS.md`.
SOURCES: dict[str, str] = {
    CAP_REQUEST_NOTE: "Premium only: free members lost the message field of contact "
    "requests in 2016 (steadynews.de; one source). With an unknown account type the "
    "note rules KN101/KN201 stay silent.",
    CAP_CONTACTS_HIDEABLE: "true: contact-list visibility from 'all members' down to "
    "'nobody' (systematischkaffeetrinken.de; wide)",
    CAP_CONTACTS_SHARING_SHOWN: "true: a profile that hides its contacts says so instead "
    "of showing an empty list (seed 003 describes meeting exactly that; XING help)",
    CAP_VISITORS_VISIBLE: "Premium only: the full list of profile visitors is a Premium "
    "feature (computerbild.de; wide); seed 002 warns that Premium members see who "
    "looked at them",
    CAP_ADDRESS_FORM_CONTESTED: "true: XING addresses members with 'du' since 24 May 2020 "
    "(xing.com/news/insiders/articles/warum-wir-sie-jetzt-duzen-3212207; doc), while many "
    "members still expect 'Sie' from a stranger",
    CAP_NOTE_LIMIT_UNPUBLISHED: "true: XING publishes no length limit for the request "
    "message (?); XI401 checks a limit only when a policy sets one",
    LIMIT_PENDING_OUTGOING: "50 free / 100 Premium open outgoing requests (steadynews.de, "
    "2016; one source)",
    LIMIT_MESSAGES_TO_NON_CONTACTS: "0 free / 5 Premium per month; ProBusiness 20 "
    "(faq.xing.com FAQ 834 / 67554; doc). The spec knows two account types only: a "
    "ProBusiness account sets [platforms.xing.premium_limits] "
    "messages_to_non_contacts_per_month = 20",
    LIMIT_NOTE_MAX_CHARS: "none: XING publishes no limit (?)",
    "max_contacts": "none: XING publishes no maximum (?)",
    "contact_data_shared_per_contact": "true: members choose per contact which contact "
    "details they share (XING help; doc)",
    "address_form": "du: XING's own voice since 2020 (doc). KN111's form option is NOT "
    "set from it, because many members still expect 'Sie'; XI402 handles strangers",
    "KN203": "off on XING: XI403 (contacts-not-shared) judges the same fact with what "
    "XING shows, and both would count it",
}

XING = PlatformSpec(
    name="xing",
    title="XING",
    capabilities={
        CAP_REQUEST_NOTE: False,
        CAP_CONTACTS_HIDEABLE: True,
        CAP_CONTACTS_SHARING_SHOWN: True,
        CAP_VISITORS_VISIBLE: False,
        CAP_ADDRESS_FORM_CONTESTED: True,
        CAP_NOTE_LIMIT_UNPUBLISHED: True,
    },
    premium_capabilities={CAP_REQUEST_NOTE: True, CAP_VISITORS_VISIBLE: True},
    limits={
        LIMIT_PENDING_OUTGOING: 50,
        LIMIT_MESSAGES_TO_NON_CONTACTS: 0,
        LIMIT_NOTE_MAX_CHARS: None,
        "max_contacts": None,
    },
    premium_limits={LIMIT_PENDING_OUTGOING: 100, LIMIT_MESSAGES_TO_NON_CONTACTS: 5},
    locale="de",
    address_form="du",
    rule_defaults={
        # XI403 replaces KN203 here: one fact, counted once.
        "KN203": {"enabled": False},
    },
    sources=SOURCES,
    description="XING: contact requests carry a message on Premium accounts only, "
    "contact lists can be hidden (and XING says so), the platform says 'du' while many "
    "members expect 'Sie'.",
)
