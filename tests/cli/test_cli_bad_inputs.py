"""One batch: every kind of bad input beside a good article. Each bad one gets one clear line on stderr
naming it; the good article's events are still printed; exit status 1; no traceback. Real CLI, real model."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "examples" / "ankara-talks.txt"


def _closed_port() -> int:
    with socket.socket() as s:  # a port nothing listens on: connecting is refused at once
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def bad_inputs(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    # Plain text in a legacy encoding is decoded (charset-normalizer); a page that breaks the charset it
    # declares is not.
    (tmp_path / "latin1.html").write_bytes(b'<html><head><meta charset="utf-8"></head><body><p>'
                                           + "Le caf\xe9 est ferm\xe9 depuis lundi.".encode("latin-1")
                                           + b"</p></body></html>")
    with (tmp_path / "huge.txt").open("w", encoding="utf-8") as f:  # 20 MB, over the default 5 MB limit
        f.write("The minister met the envoy. " * 750_000)
    (tmp_path / "login.html").write_text("<html><head><title>Sign in</title></head><body><nav><a href='/'>Home"
                                         "</a></nav><form><input name='user'><button>Go</button></form></body>"
                                         "</html>", encoding="utf-8")
    (tmp_path / "german.txt").write_text("Die Bundesregierung hat am Dienstag neue Maßnahmen gegen die hohen "
                                         "Energiepreise beschlossen, teilte ein Sprecher in Berlin mit.",
                                         encoding="utf-8")
    (tmp_path / "records.jsonl").write_text(
        json.dumps({"id": "fine", "text": "Police arrested twelve protesters in Nairobi on Tuesday.",
                    "date": "2025-05-06"}) + "\n{not json\n", encoding="utf-8")
    return {
        "empty": str(tmp_path / "empty.txt"), "binary": str(tmp_path / "binary.txt"),
        "encoding": str(tmp_path / "latin1.html"), "huge": str(tmp_path / "huge.txt"),
        "no article": str(tmp_path / "login.html"), "language": str(tmp_path / "german.txt"),
        "missing": str(tmp_path / "nowhere.txt"), "url": f"http://127.0.0.1:{_closed_port()}/story",
        "jsonl": str(tmp_path / "records.jsonl"),
    }


@pytest.mark.model
def test_bad_inputs_are_reported_and_the_batch_goes_on(bad_inputs: dict[str, str]) -> None:
    cli = [sys.executable, "-m", "newsevents.cli", "code", *bad_inputs.values(), str(GOOD), "--format", "jsonl"]
    done = subprocess.run(cli, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    expected_codes = {"empty": "E105", "binary": "E103", "encoding": "E104", "huge": "E102",
                      "no article": "E201", "language": "E202", "missing": "E101", "url": "E107",
                      "jsonl": "E106"}
    assert len(lines) == len(expected_codes)
    for kind, code in expected_codes.items():
        source = bad_inputs[kind]
        line = next((ln for ln in lines if ln.startswith(source)), None)
        assert line is not None, f"no line names {source}"
        assert f"[{code}]" in line, line
    assert "read.max_bytes" in next(ln for ln in lines if "[E102]" in ln)  # the limit is named, and how to change it
    events = [json.loads(x) for x in done.stdout.splitlines()]
    docs = {e["doc_id"] for e in events}
    assert "fine" in docs  # the good record of the half-broken JSON Lines file
    assert any(d.startswith("ankara-talks") for d in docs)  # the good article
