"""Errors, messages and their German, the config and the one clock, inert text: what every layer uses."""
