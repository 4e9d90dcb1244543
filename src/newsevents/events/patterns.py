"""Verb and noun patterns: which words signal which CAMEO event, and where its target is.

A pattern is a string: the head lemma first, then constraints in any order (docs/verb_patterns.md)::

    crack down +on          particle "down" on the head; the target is the object of "on"
    open ~fire +on          direct object "fire" (nsubjpass in a passive); target after "on"
    sanction +against|on    alternative prepositions
    threaten >18|19|20      only when the head's complement verb codes to one of these prefixes
    strike !target          only when a target actor is found

The patterns live in ``events/data/verbs_*.yaml``, each mapping a CAMEO code to
``{verbs: [...], nouns: [...]}``. ``VerbPatterns`` indexes them by head lemma, most specific first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Literal, get_args

import yaml

from ..errors import KnowledgeError
from .codebook import Codebook

DATA_DIR = Path(__file__).resolve().parent / "data"
PatternKind = Literal["verb", "noun"]

# Lemmas are lower-case words; apostrophes and hyphens are allowed for the few lemmas that keep them.
_WORD = re.compile(r"[a-z][a-z'-]*\Z")
_PREFIX = re.compile(r"\d{2,4}\Z")
_SECTIONS: dict[str, PatternKind] = {"verbs": "verb", "nouns": "noun"}


@dataclass(frozen=True, slots=True)
class Pattern:
    code: str  # CAMEO code the pattern signals
    kind: Literal["verb", "noun"]
    lemma: str  # head lemma, lower-case: "crack", "visit"
    particles: tuple[str, ...] = ()  # particles/adverbs that must hang on the head: ("down",)
    obj: str | None = None  # lemma of a required direct object: "fire" in "open ~fire +on"
    prep: str | None = None  # preposition whose object is the target; None: the direct object
    complement: tuple[str, ...] = ()  # CAMEO roots the head's complement event must have (">18|19")
    needs_target: bool = False  # "!target": only when a target actor is found
    text: str = ""  # the pattern as written
    specificity: int = 0  # number of constraints; the most specific matching pattern wins


def parse_pattern(text: str, code: str, kind: Literal["verb", "noun"]) -> Pattern:
    """Parse one pattern string; KnowledgeError says what is wrong with it and how to write it.

    Alternatives in the head, ``~obj`` and ``+prep`` ("lift|ease", "~sanction|embargo", "+against|on")
    are kept joined by "|" here; ``VerbPatterns`` indexes such a pattern once per alternative.
    """
    if kind not in get_args(PatternKind):
        raise KnowledgeError(f"pattern kind {kind!r} is neither 'verb' nor 'noun'")
    if not _PREFIX.match(code):
        raise KnowledgeError(f"pattern {text!r}: {code!r} is not a CAMEO code (2-4 digits such as '042')")
    words = text.split()
    if not words:
        raise KnowledgeError(f"an empty {kind} pattern for code {code}; write at least the head lemma")
    head = words[0].lower()
    if not all(_WORD.match(h) for h in head.split("|")):
        raise KnowledgeError(f"pattern {text!r} (code {code}) must start with its head lemma, a lower-case "
                             f"word such as 'meet' (or alternatives: 'lift|ease'), not {words[0]!r}")
    _alternatives(head, head, text, code, _WORD, "lower-case lemmas")
    particles: list[str] = []
    obj: str | None = None
    prep: str | None = None
    complement: tuple[str, ...] = ()
    needs_target = False
    for word in (w.lower() for w in words[1:]):
        sigil, body = word[0], word[1:]
        if sigil == "~":
            if kind == "noun":
                raise KnowledgeError(f"noun pattern {text!r} (code {code}) has a direct object {word!r}; "
                                     "only verbs take ~object: use +prep for a noun's target")
            if obj is not None:
                raise KnowledgeError(f"pattern {text!r} (code {code}) has two direct objects; write "
                                     "alternatives as one: ~sanction|embargo")
            obj = _alternatives(body, word, text, code, _WORD, "lower-case lemmas")
        elif sigil == "+":
            if prep is not None:
                raise KnowledgeError(f"pattern {text!r} (code {code}) has two prepositions; write "
                                     "alternatives as one: +against|on")
            prep = _alternatives(body, word, text, code, _WORD, "lower-case prepositions")
        elif sigil == ">":
            if complement:
                raise KnowledgeError(f"pattern {text!r} (code {code}) has two complement constraints; "
                                     "write alternatives as one: >18|19|20")
            complement = tuple(_alternatives(body, word, text, code, _PREFIX, "CAMEO code prefixes of "
                                             "2-4 digits").split("|"))
        elif sigil == "!":
            if body != "target":
                raise KnowledgeError(f"pattern {text!r} (code {code}): unknown flag {word!r}; the only flag "
                                     "is !target")
            needs_target = True
        elif _WORD.match(word):
            if word in particles:
                raise KnowledgeError(f"pattern {text!r} (code {code}) names particle {word!r} twice")
            particles.append(word)
        else:
            raise KnowledgeError(f"pattern {text!r} (code {code}): cannot read {word!r}; a constraint is a "
                                 "particle (down), ~object, +prep, >codes or !target")
    specificity = len(particles) + (obj is not None) + (prep is not None) + bool(complement) + needs_target
    return Pattern(code=code, kind=kind, lemma=head, particles=tuple(particles), obj=obj, prep=prep,
                   complement=complement, needs_target=needs_target, text=text.strip(),
                   specificity=specificity)


def _alternatives(body: str, word: str, text: str, code: str, form: re.Pattern[str], what: str) -> str:
    parts = body.split("|")
    if not all(form.match(p) for p in parts):
        raise KnowledgeError(f"pattern {text!r} (code {code}): {word!r} must be followed by {what}, "
                             f"separated by '|' without spaces")
    if len(set(parts)) != len(parts):
        raise KnowledgeError(f"pattern {text!r} (code {code}): {word!r} repeats an alternative")
    return body


def default_pattern_files() -> tuple[Path, ...]:
    """The built-in pattern files: every ``verbs_*.yaml`` in ``events/data``, in name order."""
    return tuple(sorted(DATA_DIR.glob("verbs_*.yaml")))


class VerbPatterns:
    """Patterns indexed by head lemma, separately for verbs and nouns, read-only after construction.

    A pattern with alternatives (``lift|ease``, ``~sanction|embargo``, ``+against|on``) is indexed
    once per combination, so every indexed pattern has a single ``lemma``, ``obj`` and ``prep``; its
    ``text`` stays as written. Patterns for one lemma come most specific first, ties in the order given.
    """

    __slots__ = ("_lemmas", "_nouns", "_size", "_verbs")
    _verbs: Mapping[str, tuple[Pattern, ...]]
    _nouns: Mapping[str, tuple[Pattern, ...]]
    _lemmas: frozenset[str]
    _size: int

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        expanded = _unique([(p, "") for p in patterns])
        verbs: dict[str, list[Pattern]] = {}
        nouns: dict[str, list[Pattern]] = {}
        for pattern in expanded:
            index = verbs if pattern.kind == "verb" else nouns
            index.setdefault(pattern.lemma, []).append(pattern)
        set_ = object.__setattr__
        set_(self, "_verbs", MappingProxyType({k: _by_specificity(v) for k, v in verbs.items()}))
        set_(self, "_nouns", MappingProxyType({k: _by_specificity(v) for k, v in nouns.items()}))
        set_(self, "_lemmas", frozenset(verbs) | frozenset(nouns))
        set_(self, "_size", len(expanded))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("VerbPatterns is read-only after construction")

    @classmethod
    def load(cls, codebook: Codebook, paths: Sequence[Path] | None = None) -> VerbPatterns:
        """Read pattern files (default: ``default_pattern_files()``), checking every code against
        ``codebook``; KnowledgeError names the file, line and code of the first problem."""
        files = tuple(paths) if paths is not None else default_pattern_files()
        if not files:
            raise KnowledgeError(f"no verb pattern files (verbs_*.yaml) in {DATA_DIR}; reinstall newsevents")
        entries: list[tuple[Pattern, str]] = []
        for path in files:
            entries.extend(_read_file(path, codebook))
        _unique(entries)  # reports duplicates with their files before the index is built
        return cls(p for p, _ in entries)

    def for_verb(self, lemma: str) -> tuple[Pattern, ...]:
        return self._verbs.get(lemma, ())

    def for_noun(self, lemma: str) -> tuple[Pattern, ...]:
        return self._nouns.get(lemma, ())

    def lemmas(self) -> frozenset[str]:
        """Every head lemma, verb or noun: a sentence with none of them holds no event."""
        return self._lemmas

    def __iter__(self) -> Iterator[Pattern]:
        for index in (self._verbs, self._nouns):
            for patterns in index.values():
                yield from patterns

    def __len__(self) -> int:
        return self._size

    def __repr__(self) -> str:
        return f"VerbPatterns({len(self._verbs)} verb and {len(self._nouns)} noun lemmas, {self._size} patterns)"


def _by_specificity(patterns: list[Pattern]) -> tuple[Pattern, ...]:
    return tuple(sorted(patterns, key=lambda p: -p.specificity))  # sorted() is stable: ties keep their order


def _expand(pattern: Pattern) -> list[Pattern]:
    objs = pattern.obj.split("|") if pattern.obj else [None]
    preps = pattern.prep.split("|") if pattern.prep else [None]
    return [replace(pattern, lemma=h, obj=o, prep=p) for h in pattern.lemma.split("|") for o in objs for p in preps]


def _key(p: Pattern) -> tuple[object, ...]:
    """What a pattern matches, ignoring how it was written and which code it gives."""
    return (p.kind, p.lemma, frozenset(p.particles), p.obj, p.prep, frozenset(p.complement), p.needs_target)


def _unique(entries: Iterable[tuple[Pattern, str]]) -> list[Pattern]:
    """Expand alternatives; drop repeats within one code; refuse one match claimed by two codes."""
    seen: dict[tuple[object, ...], tuple[Pattern, str]] = {}
    out: list[Pattern] = []
    for pattern, origin in entries:
        for single in _expand(pattern):
            key = _key(single)
            if key not in seen:
                seen[key] = (single, origin)
                out.append(single)
                continue
            first, first_origin = seen[key]
            if first.code != single.code:
                where = " and ".join(sorted({o for o in (first_origin, origin) if o}))
                raise KnowledgeError(
                    f"{single.kind} pattern {single.text!r} (code {single.code}) matches the same words as "
                    f"{first.text!r} (code {first.code}){' in ' + where if where else ''}; keep it under one "
                    "code, or add a constraint (~object, +prep, >codes) that tells them apart")
    return out


def _read_file(path: Path, codebook: Codebook) -> list[tuple[Pattern, str]]:
    try:
        text = path.read_text(encoding="utf-8")
        # BaseLoader keeps every scalar a string: an unquoted 042 would otherwise be read as octal 34.
        root = yaml.compose(text, Loader=yaml.BaseLoader)
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"cannot read verb patterns ({exc})", source=str(path)) from exc
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"not valid YAML: {exc}".replace("\n", " "), source=str(path)) from exc
    if root is None:
        return []
    where = path.name
    if not isinstance(root, yaml.MappingNode):
        raise KnowledgeError("the top level must map CAMEO codes to {verbs: [...], nouns: [...]}", source=where)
    out: list[tuple[Pattern, str]] = []
    codes_seen: set[str] = set()
    for key_node, value_node in root.value:
        line = f"{where}:{key_node.start_mark.line + 1}"
        code = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if code is None or code not in codebook:
            raise KnowledgeError(f"{code!r} is not a CAMEO event code in events/data/cameo.csv; write codes "
                                 "as quoted strings of 2-4 digits such as \"042\"", source=line)
        if code in codes_seen:
            raise KnowledgeError(f"code {code} appears twice; merge its patterns into one entry", source=line)
        codes_seen.add(code)
        if not isinstance(value_node, yaml.MappingNode):
            raise KnowledgeError(f"code {code} must map to {{verbs: [...], nouns: [...]}}", source=line)
        for section_node, list_node in value_node.value:
            section = section_node.value
            here = f"{where}:{section_node.start_mark.line + 1}"
            if section not in _SECTIONS:
                raise KnowledgeError(f"code {code}: unknown key {section!r}; use 'verbs' and 'nouns'", source=here)
            for pattern_node in _items(list_node, code, section, here):
                at = f"{where}:{pattern_node.start_mark.line + 1}"
                pattern = _parse_at(pattern_node.value, code, _SECTIONS[section], at)
                for prefix in pattern.complement:
                    if prefix not in codebook:
                        raise KnowledgeError(f"pattern {pattern.text!r} (code {code}): complement {prefix!r} is "
                                             "not a CAMEO code or root", source=at)
                out.append((pattern, where))
    return out


def _items(node: yaml.Node, code: str, section: str, where: str) -> list[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode) and node.value == "":
        return []  # "nouns:" left empty
    if not isinstance(node, yaml.SequenceNode) or not all(isinstance(n, yaml.ScalarNode) for n in node.value):
        raise KnowledgeError(f"code {code}: {section} must be a list of pattern strings", source=where)
    return list(node.value)


def _parse_at(text: str, code: str, kind: PatternKind, where: str) -> Pattern:
    """``parse_pattern`` with the file and line named in any error."""
    try:
        return parse_pattern(text, code, kind)
    except KnowledgeError as exc:
        raise KnowledgeError(exc.message, source=where) from None
