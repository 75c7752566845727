"""One module per report the views read: period figures, agenda, health, review, timeline, today."""
