"""What a process measures as it works, for `/metrics`: how long each job kind's stage takes,
and how many job messages NATS delivered again.

These live in the process (a Prometheus scrape of each process adds them up across the fleet);
what the store holds (jobs by state, deliveries, the event log) is counted at scrape time by
`polywire.web.metrics`. They are not registered in prometheus-client's global registry: each
app's registry takes them, so that several wires in one process (tests) do not collide.
"""

from __future__ import annotations

from prometheus_client import Counter, Histogram

#: Seconds a job's stage handler ran, by job kind and outcome (done, retry, failed).
STAGE_SECONDS = Histogram(
    "polywire_stage_duration_seconds",
    "Time a job's stage handler ran, by job kind and outcome",
    ["kind", "outcome"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
    registry=None,
)

#: Job messages NATS delivered more than once (a worker died, a connection dropped).
NATS_REDELIVERIES = Counter(
    "polywire_nats_redeliveries",
    "Job messages NATS JetStream delivered again, by job kind",
    ["kind"],
    registry=None,
)
