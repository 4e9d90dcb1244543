"""Invisible format characters, taken out of the article text before anything reads it.

Zero-width spaces and joiners, the word joiner, a byte order mark inside the text, soft hyphens and
the Unicode bidirectional controls print as nothing, but a tokenizer sees them: "pro\\u200btesters"
or "\\u202aHamas\\u202c" is a word the model and the dictionaries do not know, and the event in its
sentence is lost. CMSs and copy-paste from right-to-left pages put them inside words, so they are
removed (not replaced by a space, which would split the word).

The Article's text is what every offset indexes, so it is the text without them: for JSON Lines
``text`` it is the text as given minus these characters (docs/cli.md says so).
"""

from __future__ import annotations

import re

# U+00AD soft hyphen; U+061C Arabic letter mark; U+180E Mongolian vowel separator; U+200B-U+200F zero
# width space, non-joiner, joiner, left-to-right and right-to-left marks; U+202A-U+202E bidi
# embeddings and overrides; U+2060-U+2064 word joiner and invisible operators; U+2066-U+2069 bidi
# isolates; U+FEFF zero width no-break space (a BOM anywhere but the start of a file).
INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def strip_invisible(text: str) -> str:
    """``text`` without the invisible format characters listed above."""
    return INVISIBLE.sub("", text)


def strip_invisible_or_none(text: str | None) -> str | None:
    return None if text is None else (strip_invisible(text).strip() or None)
