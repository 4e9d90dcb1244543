from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.errors import SettingsError
from newsevents.settings import Settings, load_settings, load_settings_explained, user_config_file


def test_defaults_without_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSEVENTS_CONFIG", raising=False)
    monkeypatch.delenv("NEWSEVENTS_API_TOKEN", raising=False)
    assert load_settings() == Settings()


def test_file_then_overrides_layer_over_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSEVENTS_API_TOKEN", raising=False)
    f = tmp_path / "s.toml"
    f.write_text("[read]\nmax_bytes = 1234\n[serve]\nport = 9000\n", encoding="utf-8")
    s = load_settings(f, overrides={"serve": {"port": 9100, "host": None}})
    assert s.read.max_bytes == 1234
    assert s.serve.port == 9100  # the flag wins over the file
    assert s.serve.host == "127.0.0.1"  # None means "not given"
    assert s.read.http_timeout_s == Settings().read.http_timeout_s


def test_environment_names_the_file_and_the_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "s.toml"
    f.write_text("[nlp]\nbatch_size = 8\n", encoding="utf-8")
    monkeypatch.setenv("NEWSEVENTS_CONFIG", str(f))
    monkeypatch.setenv("NEWSEVENTS_API_TOKEN", "secret")
    s = load_settings()
    assert s.nlp.batch_size == 8 and s.serve.token == "secret"


@pytest.mark.parametrize("content", ["[read]\nmax_bytes = -1\n", "[read]\nmax_byte = 10\n", "[read\n"])
def test_bad_files_are_refused_with_a_clear_error(tmp_path: Path, content: str) -> None:
    f = tmp_path / "bad.toml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(SettingsError) as info:
        load_settings(f)
    assert "bad.toml" in str(info.value) or "read" in str(info.value)
    assert info.value.code == "E002"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="does not exist"):
        load_settings(tmp_path / "nope.toml")


def test_settings_are_frozen() -> None:
    s = Settings()
    with pytest.raises(Exception):  # noqa: B017 - pydantic raises its ValidationError for frozen models
        s.read.max_bytes = 3  # type: ignore[misc]


# -- where the settings file is found (docs/settings.md) -------------------------------------------------


def _user_file(root: Path, text: str) -> Path:
    path = root / "newsevents" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_xdg_config_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSEVENTS_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    path = _user_file(tmp_path, "[serve]\nport = 8111\n")
    explained = load_settings_explained()
    assert explained.settings.serve.port == 8111
    assert explained.file == path
    assert explained.origins["serve.port"] == f"file {path}"
    assert explained.origins["serve.host"] == "default"


def test_without_xdg_config_home_the_file_is_under_dot_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSEVENTS_CONFIG", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    _user_file(tmp_path / ".config", "[nlp]\nbatch_size = 16\n")
    assert load_settings().nlp.batch_size == 16


def test_a_relative_xdg_config_home_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/dir")
    assert user_config_file() == tmp_path / "home" / ".config" / "newsevents" / "config.toml"


def test_newsevents_config_wins_over_the_xdg_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    _user_file(tmp_path / "xdg", "[serve]\nport = 8111\n")
    chosen = tmp_path / "chosen.toml"
    chosen.write_text("[serve]\nport = 8222\n", encoding="utf-8")
    monkeypatch.setenv("NEWSEVENTS_CONFIG", str(chosen))
    explained = load_settings_explained()
    assert explained.settings.serve.port == 8222 and explained.file == chosen
    # --config wins over both
    flag = tmp_path / "flag.toml"
    flag.write_text("[serve]\nport = 8333\n", encoding="utf-8")
    assert load_settings(flag).serve.port == 8333


def test_no_file_anywhere_means_defaults_and_says_where_it_looked(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSEVENTS_CONFIG", raising=False)
    monkeypatch.delenv("NEWSEVENTS_API_TOKEN", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    explained = load_settings_explained()
    assert explained.file is None and explained.settings == Settings()
    assert set(explained.origins.values()) == {"default"}
    assert any(str(tmp_path / "newsevents" / "config.toml") in place for place in explained.searched)


def test_origins_name_the_environment_and_flags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSEVENTS_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("NEWSEVENTS_API_TOKEN", "secret")
    explained = load_settings_explained(overrides={"store": {"path": tmp_path / "x.duckdb"}})
    assert explained.origins["serve.token"] == "env NEWSEVENTS_API_TOKEN"
    assert explained.origins["store.path"] == "flag"


def test_an_invalid_value_points_at_newsevents_config(tmp_path: Path) -> None:
    f = tmp_path / "bad.toml"
    f.write_text("[serve]\nport = 0\n", encoding="utf-8")
    with pytest.raises(SettingsError) as info:
        load_settings(f)
    assert "newsevents config" in str(info.value) and "docs/" not in str(info.value)
