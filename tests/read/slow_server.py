"""A local HTTP server that answers as slowly as a hostile one: one byte at a time, a pause between."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

PAGE = ("<!DOCTYPE html><html><head><title>Slow</title></head><body><p>"
        + "Police arrested twelve protesters outside parliament on Tuesday. " * 5 + "</p></body></html>").encode()


@contextmanager
def trickling(what: Literal["headers", "body"], pause_s: float = 0.3, *,
              content_type: str = "text/html") -> Iterator[str]:
    """The URL of a server that sends its headers (or, after whole headers, its body) one byte every
    ``pause_s`` seconds; the server stops when the client goes away or the block ends."""
    body = PAGE
    head = (f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n").encode()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            with conn:
                try:
                    conn.recv(65536)  # the request
                    before, slow, after = (b"", head, body) if what == "headers" else (head, body, b"")
                    conn.sendall(before)
                    for i in range(len(slow)):
                        if stop.is_set():
                            return
                        conn.sendall(slow[i:i + 1])
                        time.sleep(pause_s)
                    conn.sendall(after)
                except OSError:
                    continue  # the client hung up: what a deadline does

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/slow-story.html"
    finally:
        stop.set()
        thread.join(5)
        listener.close()


@contextmanager
def serving_once(body: bytes, content_type: str) -> Iterator[str]:
    """The URL of a server that answers every request at once with ``body`` and ``content_type``."""
    head = (f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n").encode()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            with conn:
                try:
                    conn.recv(65536)
                    conn.sendall(head + body)
                except OSError:
                    continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/page.html"
    finally:
        stop.set()
        thread.join(5)
        listener.close()
