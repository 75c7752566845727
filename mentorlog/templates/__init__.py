"""Note and reflection templates and the question bank, rendered sandboxed (room for the templates issue)."""
