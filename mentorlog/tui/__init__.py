"""`mentorlog browse`: the journal full-screen (Textual, the optional extra `tui`; only this package imports it).

It reads and changes the journal through the same repositories as the CLI (`journal.agenda`, `journal.actions`,
`journal.undo`, ...), opened by the caller's opener, so every change is logged for `mentorlog undo`.
"""


def textual_missing() -> bool:
    """Whether Textual cannot be imported (the extra `tui` is not installed); imports nothing else."""
    try:
        import textual  # noqa: F401
    except ImportError:
        return True
    return False
