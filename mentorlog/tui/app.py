"""The browse app: people on the left, the chosen one's agenda, sessions, actions, topics and goals on the right.

Every text from the journal is handed to Textual as a Rich `Text` (never as markup), with control characters
made visible (`inert`), so `[bold]` or an escape sequence in a note is shown as typed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Hit, Provider
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from mentorlog.base.errors import MentorlogError
from mentorlog.base.i18n import N_, _, ngettext
from mentorlog.base.safe import inert, one_line

if TYPE_CHECKING:
    from mentorlog.core.health import Health
    from mentorlog.core.records import Action, Goal, Person, Session
    from mentorlog.store.journal import Journal

Opener = Callable[[bool, "str | None"], AbstractContextManager["Journal"]]
TODAY_ID = "today"
SHOWN = 25  # open actions listed per side (overdue first): a busy relationship has hundreds, and each is a line
SAID = {
    "done": N_("Done: {id} {text}"),
    "dropped": N_("Dropped: {id} {text}"),
    "open": N_("Reopened: {id} {text}"),
}
ALREADY = {
    "done": N_("Already done: {id} {text}"),
    "dropped": N_("Already dropped: {id} {text}"),
    "open": N_("Already open: {id} {text}"),
}
COMMAND_WORDS = {"done": "action done", "dropped": "action drop", "open": "action reopen"}
KEYS = (
    ("↑ ↓ Tab", N_("move; choose a person on the left, an item on the right")),
    ("Enter", N_("open the session or record under the cursor")),
    ("d / x / r", N_("mark the action done / dropped / open again")),
    ("t", N_("add a topic for the next meeting with this person")),
    ("n", N_("record a note with this person (`mentorlog note` in $EDITOR)")),
    ("u", N_("undo the last change (the same log as `mentorlog undo`)")),
    ("/  Ctrl+P", N_("find anything (the same search as `mentorlog search`)")),
    ("c", N_("show or hide closed relationships")),
    ("R", N_("read the journal again (also when the terminal gets focus)")),
    ("Esc", N_("back")),
    ("q", N_("quit")),
)


def shown(text: str | None, style: str = "") -> Text:
    """User text as Textual shows it: never markup, control characters visible."""
    return Text(inert(text or ""), style=style)


def day_words(day: str | date | None, today: date) -> str:
    from mentorlog.core.dates import format_day

    if day is None:
        return ""
    value = date.fromisoformat(day[:10]) if isinstance(day, str) else day
    return format_day(value, today)


def days_since(person: Person, today: date) -> int | None:
    last = person.last_session
    return None if not last else (today - date.fromisoformat(str(last)[:10])).days


class Brief(NamedTuple):
    """Of a person's agenda, what the person screen shows."""

    attention: list[str]
    stale_goals: list[Goal]


class Data:
    """What the app reads, each call one read-only transaction through the opener."""

    def __init__(self, opener: Opener, today: date) -> None:
        self.opener = opener
        self.today = today

    def read(self) -> AbstractContextManager[Journal]:
        return self.opener(False, None)

    def people(self, include_closed: bool) -> tuple[list[Person], dict[int, Health]]:
        from mentorlog.core.dates import parse_since

        since = parse_since("6m", today=self.today)
        with self.read() as journal:
            people = journal.people.list_people(include_closed=include_closed)
            health = {h.person.id: h for h in journal.health.health(since, self.today)}
        return people, health


