"""editorial: review and its policy, corrections, withdrawals and replays, the same rules for
the desk, the HTTP API and the command line."""
