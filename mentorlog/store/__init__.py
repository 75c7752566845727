"""The only package that touches SQL: opening the file, migrations, and the repository."""