class SessionScreen(Screen[None]):
    """One session in full (Esc goes back)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "app.pop_screen", show=False)]

    def __init__(self, body: Text) -> None:
        super().__init__()
        self.body = body

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.body, id="record", markup=False)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "app.pop_screen", show=False)]
    DEFAULT_CSS = "HelpScreen { align: center middle; } #help { width: auto; border: round $accent; padding: 0 1; }"

    def compose(self) -> ComposeResult:
        text = Text(_("Keys") + "\n\n", style="bold")
        for key, said in KEYS:
            text.append(f"{key:<11}", style="bold")
            text.append(_(said) + "\n")
        yield Static(text, id="help", markup=False)


class TopicScreen(ModalScreen["str | None"]):
    """A line of text for a new topic: Enter keeps it, Esc drops it."""

    AUTO_FOCUS = "Input"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]
    DEFAULT_CSS = "TopicScreen { align: center middle; } #topic-box { width: 70; height: auto; border: round $accent; }"

    def __init__(self, name: str) -> None:
        super().__init__()
        self.person_name = name

    def compose(self) -> ComposeResult:
        with Vertical(id="topic-box"):
            yield Static(shown(_("New topic with {name}:").format(name=self.person_name)), markup=False)
            yield Input(id="topic-text")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PassphraseScreen(Screen[None]):
    """An encrypted journal's passphrase, typed inside the app and never shown: Enter tries it, a wrong one is said
    here and may be typed again; Esc or Ctrl+C quits (and `browse` ends with exit 1)."""

    AUTO_FOCUS = "Input"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "give_up", show=False),
        Binding("ctrl+c", "give_up", show=False, priority=True),
    ]
    DEFAULT_CSS = """
    PassphraseScreen { align: center middle; }
    #passphrase-box { width: 70; max-width: 100%; height: auto; border: round $accent; padding: 0 1; }
    #passphrase-said { color: $error; }
    """

    def __init__(self, where: str, unlock: Callable[[str], bool]) -> None:
        super().__init__()
        self.where = where
        self.unlock = unlock

    def compose(self) -> ComposeResult:
        with Vertical(id="passphrase-box"):
            yield Static(shown(_("{path} is encrypted.").format(path=self.where)), markup=False)
            yield Static(Text(_("Passphrase (not shown); Enter opens the journal, Esc quits:")), markup=False)
            yield Input(password=True, id="passphrase")
            yield Static("", id="passphrase-said", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        said = self.query_one("#passphrase-said", Static)
        if not event.value:
            return
        try:
            opened = self.unlock(event.value)
        except MentorlogError as exc:
            opened = False
            said.update(shown(_("Error: {message}").format(message=exc.message)))
        else:
            said.update(Text(_("Wrong passphrase. Type it again, or Esc to quit.")))
        event.input.value = ""
        if opened:
            self.dismiss(None)

    def action_give_up(self) -> None:
        self.app.exit()


class JournalSearch(Provider):
    """The command palette's finder: the same full-text search as `mentorlog search`."""

    async def search(self, query: str) -> AsyncIterator[Hit]:
        app = self.app
        assert isinstance(app, BrowseApp)
        if not query.strip():
            return
        try:
            with app.data.read() as journal:
                hits = journal.search.search(query, limit=20)
        except MentorlogError:  # half a query (an open quote): nothing yet
            return
        from mentorlog.core.humane import word

        for rank, hit in enumerate(hits):
            display = Text(f"{word(hit.kind)} {hit.id}  ", style="bold")
            display.append(one_line(hit.title, 60))
            if hit.with_name:
                display.append(f"  ({inert(hit.with_name)})", style="dim")
            snippet = one_line(hit.plain_snippet(), 70)
            if snippet and snippet != one_line(hit.title, 60):
                display.append("\n" + snippet, style="dim")
            yield Hit(1.0 - rank / 100, display, _open(app, hit.kind, hit.id), text=f"{hit.kind} {hit.id}")


def _open(app: BrowseApp, kind: str, record_id: int) -> Callable[[], None]:
    return lambda: app.open_record(kind, record_id)


