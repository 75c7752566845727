"""Importing what other tools wrote — jrnl's JSON export, Taskwarrior's `task export`, a folder of Markdown notes
(an Obsidian vault, or mentorlog's own `export --format vault`): each made into the records of a dump, checked by
the dump's rules and merged like a dump, so that a second import of the same source changes nothing."""
