"""What a user meets first on the command line: readable help, completion, `newsevents config`,
progress totals, the evidence column. No model: the app is built and run in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents.cli.app import build_app
from newsevents.cli.progress import count_documents
from newsevents.output import trigger_spans, write_events
from newsevents.settings import ReadSettings
from newsevents.types import Actor, Coder, Event


def _invoke(*args: str) -> object:
    return CliRunner().invoke(build_app(), list(args))


@pytest.mark.parametrize("command", ["code", "extract", "ingest", "events", "sql", "export", "failures",
                                     "serve", "eval", "config"])
def test_help_shows_values_not_python_types(command: str) -> None:
    done = _invoke(command, "--help")
    assert done.exit_code == 0
    for python_type in ("<list[str]>", "<list[Path]>", "<bool>", "<str>", "<int", "<file>", "<path>"):
        assert python_type not in done.stdout, (command, python_type)
    assert "docs/" not in done.stdout  # installed users have no docs/ folder


def test_code_help_names_its_inputs_and_values() -> None:
    out = _invoke("code", "--help").stdout
    assert "[INPUT]..." in out and "INPUT: files" in out
    assert "--date YYYY-MM-DD" in out and "--actors FILE" in out and "--workers N" in out


def test_global_options_and_completion_are_offered() -> None:
    out = _invoke("--help").stdout
    for option in ("-q, --quiet", "-v, --verbose", "--install-completion", "--show-completion"):
        assert option in out
    assert _invoke("-q", "-v", "config").exit_code == 2
    # The installed command itself, asked for its bash script the way the installed completion asks it.
    # --show-completion takes no value: it names the shell it detects among its parent processes, which
    # under make or CI is sh, not bash.
    command = Path(sys.executable).with_name("newsevents")
    script = subprocess.run([str(command)], capture_output=True, text=True, timeout=120, check=False,
                            env={**os.environ, "_NEWSEVENTS_COMPLETE": "source_bash"})
    assert script.returncode == 0, script.stderr
    assert "complete -o default" in script.stdout
    assert "_NEWSEVENTS_COMPLETE=complete_bash" in script.stdout


def test_config_says_where_each_value_came_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings_file = tmp_path / "mine.toml"
    settings_file.write_text("[serve]\nport = 8111\n", encoding="utf-8")
    monkeypatch.setenv("NEWSEVENTS_CONFIG", str(settings_file))
    monkeypatch.setenv("NEWSEVENTS_API_TOKEN", "do-not-print-me")
    done = _invoke("config")
    assert done.exit_code == 0
    out = done.stdout
    assert f"# settings file: {settings_file}" in out
    assert f"port = 8111  # file {settings_file}" in out
    assert 'host = "127.0.0.1"  # default' in out
    assert "# model = (not set)  # default" in out
    assert "do-not-print-me" not in out and "env NEWSEVENTS_API_TOKEN" in out
    as_json = json.loads(_invoke("config", "--format", "json").stdout)
    assert as_json["settings"]["serve.port"] == {"value": 8111, "origin": f"file {settings_file}"}


def test_config_output_is_a_settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tomllib

    monkeypatch.delenv("NEWSEVENTS_API_TOKEN", raising=False)
    saved = tmp_path / "config.toml"
    saved.write_text(_invoke("config").stdout, encoding="utf-8")
    data = tomllib.loads(saved.read_text(encoding="utf-8"))
    assert data["serve"]["port"] == 8000 and data["read"]["extensions"] == [".txt", ".html", ".htm", ".jsonl"]
    assert _invoke("config", "--config", str(saved)).exit_code == 0


def test_a_bad_settings_file_points_at_newsevents_config(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[serve]\nport = 0\n", encoding="utf-8")
    done = _invoke("config", "--config", str(bad))
    assert done.exit_code != 0
    assert "newsevents config" in str(done.exception) and "docs/settings.md" not in str(done.exception)


def test_inputs_are_counted_when_cheap(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>Two.</p>", encoding="utf-8")
    (tmp_path / "sub" / ".hidden.txt").write_text("no", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an input kind", encoding="utf-8")
    records = tmp_path / "many.jsonl"
    records.write_text("".join(json.dumps({"id": str(i), "text": "x"}) + "\n" for i in range(5)), encoding="utf-8")
    settings = ReadSettings()
    assert count_documents([str(tmp_path / "a.txt"), str(tmp_path / "sub")], settings) == 2
    assert count_documents([str(records), "https://example.org/a"], settings) == 6
    assert count_documents([str(tmp_path)], settings) == 2 + 5
    assert count_documents(["-"], settings) is None


def _event(sentence: str, trigger: str, begin: int, end: int) -> Event:
    """An event whose trigger runs from ``begin`` to ``end`` in ``sentence``, 100 characters into its article."""
    start = 100
    return Event(doc_id="d", event_id="d:0", sentence_index=0, sentence=sentence, char_start=start,
                 char_end=start + len(sentence), trigger=trigger, trigger_start=start + begin,
                 trigger_end=start + end, cameo="036", plover_type="AGREE", plover_mode=None,
                 goldstein=4.0, quad_class=1, modality="asserted", source=Actor("Turkey", "Turkey", "TUR", None, "TUR"),
                 target=None, date=date(2025, 9, 18), location=None, coder=Coder("newsevents-rules", "1"))


def test_the_table_shows_the_sentence_with_its_trigger(tmp_path: Path) -> None:
    sentence = "Turkey offered on Monday to host a new round of talks."
    e = _event(sentence, "offered to host talks", sentence.index("offered"), sentence.index("talks") + 5)
    assert [e.sentence[a:b] for a, b in trigger_spans(e)] == ["offered", "to host", "talks"]
    # the trigger's own offsets pick the right "met" (not the one inside "Ahmet", nor an earlier one)
    sentence = "Ahmet said they met, and the envoys met again on Friday."
    at = sentence.index("met again")
    twice = _event(sentence, "met", at, at + 3)
    assert [(a, twice.sentence[a:b]) for a, b in trigger_spans(twice)] == [(at, "met")]
    with (tmp_path / "out.txt").open("w", encoding="utf-8") as out:
        assert write_events([e], "table", out) == 1
    table = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert "[offered] on Monday [to host] a new round of [talks]." in table
    assert " d " not in table  # the evidence is the sentence, not the document id
    assert table.rstrip().endswith("1 event")