class BrowseApp(App[None]):
    """`mentorlog browse`."""

    TITLE = "mentorlog"
    COMMANDS: ClassVar[set[Any]] = {JournalSearch}
    ENABLE_COMMAND_PALETTE = True
    CSS = """
    #people { width: 36; height: 1fr; border-right: vkey $primary; }
    #detail { width: 1fr; height: 1fr; }
    #status { height: 1; background: $panel; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", show=False),
        Binding("question_mark", "help", show=False),
        Binding("slash,ctrl+p", "command_palette", show=False),  # naming it here, Textual adds no ctrl+p of its own
        Binding("c", "toggle_closed", show=False),
        Binding("d", "set_status('done')", show=False),
        Binding("x", "set_status('dropped')", show=False),
        Binding("r", "set_status('open')", show=False),
        Binding("t", "add_topic", show=False),
        Binding("n", "note", show=False),
        Binding("u", "undo", show=False),
        Binding("R", "refresh", show=False),
    ]

    def __init__(
        self,
        opener: Opener,
        today: date,
        note: Callable[[str], None] | None = None,
        unlock: Callable[[str], bool] | None = None,
        where: str = "",
    ) -> None:
        """NOTE records a session with the person named, as `mentorlog note --with NAME` does (editor, template,
        drafts); it runs while the app is suspended. None: the key says it is not available here.

        UNLOCK: the journal (at WHERE) is encrypted and no source gave its passphrase; the app starts by asking
        for it and gives each one typed to UNLOCK (True: it opens the journal). `locked` stays True when the
        user quits instead."""
        super().__init__()
        self.data = Data(opener, today)
        self.note = note
        self.unlock = unlock
        self.where = where
        self.locked = unlock is not None
        self.today = today
        self.include_closed = False
        self.people: dict[int, Person] = {}
        self.health: dict[int, Health] = {}
        self.chosen: str = TODAY_ID

    # layout ------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(id="people", markup=False, compact=True)
            yield OptionList(id="detail", markup=False, compact=True)
        yield Static(self.status_line(), id="status", markup=False)

    def status_line(self) -> Text:
        text = Text(" ")
        for key, said in (
            ("?", N_("help")),
            ("/", N_("find")),
            ("d", N_("done")),
            ("t", N_("topic")),
            ("n", N_("note")),
            ("u", N_("undo")),
            ("q", N_("quit")),
        ):
            text.append(key, style="bold")
            text.append(f" {_(said)}  ")
        return text

    def on_mount(self) -> None:
        if self.unlock is not None and self.locked:
            self.push_screen(PassphraseScreen(self.where, self.unlock), self.unlocked)
            return
        self.load_people()
        self.query_one("#people", OptionList).focus()

    def unlocked(self, _result: None) -> None:
        self.locked = False
        self.on_mount()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the passphrase is asked, only quitting: every other key would read a journal not yet open."""
        return not self.locked or action in {"quit", "help_quit"}

    def on_app_focus(self, _event: events.AppFocus) -> None:
        if not self.locked:
            self.action_refresh()  # another process may have written to the journal meanwhile

    # the people list -------------------------------------------------------------------------------

    def load_people(self) -> None:
        people, self.health = self.data.people(self.include_closed)
        self.people = {person.id: person for person in people}
        listing = self.query_one("#people", OptionList)
        listing.clear_options()
        listing.add_option(Option(Text(_("Today"), style="bold"), id=TODAY_ID))
        for person in people:
            listing.add_option(Option(self.person_line(person), id=f"person:{person.id}"))
        ids = [TODAY_ID, *(f"person:{person.id}" for person in people)]
        chosen = self.chosen if self.chosen in ids else TODAY_ID
        listing.highlighted = ids.index(chosen)
        self.show(chosen)

    def person_line(self, person: Person) -> Text:
        from mentorlog.core.health import verdict_word
        from mentorlog.core.humane import word

        text = shown(person.name, "bold")
        details = [word(person.role)]
        health = self.health.get(person.id)
        if person.status == "closed":
            details.append(word("closed"))
        elif health is not None:
            details.append(verdict_word(health.overall))
        days = days_since(person, self.today)
        details.append(_("no meeting yet") if days is None else ngettext("{n} day", "{n} days", days).format(n=days))
        text.append("\n  " + " · ".join(details), style="dim" if health is None else _verdict_style(health))
        return text

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "people" and event.option.id and event.option.id != self.chosen:
            self.show(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "people":
            self.query_one("#detail", OptionList).focus()
            return
        kind, _sep, number = (event.option.id or "").partition(":")
        if number:
            self.open_record(kind, int(number))

    def on_ready(self, _event: events.Ready) -> None:
        """The first screen is drawn: what exists now (modules, styles, the widgets) lives as long as the app, so the
        collector's full passes stop walking it (one took 20-40 ms of a move on the scale-4 journal)."""
        import gc

        gc.freeze()

    def on_unmount(self, _event: events.Unmount) -> None:
        import gc

        gc.unfreeze()  # the process (a test run) goes on: what the app held may be collected again

    # the right side --------------------------------------------------------------------------------

    def show(self, chosen: str) -> None:
        self.chosen = chosen
        detail = self.query_one("#detail", OptionList)
        highlighted = detail.highlighted_option.id if detail.highlighted_option is not None else None
        options = _unique(
            self.today_options() if chosen == TODAY_ID else self.person_options(int(chosen.split(":")[1]))
        )
        detail.set_options(options)
        ids = [option.id for option in options]
        if highlighted in ids:
            detail.highlighted = ids.index(highlighted)

    def today_options(self) -> list[Option]:
        from mentorlog.core.health import shown as in_language
        from mentorlog.core.health import verdict_word

        with self.data.read() as journal:
            view = journal.today.today_view()
        if view.empty:
            return [_header(_("The journal is empty. Start with: mentorlog person add NAME --role mentee"))]
        options = [_header(_("Today, {day}").format(day=day_words(self.today, self.today)))]
        if view.mine:
            options.append(_header(_("My actions due")))
            options += [self.action_option(action) for action in view.mine]
        for name, actions in view.theirs.items():
            options.append(_header(_("Due from {name}").format(name=inert(name))))
            options += [self.action_option(action) for action in actions]
        if view.meetings or view.overdue:
            options.append(_header(_("Meetings")))
            for meeting in view.meetings:
                line = shown(meeting.person.name, "bold")
                line.append("  " + day_words(meeting.day, self.today))
                options.append(Option(line, id=f"person:{meeting.person.id}"))
            for meeting in view.overdue:
                line = shown(meeting.person.name, "bold")
                line.append("  " + _("overdue since {day}").format(day=day_words(meeting.day, self.today)), "red")
                options.append(Option(line, id=f"person:{meeting.person.id}"))
        for name, reasons in view.attention.items():
            options.append(
                _header(_("{name}: {verdict}").format(name=inert(name), verdict=verdict_word("needs attention")))
            )
            options += [Option(shown(in_language(reason)), disabled=True) for reason in reasons]
        for name, topics in view.topics.items():
            options.append(_header(_("Topics with {name}").format(name=inert(name))))
            options += [Option(shown("• " + one_line(topic.text)), id=f"topic:{topic.id}") for topic in topics]
        return options

    def person_options(self, person_id: int) -> list[Option]:
        from mentorlog.core.health import shown as in_language
        from mentorlog.core.humane import word

        with self.data.read() as journal:
            person = journal.people.get_person(person_id)
            agenda = (  # of the agenda, only what this screen shows (not its reflections, trends, gaps, lists)
                Brief(journal.health.attention_for(person), journal.agenda.stale_goals(person_id)[0])
                if person.status == "active"
                else None
            )
            sessions = journal.sessions.list_sessions(person_id=person_id, limit=10)
            total = journal.sessions.count_sessions(person_id=person_id)
            sides = {"owner_is_me": True}, {"owner_is_them": True}
            mine, theirs = (
                journal.actions.list_actions(limit=SHOWN, status="open", person_id=person_id, **side) for side in sides
            )
            more = [
                journal.actions.count_actions(status="open", person_id=person_id, **side) - len(listed)
                for side, listed in zip(sides, (mine, theirs), strict=True)
            ]
            topics = journal.topics.list_topics(person_id=person_id, status="open")
            goals = journal.goals.list_goals(statuses=["active"], person_id=person_id)
            skills = journal.skills.list_skills(person_id=person_id, ratings_since=self.today)
        title = shown(person.name, "bold")
        title.append(f"  {word(person.role)}" + (f" · {word('closed')}" if person.status == "closed" else ""))
        options = [Option(title, disabled=True)]
        options.append(_header(_("Agenda")))
        days = days_since(person, self.today)
        since = (
            _("no meeting yet")
            if days is None
            else _("last meeting {day}").format(day=day_words(person.last_session, self.today))
        )
        if person.next_session:
            since += " · " + _("next {day}").format(day=day_words(person.next_session, self.today))
        options.append(Option(Text(since), disabled=True))
        if agenda is not None:
            options += [Option(shown("! " + in_language(reason), "red"), disabled=True) for reason in agenda.attention]
            options += [
                Option(
                    shown(_("No progress for 4 weeks: {title}").format(title=one_line(goal.title))),
                    id=f"goal:{goal.id}",
                )
                for goal in agenda.stale_goals
            ]
        for heading, listed, hidden in (
            (_("My actions ({n})"), mine, more[0]),
            (_("Their actions ({n})"), theirs, more[1]),
        ):
            options.append(_header(heading.format(n=len(listed) + hidden)))
            options += [self.action_option(action) for action in listed]
            if hidden:
                said = ngettext(
                    "… {n} more: mentorlog actions --with {name}", "… {n} more: mentorlog actions --with {name}", hidden
                )
                options.append(Option(shown(said.format(n=hidden, name=_quoted(person.name)), "dim"), disabled=True))
        options.append(_header(_("Topics ({n})").format(n=len(topics))))
        options += [Option(shown("• " + one_line(topic.text)), id=f"topic:{topic.id}") for topic in topics]
        options.append(_header(_("Goals ({n})").format(n=len(goals))))
        for goal in goals:
            line = Text(f"{_bar(goal.progress)} {goal.progress:>3}%  ")
            line.append(one_line(goal.title))
            options.append(Option(line, id=f"goal:{goal.id}"))
        options.append(_header(_("Skills ({n})").format(n=len(skills))))
        for skill in skills:
            my_levels = [rating.level for rating in skill.ratings if rating.rater_id is None]
            their_levels = [rating.level for rating in skill.ratings if rating.rater_id is not None]
            line = shown(skill.name)
            levels = [
                _("me {level}/5").format(level=my_levels[-1]) if my_levels else "",
                _("them {level}/5").format(level=their_levels[-1]) if their_levels else "",
            ]
            line.append("  " + "  ".join(level for level in levels if level), "dim")
            options.append(Option(line, id=f"skill:{skill.id}"))
        options.append(_header(_("Sessions ({n})").format(n=total)))
        options += [self.session_option(session) for session in sessions]
        return options

    def action_option(self, action: Action) -> Option:
        mark = {"open": "[ ]", "done": "[x]", "dropped": "[-]"}.get(action.status, "[ ]")
        line = Text(f"{mark} {action.id:>4} ")
        line.append(one_line(action.text))
        if action.due:
            late = action.status == "open" and action.due < self.today.isoformat()
            line.append("  " + _("due {day}").format(day=day_words(action.due, self.today)), "red" if late else "dim")
        if action.owner != "me":
            line.append(f"  ({inert(action.owner)})", "dim")
        return Option(line, id=f"action:{action.id}")

    def session_option(self, session: Session) -> Option:
        line = Text(f"{day_words(session.date, self.today)}  ")
        line.append(one_line(session.title or session.notes, 60))
        return Option(line, id=f"session:{session.id}")

    # opening records ---------------------------------------------------------------------------------

    def open_record(self, kind: str, record_id: int) -> None:
        if kind == "person":
            self.choose(f"person:{record_id}")
            return
        try:
            body = self.record_text(kind, record_id)
        except MentorlogError as exc:
            self.say_error(exc)
            return
        if body is not None:
            self.push_screen(SessionScreen(body))

    def choose(self, chosen: str) -> None:
        if chosen.startswith("person:") and int(chosen.split(":")[1]) not in self.people:
            self.include_closed = True  # a closed relationship found by search: show it
            self.chosen = chosen
            self.load_people()
        listing = self.query_one("#people", OptionList)
        ids = [listing.get_option_at_index(index).id for index in range(listing.option_count)]
        if chosen in ids:
            listing.highlighted = ids.index(chosen)
            self.show(chosen)

    def record_text(self, kind: str, record_id: int) -> Text | None:
        from mentorlog.core.humane import word

        with self.data.read() as journal:
            if kind == "session":
                session = journal.sessions.get_session(record_id)
                text = Text(f"{word('session')} {session.id}  {day_words(session.date, self.today)}\n", style="bold")
                text.append(inert(session.with_name or "") + "\n")
                if session.title:
                    text.append(inert(session.title) + "\n", style="bold")
                if session.confidence:
                    text.append(_("Confidence: {n}/5").format(n=session.confidence) + "\n")
                text.append("\n" + inert(session.notes or "") + "\n")
                if session.feedback:
                    text.append("\n" + _("Feedback") + "\n", style="bold")
                    text.append(inert(session.feedback) + "\n")
                if session.tags:
                    text.append("\n" + " ".join("#" + inert(tag) for tag in session.tags) + "\n", style="dim")
                return text
            record: Any
            if kind == "action":
                record = journal.actions.get_action(record_id)
                body = record.text
            elif kind == "goal":
                record = journal.goals.get_goal(record_id)
                body = f"{record.title}\n{record.progress}%\n\n{record.description or ''}"
            elif kind == "topic":
                record = journal.topics.get_topic(record_id)
                body = record.text
            elif kind == "skill":
                record = journal.skills.get_skill(record_id)
                body = f"{record.name}\n\n{record.description or ''}"
            elif kind == "reflection":
                record = journal.reflections.get_reflection(record_id)
                body = f"{record.date}\n\n{record.text}"
            else:
                return None
        text = Text(f"{word(kind)} {record_id}\n\n", style="bold")
        text.append(inert(body))
        return text

    # keys ------------------------------------------------------------------------------------------

    def highlighted(self, kind: str) -> int | None:
        detail = self.query_one("#detail", OptionList)
        option = detail.highlighted_option
        if option is None or not (option.id or "").startswith(kind + ":"):
            return None
        return int(str(option.id).split(":")[1])

    def action_set_status(self, status: str) -> None:
        action_id = self.highlighted("action")
        if action_id is None:
            self.notify(_("Move the cursor to an action item first."), severity="warning")
            return
        try:
            with self.data.opener(True, COMMAND_WORDS[status]) as journal:
                changed, unchanged = journal.actions.set_action_status([action_id], status)
        except MentorlogError as exc:
            self.say_error(exc)
            return
        for action in changed:
            self.notify(_(SAID[status]).format(id=action.id, text=one_line(action.text, 60)), markup=False)
        for action in unchanged:
            self.notify(_(ALREADY[status]).format(id=action.id, text=one_line(action.text, 60)), markup=False)
        self.action_refresh()

    def action_add_topic(self) -> None:
        if not self.chosen.startswith("person:"):
            self.notify(_("Choose a person on the left first."), severity="warning")
            return
        person = self.people[int(self.chosen.split(":")[1])]
        if person.status == "closed":
            self.notify(
                _("{name} is closed; reopen with: mentorlog person reopen").format(name=inert(person.name)),
                severity="warning",
                markup=False,
            )
            return

        def keep(text: str | None) -> None:
            if not text or not text.strip():
                return
            try:
                with self.data.opener(True, "topic add") as journal:
                    topic = journal.topics.add_topic(text, person.id)
            except MentorlogError as exc:
                self.say_error(exc)
                return
            self.notify(_("Added topic {id}: {text}").format(id=topic.id, text=one_line(topic.text, 60)), markup=False)
            self.action_refresh()

        self.push_screen(TopicScreen(person.name), keep)

    def action_note(self) -> None:
        from textual.app import SuspendNotSupported

        if not self.chosen.startswith("person:"):
            self.notify(_("Choose a person on the left first."), severity="warning")
            return
        person = self.people[int(self.chosen.split(":")[1])]
        if self.note is None:
            self.notify(_("Recording a note needs a terminal: mentorlog note"), severity="warning")
            return
        try:
            if self.is_headless:  # no terminal to hand over (tests, benchmarks)
                self.note(person.name)
            else:
                with self.suspend():
                    self.note(person.name)
        except SuspendNotSupported:
            self.notify(_("Recording a note needs a terminal: mentorlog note"), severity="warning")
            return
        self.action_refresh()

    def action_undo(self) -> None:
        try:
            with self.data.opener(True, None) as journal:
                undone = journal.undo.undo_last()
        except MentorlogError as exc:
            self.say_error(exc)
            return
        if undone is None:
            self.notify(_("Nothing to undo."))
            return
        self.notify(
            _("Undid `{command}` from {created_at}: {describe}.").format(
                command=inert(undone.command),
                created_at=datetime.fromisoformat(undone.created_at).astimezone().strftime(_("%Y-%m-%d %H:%M")),
                describe=inert(undone.describe()),
            ),
            markup=False,
        )
        self.action_refresh()

    def action_toggle_closed(self) -> None:
        self.include_closed = not self.include_closed
        self.load_people()

    def action_refresh(self) -> None:
        try:
            self.load_people()
        except MentorlogError as exc:
            self.say_error(exc)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def say_error(self, exc: MentorlogError) -> None:
        said = _("Error: {message}").format(message=exc.message) + (f"\n{exc.hint}" if exc.hint else "")
        self.notify(inert(said), severity="error", markup=False)


def _unique(options: list[Option]) -> list[Option]:
    """The options with an id used twice (a stalled goal is also a goal) keeping it only the first time."""
    seen: set[str] = set()
    kept = []
    for option in options:
        if option.id is not None and option.id in seen:
            option = Option(option.prompt, disabled=option.disabled)
        elif option.id is not None:
            seen.add(option.id)
        kept.append(option)
    return kept


def _quoted(name: str) -> str:
    """NAME as a shell takes it after --with."""
    import shlex

    return shlex.quote(name)


def _header(text: str) -> Option:
    return Option(Text(text, style="bold underline"), disabled=True)


def _bar(progress: int, width: int = 10) -> str:
    full = round(progress * width / 100)
    return "█" * full + "░" * (width - full)


def _verdict_style(health: Health) -> str:
    return {"on track": "green", "watch": "yellow", "needs attention": "red"}.get(health.overall, "")
