"""No sentence of the evaluation sets or the example article inside the project.

The dev sets in ../shared/gold and the seed article measure whether the coder generalises; a rule,
example or comment that quotes them lets the coder learn those sentences instead of the language
(issue 8). Any run of six words that a project file shares with them fails this test, unless the
unlabelled corpus (../shared/corpus) has the same run, which makes it ordinary news English. The
example article's comment form is generic blog wording, which the cleaner must know, so only the
article's text before its "Original Source:" line counts. Skipped where ../shared is absent.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RUN = 6
SCANNED = ("src/", "docs/", "tests/", "examples/", "benchmarks/", "tools/", "README")
_WORDS = re.compile(r"[A-Za-z0-9']+")

pytestmark = pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason=f"{SHARED / 'gold'} is absent")


def runs(text: str) -> set[str]:
    words = [w.lower() for w in _WORDS.findall(text)]
    return {" ".join(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def _jsonl_texts(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield str(json.loads(line).get("text") or "")


def _union(texts: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for t in texts:
        out |= runs(t)
    return out


def evaluation_runs() -> set[str]:
    held = _union(t for gold in sorted((SHARED / "gold").glob("*.jsonl")) for t in _jsonl_texts(gold))
    seed = SHARED / "seed" / "blinken-iraq.txt"
    if seed.is_file():
        held |= runs(seed.read_text(encoding="utf-8").split("Original Source:")[0])
    corpus = SHARED / "corpus" / "synthetic_news.jsonl"
    if corpus.is_file():
        held -= _union(_jsonl_texts(corpus))
    return held


def project_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=False).stdout.splitlines()
    if not listed:  # not a git checkout (an unpacked sdist): walk the tree instead
        listed = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file() and ".venv" not in p.parts]
    return [ROOT / name for name in listed if name.startswith(SCANNED) and (ROOT / name).is_file()]


def test_runs_are_counted_over_words_not_characters() -> None:
    assert runs("The U.S. envoy met them, twice!") == {"the u s envoy met them", "u s envoy met them twice"}
    assert runs("five words only here now") == set()


def test_no_project_file_quotes_the_evaluation_texts() -> None:
    held = evaluation_runs()
    assert held, "the evaluation sets gave no text: is ../shared/gold readable?"
    found: dict[str, list[str]] = {}
    for path in project_files():
        if path.stat().st_size > 3_000_000:
            continue
        try:
            shared = runs(path.read_text(encoding="utf-8")) & held
        except (UnicodeDecodeError, OSError):
            continue  # binary files (images) hold no sentences
        if shared:
            found[str(path.relative_to(ROOT))] = sorted(shared)[:3]
    assert not found, ("these files quote the evaluation sets or the example article; write examples of "
                       f"your own: {found}")
