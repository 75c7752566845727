"""The built-in templates, in English and German: what `templates init` writes to the templates folder, and what a
name means when the folder has no file of that name.

A template is the notes part of the editor form (a reflection's text for `reflect`). What is written under a
heading `Feedback` goes to the session's feedback; `- [ ] ...` lines anywhere (the `Next steps` heading collects
them) become action items; a heading left empty is dropped. Placeholders: {{ person }}, {{ date }},
{{ last_session }}, {{ open_topics }}, {{ open_actions }}, {{ goals }}."""

from __future__ import annotations

NAMES = ("session", "kickoff", "retro", "closing")

ENGLISH = {
    "session": """\
{# The default note template. Text under "Feedback" becomes the session's feedback; "- [ ] ..." lines become
   action items; a heading you leave empty is dropped. #}
## What we discussed


## Feedback


## Next steps

""",
    "kickoff": """\
{# A first meeting: what each of us expects, the goals, how we work together, what we agree. #}
First meeting with {{ person }} on {{ date }}.

## Expectations


## Goals
{{ goals }}

## How we work
How often and where we meet, how we keep in touch in between, how feedback is given.


## Agreement
What stays between us; what each of us commits to.


## Feedback


## Next steps

""",
    "retro": """\
{# Looking back over a period with {{ person }}. #}
Looking back with {{ person }} on {{ date }}; last session: {{ last_session }}.

## Goals and progress
{{ goals }}

## What went well


## What was hard


## Open items
{{ open_actions }}

## Feedback


## What we change from now on

""",
    "closing": """\
{# The last meeting of a relationship. #}
Closing the mentoring with {{ person }} on {{ date }}.

## What we achieved
{{ goals }}

## What is still open
{{ open_actions }}
{{ open_topics }}

## What I learned


## What I carry on


## Feedback

""",
}

GERMAN = {
    "session": """\
{# Die Standardvorlage für Notizen. Was unter "Feedback" steht, wird das Feedback der Sitzung; Zeilen
   "- [ ] ..." werden Aufgaben; eine Überschrift, unter der nichts steht, fällt weg. #}
## Was wir besprochen haben


## Feedback


## Nächste Schritte

""",
    "kickoff": """\
{# Ein erstes Treffen: Erwartungen, Ziele, wie wir zusammenarbeiten, was wir vereinbaren. #}
Erstes Treffen mit {{ person }} am {{ date }}.

## Erwartungen


## Ziele
{{ goals }}

## Wie wir arbeiten
Wie oft und wo wir uns treffen, wie wir dazwischen in Kontakt bleiben, wie wir Feedback geben.


## Vereinbarung
Was unter uns bleibt; wozu sich jede Seite verpflichtet.


## Feedback


## Nächste Schritte

""",
    "retro": """\
{# Rückblick auf einen Zeitraum mit {{ person }}. #}
Rückblick mit {{ person }} am {{ date }}; letzte Sitzung: {{ last_session }}.

## Ziele und Fortschritt
{{ goals }}

## Was gut lief


## Was schwer war


## Offene Punkte
{{ open_actions }}

## Feedback


## Was wir ab jetzt ändern

""",
    "closing": """\
{# Das letzte Treffen einer Mentoring-Beziehung. #}
Abschluss des Mentorings mit {{ person }} am {{ date }}.

## Was wir erreicht haben
{{ goals }}

## Was noch offen ist
{{ open_actions }}
{{ open_topics }}

## Was ich gelernt habe


## Was ich weitertrage


## Feedback

""",
}

BY_LANGUAGE = {"en": ENGLISH, "de": GERMAN}
# Headings whose text goes to the session's feedback, in either language.
FEEDBACK_HEADINGS = ("feedback", "rückmeldung")
QUESTIONS_FILE = {
    "en": """\
# Your own questions for `mentorlog questions` and `agenda --questions N`: one per line, as
#   - [topic] question
# The topics are career, feedback, confidence, goals, growth and closing (or a word of your own).
# Lines starting with # are ignored.
""",
    "de": """\
# Eigene Fragen für `mentorlog questions` und `agenda --questions N`: eine pro Zeile, als
#   - [thema] Frage
# Die Themen sind career, feedback, confidence, goals, growth und closing (oder ein eigenes Wort).
# Zeilen, die mit # beginnen, werden übersprungen.
""",
}


def text(name: str, language: str) -> str:
    """The built-in template NAME in LANGUAGE (English when there is no such language)."""
    return BY_LANGUAGE.get(language, ENGLISH)[name]


def is_builtin_text(name: str, content: str) -> bool:
    """Whether CONTENT is the built-in NAME unchanged, in any language (so `templates init` may call it its own)."""
    return name in ENGLISH and any(content == texts[name] for texts in BY_LANGUAGE.values())
