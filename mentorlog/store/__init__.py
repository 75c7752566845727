"""The only package that touches SQL: the table registry, opening the file, migrations, and the journal's
repositories."""
