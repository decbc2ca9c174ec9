"""The bus: durable jobs and the event log, on an embedded (SQL) or a distributed (NATS
JetStream) back-end, one base and one module per back-end (httpx's transports are the model).

Its public face is these modules; nothing is re-exported, so a process that only needs the queue's
base does not load the NATS client.
"""

__all__ = [
    "backoff",
    "base",
    "event_log",
    "event_stream",
    "instruments",
    "nats_queue",
    "outbox",
    "sql_queue",
    "worker",
]
