"""The review as one self-contained HTML file: inline CSS and SVG charts, no script, nothing from the network."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorlog.base.i18n import _, language, ngettext
from mentorlog.base.safe import inert
from mentorlog.core import humane
from mentorlog.core.grouping import by_person, health_lines, health_verdict, one_line_session
from mentorlog.core.records import Action, Session
from mentorlog.core.reports import Review, local_day
from mentorlog.core.textparse import find_tags
from mentorlog.core.trends import View, gaps
from mentorlog.export.registry import Request

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

CHART_WIDTH = 640


def _months(review: Review) -> list[dict[str, Any]]:
    """Sessions per month over the period, with bar geometry."""
    # every meeting held counts, a private one too (only its content is left out)
    counts = Counter([*(session.date[:7] for session in review.sessions), *(day[:7] for day in review.private_days)])
    months: list[str] = []
    year, month = review.since.year, review.since.month
    while date(year, month, 1) <= review.until:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    months = months[-24:]
    top = max([counts[m] for m in months] + [1])
    step = CHART_WIDTH / max(len(months), 1)
    return [
        {
            "label": humane.month_year(date.fromisoformat(f"{m}-01")),  # `Jun 2026`: never mistaken for a day
            "count": counts[m],
            "x": round(i * step + step * 0.15, 1),
            "width": round(step * 0.7, 1),
            "height": round(100 * counts[m] / top, 1),  # room above the tallest bar for its value
        }
        for i, m in enumerate(months)
    ]


LINE_COLOURS = ("#2f855a", "#2b6cb0", "#b7791f", "#805ad5", "#c53030", "#319795")


def _confidence(review: Review) -> dict[str, Any]:
    """Confidence over time, one line per relationship (a mentor's is never mixed with a mentee's)."""
    rated = [s for s in review.sessions if s.confidence]
    if len(rated) < 2:
        return {"series": []}
    first, last = date.fromisoformat(rated[0].date), date.fromisoformat(rated[-1].date)
    span = max((last - first).days, 1)
    by_person: dict[str, list[Session]] = {}
    for session in rated:
        by_person.setdefault(session.with_name or "", []).append(session)
    series = []
    for index, (name, sessions) in enumerate(by_person.items()):
        dots = [
            {
                "x": round(20 + (CHART_WIDTH - 40) * (date.fromisoformat(s.date) - first).days / span, 1),
                "y": round(130 - (s.confidence or 0) * 24, 1),
                "label": f"{name + ', ' if name else ''}{humane.day(s.date)}: {s.confidence}/5",
            }
            for s in sessions
        ]
        series.append(
            {
                "name": name or _("no one"),
                "colour": LINE_COLOURS[index % len(LINE_COLOURS)],
                "points": " ".join(f"{d['x']},{d['y']}" for d in dots),
                "dots": dots,
            }
        )
    return {"series": series, "ticks": _date_ticks(first, last)}


def _date_ticks(first: date, last: date, most: int = 5) -> list[dict[str, Any]]:
    """Dates along the confidence chart's x axis: the first and the last session's, and evenly between them
    (at most MOST, never the same day twice)."""
    from datetime import timedelta

    span = max((last - first).days, 1)
    count = min(most, (last - first).days + 1)
    days = sorted({first + timedelta(days=round(span * i / max(count - 1, 1))) for i in range(count)})
    return [
        {"x": round(20 + (CHART_WIDTH - 40) * (day - first).days / span, 1), "label": humane.day(day)} for day in days
    ]


def _extra_tags(session: Session) -> list[str]:
    """The session's tags that its text does not already show as #words (a tag is not said twice)."""
    if not session.tags:
        return []
    written = set(find_tags(session.notes, session.feedback, session.title))
    return [tag for tag in session.tags if tag not in written]


def _session_html(session: Session, named: bool) -> Markup:
    """One session of the review, as the template wrote it (its hottest loop, here without a template call per
    value). User text is made inert and escaped; NAMED: with the person's name (sessions not under a person)."""
    from markupsafe import Markup, escape

    def user(text: str | None) -> str:
        return str(escape(inert(text or "")))

    when = escape(humane.day(session.date))
    who = f" · {user(session.with_name)}" if named and session.with_name else ""
    if one_line_session(session):
        title = f"<strong>{user(session.title)}</strong>: " if session.title else ""
        return Markup(f'  <p class="session one-line">{when}{who} — {title}{user(session.notes)}</p>\n')
    title = f" · {user(session.title)}" if session.title else ""
    muted = []
    if session.confidence:
        muted.append(str(Markup(_("confidence {level}/5")).format(level=session.confidence)))
    if session.next:
        muted.append(" · " + str(Markup(_("next meeting {day}")).format(day=humane.day(session.next))))
    muted += [f' <span class="tag">#{user(tag)}</span>' for tag in _extra_tags(session)]
    notes = f'<div class="text">{user(session.notes)}</div>' if session.notes else ""
    feedback = (
        f'<div class="text feedback"><strong>{_("Feedback:")}</strong> {user(session.feedback)}</div>'
        if session.feedback
        else ""
    )
    return Markup(
        f'  <article class="session">\n    <h4>{when}{who}{title}</h4>\n    <div class="muted">{"".join(muted)}</div>\n'
        f"{notes}{feedback}  </article>\n"
    )


