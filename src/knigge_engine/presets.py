"""The built-in policy presets.

The sources disagree on purpose-worthy points, so the choice is the user's:

- `default` — balanced: every generic rule, accept what shows a reason or a shared
  context, ask when something is missing, decline what looks like collecting or selling.
- `selective` — be choosy (seeds 003 and 004): declines contact collectors and opaque
  profiles sooner, weighs hidden contacts and missing notes more, asks for a reason.
- `open` — accept widely, then ask (seed 001, and the reader comment in seed 002 that a
  network below 500 contacts does not pay off): anonymous requests are accepted with a
  thank-you and a question; only clear sales pitches and collectors are declined.

Each is a TOML text, so `knigge policy init --preset NAME` can write it out.
"""

from __future__ import annotations

DEFAULT = """\
# knigge default policy: balanced coaching and triage.
locale = "auto"

[thresholds]
# Outgoing (coach): send below 1, revise from 1, do not send from 5.
revise = 1.0
dont_send = 5.0
# Incoming requests (triage): accept below 0.5, accept and ask from 0.5,
# ask first from 2.5, decline from 4.5.
accept_and_ask = 0.5
ask_first = 2.5
decline = 4.5
"""

SELECTIVE = """\
# knigge "selective" policy: connect with few, with reason (seeds 003 and 004).
extends = "default"

[thresholds]
ask_first = 1.5
decline = 3.0

# Seed 003: no note, no reason: ask first, even when contacts are shared (3.0, less
# 1.5 for a shared context, still reaches ask_first at 1.5).
[rules.incoming-without-note]
weight = 3.0

[rules.opaque-profile]
weight = 3.0

[rules.hidden-contacts]
weight = 1.5
severity = "warning"

# Seed 004 declines collectors outright, recruiters aside: heavy enough that a shared
# context (-1.5) does not bring it below decline (3.0).
[rules.contact-collector]
weight = 5.0
max_contacts = 4000

# Seed 004: beyond a few hundred contacts one cannot keep up; slow down past 500.
[rules.network-size]
max = 500
"""

OPEN = """\
# knigge "open" policy: accept widely, then thank and ask (seed 001; seed 002 comments).
extends = "default"

[thresholds]
ask_first = 6.0
decline = 8.0

[rules.hidden-contacts]
enabled = false

[rules.incoming-without-note]
weight = 0.5
severity = "info"

[rules.anonymous-sender]
weight = 0.5
severity = "info"

# Seed 002 (a reader's comment): a network of fewer than 500 people does not pay off.
[rules.network-size]
min = 500
"""

#: Preset name to TOML text.
PRESETS: dict[str, str] = {"default": DEFAULT, "selective": SELECTIVE, "open": OPEN}
