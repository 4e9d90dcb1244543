"""Name folding (anyascii) and the YAML loader (libyaml when PyYAML has it)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newsevents.knowledge import yamlio
from newsevents.knowledge.names import fold

SRC = Path(__file__).resolve().parents[2] / "src" / "newsevents"


@pytest.mark.parametrize(("written", "key"), [
    ("Łódź", "lodz"), ("Tromsø", "tromso"), ("Diyarbakır", "diyarbakir"), ("İstanbul", "istanbul"),
    ("Erdoğan", "erdogan"), ("Ærø", "aero"), ("Đakovo", "dakovo"), ("al‑Sudani", "al-sudani"),
    ("the U.S.", "us"), ("Côte d’Ivoire", "cote d'ivoire"), ("Москва", "moskva"),
])
def test_fold_transliterates_letters_that_decomposition_leaves(written: str, key: str) -> None:
    assert fold(written) == key


def test_fold_is_idempotent_and_ascii() -> None:
    for written in ("Łódź", "Tromsø", "Кыргызстан", "Ḩalab", "São Tomé"):
        once = fold(written)
        assert once.isascii() and fold(once) == once


def test_the_city_table_keys_are_folded_names() -> None:
    # cities.tsv stores fold(name) and folded alternates so that building the index folds nothing;
    # a change to fold() must be followed by rewriting them (tools/build_geo_data.py).
    with (SRC / "geo" / "data" / "cities.tsv").open(encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            assert parts[2] == fold(parts[1]), parts[1]
            assert parts[8].isascii(), parts[1]


def _shipped_yaml() -> list[Path]:
    return sorted(SRC.rglob("*.yaml"))


@pytest.mark.parametrize("path", _shipped_yaml(), ids=lambda p: p.name)
def test_the_fast_loader_reads_every_shipped_file_as_pyyaml_does(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert yamlio.load(text) == yaml.load(text, Loader=yaml.SafeLoader)
    assert yamlio.load_strings(text) == yaml.load(text, Loader=yaml.BaseLoader)


def test_composed_nodes_keep_their_lines() -> None:
    root = yamlio.compose('"042":\n  verbs: [meet]\n')
    assert isinstance(root, yaml.MappingNode)
    key, _ = root.value[0]
    assert key.value == "042" and key.start_mark.line == 0


def test_bad_yaml_raises_the_yaml_error() -> None:
    with pytest.raises(yamlio.YAMLError):
        yamlio.load("a: [1, 2\n")
