"""`python -m mentorlog`: the same as the `mentorlog` command."""

from mentorlog.cli import main

main()
