"""feeds: the pull side; feeds, the WebSub hub and the live stream, read from the event log."""
