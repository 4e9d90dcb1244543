"""`newsevents config`: the settings in effect, each with where its value came from.

The output is a TOML settings file (values that are not set are left as comments), so it can be saved
and edited: ``newsevents config > ~/.config/newsevents/config.toml``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from ..settings import Settings, load_settings_explained
from .common import CONFIG_OPTION

_SECRET = {"serve.token"}


def config(
    config: Path | None = CONFIG_OPTION,
    fmt: str = typer.Option("toml", "--format", metavar="FORMAT", help="toml (commented) or json."),
) -> None:
    """Print the settings in effect and where each came from: default, a settings file, the environment."""
    if fmt not in ("toml", "json"):
        raise typer.BadParameter(f"{fmt!r}: choose toml or json", param_hint="--format")
    explained = load_settings_explained(config)
    settings, origins = explained.settings, explained.origins
    if fmt == "json":
        out = {"file": str(explained.file) if explained.file else None, "searched": list(explained.searched),
               "settings": {name: {"value": _shown(name, value), "origin": origins.get(name, "default")}
                            for name, value in _values(settings)}}
        sys.stdout.write(json.dumps(out, indent=1, default=str) + "\n")
        return
    lines = ["# newsevents settings in effect (`newsevents config --help`)",
             f"# settings file: {explained.file or 'none'}",
             *(f"#   looked at {place}" for place in explained.searched)]
    section = None
    for name, value in _values(settings):
        group, key = name.split(".", 1)
        if group != section:
            section = group
            lines += ["", f"[{group}]"]
        description = _description(settings, group, key)
        if description:
            lines.append(f"# {description}")
        origin = origins.get(name, "default")
        shown = _shown(name, value)
        lines.append(f"# {key} = (not set)  # {origin}" if shown is None else f"{key} = {_toml(shown)}  # {origin}")
    sys.stdout.write("\n".join(lines) + "\n")


def _values(settings: Settings) -> list[tuple[str, Any]]:
    return [(f"{section}.{key}", value) for section, fields in settings.model_dump().items()
            for key, value in fields.items()]


def _description(settings: Settings, section: str, key: str) -> str:
    model = type(getattr(settings, section))
    return model.model_fields[key].description or ""


def _shown(name: str, value: Any) -> Any:
    if name in _SECRET and value is not None:
        return "********"  # set, but never printed
    return value


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a TOML basic string is a JSON string


config.__doc__ = (f"{config.__doc__}\n\nSettings files are looked for in this order: --config FILE, "
                  "$NEWSEVENTS_CONFIG, $XDG_CONFIG_HOME/newsevents/config.toml (~/.config/newsevents/config.toml "
                  "when XDG_CONFIG_HOME is unset); the first found is read. $NEWSEVENTS_API_TOKEN sets serve.token.")


def register(app: typer.Typer) -> None:
    app.command("config")(config)
