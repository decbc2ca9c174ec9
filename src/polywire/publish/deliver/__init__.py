"""deliver: the push side; fan-out and delivery stages and their channels (webhook, e-mail)."""
