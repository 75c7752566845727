"""Developer-only scripts: not part of the wheel."""
