"""The lossless JSON dump: writing it, reading it, loading it into a journal."""
