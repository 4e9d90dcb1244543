"""Every setting and every command is documented (a change that adds one must document it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.cli.app import build_app
from newsevents.settings import Settings

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _setting_names() -> list[str]:
    names = []
    for section, field in Settings.model_fields.items():
        model = field.annotation
        assert model is not None
        names += [f"{section}.{name}" for name in model.model_fields]  # type: ignore[union-attr]
    return names


@pytest.mark.parametrize("name", _setting_names())
def test_every_setting_is_documented(name: str) -> None:
    assert f"`{name}`" in (DOCS / "settings.md").read_text(encoding="utf-8")


def _command_names() -> list[str]:
    app = build_app()
    return [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]


@pytest.mark.parametrize("name", _command_names())
def test_every_command_is_documented(name: str) -> None:
    assert f"newsevents {name}" in (DOCS / "cli.md").read_text(encoding="utf-8")
