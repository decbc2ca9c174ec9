"""editorial: review and its policy, corrections, withdrawals and replays, the same rules for
the desk, the HTTP API and the command line."""

__all__ = [
    "corrections",
    "operations",
    "policy",
    "policy_service",
    "review",
    "wire_parts",
    "withdraw",
]
