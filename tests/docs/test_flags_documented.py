"""Every flag of every command is documented in its own section of docs/cli.md (`--config`, which every
command takes, once at the top)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from newsevents.cli.app import build_app

CLI_DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
EVERYWHERE = {"--config"}  # documented once, for every command, above the sections


def _sections() -> dict[str, str]:
    text = CLI_DOC.read_text(encoding="utf-8")
    parts = re.split(r"^## newsevents (\S+)\s*$", text, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _flags() -> list[tuple[str, str]]:
    command = typer.main.get_command(build_app())
    return [(name, opt) for name, sub in command.commands.items() for param in sub.params  # type: ignore[attr-defined]
            for opt in param.opts if opt.startswith("-") and opt not in EVERYWHERE]


@pytest.mark.parametrize(("command", "flag"), _flags())
def test_every_flag_is_documented_in_its_commands_section(command: str, flag: str) -> None:
    section = _sections().get(command, "")
    assert re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", section), f"{flag} of newsevents {command}"
