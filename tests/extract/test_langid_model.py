"""The language model from the cache answers as py3langid's own loader does."""

from __future__ import annotations

from pathlib import Path

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from newsevents.extract.langid_model import load_identifier

TEXTS = [
    "The foreign minister met his counterpart in the capital on Thursday to discuss the ceasefire.",
    "Der Außenminister traf am Donnerstag seinen Amtskollegen in der Hauptstadt.",
    "El ministro de Asuntos Exteriores se reunió el jueves con su homólogo.",
    "Министр иностранных дел встретился в четверг со своим коллегой.",
    "",
    "12345",
]


def test_the_cached_model_gives_the_same_answers(tmp_path: Path) -> None:
    shipped = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    built = load_identifier(tmp_path)  # decompresses and stores
    mapped = load_identifier(tmp_path)  # maps the stored file
    assert [p.name.startswith("langid-") for p in tmp_path.iterdir()] == [True]
    for text in TEXTS:
        assert built.classify(text) == shipped.classify(text) == mapped.classify(text), text
        assert mapped.rank(text) == shipped.rank(text), text
