"""Invisible format characters, taken out of the article text before anything reads it.

Zero-width spaces and joiners, the word joiner, a byte order mark inside the text, soft hyphens and
the Unicode bidirectional controls print as nothing, but a tokenizer sees them: "pro\\u200btesters"
or "\\u202aHamas\\u202c" is a word the model and the dictionaries do not know, and the event in its
sentence is lost. CMSs and copy-paste from right-to-left pages put them in and around words.

A run of them between two word characters is removed, which joins the word again; anywhere else
(beside a space, a bracket, a dash, the ends of the text) it becomes as many spaces, which keeps
every later offset where it was. The Article's text is what every offset indexes, so it is the text
after this; for JSON Lines ``text`` that differs from the text as given only where a word was
split, and offsets elsewhere index the user's text unchanged (docs/cli.md says so).
"""

from __future__ import annotations

import re

# U+00AD soft hyphen; U+061C Arabic letter mark; U+180E Mongolian vowel separator; U+200B-U+200F zero
# width space, non-joiner, joiner, left-to-right and right-to-left marks; U+202A-U+202E bidi
# embeddings and overrides; U+2060-U+2064 word joiner and invisible operators; U+2066-U+2069 bidi
# isolates; U+FEFF zero width no-break space (a BOM anywhere but the start of a file).
INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


_RUN = re.compile(INVISIBLE.pattern + "+")


def strip_invisible(text: str) -> str:
    """``text`` without the invisible format characters listed above: removed inside a word, spaces
    in their place elsewhere."""
    if not INVISIBLE.search(text):
        return text

    def replace(m: re.Match[str]) -> str:
        start, end = m.span()
        inside = start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum()
        return "" if inside else " " * (end - start)

    return _RUN.sub(replace, text)


def strip_invisible_or_none(text: str | None) -> str | None:
    return None if text is None else (strip_invisible(text).strip() or None)
