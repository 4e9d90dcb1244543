"""Every wait bounded: slow and idle connections to `newsevents serve` are closed, normal requests answered.

Loopback only, bounded in count (300 connections) and time (each wait has a deadline).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import newsevents.store as st
from api.test_api_server import _free_port
from store.store_fakes import event, result, story_text
from store.test_kill_resume import _newsevents

SLOW = 300
HEADER_S = 4.0
BODY_S = 2.0


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """`newsevents serve` with short deadlines, on a free local port."""
    tmp = tmp_path_factory.mktemp("slow")
    db = tmp / "slow.duckdb"
    with st.open(db, read_only=False) as store:
        store.ingest([result("a", "Washington visited Iraq. " + story_text(1), events=[event("a", 0)])])
    config = tmp / "serve.toml"
    config.write_text(f"[serve]\nheader_timeout_s = {HEADER_S}\nbody_timeout_s = {BODY_S}\nkeepalive_timeout_s = 2\n"
                      f"max_connections = {SLOW + 50}\ntoken = \"t\"\n", encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "NEWSEVENTS_CONFIG": str(config)}
    proc = subprocess.Popen([_newsevents(), "serve", "--db", str(db), "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).raise_for_status()
                break
            except httpx.TransportError:
                assert proc.poll() is None, "serve exited"
                assert time.monotonic() < deadline, "serve did not answer"
                time.sleep(0.2)
        yield port, db
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


@pytest.fixture()
def server(served: tuple[int, Path]) -> int:
    return served[0]


def _read(sock: socket.socket, into: bytearray) -> bool:
    """Add what the server sent to ``into``; True once it has closed the connection."""
    sock.setblocking(False)
    try:
        while chunk := sock.recv(4096):
            into += chunk
    except BlockingIOError:
        return False
    except ConnectionResetError:
        pass
    return True


def _wait_closed(socks: list[socket.socket], within: float) -> list[bytes | None]:
    """What each server side sent before it closed, or None for those still open after ``within`` s."""
    deadline = time.monotonic() + within
    received = [bytearray() for _ in socks]
    closed = [False] * len(socks)
    while time.monotonic() < deadline and not all(closed):
        for i, sock in enumerate(socks):
            closed[i] = closed[i] or _read(sock, received[i])
        time.sleep(0.1)
    return [bytes(data) if done else None for data, done in zip(received, closed, strict=True)]


def test_300_slow_connections_do_not_stop_a_normal_request(server: int) -> None:
    socks: list[socket.socket] = []
    try:
        opened = time.monotonic()
        for i in range(SLOW):
            sock = socket.create_connection(("127.0.0.1", server), timeout=5)
            if i % 2:  # half a request line, never finished (the other half send nothing at all)
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            socks.append(sock)
        health = httpx.get(f"http://127.0.0.1:{server}/healthz", timeout=5)
        answered = time.monotonic() - opened
        assert health.status_code == 200 and health.json()["status"] == "ok"
        if answered < HEADER_S - 1:  # so the slow ones were surely still open when it was answered
            assert not any(_read(s, bytearray()) for s in socks[:20])
        answers = _wait_closed(socks, HEADER_S + 15)
        assert all(a is not None for a in answers), f"{answers.count(None)} slow connections still open"
        half_sent = [a for i, a in enumerate(answers) if i % 2]
        assert all(a is not None and a.startswith(b"HTTP/1.1 408") and b'"code": "E001"' in a for a in half_sent)
        assert all(a == b"" for i, a in enumerate(answers) if not i % 2)  # nothing sent: just closed
        assert time.monotonic() - opened >= HEADER_S - 0.5  # not before the deadline
    finally:
        for sock in socks:
            sock.close()
    assert httpx.get(f"http://127.0.0.1:{server}/healthz", timeout=5).status_code == 200


def test_a_body_that_stops_arriving_is_closed(served: tuple[int, Path]) -> None:
    server, db = served
    with socket.create_connection(("127.0.0.1", server), timeout=5) as sock:
        sock.sendall(b"POST /articles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer t\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"text\": \"only a part")
        started = time.monotonic()
        [answer] = _wait_closed([sock], BODY_S + 15)
    assert answer is not None and answer.startswith(b"HTTP/1.1 408"), answer
    assert b"serve.body_timeout_s" in answer and time.monotonic() - started >= BODY_S - 0.5
    with st.open(db) as store:  # a client that went away is not a server error
        assert store.counts()["failures"] == 0


def test_an_idle_kept_alive_connection_is_closed(server: int) -> None:
    with socket.create_connection(("127.0.0.1", server), timeout=5) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        time.sleep(0.5)
        [rest] = _wait_closed([sock], 2 + 15)
    assert rest is not None and rest.startswith(b"HTTP/1.1 200")  # answered, then closed when idle


def test_other_processes_read_the_store_while_a_token_server_runs(served: tuple[int, Path]) -> None:
    port, db = served
    health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).json()
    assert health["read_only"] is False  # it may write (a token is set), yet holds the file only to read
    with st.open(db) as store:  # this test's process is not the server's
        assert store.counts()["events"] == health["events"] == 1
