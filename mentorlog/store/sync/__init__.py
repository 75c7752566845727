"""Sync between machines through a shared folder: change files, applying them, the run."""
