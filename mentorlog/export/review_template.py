# jinja2 3.1.6: generated from templates/review.html.j2 by html.write_compiled(); do not edit
# ruff: noqa
# mypy: ignore-errors
JINJA = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'review.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_language = resolve('language')
    l_0_review = resolve('review')
    l_0__ = resolve('_')
    l_0_day_text = resolve('day_text')
    l_0_ngettext = resolve('ngettext')
    l_0_figures = resolve('figures')
    l_0_decimal = resolve('decimal')
    l_0_chart_width = resolve('chart_width')
    l_0_months = resolve('months')
    l_0_confidence = resolve('confidence')
    l_0_range = resolve('range')
    l_0_skills = resolve('skills')
    l_0_gaps = resolve('gaps')
    l_0_parts = resolve('parts')
    try:
        t_1 = environment.filters['day']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'day' found.")
    try:
        t_2 = environment.filters['inert']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'inert' found.")
    try:
        t_3 = environment.filters['int']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'int' found.")
    try:
        t_4 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_5 = environment.filters['replace']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'replace' found.")
    try:
        t_6 = environment.filters['round']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'round' found.")
    try:
        t_7 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield '<!DOCTYPE html>\n<html lang="'
    yield escape((undefined(name='language') if l_0_language is missing else l_0_language))
    yield '">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="mentorlog">\n<title>'
    yield escape(t_2(environment.getattr((undefined(name='review') if l_0_review is missing else l_0_review), 'title')))
    yield '</title>\n<style>\n  :root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --accent: #2b6cb0; --good: #2f855a; --bad: #c53030; }\n  * { box-sizing: border-box; }\n  body { font: 15px/1.55 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink);\n         max-width: 820px; margin: 2.5rem auto; padding: 0 1.25rem; }\n  h1 { font-size: 1.7rem; margin: 0 0 .25rem; }\n  h2 { font-size: 1.2rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; margin-top: 2.2rem; }\n  h3 { font-size: 1rem; margin: 1.4rem 0 .3rem; }\n  .meta, .muted { color: var(--muted); }\n  .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(120px, 1fr)); gap: .75rem; margin: 1rem 0; }\n  .figure { border: 1px solid var(--line); border-radius: 8px; padding: .6rem .8rem; }\n  .figure b { display: block; font-size: 1.5rem; }\n  .goal { display: grid; grid-template-columns: 1fr 260px 90px; gap: .75rem; align-items: center; padding: .2rem 0; }\n  .goal.milestone .name { padding-left: 1.25rem; }\n  .skill { display: grid; grid-template-columns: 1fr 330px; gap: .75rem; align-items: center; padding: .2rem 0; }\n  .bar { height: 10px; background: var(--line); border-radius: 5px; position: relative; overflow: hidden; }\n  .bar span { position: absolute; top: 0; bottom: 0; left: 0; border-radius: 5px; }\n  .bar .start { background: #a3bffa; } .bar .end { background: var(--accent); opacity: .85; }\n  .session { border-left: 3px solid var(--line); padding: .1rem 0 .1rem .9rem; margin: 1rem 0; }\n  .text { white-space: pre-wrap; margin: .3rem 0; }\n  .one-line { margin: .35rem 0; }\n  h4 { font-size: .95rem; margin: 1rem 0 .2rem; }\n  .feedback { background: #fffbea; border-radius: 6px; padding: .4rem .7rem; }\n  .tag { color: var(--accent); }\n  ul.actions { list-style: none; padding-left: 0; } ul.actions li { padding: .15rem 0; }\n  .overdue { color: var(--bad); font-weight: 600; }\n  .health ul { margin: .25rem 0 .75rem; }\n  .verdict-watch { color: #8a6d00; font-weight: 600; }\n  .verdict-needs-attention { color: var(--bad); font-weight: 600; }\n  svg { display: block; max-width: 100%; height: auto; }\n  svg text { font: 11px sans-serif; fill: var(--muted); }\n  section { break-inside: auto; }\n  .session, .goal, .skill, .figure, figure { break-inside: avoid; page-break-inside: avoid; }\n  h2, h3 { break-after: avoid; page-break-after: avoid; }\n  @media print { body { margin: 0; max-width: none; font-size: 12px; } h2 { margin-top: 1.4rem; } a { color: inherit; } }\n</style>\n</head>\n<body>\n<header>\n  <h1>'
    yield escape(t_2(environment.getattr((undefined(name='review') if l_0_review is missing else l_0_review), 'title')))
    yield '</h1>\n  <p class="meta">'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'People:'))
    yield '\n'
    l_1_loop = missing
    t_8 = 1
    for l_1_person, l_1_loop in LoopContext(environment.getattr((undefined(name='review') if l_0_review is missing else l_0_review), 'people_in_period'), undefined):
        l_1_word = resolve('word')
        _loop_vars = {}
        pass
        yield escape(t_2(environment.getattr(l_1_person, 'name')))
        yield ' ('
        yield escape(context.call((undefined(name='word') if l_1_word is missing else l_1_word), environment.getattr(l_1_person, 'role'), _loop_vars=_loop_vars))
        yield ')'
        if (not environment.getattr(l_1_loop, 'last')):
            pass
            yield ', '
        t_8 = 0
    l_1_loop = l_1_person = l_1_word = missing
    if t_8:
        pass
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'nobody yet'))
    yield '  · '
    yield escape(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'written by mentorlog on {day}'), 'format'), day=context.call((undefined(name='day_text') if l_0_day_text is missing else l_0_day_text), environment.getattr((undefined(name='review') if l_0_review is missing else l_0_review), 'today'))))
    if environment.getattr((undefined(name='review') if l_0_review is missing else l_0_review), 'private_left_out'):
        pass
        yield ' · '
        yield escape(context.call(environment.getattr(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), '{count} private session(s) left out', '{count} private session(s) left out', environment.getattr((undefined(name='review') if l_0_review is missing else l_0_review), 'private_left_out')), 'format'), count=environment.getattr((undefined(name='review') if l_0_review is missing else l_0_review), 'private_left_out')))
    yield '</p>\n</header>\n\n<section id="figures">\n  <h2>'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'In figures'))
    yield '</h2>\n  <div class="figures">\n    <div class="figure"><b>'
    yield escape(environment.getattr(environment.getattr((undefined(name='figures') if l_0_figures is missing else l_0_figures), 'sessions'), 'count'))
    yield '</b>'
    if environment.getattr(environment.getattr((undefined(name='figures') if l_0_figures is missing else l_0_figures), 'sessions'), 'expected'):
        pass
        yield escape(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'sessions of {expected} expected'), 'format'), expected=environment.getattr(environment.getattr((undefined(name='figures') if l_0_figures is missing else l_0_figures), 'sessions'), 'expected')))
    else:
        pass
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'sessions'))
    yield '</div>\n    <div class="figure"><b>'
    yield escape(environment.getattr(environment.getattr((undefined(name='figures') if l_0_figures is missing else l_0_figures), 'actions'), 'done'))
    yield ' / '
    yield escape(environment.getattr(environment.getattr((undefined(name='figures') if l_0_figures is missing else l_0_figures), 'actions'), 'created'))
    yield '</b>'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'actions done / created'))
    yield '</div>\n    <div class="figure"><b>'
    if (not t_7(environment.getattr(environment.getattr((undefined(name='figures') if l_0_figures is missing else l_0_figures), 'actions'), 'completion_rate'))):
        pass
        yield escape(t_3(t_6((environment.getattr(environment.getattr((undefined(name='figures') if l_0_figures is missing else l_0_figures), 'actions'), 'completion_rate') * 100))))
        yield '%'
    else:
        pass
        yield '—'
    yield '</b>'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'completion'))
    yield '</div>\n    <div class="figure"><b class="'
    yield escape(('overdue' if environment.getattr(environment.getattr((undefined(name='figures') if l_0_figures is missing else l_0_figures), 'actions'), 'overdue') else ''))
    yield '">'
    yield escape(environment.getattr(environment.getattr((undefined(name='figures') if l_0_figures is missing else l_0_figures), 'actions'), 'overdue'))
    yield '</b>'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'overdue now'))
    yield '</div>\n'
    if (t_4(environment.getattr((undefined(name='figures') if l_0_figures is missing else l_0_figures), 'people')) <= 1):
        pass
        yield '<div class="figure"><b>'
        yield escape((context.call((undefined(name='decimal') if l_0_decimal is missing else l_0_decimal), environment.getattr(environment.getattr((undefined(name='figures') if l_0_figures is missing else l_0_figures), 'confidence'), 'average')) if (not t_7(environment.getattr(environment.getattr((undefined(name='figures') if l_0_figures is missing else l_0_figures), 'confidence'), 'average'))) else '—'))
        yield '</b>'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'average confidence (1–5)'))
        yield '</div>'
    yield '  </div>\n'
    if environment.getattr((undefined(name='figures') if l_0_figures is missing else l_0_figures), 'tags'):
        pass
        yield '<p>'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Top tags:'))
        yield ' '
        l_1_loop = missing
        for l_1_tag, l_1_loop in LoopContext(environment.getattr((undefined(name='figures') if l_0_figures is missing else l_0_figures), 'tags'), undefined):
            _loop_vars = {}
            pass
            yield '<span class="tag">#'
            yield escape(t_2(environment.getattr(l_1_tag, 'tag')))
            yield '</span> ('
            yield escape(environment.getattr(l_1_tag, 'count'))
            yield ')'
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ', '
        l_1_loop = l_1_tag = missing
        yield '</p>'
    yield '  <figure>\n    <figcaption class="muted">'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Sessions per month'))
    yield '</figcaption>\n    <svg id="sessions-chart" viewBox="0 0 '
    yield escape((undefined(name='chart_width') if l_0_chart_width is missing else l_0_chart_width))
    yield ' 140" role="img" aria-label="'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Sessions per month'))
    yield '">\n'
    for l_1_month in (undefined(name='months') if l_0_months is missing else l_0_months):
        _loop_vars = {}
        pass
        yield '      <rect x="'
        yield escape(environment.getattr(l_1_month, 'x'))
        yield '" y="'
        yield escape((120 - environment.getattr(l_1_month, 'height')))
        yield '" width="'
        yield escape(environment.getattr(l_1_month, 'width'))
        yield '" height="'
        yield escape(environment.getattr(l_1_month, 'height'))
        yield '" fill="#2b6cb0" opacity=".8"><title>'
        yield escape(environment.getattr(l_1_month, 'label'))
        yield ': '
        yield escape(environment.getattr(l_1_month, 'count'))
        yield '</title></rect>\n'
        if environment.getattr(l_1_month, 'count'):
            pass
            yield '<text x="'
            yield escape((environment.getattr(l_1_month, 'x') + (environment.getattr(l_1_month, 'width') / 2)))
            yield '" y="'
            yield escape((115 - environment.getattr(l_1_month, 'height')))
            yield '" text-anchor="middle">'
            yield escape(environment.getattr(l_1_month, 'count'))
            yield '</text>'
        yield '      <text x="'
        yield escape((environment.getattr(l_1_month, 'x') + (environment.getattr(l_1_month, 'width') / 2)))
        yield '" y="135" text-anchor="middle">'
        yield escape(environment.getattr(l_1_month, 'label'))
        yield '</text>\n'
    l_1_month = missing
    yield '    </svg>\n  </figure>\n'
    if environment.getattr((undefined(name='confidence') if l_0_confidence is missing else l_0_confidence), 'series'):
        pass
        yield '  <figure>\n    <figcaption class="muted">'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Confidence over time (1–5), per relationship:'))
        yield '\n'
        l_1_loop = missing
        for l_1_line, l_1_loop in LoopContext(environment.getattr((undefined(name='confidence') if l_0_confidence is missing else l_0_confidence), 'series'), undefined):
            _loop_vars = {}
            pass
            yield '<span style="color: '
            yield escape(environment.getattr(l_1_line, 'colour'))
            yield '">■</span> '
            yield escape(t_2(environment.getattr(l_1_line, 'name')))
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ' · '
        l_1_loop = l_1_line = missing
        yield '</figcaption>\n    <svg id="confidence-chart" viewBox="0 0 '
        yield escape((undefined(name='chart_width') if l_0_chart_width is missing else l_0_chart_width))
        yield ' 140" role="img" aria-label="'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Confidence over time'))
        yield '">\n'
        for l_1_level in context.call((undefined(name='range') if l_0_range is missing else l_0_range), 1, 6):
            _loop_vars = {}
            pass
            yield '<line x1="20" x2="'
            yield escape(((undefined(name='chart_width') if l_0_chart_width is missing else l_0_chart_width) - 20))
            yield '" y1="'
            yield escape((130 - (l_1_level * 24)))
            yield '" y2="'
            yield escape((130 - (l_1_level * 24)))
            yield '" stroke="#d9e2ec"/><text x="4" y="'
            yield escape((134 - (l_1_level * 24)))
            yield '">'
            yield escape(l_1_level)
            yield '</text>'
        l_1_level = missing
        for l_1_line in environment.getattr((undefined(name='confidence') if l_0_confidence is missing else l_0_confidence), 'series'):
            _loop_vars = {}
            pass
            yield '      <polyline points="'
            yield escape(environment.getattr(l_1_line, 'points'))
            yield '" fill="none" stroke="'
            yield escape(environment.getattr(l_1_line, 'colour'))
            yield '" stroke-width="2"/>\n'
            for l_2_dot in environment.getattr(l_1_line, 'dots'):
                _loop_vars = {}
                pass
                yield '<circle cx="'
                yield escape(environment.getattr(l_2_dot, 'x'))
                yield '" cy="'
                yield escape(environment.getattr(l_2_dot, 'y'))
                yield '" r="3" fill="'
                yield escape(environment.getattr(l_1_line, 'colour'))
                yield '"><title>'
                yield escape(t_2(environment.getattr(l_2_dot, 'label')))
                yield '</title></circle>'
            l_2_dot = missing
        l_1_line = missing
        yield '    </svg>\n  </figure>\n'
    yield '</section>\n\n'
    if (not environment.getattr((undefined(name='review') if l_0_review is missing else l_0_review), 'sessions')):
        pass
        yield '<p class="muted">'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No sessions in this period.'))
        yield '</p>'
    if (not environment.getattr((undefined(name='review') if l_0_review is missing else l_0_review), 'goals')):
        pass
        yield '<p class="muted">'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No goals in this period.'))
        yield '</p>'
    if (undefined(name='skills') if l_0_skills is missing else l_0_skills):
        pass
        yield '<section id="skills">\n  <h2>'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Skills'))
        yield '</h2>\n  <p class="muted">'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), "Levels 1–5: the first and the latest level in the period, in my view and in others'."))
        yield '</p>\n'
        l_1_loop = missing
        for l_1_skill, l_1_loop in LoopContext((undefined(name='skills') if l_0_skills is missing else l_0_skills), undefined):
            _loop_vars = {}
            pass
            yield '  <div class="skill">\n    <div class="name"><strong>'
            yield escape(t_2(environment.getattr(l_1_skill, 'name')))
            yield '</strong> <span class="muted">'
            yield escape(environment.getattr(l_1_skill, 'kind'))
            if environment.getattr(l_1_skill, 'with'):
                pass
                yield ', '
                yield escape(t_2(environment.getattr(l_1_skill, 'with')))
            yield '</span></div>\n    <svg class="skill-chart" viewBox="0 0 330 48" role="img" aria-label="'
            l_2_loop = missing
            for l_2_lane, l_2_loop in LoopContext(environment.getattr(l_1_skill, 'lanes'), undefined):
                _loop_vars = {}
                pass
                yield escape(environment.getattr(l_2_lane, 'label'))
                if (not environment.getattr(l_2_loop, 'last')):
                    pass
                    yield '; '
            l_2_loop = l_2_lane = missing
            yield '">\n'
            for l_2_level in context.call((undefined(name='range') if l_0_range is missing else l_0_range), 1, 6, _loop_vars=_loop_vars):
                _loop_vars = {}
                pass
                yield '<text x="'
                yield escape((12 + ((l_2_level - 1) * 46)))
                yield '" y="45" text-anchor="middle">'
                yield escape(l_2_level)
                yield '</text>'
            l_2_level = missing
            l_2_loop = missing
            for l_2_lane, l_2_loop in LoopContext(environment.getattr(l_1_skill, 'lanes'), undefined):
                _loop_vars = {}
                pass
                yield '      <line x1="12" x2="196" y1="'
                yield escape(environment.getattr(l_2_lane, 'y'))
                yield '" y2="'
                yield escape(environment.getattr(l_2_lane, 'y'))
                yield '" stroke="#d9e2ec" stroke-width="2"/>\n      <line x1="'
                yield escape(environment.getattr(l_2_lane, 'x1'))
                yield '" x2="'
                yield escape(environment.getattr(l_2_lane, 'x2'))
                yield '" y1="'
                yield escape(environment.getattr(l_2_lane, 'y'))
                yield '" y2="'
                yield escape(environment.getattr(l_2_lane, 'y'))
                yield '" stroke="'
                yield escape(('#2b6cb0' if environment.getattr(l_2_loop, 'first') else '#805ad5'))
                yield '" stroke-width="3"/>\n      <circle cx="'
                yield escape(environment.getattr(l_2_lane, 'x1'))
                yield '" cy="'
                yield escape(environment.getattr(l_2_lane, 'y'))
                yield '" r="4" fill="#fff" stroke="'
                yield escape(('#2b6cb0' if environment.getattr(l_2_loop, 'first') else '#805ad5'))
                yield '" stroke-width="2"><title>'
                yield escape(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'first: {level}', _loop_vars=_loop_vars), 'format'), level=environment.getattr(l_2_lane, 'start'), _loop_vars=_loop_vars))
                yield '</title></circle>\n      <circle cx="'
                yield escape(environment.getattr(l_2_lane, 'x2'))
                yield '" cy="'
                yield escape(environment.getattr(l_2_lane, 'y'))
                yield '" r="5" fill="'
                yield escape(('#2b6cb0' if environment.getattr(l_2_loop, 'first') else '#805ad5'))
                yield '"><title>'
                yield escape(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'latest: {level}', _loop_vars=_loop_vars), 'format'), level=environment.getattr(l_2_lane, 'end'), _loop_vars=_loop_vars))
                yield '</title></circle>\n      <text x="212" y="'
                yield escape((environment.getattr(l_2_lane, 'y') + 4))
                yield '">'
                yield escape(environment.getattr(l_2_lane, 'label'))
                yield '</text>\n'
            l_2_loop = l_2_lane = missing
            yield '    </svg>\n  </div>\n'
        l_1_loop = l_1_skill = missing
        if (undefined(name='gaps') if l_0_gaps is missing else l_0_gaps):
            pass
            yield '<p>'
            yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Where the views differ (the latest ratings in the period):'))
            yield '</p>\n  <ul>'
            for l_1_gap in (undefined(name='gaps') if l_0_gaps is missing else l_0_gaps):
                _loop_vars = {}
                pass
                yield '<li>'
                yield escape(t_2(context.call(environment.getattr(l_1_gap, 'sentence'), _loop_vars=_loop_vars)))
                yield '</li>'
            l_1_gap = missing
            yield '</ul>'
        yield '</section>\n'
    yield '\n'
    l_1_loop = missing
    for l_1_part, l_1_loop in LoopContext((undefined(name='parts') if l_0_parts is missing else l_0_parts), undefined):
        l_1_word = resolve('word')
        l_1_f = resolve('f')
        l_1_health_lines = resolve('health_lines')
        l_1_concerns = resolve('concerns')
        l_1_verdict_word = resolve('verdict_word')
        _loop_vars = {}
        pass
        yield '<section class="person" id="person-'
        yield escape(environment.getattr(l_1_loop, 'index'))
        yield '">\n  <h2>'
        if environment.getattr(l_1_part, 'name'):
            pass
            yield escape(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'With {name}', _loop_vars=_loop_vars), 'format'), name=t_2(environment.getattr(l_1_part, 'name')), _loop_vars=_loop_vars))
            yield ' <span class="muted">('
            yield escape(context.call((undefined(name='word') if l_1_word is missing else l_1_word), environment.getattr(l_1_part, 'role'), _loop_vars=_loop_vars))
            yield ')</span>'
        else:
            pass
            yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Not with anyone', _loop_vars=_loop_vars))
        yield '</h2>\n'
        if environment.getattr(l_1_part, 'figures'):
            pass
            l_1_f = environment.getattr(l_1_part, 'figures')
            _loop_vars['f'] = l_1_f
            yield '  <p class="muted">'
            if environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'expected'):
                pass
                yield escape(context.call(environment.getattr(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), '{count} session of {expected} expected', '{count} sessions of {expected} expected', environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'sessions'), _loop_vars=_loop_vars), 'format'), count=environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'sessions'), expected=environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'expected'), _loop_vars=_loop_vars))
            else:
                pass
                yield escape(context.call(environment.getattr(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), '{count} session', '{count} sessions', environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'sessions'), _loop_vars=_loop_vars), 'format'), count=environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'sessions'), _loop_vars=_loop_vars))
            if (not t_7(environment.getattr(environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'confidence'), 'first'))):
                pass
                yield ' · '
                yield escape(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'confidence {first} → {last} (average {average})', _loop_vars=_loop_vars), 'format'), first=environment.getattr(environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'confidence'), 'first'), last=environment.getattr(environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'confidence'), 'last'), average=context.call((undefined(name='decimal') if l_0_decimal is missing else l_0_decimal), environment.getattr(environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'confidence'), 'average'), _loop_vars=_loop_vars), _loop_vars=_loop_vars))
            yield ' · '
            yield escape(context.call(environment.getattr(context.call((undefined(name='ngettext') if l_0_ngettext is missing else l_0_ngettext), '{open} open action items', '{open} open action items', environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'open'), _loop_vars=_loop_vars), 'format'), open=environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'open'), _loop_vars=_loop_vars))
            if environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'overdue'):
                pass
                yield ', <span class="overdue">'
                yield escape(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), '{overdue} overdue', _loop_vars=_loop_vars), 'format'), overdue=environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'overdue'), _loop_vars=_loop_vars))
                yield '</span>'
            yield '</p>\n'
        if environment.getattr(l_1_part, 'health'):
            pass
            l_1_concerns = context.call((undefined(name='health_lines') if l_1_health_lines is missing else l_1_health_lines), environment.getattr(l_1_part, 'health'), _loop_vars=_loop_vars)
            _loop_vars['concerns'] = l_1_concerns
            yield '  <div class="health"><p>'
            yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Health:', _loop_vars=_loop_vars))
            yield ' <span class="verdict-'
            yield escape(t_5(context.eval_ctx, environment.getattr(environment.getattr(l_1_part, 'health'), 'overall'), ' ', '-'))
            yield '">'
            yield escape(context.call((undefined(name='verdict_word') if l_1_verdict_word is missing else l_1_verdict_word), environment.getattr(environment.getattr(l_1_part, 'health'), 'overall'), _loop_vars=_loop_vars))
            yield '</span>'
            if (not (undefined(name='concerns') if l_1_concerns is missing else l_1_concerns)):
                pass
                yield ' '
                yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'in every respect', _loop_vars=_loop_vars))
            yield '</p>\n'
            if (undefined(name='concerns') if l_1_concerns is missing else l_1_concerns):
                pass
                yield '<ul>'
                for (l_2_label, l_2_level, l_2_reason) in (undefined(name='concerns') if l_1_concerns is missing else l_1_concerns):
                    _loop_vars = {}
                    pass
                    yield '<li>'
                    yield escape(t_2(l_2_label))
                    yield ': <span class="verdict-'
                    yield escape(t_5(context.eval_ctx, l_2_level, ' ', '-'))
                    yield '">'
                    yield escape(context.call((undefined(name='verdict_word') if l_1_verdict_word is missing else l_1_verdict_word), l_2_level, _loop_vars=_loop_vars))
                    yield '</span> — '
                    yield escape(t_2(l_2_reason))
                    yield '</li>'
                l_2_label = l_2_level = l_2_reason = missing
                yield '</ul>'
            yield '</div>\n'
        if environment.getattr(l_1_part, 'goals'):
            pass
            yield '  <h3>'
            yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Goals', _loop_vars=_loop_vars))
            yield '</h3>\n'
            for l_2_goal in environment.getattr(l_1_part, 'goals'):
                _loop_vars = {}
                pass
                yield '  <div class="goal'
                yield escape((' milestone' if environment.getattr(l_2_goal, 'depth') else ''))
                yield '" style="'
                yield escape((('padding-left: %.1frem' % (environment.getattr(l_2_goal, 'depth') * 1.25)) if environment.getattr(l_2_goal, 'depth') else ''))
                yield '">\n    <div class="name">'
                yield escape(('└ ' if environment.getattr(l_2_goal, 'depth') else ''))
                yield '<strong>'
                yield escape(t_2(environment.getattr(l_2_goal, 'title')))
                yield '</strong> <span class="muted">'
                yield escape(context.call((undefined(name='word') if l_1_word is missing else l_1_word), environment.getattr(l_2_goal, 'status'), _loop_vars=_loop_vars))
                if environment.getattr(l_2_goal, 'target'):
                    pass
                    yield ', '
                    yield escape(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'target {day}', _loop_vars=_loop_vars), 'format'), day=context.call((undefined(name='day_text') if l_0_day_text is missing else l_0_day_text), environment.getattr(l_2_goal, 'target'), _loop_vars=_loop_vars), _loop_vars=_loop_vars))
                yield '</span>\n'
                for l_3_move in environment.getattr(l_2_goal, 'moves'):
                    _loop_vars = {}
                    pass
                    yield '<div class="muted">'
                    yield escape(context.call((undefined(name='day_text') if l_0_day_text is missing else l_0_day_text), environment.getattr(l_3_move, 'date'), _loop_vars=_loop_vars))
                    yield ': '
                    yield escape(environment.getattr(l_3_move, 'progress_before'))
                    yield '% → '
                    yield escape(environment.getattr(l_3_move, 'progress'))
                    yield '%'
                    if environment.getattr(l_3_move, 'note'):
                        pass
                        yield ' — '
                        yield escape(t_2(environment.getattr(l_3_move, 'note')))
                    yield '</div>'
                l_3_move = missing
                yield '    </div>\n    <svg class="goal-chart" viewBox="0 0 260 14" role="img" aria-label="'
                yield escape(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), '{start}% to {end}%', _loop_vars=_loop_vars), 'format'), start=environment.getattr(l_2_goal, 'start'), end=environment.getattr(l_2_goal, 'end'), _loop_vars=_loop_vars))
                yield '">\n      <rect x="0" y="2" width="220" height="10" rx="5" fill="#d9e2ec"/>\n      <rect x="0" y="2" width="'
                yield escape(t_6(((220 * environment.getattr(l_2_goal, 'end')) / 100), 1))
                yield '" height="10" rx="5" fill="#2b6cb0"/>\n      <rect x="'
                yield escape(t_6(((220 * environment.getattr(l_2_goal, 'start')) / 100), 1))
                yield '" y="0" width="2" height="14" fill="#1f2933"/>\n      <text x="226" y="11">'
                yield escape(environment.getattr(l_2_goal, 'end'))
                yield '%</text>\n    </svg>\n    <div>'
                yield escape(environment.getattr(l_2_goal, 'start'))
                yield '% → <strong>'
                yield escape(environment.getattr(l_2_goal, 'end'))
                yield '%</strong></div>\n  </div>\n'
            l_2_goal = missing
        if environment.getattr(l_1_part, 'sessions'):
            pass
            yield '  <h3>'
            yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Sessions', _loop_vars=_loop_vars))
            yield '</h3>\n'
            for l_2_session in environment.getattr(l_1_part, 'sessions'):
                l_2_session_html = resolve('session_html')
                _loop_vars = {}
                pass
                yield escape(context.call((undefined(name='session_html') if l_2_session_html is missing else l_2_session_html), l_2_session, (not environment.getattr(l_1_part, 'name')), _loop_vars=_loop_vars))
            l_2_session = l_2_session_html = missing
        if (environment.getattr(l_1_part, 'open') or environment.getattr(l_1_part, 'done')):
            pass
            yield '  <h3>'
            yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Action items', _loop_vars=_loop_vars))
            yield '</h3>\n  <ul class="actions">\n'
            for l_2_action in environment.getattr(l_1_part, 'open'):
                l_2_owner_words = resolve('owner_words')
                l_2_late = missing
                _loop_vars = {}
                pass
                l_2_late = (environment.getattr(l_2_action, 'due') and (environment.getattr(l_2_action, 'due') < context.call(environment.getattr(environment.getattr((undefined(name='review') if l_0_review is missing else l_0_review), 'today'), 'isoformat'), _loop_vars=_loop_vars)))
                _loop_vars['late'] = l_2_late
                yield '<li>☐ '
                yield escape(t_2(environment.getattr(l_2_action, 'text')))
                yield ' <span class="'
                yield escape(('overdue' if (undefined(name='late') if l_2_late is missing else l_2_late) else 'muted'))
                yield '">('
                if environment.getattr(l_2_action, 'due'):
                    pass
                    yield escape(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'due {day}', _loop_vars=_loop_vars), 'format'), day=context.call((undefined(name='day_text') if l_0_day_text is missing else l_0_day_text), environment.getattr(l_2_action, 'due'), _loop_vars=_loop_vars), _loop_vars=_loop_vars))
                else:
                    pass
                    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'no due date', _loop_vars=_loop_vars))
                yield '; '
                yield escape(t_2(context.call((undefined(name='owner_words') if l_2_owner_words is missing else l_2_owner_words), l_2_action, _loop_vars=_loop_vars)))
                if (undefined(name='late') if l_2_late is missing else l_2_late):
                    pass
                    yield '; '
                    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'overdue', _loop_vars=_loop_vars))
                yield ')</span></li>'
            l_2_action = l_2_late = l_2_owner_words = missing
            for l_2_action in environment.getattr(l_1_part, 'done'):
                l_2_owner_words = resolve('owner_words')
                _loop_vars = {}
                pass
                yield '<li>✓ '
                yield escape(t_2(environment.getattr(l_2_action, 'text')))
                yield ' <span class="muted">('
                yield escape(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'done {day}', _loop_vars=_loop_vars), 'format'), day=t_1(environment.getattr(l_2_action, 'done_at')), _loop_vars=_loop_vars))
                yield '; '
                yield escape(t_2(context.call((undefined(name='owner_words') if l_2_owner_words is missing else l_2_owner_words), l_2_action, _loop_vars=_loop_vars)))
                yield ')</span></li>'
            l_2_action = l_2_owner_words = missing
            yield '  </ul>\n'
        yield '</section>\n'
    l_1_loop = l_1_part = l_1_word = l_1_f = l_1_health_lines = l_1_concerns = l_1_verdict_word = missing
    if environment.getattr((undefined(name='review') if l_0_review is missing else l_0_review), 'done_more'):
        pass
        yield '<p class="muted">'
        yield escape(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), '{count} earlier done action items not listed; the latest {listed} are.'), 'format'), count=environment.getattr((undefined(name='review') if l_0_review is missing else l_0_review), 'done_more'), listed=t_4(environment.getattr((undefined(name='review') if l_0_review is missing else l_0_review), 'actions_done'))))
        yield '</p>'
    if environment.getattr((undefined(name='review') if l_0_review is missing else l_0_review), 'open_more'):
        pass
        yield '<p class="muted">'
        yield escape(context.call(environment.getattr(context.call((undefined(name='_') if l_0__ is missing else l_0__), '…and {count} more open action items.'), 'format'), count=environment.getattr((undefined(name='review') if l_0_review is missing else l_0_review), 'open_more')))
        yield '</p>'
    yield '\n<section id="reflections">\n  <h2>'
    yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Reflections'))
    yield '</h2>\n'
    t_9 = 1
    for l_1_reflection in environment.getattr((undefined(name='review') if l_0_review is missing else l_0_review), 'reflections'):
        _loop_vars = {}
        pass
        yield '  <article class="session"><h3>'
        yield escape(context.call((undefined(name='day_text') if l_0_day_text is missing else l_0_day_text), environment.getattr(l_1_reflection, 'date'), _loop_vars=_loop_vars))
        if environment.getattr(l_1_reflection, 'with_name'):
            pass
            yield ' · '
            yield escape(t_2(environment.getattr(l_1_reflection, 'with_name')))
        yield '</h3><div class="text">'
        yield escape(t_2(environment.getattr(l_1_reflection, 'text')))
        yield '</div></article>\n'
        t_9 = 0
    l_1_reflection = missing
    if t_9:
        pass
        yield '<p class="muted">'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'No reflections in this period.'))
        yield '</p>'
    yield '</section>\n'
    if environment.getattr((undefined(name='review') if l_0_review is missing else l_0_review), 'topics'):
        pass
        yield '<section id="topics">\n  <h2>'
        yield escape(context.call((undefined(name='_') if l_0__ is missing else l_0__), 'Open topics for the next meetings'))
        yield '</h2>\n  <ul>'
        for l_1_topic in environment.getattr((undefined(name='review') if l_0_review is missing else l_0_review), 'topics'):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(t_2(environment.getattr(l_1_topic, 'with_name')))
            yield ': '
            yield escape(t_2(environment.getattr(l_1_topic, 'text')))
            yield '</li>'
        l_1_topic = missing
        yield '</ul>\n</section>\n'
    yield '</body>\n</html>'

blocks = {}
debug_info = '2=68&7=70&47=72&48=74&49=78&50=95&54=101&56=103&57=112&58=118&59=128&60=134&62=142&64=162&65=164&66=168&67=172&68=184&69=194&73=200&75=203&76=206&77=218&78=222&79=237&80=241&81=245&88=261&89=266&90=271&92=274&93=276&94=279&96=283&97=292&98=301&99=311&100=315&101=319&102=329&103=337&104=345&109=352&110=357&114=368&115=377&116=379&117=389&118=394&120=412&121=417&122=428&124=446&125=449&126=451&127=455&128=459&129=469&131=486&133=488&134=490&135=492&137=494&141=499&142=502&143=504&145=510&146=513&148=515&149=541&154=556&155=561&158=567&159=570&160=574&161=587&163=590&165=593&166=595'