def _owner_words(action: Action) -> str:
    """Whose an action item is and with whom: `mine, with Anna Schmidt` or `Anna Schmidt's`."""
    if action.owner == "me":
        return _("mine, with {name}").format(name=action.with_name) if action.with_name else _("mine")
    if action.owner == action.with_name or not action.with_name:
        return _("{owner}'s").format(owner=action.owner)
    return _("{owner}'s, with {name}").format(owner=action.owner, name=action.with_name)


SKILL_X0, SKILL_STEP = 12, 46  # level 1 at x = 12, each level 46 further: level 5 at x = 196


def _skills(review: Review) -> list[dict[str, Any]]:
    """Each skill rated in the period: the geometry of its first and latest level in my view and in others'."""

    def lane(side: View, y: int, label: str) -> dict[str, Any] | None:
        if side.end is None:
            return None
        start = side.start if side.start is not None else side.end
        return {"y": y, "x1": SKILL_X0 + (start - 1) * SKILL_STEP, "x2": SKILL_X0 + (side.end - 1) * SKILL_STEP,
                "start": start, "end": side.end, "label": f"{label} {start} → {side.end}"}  # fmt: skip

    return [
        {
            "name": change.name,
            "with": change.with_name,
            "kind": _("growth area") if change.kind == "growth" else _("strength"),
            "lanes": [found for found in (lane(change.me, 10, _("me")), lane(change.them, 26, _("others"))) if found],
        }
        for change in review.summary.skills
    ]


TEMPLATE = "review.html.j2"
TEMPLATES = Path(__file__).resolve().parent / "templates"
OPTIONS: dict[str, Any] = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}


def template_cache(folder: Path, write: Callable[[Path, bytes], object]) -> jinja2.BytecodeCache:
    """Jinja's compiled review template kept in FOLDER between exports (compiling the source costs more than
    rendering a year), its files written by WRITE(path, data)."""
    import jinja2

    from mentorlog.export.templatecache import TemplateCache

    return TemplateCache(folder, write, salt=f"jinja2 {jinja2.__version__} {sorted(OPTIONS.items())}")


def _environment(cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    import jinja2

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), bytecode_cache=cache, **OPTIONS)
    environment.filters["inert"] = lambda text: inert(text or "")
    environment.filters["day"] = lambda stamp: humane.day(local_day(stamp)) or ""
    environment.filters["prose"] = _prose
    return environment


def _prose(text: str | None) -> Markup:
    """A reflection's text, inert and escaped, its Markdown headings (`## What we achieved`) shown as bold
    lines rather than as the raw marks."""
    from markupsafe import Markup, escape

    from mentorlog.core.textparse import heading_text

    lines = []
    for line in inert(text or "").split("\n"):
        heading = heading_text(line)
        lines.append(f"<strong>{escape(heading)}</strong>" if heading is not None else str(escape(line)))
    return Markup("\n".join(lines))


def write(review: Review, request: Request) -> str:
    """`export --format html` (export/registry.py): with the request's cache folder, the compiled template is kept."""
    cache = None
    if request.cache_folder is not None and request.write_cache_file is not None:
        cache = template_cache(request.cache_folder / "templates", request.write_cache_file)
    return render(review, cache=cache)


def render(review: Review, *, cache: jinja2.BytecodeCache | None = None) -> str:
    """The review as an HTML page; CACHE (`template_cache`) spares compiling the template on every export."""
    from markupsafe import Markup

    environment = _environment(cache)
    environment.globals.update(
        session_html=_session_html,
        owner_words=_owner_words,
        health_lines=health_lines,
        # the messages are ours, not user data: safe as they are (no escaping changes a byte of English), while
        # Markup.format escapes every value formatted into them
        _=lambda message: Markup(_(message)),
        ngettext=lambda one, many, count: Markup(ngettext(one, many, count)),
        word=humane.word,
        day_text=humane.day,
        decimal=humane.decimal,
        verdict_word=health_verdict,
        language=language(),
    )
    return environment.get_template(TEMPLATE).render(
        review=review,
        figures=review.summary.to_json(),
        parts=by_person(review),
        months=_months(review),
        confidence=_confidence(review),
        skills=_skills(review),
        gaps=[gap for skill in review.skills for gap in gaps(skill)],
        chart_width=CHART_WIDTH,
    )
