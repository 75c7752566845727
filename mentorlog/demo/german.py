"""The demo journal in German (`mentorlog demo` when German is chosen): the same half year as the English one,
with German names, notes, goals and reflections. Only the words differ; every date and figure is the same."""

from __future__ import annotations

from mentorlog.demo.texts import Relationship, Texts

WEBER = Relationship(
    "Dr. Weber",
    "mentor",
    14,
    ("Konferenzvortrag", "#Führungsstil", "Nein sagen zu Meetings", "die Rolle als Teamleitung", "#Delegieren"),
    (
        "Deine Gliederung ist klar; kürze den zweiten Teil um ein Drittel.",
        "Bitte ausdrücklich um die Entscheidung, statt nur anzudeuten.",
        "Du hast das Design unter Druck gut verteidigt.",
        "Gib die Reviews ab, behalte die Architekturentscheidungen.",
        "Gute Fortschritte — jetzt laut proben, nicht nur im Kopf.",
    ),
    (
        "Abstract für den Vortrag entwerfen",
        "Vortrag mit zwei Kolleginnen proben",
        "Plan zum Delegieren schreiben",
        "Termin bei der Bereichsleitung buchen",
        "Kapitel 3 von 'The Manager's Path' lesen",
    ),
    ("Liste der Konferenzen schicken", "mich der Programmleitung vorstellen", "Vorlage für das Jahresgespräch teilen"),
    slipping=True,
)
ANNA = Relationship(
    "Anna Schmidt",
    "mentee",
    14,
    (
        "erste Woche Rufbereitschaft",
        "#Karriereplan",
        "Ton in Code-Reviews",
        "Aufwand schätzen",
        "#Auftreten in Meetings",
    ),
    (
        "Anna hat scharfe Fragen zum Rollout-Plan gestellt.",
        "Ihr Designdokument ist solide; der Risikoteil braucht Zahlen.",
        "Sie ist beim Störfall ruhig geblieben — sag das in der Retro.",
    ),
    ("Annas Designdokument durchsehen", "ihr einen Hospitationsplatz im Architekturforum suchen"),
    (
        "Checkliste für die Rufbereitschaft schreiben",
        "das Feature beim Demo-Tag vorstellen",
        "Karriereplan für ein Jahr entwerfen",
    ),
)
BEN = Relationship(
    "Jonas Becker",
    "mentee",
    21,
    ("Wechsel ins Datenteam", "#SQL lernen", "vor Publikum sprechen", "Arbeit und Freizeit"),
    (
        "Jonas tritt gegenüber den Stakeholdern sicherer auf als vor einem Monat.",
        "Er braucht einen konkreten Lernplan, nicht noch mehr Kurse.",
    ),
    ("Jonas mit der Leitung des Datenteams bekannt machen", "ihm die SQL-Übungen schicken"),
    ("Modul 3 des SQL-Kurses abschließen", "einseitigen Vorschlag für das Datenprojekt schreiben"),
    falling=True,
)
CHEN = Relationship(
    "Lena Wolf",
    "mentee",
    21,
    ("die ersten Monate als Entwicklerin", "#Codebasis kennenlernen", "um Hilfe bitten"),
    ("Lena fragt jetzt früher um Hilfe — genau richtig.",),
    ("mit Lena an der Build-Pipeline arbeiten",),
    ("aufschreiben, was du über den Build gelernt hast",),
    closed_days_ago=30,
)

GERMAN = Texts(
    relationships=(WEBER, ANNA, BEN, CHEN),
    agreements=(
        "Alle zwei Wochen, 45 Minuten; ich bringe die Agenda mit. Bis der Vortrag gehalten ist. Was wir sagen, "
        "bleibt unter uns.",
        "Alle zwei Wochen für sechs Monate: ihr erstes Feature von Anfang bis Ende und ihr Karriereplan. "
        "Offenes Feedback.",
    ),
    closing=(
        "## Was wir erreicht haben\nLena liefert jetzt selbstständig und weiß, wen sie fragen kann.\n\n"
        "## Was ich gelernt habe\nKurze, regelmäßige Treffen sind besser als lange Sitzungen.\n\n"
        "## Was ich mitnehme\nDie Einarbeitungs-Checkliste, die wir zusammen geschrieben haben. #Abschluss"
    ),
    notes=(  # the topic stands after a colon: it may be a noun ("Feedback") or a phrase ("um Hilfe bitten")
        "Unser Thema: {topic}. {person} hat erzählt, wie es bei ähnlichen Fragen lief und was heute anders "
        "laufen würde.",
        "Den Großteil der Stunde ging es darum: {topic}. Wir haben einen kleinen nächsten Schritt vereinbart und "
        "wie wir ihn prüfen.",
        "Kurzes Treffen, Thema: {topic}. Es geht voran; das Hindernis ist die Zeit, nicht das Können.",
        "Ausführlich besprochen: {topic}. Neue Sicht: auf das Ergebnis achten, nicht auf die Tätigkeit.",
    ),
    reflections=(
        "Gut lief: Ich hatte die Fragen vorbereitet. Schwer war: lange genug still zu sein. #Coaching",
        "Ich habe gelernt, dass frühes Feedback ganze Tage Nacharbeit spart. "
        "Nächstes Mal frage ich, bevor der Entwurf fertig ist. #Feedback",
        "Harter Monat. Ich habe zu oft Ja gesagt. Ich blocke mir zwei Vormittage pro Woche für konzentrierte "
        "Arbeit. #Fokus",
        "Die Probe des Vortrags hat gezeigt: Wenn ich nervös bin, hetze ich. Langsam, atmen, eine Idee pro "
        "Folie. #Vortrag",
        "Anna zu begleiten zwingt mich, Dinge zu erklären, die ich sonst automatisch mache — das schärft mein eigenes "
        "Denken. #Führung",
        "Die Frage von Jonas, warum wir Code-Reviews machen, geht mir nach; ich konnte sie nicht in einem Satz "
        "beantworten. #Lernen",
    ),
    goals={
        "talk": "Einen Vortrag auf einer Konferenz halten",
        "abstract": "Abstract einreichen",
        "rehearse": "Mit dem Team proben",
        "slides": "Endgültige Folien",
        "lead": "In die Rolle als Teamleitung hineinwachsen",
        "delegate": "Alle Code-Reviews abgeben",
        "ship": "Ein Feature von Anfang bis Ende liefern",
        "data": "Ins Datenteam wechseln",
        "sql": "SQL-Fensterfunktionen lernen",
    },
    talk_description="Ein 30-minütiger Vortrag über unsere Migration.",
    progress_notes=("stetige Arbeit", "gute Woche", "nach dem 1:1", ""),
    topics=(
        "Ist der Vortrag zu technisch für das Publikum?",
        "Um Feedback zu meinem ersten Monat als Teamleitung bitten",
        "Wie lief der Demo-Tag?",
        "Datenteam: Zeitpunkt des Wechsels",
    ),
    my_action="Fragen für das nächste 1:1 vorbereiten",
    session_title=("1:1", "Mentoring"),
    skills=(
        ("Feedback geben", "Konkret, zeitnah, freundlich — und erbeten, nicht nur gegeben."),
        ("Vor Publikum sprechen", "Vorträge und Demos vor mehr als zehn Leuten."),
        ("Systementwurf", ""),
        ("Aufwand schätzen", "Arbeit aufteilen und sagen, wie lange sie dauert."),
        ("SQL", ""),
    ),
    notes_by_level={1: "fange gerade an", 2: "mit Hilfe", 3: "meist allein", 4: "zuverlässig", 5: "könnte es lehren"},
    tags=("Vortrag", "Führung"),
)
