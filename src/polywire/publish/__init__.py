"""publish: everything after compose, in the order a story travels.

- `release/` — a rendition whose embargo passed becomes an event on the log, is composed once
  (`composed_cache`) and targeted to the destinations that get it (`targeting`);
- `deliver/` — the push side: fan-out and delivery stages, their channels (webhook, e-mail),
  signed unsubscribe links, and the notice sent when an endpoint is disabled;
- `feeds/` — the pull side: feeds, the WebSub hub and the live stream, read from the event log;
- `formats/` — one composed release as the bytes a destination receives;
- `editorial/` — what editors do to what was or will be released: review and its policy,
  corrections, withdrawals, replays;
- `reports/` — what happened to a story's deliveries.

Beside them sit what every side shares: subscribers and the vocabulary they are filed under
(the settings of publishing and delivery are `polywire.settings`').
"""

__all__ = [
    "deliver",
    "editorial",
    "feeds",
    "formats",
    "release",
    "reports",
    "subscribers",
    "vocabulary",
]
