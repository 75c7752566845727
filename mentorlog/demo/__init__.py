"""The demo journal: a realistic half year of mentoring, written through the store like any command."""
