"""A start pays only for what its input needs (issue 9): coding a plain-text article imports no HTML
extractor, feed parser or web-archive reader; an HTML page still gets trafilatura."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
_RUN = """
import atexit, json, sys
atexit.register(lambda: print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})), file=sys.stderr))
sys.argv = ["newsevents", "code", sys.argv[1], "--format", "jsonl", "--date", "2025-11-14"]
from newsevents.cli.app import main
main()
"""
_HTML_ONLY = {"trafilatura", "lxml", "htmldate", "courlan", "justext"}
_NEVER_FOR_TEXT = _HTML_ONLY | {"feedparser", "warcio"}


def _modules_for(path: Path) -> tuple[set[str], int]:
    done = subprocess.run([sys.executable, "-c", _RUN, str(path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    modules = set(json.loads(done.stderr.strip().splitlines()[-1]))
    return modules, len(done.stdout.splitlines())


@pytest.mark.model
def test_plain_text_imports_no_html_feed_or_warc_reader() -> None:
    modules, events = _modules_for(EXAMPLES / "ankara-talks.txt")
    assert events > 0
    assert not modules & _NEVER_FOR_TEXT, sorted(modules & _NEVER_FOR_TEXT)
    assert "spacy" in modules  # the check sees the run's modules


@pytest.mark.model
def test_an_html_page_still_gets_trafilatura() -> None:
    modules, events = _modules_for(EXAMPLES / "border-clashes.html")
    assert events > 0
    assert "trafilatura" in modules
