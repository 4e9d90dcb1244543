"""Inputs that used to end, hang or silently spoil a run, each in one batch beside a good article, through
the real `newsevents code` and `newsevents ingest`: the good article's events are printed (or stored),
the bad input is named on stderr with its code and recorded in the store's failures table, the exit
status is 1 (0 where nothing failed), and there is no traceback. A hang fails on the subprocess timeout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pytest

from read.slow_server import serving_once, trickling

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "examples" / "ankara-talks.txt"
ARREST = "Police arrested twelve protesters in Nairobi on Tuesday after a march on parliament."
PROSE = ("The interior ministry said the protesters had blocked a road near the parliament building. "
         "Opposition leaders condemned the arrests and called for the release of everyone detained. ")

Events = list[dict[str, Any]]


@dataclass
class Case:
    inputs: list[str]
    failures: dict[str, str]  # the source named on stderr -> its code
    config: str = ""  # TOML laid over the defaults
    check_events: Callable[[Events], None] | None = None  # `code`: the events printed
    check_store: Callable[[duckdb.DuckDBPyConnection], None] | None = None  # `ingest`: the store written
    stored_sources: list[str] = field(default_factory=list)  # `ingest`: inputs that must be stored


def _records(path: Path, *records: dict[str, Any] | str) -> str:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return str(path)


def long_article(tmp: Path, stack: ExitStack) -> Case:
    # Over the model's max_length (1,000,000): English first (for the language check), then long words,
    # which parse quickly, then the sentence that holds the event, past the millionth character.
    text = PROSE * 60 + ("y" * 998 + ".\n") * 1010 + ARREST
    too_long = PROSE * 60 + ("z" * 998 + ".\n") * 1300
    path = _records(tmp / "long.jsonl", {"id": "long", "text": text, "date": "2025-05-06"},
                    {"id": "too-long", "text": too_long})

    def events(found: Events) -> None:
        (arrest,) = [e for e in found if e["doc_id"] == "long" and e["char_start"] > 1_000_000]
        assert text[arrest["char_start"]:arrest["char_end"]] == arrest["sentence"] == ARREST
        assert arrest["cameo"].startswith("17") and arrest["date"] == "2025-05-06"

    def store(db: duckdb.DuckDBPyConnection) -> None:
        start, sentence = db.execute("SELECT char_start, sentence FROM event_mentions WHERE doc_id = 'long' "
                                     "ORDER BY char_start DESC LIMIT 1").fetchone()  # type: ignore[misc]
        assert start > 1_000_000 and sentence == ARREST

    return Case([path], {f"{path}:2": "E102"}, "[nlp]\nmax_chars = 1_200_000\n", events, store, [f"{path}:1"])


def charsets(tmp: Path, stack: ExitStack) -> Case:
    body = f"<p>{PROSE} Caf\xe9 owners in S\xe3o Paulo said the police came at dawn.</p>".encode("cp1252")
    (tmp / "meta.html").write_bytes(b"<html><head><meta charset=base64></head><body>" + body + b"</body></html>")
    (tmp / "xml.html").write_bytes(b'<?xml version="1.0" encoding="punycode"?><html><body>' + body + b"</body></html>")
    (tmp / "ignored.html").write_bytes(b"<html><head><meta charset=punycode></head><body><p>" + ARREST.encode()
                                       + PROSE.encode() + b"</p></body></html>")  # UTF-8: the label is not used
    url = stack.enter_context(serving_once(b"<html><body>" + body + b"</body></html>", "text/html; charset=punycode"))
    failures = {str(tmp / "meta.html"): "E104", str(tmp / "xml.html"): "E104", url: "E104"}

    def events(found: Events) -> None:
        assert any(e["doc_id"].startswith("ignored-") and e["cameo"].startswith("17") for e in found)

    return Case([str(tmp / "meta.html"), str(tmp / "xml.html"), url, str(tmp / "ignored.html")], failures,
                check_events=events, stored_sources=[str(tmp / "ignored.html")])


def bad_url(tmp: Path, stack: ExitStack) -> Case:
    path = _records(tmp / "urls.jsonl", {"id": "ipv6", "text": ARREST, "url": "http://[::1/"},
                    {"id": "fine", "text": ARREST, "url": "https://news.example.org/fine"})

    def events(found: Events) -> None:
        assert {e["doc_id"] for e in found} >= {"fine"} and "ipv6" not in {e["doc_id"] for e in found}

    return Case([path], {f"{path}:1": "E110"}, check_events=events, stored_sources=[f"{path}:2"])


def deep_json(tmp: Path, stack: ExitStack) -> Case:
    path = _records(tmp / "deep.jsonl", "[" * 1000 + "]" * 1000, {"id": "fine", "text": ARREST})
    return Case([path], {f"{path}:1": "E106"}, stored_sources=[f"{path}:2"])


def impossible_dates(tmp: Path, stack: ExitStack) -> Case:
    path = _records(tmp / "dates.jsonl",
                    {"id": "year-zero", "text": "Police arrested twelve protesters in Nairobi on 0000-05-05.",
                     "date": "2025-05-06"},
                    {"id": "far-back", "text": "Police arrested twelve protesters 9999999999 days ago.",
                     "date": "2025-05-06"},
                    {"id": "last-day", "text": "Police will arrest the organisers tomorrow, the minister said.",
                     "date": "9999-12-31"})

    def events(found: Events) -> None:
        by_doc = {e["doc_id"]: e for e in found}
        assert {"year-zero", "far-back", "last-day"} <= set(by_doc)  # no article dropped
        for doc_id in ("year-zero", "far-back", "last-day"):
            assert by_doc[doc_id]["date"] is None and "so the event has no date" in by_doc[doc_id]["date_note"]

    def store(db: duckdb.DuckDBPyConnection) -> None:
        rows = db.execute("SELECT doc_id, date FROM event_mentions WHERE doc_id IN "
                          "('year-zero', 'far-back', 'last-day')").fetchall()
        assert {r[0] for r in rows} == {"year-zero", "far-back", "last-day"} and all(r[1] is None for r in rows)

    return Case([path], {}, check_events=events, check_store=store,
                stored_sources=[f"{path}:1", f"{path}:2", f"{path}:3"])


def special_files(tmp: Path, stack: ExitStack) -> Case:
    folder = tmp / "inbox"
    folder.mkdir()
    os.mkfifo(folder / "wire.txt")
    (folder / "note.txt").write_text(ARREST + "\n\n" + PROSE, encoding="utf-8")
    inputs = [str(folder)] + (["/dev/zero"] if Path("/dev/zero").exists() else [])
    failures = {str(folder / "wire.txt"): "E108", **({"/dev/zero": "E108"} if len(inputs) == 2 else {})}
    return Case(inputs, failures, stored_sources=[str(folder / "note.txt")])


def symlink_loop(tmp: Path, stack: ExitStack) -> Case:
    folder = tmp / "links"
    folder.mkdir()
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    return Case([str(folder)], {str(folder / "loop.txt"): "E109"})


def slow_url(tmp: Path, stack: ExitStack) -> Case:
    url = stack.enter_context(trickling("body", pause_s=0.5))
    return Case([url], {url: "E107"}, "[read]\nhttp_timeout_s = 10.0\nhttp_deadline_s = 2.0\n")


def invisible_characters(tmp: Path, stack: ExitStack) -> Case:
    hidden = ARREST.replace("arrested", "arr\u00adested").replace("protesters", "pro\u200btesters") \
        .replace("Nairobi", "\u202aNairobi\u202c")
    (tmp / "hidden.txt").write_text(hidden + "\n\n" + PROSE, encoding="utf-8")

    def events(found: Events) -> None:
        arrests = [e for e in found if e["doc_id"].startswith("hidden-") and e["cameo"].startswith("17")]
        assert arrests and " ".join(arrests[0]["sentence"].split()) == ARREST  # the words whole again
        assert arrests[0]["target"] is not None

    return Case([str(tmp / "hidden.txt")], {}, check_events=events, stored_sources=[str(tmp / "hidden.txt")])


def windows_1252(tmp: Path, stack: ExitStack) -> Case:
    text = f"{ARREST} \u201cWe will not be silenced,\u201d said Jos\xe9 Mu\xf1oz, a student.\n\n{PROSE}"
    (tmp / "cp1252.txt").write_bytes(text.encode("cp1252"))

    def events(found: Events) -> None:
        mine = [e for e in found if e["doc_id"].startswith("cp1252-")]
        assert any(e["sentence"] == ARREST for e in mine)

    return Case([str(tmp / "cp1252.txt")], {}, check_events=events, stored_sources=[str(tmp / "cp1252.txt")])


CASES: dict[str, Callable[[Path, ExitStack], Case]] = {
    "long article": long_article, "charsets": charsets, "bad url": bad_url, "deep json": deep_json,
    "impossible dates": impossible_dates, "fifo and device": special_files, "symlink loop": symlink_loop,
    "slow url": slow_url, "invisible characters": invisible_characters, "windows-1252 text": windows_1252,
}


@pytest.fixture()
def stack() -> Iterator[ExitStack]:
    with ExitStack() as s:
        yield s


@pytest.mark.model
@pytest.mark.parametrize("command", ["code", "ingest"])
@pytest.mark.parametrize("name", list(CASES))
def test_one_bad_input_beside_a_good_article(name: str, command: str, tmp_path: Path, stack: ExitStack) -> None:
    case = CASES[name](tmp_path, stack)
    config = tmp_path / "settings.toml"
    config.write_text(case.config, encoding="utf-8")
    db = tmp_path / "store.duckdb"
    args = ["--format", "jsonl"] if command == "code" else ["--db", str(db)]
    cli = [sys.executable, "-m", "newsevents.cli", command, *case.inputs, str(GOOD), "--config", str(config), *args]
    done = subprocess.run(cli, capture_output=True, text=True, timeout=420, cwd=tmp_path)

    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == (1 if case.failures else 0), done.stderr
    lines = [ln for ln in done.stderr.splitlines() if ": [E" in ln]
    assert len(lines) == len(case.failures), lines
    for source, code in case.failures.items():
        assert any(ln.startswith(f"{source}: [{code}]") for ln in lines), (source, code, lines)

    if command == "code":
        events = [json.loads(line) for line in done.stdout.splitlines()]
        assert any(e["doc_id"].startswith("ankara-talks-") for e in events)  # the good article
        if case.check_events is not None:
            case.check_events(events)
        return
    with duckdb.connect(str(db), read_only=True) as con:
        stored = {r[0] for r in con.execute("SELECT source FROM documents").fetchall()}
        assert str(GOOD) in stored and set(case.stored_sources) <= stored
        assert con.execute("SELECT count(*) FROM event_mentions m JOIN articles a USING (doc_id) "
                           "WHERE a.source = ?", [str(GOOD)]).fetchone()[0] > 0  # type: ignore[index]
        failed = dict(con.execute("SELECT source, code FROM failures").fetchall())
        assert failed == case.failures
        if case.check_store is not None:
            case.check_store(con)


@pytest.mark.slow
@pytest.mark.model
def test_the_issue_file_longer_than_the_model_limit_is_coded_whole(tmp_path: Path) -> None:
    """Issue 7's own input, 1.12 million characters: every sentence's event, offsets into the whole text.
    Minutes of coding (benchmarks/long_article.py --code), hence slow."""
    sentence = "Police arrested protesters. "
    path = tmp_path / "b.txt"
    path.write_text(sentence * 40_000 + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "newsevents.cli", "code", str(path), str(GOOD), "--format", "jsonl"],
                          capture_output=True, text=True, timeout=3600)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    events = [e for e in map(json.loads, done.stdout.splitlines()) if e["doc_id"].startswith("b-")]
    assert len(events) == 40_000
    assert {e["sentence"] for e in events} == {sentence.strip()}
    assert sorted(e["char_start"] for e in events) == [len(sentence) * i for i in range(40_000)]
