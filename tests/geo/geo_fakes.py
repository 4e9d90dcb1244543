"""A small hand-built gazetteer and hand-built Docs for the geo tests (no model, no 150 MB index)."""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from spacy.tokens import Doc

from newsevents.geo import Gazetteer
from newsevents.geo.gazetteer import DATA, Entry, Rules, _read_regions
from newsevents.knowledge.countries import Countries
from newsevents.knowledge.names import fold

# name, country, admin1, lat, lon, population, geonameid, capital, alternate names
_CITIES = [
    ("Paris", "FRA", "11", 48.85341, 2.3488, 2138551, 2988507, True, ()),
    ("Paris", "USA", "TX", 33.66094, -95.55551, 24782, 4717560, False, ()),
    ("Austin", "USA", "TX", 30.26715, -97.74306, 931830, 4671654, False, ()),
    ("Washington", "USA", "DC", 38.89511, -77.03637, 689545, 4140963, True, ()),
    ("Seattle", "USA", "WA", 47.60621, -122.33207, 737015, 5809844, False, ()),
    ("Atlanta", "USA", "GA", 33.749, -84.38798, 498715, 4180439, False, ()),
    ("Springfield", "USA", "MO", 37.21533, -93.29824, 169176, 4409896, False, ()),
    ("Springfield", "USA", "IL", 39.80172, -89.64371, 114394, 4250542, False, ()),
    ("Chicago", "USA", "IL", 41.85003, -87.65005, 2720546, 4887398, False, ()),
    ("New Orleans", "USA", "LA", 29.95465, -90.07507, 389617, 4335045, False, ()),
    ("Aqaba", "JOR", "09", 29.52667, 35.00778, 95048, 250774, False, ()),
    ("Amman", "JOR", "16", 31.95522, 35.94503, 1275857, 250441, True, ()),
    ("Baghdad", "IRQ", "07", 33.34058, 44.40088, 7216000, 98182, True, ()),
    ("Ankara", "TUR", "68", 39.91987, 32.85427, 3517182, 323786, True, ()),
    ("Kabul", "AFG", "13", 34.52813, 69.17233, 3043532, 1138958, True, ()),
    ("Tehran", "IRN", "26", 35.69439, 51.42151, 7153309, 112931, True, ()),
    ("Beirut", "LBN", "04", 33.89332, 35.50157, 1916100, 276781, True, ()),
    ("Kyiv", "UKR", "12", 50.45466, 30.5238, 2797553, 703448, True, ("Kiev",)),
    ("Nelson", "NZL", "F4", -41.27078, 173.28404, 48000, 2186313, False, ()),
]
_ADMIN1 = [
    ("Texas", "USA", "TX", 31.25044, -99.25061, 25000000, 4736286),
    ("Washington", "USA", "WA", 47.50012, -120.50147, 6483901, 5815135),
    ("Georgia", "USA", "GA", 32.75042, -83.50018, 9687653, 4197000),
    ("Illinois", "USA", "IL", 40.00032, -89.25037, 12830632, 4896861),
    ("Al Anbar", "IRQ", "01", 33.4, 42.0, 632674, None),
]


def small_gazetteer() -> Gazetteer:
    cities = [(Entry(n, "city", c, lat, lon, gid, pop, a1, cap), fold(n), [fold(x) for x in alts])
              for n, c, a1, lat, lon, pop, gid, cap, alts in _CITIES]
    admin1 = [(Entry(n, "admin1", c, lat, lon, gid, pop, a1), ["Anbar"] if n == "Al Anbar" else [])
              for n, c, a1, lat, lon, pop, gid in _ADMIN1]
    abbreviations = [("USA", "Texas", "Tex.", False), ("USA", "Texas", "TX", False)]
    return Gazetteer.from_tables(Countries.load(), cities, admin1, [], _read_regions(DATA / "regions.yaml"),
                                 abbreviations, Rules.load(DATA / "rules.yaml"))


# English lexical attributes (is_title, is_upper...) without the model: the geocoder reads them.
_VOCAB = spacy.blank("en").vocab


def make_doc(text: str, ents: Sequence[tuple[str, str]] = (), *, parse: Sequence[tuple[int, str]] | None = None) -> Doc:
    """A Doc over ``text`` split on spaces (write punctuation as separate words: "Paris , Texas"; the
    Doc's text has no space before it: "Paris, Texas").

    ``ents``: (words as written, label), matched left to right. ``parse``: (head index, dep) per word;
    sentences start after ".", which keeps the hand-written trees small.
    """
    words = text.split(" ")
    iob = ["O"] * len(words)
    pos = 0
    for ent_text, label in ents:
        ent_words = ent_text.split(" ")
        for i in range(pos, len(words)):
            if words[i:i + len(ent_words)] == ent_words:
                iob[i] = f"B-{label}"
                for j in range(i + 1, i + len(ent_words)):
                    iob[j] = f"I-{label}"
                pos = i + len(ent_words)
                break
        else:
            raise ValueError(f"{ent_text!r} not in {text!r}")
    # No space before closing punctuation or after "(": "Paris, Texas (AP)."
    spaces = [i + 1 < len(words) and words[i + 1] not in _CLOSING and words[i] != "(" for i in range(len(words))]
    sent_starts: list[bool | int | None] = [i == 0 or words[i - 1] == "." for i in range(len(words))]
    if parse is None:
        return Doc(_VOCAB, words=words, spaces=spaces, ents=iob, sent_starts=sent_starts)
    return Doc(_VOCAB, words=words, spaces=spaces, ents=iob, heads=[h for h, _ in parse],
               deps=[d for _, d in parse])


_CLOSING = frozenset({",", ".", ";", ":", ")", "'s"})
