"""`GET /metrics`: the wire's numbers in the Prometheus text format (prometheus-client), and the
same numbers for the desk's health page (`read_numbers`).

From the store, wire-wide (any process gives the same answer; scrape one, or all and take the
max): `polywire_jobs{kind,state}`, `polywire_queue_oldest_due_seconds{kind}` (how long the job
that has waited longest since it was due has waited), `polywire_jobs_lease_lapsed{kind}`,
`polywire_deliveries{channel,status}`, `polywire_event_log_last_seq`, `polywire_workers_seen`.
From this process (sum them over the fleet): `polywire_stream_connections`,
`polywire_event_log_lag` (events appended that this process's live streams have not yet been
handed), `polywire_stage_duration_seconds{kind,outcome}`,
`polywire_nats_redeliveries_total{kind}`. A `polywire worker` serves the same on
`cluster.worker_metrics_port` when it is set.

Who may read it: with `cluster.metrics_token` set, a request bearing it
(`Authorization: Bearer ...`); without, only a client on loopback (a Prometheus on the same host,
or a reverse proxy that forwards its client's address, which is then the one checked). Others get
401 or 403 naming the setting. The numbers reveal no story, but they tell an outsider how busy the
wire is and which subscribers fail.
"""

from __future__ import annotations

import hmac
import ipaddress
import time
from collections.abc import Iterator
from dataclasses import dataclass

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.concurrency import run_in_threadpool

from polywire.bus.instruments import NATS_REDELIVERIES, STAGE_SECONDS
from polywire.store import cluster, fleet_queries
from polywire.web.live import live_for
from polywire.web.problems import problem
from polywire.wire import Wire


@dataclass(frozen=True)
class Numbers:
    """What `/metrics` and the health page show, read at one moment."""

    jobs: dict[tuple[str, str], int]  # (kind, state)
    oldest_due: dict[str, float]  # kind: seconds
    lease_lapsed: dict[str, int]  # kind: jobs
    deliveries: dict[tuple[str, str], int]  # (channel, status)
    event_log_last_seq: int
    event_log_lag: int
    stream_connections: int
    workers_seen: int
    seen_within_seconds: float


def read_numbers(wire: Wire) -> Numbers:
    """The numbers, from the store and this process (blocking: call it in a thread)."""
    now = time.time()
    within = wire.settings.cluster.seen_within_seconds
    live = live_for(wire)
    with wire.database.read() as conn:
        jobs = fleet_queries.jobs_by_kind_and_state(conn)
        oldest = fleet_queries.oldest_due(conn, now)
        lapsed = fleet_queries.lapsed_leases(conn, now)
        deliveries = fleet_queries.deliveries_by_channel_and_status(conn)
        workers = [p for p in cluster.seen_since(conn, now - within) if p.kinds]
    last_seq = wire.events.last_seq()
    return Numbers(
        jobs=jobs,
        oldest_due=oldest,
        lease_lapsed=lapsed,
        deliveries=deliveries,
        event_log_last_seq=last_seq,
        event_log_lag=max(0, last_seq - live.tail.last_seq) if live.tail.running else 0,
        stream_connections=len(live.broadcaster.clients),
        workers_seen=len(workers),
        seen_within_seconds=within,
    )


class WireCollector(Collector):
    """The wire's numbers as Prometheus metric families, read at each scrape."""

    def __init__(self, wire: Wire) -> None:
        self.wire = wire

    def collect(self) -> Iterator[Metric]:
        numbers = read_numbers(self.wire)
        jobs = GaugeMetricFamily(
            "polywire_jobs", "Jobs in the store by kind and state", labels=["kind", "state"]
        )
        for (kind, state), count in sorted(numbers.jobs.items()):
            jobs.add_metric([kind, state], count)
        yield jobs
        oldest = GaugeMetricFamily(
            "polywire_queue_oldest_due_seconds",
            "How long the job that has waited longest since it was due has waited, by kind",
            labels=["kind"],
        )
        for kind, seconds in sorted(numbers.oldest_due.items()):
            oldest.add_metric([kind], seconds)
        yield oldest
        lapsed = GaugeMetricFamily(
            "polywire_jobs_lease_lapsed",
            "Jobs marked leased whose lease ran out, by kind",
            labels=["kind"],
        )
        for kind, count in sorted(numbers.lease_lapsed.items()):
            lapsed.add_metric([kind], count)
        yield lapsed
        deliveries = GaugeMetricFamily(
            "polywire_deliveries",
            "Deliveries by channel and status",
            labels=["channel", "status"],
        )
        for (channel, status), count in sorted(numbers.deliveries.items()):
            deliveries.add_metric([channel, status], count)
        yield deliveries
        yield GaugeMetricFamily(
            "polywire_event_log_last_seq",
            "Sequence number of the newest event on the log",
            value=numbers.event_log_last_seq,
        )
        yield GaugeMetricFamily(
            "polywire_event_log_lag",
            "Events on the log not yet handed to this process's live streams",
            value=numbers.event_log_lag,
        )
        yield GaugeMetricFamily(
            "polywire_stream_connections",
            "Live stream (SSE) connections open on this process",
            value=numbers.stream_connections,
        )
        yield GaugeMetricFamily(
            "polywire_workers_seen",
            "Processes running jobs whose heartbeat was seen within cluster.seen_within_seconds",
            value=numbers.workers_seen,
        )


def router(wire: Wire) -> APIRouter:
    api = APIRouter(include_in_schema=False)
    registry = CollectorRegistry(auto_describe=False)
    registry.register(WireCollector(wire))
    registry.register(STAGE_SECONDS)
    registry.register(NATS_REDELIVERIES)
    token = wire.settings.cluster.metrics_token

    @api.get("/metrics")
    async def metrics(request: Request) -> Response:
        if token is not None:
            given = request.headers.get("authorization", "")
            expected = f"Bearer {token.get_secret_value()}"
            if not hmac.compare_digest(given.encode(), expected.encode()):
                return problem(
                    401,
                    "Unauthorized",
                    "/metrics needs the cluster.metrics_token as a Bearer token",
                    headers={"WWW-Authenticate": 'Bearer realm="polywire metrics"'},
                )
        elif not _loopback(request.client.host if request.client else ""):
            return problem(
                403,
                "Forbidden",
                "/metrics answers loopback clients only; set cluster.metrics_token "
                "(POLYWIRE_CLUSTER__METRICS_TOKEN) to let a scraper elsewhere read it",
            )
        body = await run_in_threadpool(generate_latest, registry)
        return Response(body, media_type=CONTENT_TYPE_LATEST)

    return api


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
