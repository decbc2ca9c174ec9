"""channels."""

__all__ = ["base", "email", "email_push", "webhook"]
