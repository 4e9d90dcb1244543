"""Only regular files are opened: FIFOs, sockets and devices are reported (E108) without waiting on them,
symbolic link loops are reported as loops (E109), and a bug in a reader costs one input, not the run."""

from __future__ import annotations

import os
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsevents.read import files as files_module
from newsevents.read import read_inputs
from newsevents.settings import ReadSettings
from newsevents.types import Document, Failure

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, sockets and devices as on POSIX")

GOOD = "Police arrested twelve protesters outside parliament on Tuesday."


def read_within(inputs: list[str], seconds: float = 20.0) -> list[Document | Failure]:
    """read_inputs in a thread; a read that blocks fails the test instead of hanging it."""
    out: list[Document | Failure] = []
    thread = threading.Thread(target=lambda: out.extend(read_inputs(inputs, ReadSettings())), daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        for item in inputs:  # let a reader stuck on opening a FIFO go (a writer arrives), then fail
            if Path(item).is_fifo():
                fd = os.open(item, os.O_WRONLY | os.O_NONBLOCK)
                os.close(fd)
        pytest.fail(f"reading {inputs} blocked for more than {seconds} s")
    return out


@pytest.fixture()
def folder(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "a-good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "b-pipe.txt")
    os.mkfifo(tmp_path / "c-feed.jsonl")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(tmp_path / "d-socket.html"))
        (tmp_path / "e-loop.txt").symlink_to(tmp_path / "e-loop.txt")
        (tmp_path / "z-good.txt").write_text(GOOD + " Two were released.", encoding="utf-8")
        yield tmp_path


def test_fifo_socket_and_loop_in_a_directory_are_reported_and_the_rest_read(folder: Path) -> None:
    items = read_within([str(folder)])
    by_name = {Path(i.source).name: i for i in items}
    assert sorted(by_name) == ["a-good.txt", "b-pipe.txt", "c-feed.jsonl", "d-socket.html", "e-loop.txt",
                               "z-good.txt"]
    assert isinstance(by_name["a-good.txt"], Document) and isinstance(by_name["z-good.txt"], Document)
    expected = {"b-pipe.txt": ("E108", "a FIFO"), "c-feed.jsonl": ("E108", "a FIFO"),
                "d-socket.html": ("E108", "a socket"), "e-loop.txt": ("E109", "symbolic link loop")}
    for name, (code, words) in expected.items():
        failure = by_name[name]
        assert isinstance(failure, Failure), name
        assert failure.code == code and words in failure.message, failure.line()
        assert str(folder / name) in failure.message  # the line names the input
    assert "permissions" not in by_name["e-loop.txt"].message


def test_fifo_named_directly_is_e108_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "news.txt")
    (failure,) = read_within([str(tmp_path / "news.txt")])
    assert isinstance(failure, Failure) and failure.code == "E108" and "FIFO" in failure.message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_named_directly_is_e108() -> None:
    (failure,) = read_within(["/dev/zero"])
    assert isinstance(failure, Failure) and failure.code == "E108" and "character device" in failure.message


def test_symlink_loops_named_directly_are_e109(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    for name in ("a", "b"):
        (failure,) = read_within([str(tmp_path / name)])
        assert isinstance(failure, Failure) and failure.code == "E109", failure.line()
        assert "symbolic link loop" in failure.message


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every directory")
def test_a_directory_that_cannot_be_listed_is_reported(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "x.txt").write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        items = read_within([str(tmp_path)])
    finally:
        locked.chmod(0o755)
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(failures) == 1 and "cannot be listed" in failures[0].message and failures[0].code == "E100"
    assert [Path(i.source).name for i in items if isinstance(i, Document)] == ["ok.txt"]


def test_a_bug_while_reading_one_file_costs_that_file_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"{GOOD} ({name})", encoding="utf-8")
    real = files_module.validate

    def broken(content: bytes, kind: str, what: str) -> str:
        if "b.txt" in what:
            raise RuntimeError("a reader bug")
        return real(content, kind, what)  # type: ignore[arg-type]

    monkeypatch.setattr(files_module, "validate", broken)
    items = list(read_inputs([str(tmp_path), str(tmp_path / "c.txt")], ReadSettings()))
    assert [type(i).__name__ for i in items] == ["Document", "Failure", "Document", "Document"]
    failure = items[1]
    assert isinstance(failure, Failure) and failure.code == "E900" and failure.source.endswith("b.txt")
    assert "RuntimeError: a reader bug" in failure.message


def test_a_directory_walk_that_breaks_costs_the_directory_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "after.txt").write_text(GOOD, encoding="utf-8")

    def broken_walk(*args: object, **kwargs: object) -> Iterator[tuple[str, list[str], list[str]]]:
        raise MemoryError("walking")
        yield  # a generator, as os.walk is

    monkeypatch.setattr(files_module.os, "walk", broken_walk)
    items = list(read_inputs([str(tmp_path / "d"), str(tmp_path / "after.txt")], ReadSettings()))
    assert isinstance(items[0], Failure) and items[0].code == "E900" and items[0].source == str(tmp_path / "d")
    assert isinstance(items[1], Document)
