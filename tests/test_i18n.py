"""German (issue 16): which language a command speaks, and a catalogue that is complete and current."""

from __future__ import annotations

import gettext
from io import BytesIO

import pytest

from mentorlog.base import i18n
from tools import catalog


@pytest.mark.parametrize(
    ("configured", "environ", "expected"),
    [
        (None, {}, "en"),
        ("de", {"LANG": "en_US.UTF-8"}, "de"),  # the config wins over the locale
        ("en", {"MENTORLOG_LANG": "de"}, "en"),  # and over MENTORLOG_LANG
        (None, {"MENTORLOG_LANG": "de", "LANG": "en_GB.UTF-8"}, "de"),
        (None, {"LANG": "de_AT.UTF-8"}, "de"),
        (None, {"LC_ALL": "C.UTF-8", "LANG": "de_DE.UTF-8"}, "en"),  # LC_ALL set: it decides, as in the C library
        (None, {"LC_MESSAGES": "de_CH.UTF-8"}, "de"),
        (None, {"LANG": "fr_FR.UTF-8"}, "en"),  # no French catalogue: English
        (None, {"MENTORLOG_LANG": "", "LANG": "de_DE"}, "de"),  # an empty variable is not set
    ],
)
def test_the_language_comes_from_the_config_then_the_environment(
    configured: str | None, environ: dict[str, str], expected: str
) -> None:
    assert i18n.choose(configured, environ) == expected


def test_every_message_has_its_german_and_the_compiled_catalogue_is_current() -> None:
    """Fails when a message in the code (or a template) has no German, or the .mo was not rebuilt."""
    assert catalog.problems() == []


def test_the_catalogue_knows_german_plurals_at_0_1_and_2() -> None:
    translations = gettext.GNUTranslations(BytesIO(catalog.MO_FILE.read_bytes()))
    assert translations.info()["plural-forms"] == "nplurals=2; plural=(n != 1);"
    plurals = [m for m in catalog.extract().values() if m.plural]
    assert len(plurals) >= 3
    for message in plurals:
        assert message.plural is not None
        one, many = (
            translations.ngettext(message.msgid, message.plural, 1),
            translations.ngettext(message.msgid, message.plural, 2),
        )
        assert translations.ngettext(message.msgid, message.plural, 0) == many  # "0 Sitzungen", as in English
        assert one != message.msgid and many != message.plural, message.msgid


def test_the_product_reads_the_catalogue_without_babel() -> None:
    """Babel builds and checks the catalogue; the installed command only needs the standard library's gettext."""
    import subprocess
    import sys

    code = (
        "import sys; from mentorlog.base import i18n; i18n.use('de'); "
        "assert i18n._('Show this message and exit.') != 'Show this message and exit.'; "
        "print(any(name.startswith('babel') for name in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
