"""Exports: one module per format, all fed by the same Review of a period; registry.py names them."""
