"""deliver: the push side; fan-out and delivery stages and their channels (webhook, e-mail)."""

__all__ = ["channels", "delivery_reads", "notices", "stages", "unsubscribe", "wiring"]
