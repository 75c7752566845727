"""Encryption at rest: SQLCipher keys and opening, and turning a journal file plain or encrypted."""
