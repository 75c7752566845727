"""Start-up shortcuts must give what the slower general way gives."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from mentorlog.base import config

CASES = [
    {"HOME": "/home/ana"},
    {"HOME": "/home/ana/", "XDG_CONFIG_HOME": "/srv/conf", "XDG_DATA_HOME": "/srv/data", "XDG_CACHE_HOME": "/srv/c"},
    {"HOME": "/home/ana", "XDG_CONFIG_HOME": "relative/conf", "XDG_DATA_HOME": "", "XDG_CACHE_HOME": "relative"},
    {"HOME": "/root"},
]


@pytest.mark.skipif(sys.platform != "linux", reason="the shortcut is Linux's; elsewhere platformdirs decides")
@pytest.mark.parametrize("env", CASES)
def test_the_default_folders_are_platformdirs_own(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> None:
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "MENTORLOG_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert (
        config.config_path(config.Environment.read()) == Path(platformdirs.user_config_dir("mentorlog")) / "config.toml"
    )
    assert config.default_db_path() == Path(platformdirs.user_data_dir("mentorlog")) / "mentorlog.db"
    assert config.cache_folder() == Path(platformdirs.user_cache_dir("mentorlog"))


def test_without_a_usable_home_platformdirs_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "relative")
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("MENTORLOG_CONFIG", raising=False)
    assert config._xdg_home("XDG_CONFIG_HOME", "~/.config") is None
