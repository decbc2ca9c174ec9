"""The store: tables, the connection and migrations, and one module of queries per part.

Its public face is these modules; nothing is re-exported, so a part loads only the tables and
queries it uses.
"""

__all__ = [
    "account_tables",
    "accounts",
    "classify",
    "classify_tables",
    "cluster",
    "cluster_tables",
    "db",
    "deliver_tables",
    "deliveries",
    "doctor",
    "doctor_tables",
    "feeds",
    "fingerprints",
    "glossary",
    "glossary_tables",
    "ingest_tables",
    "job_admin",
    "migrate",
    "newsroom_queries",
    "policy_tables",
    "public_reads",
    "publish_tables",
    "report_queries",
    "secrets",
    "short_ids",
    "stories",
    "subscribers",
    "tables",
    "translate_tables",
    "types",
]
