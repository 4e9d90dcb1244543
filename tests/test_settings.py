from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.errors import SettingsError
from newsevents.settings import Settings, load_settings


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
