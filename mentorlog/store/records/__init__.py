"""One repository per record kind: its reads and writes."""
