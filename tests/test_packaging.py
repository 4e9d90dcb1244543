"""What the package says about itself: its version on the command line, the Pythons it accepts, its licence."""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

from typer.testing import CliRunner

import newsevents
from newsevents.cli.app import build_app

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_version_prints_the_installed_version_and_exits() -> None:
    done = CliRunner().invoke(build_app(), ["--version"])
    assert done.exit_code == 0
    assert done.stdout.strip() == f"newsevents {version('newsevents')}"
    assert version("newsevents") == newsevents.__version__  # pyproject reads it from there


def test_the_pythons_accepted_are_the_pythons_listed() -> None:
    assert PROJECT["requires-python"] == ">=3.11,<3.14"
    prefix = "Programming Language :: Python :: 3."
    listed = {c.rsplit(" :: ", 1)[1] for c in PROJECT["classifiers"] if c.startswith(prefix)}
    assert listed == {"3.11", "3.12", "3.13"}


def test_the_licence_is_an_spdx_expression_with_its_files() -> None:
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE", "NOTICE"]
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "CC BY 4.0" in (ROOT / "NOTICE").read_text(encoding="utf-8")  # GeoNames' terms, where its data ships
