"""py3langid's model, decompressed once into the cache and memory-mapped by every later start.

py3langid ships its model LZMA-compressed (4.6 MB for 68 MB of arrays); decompressing it took 0.44 s of
CPU and 71 MiB at every start (issue 9). The same arrays in a cache file (``cachefile``) open in
milliseconds and cost memory only for the pages the identifier reads. The identifier is py3langid's own
``LanguageIdentifier`` over those arrays, so its answers are the same (a test compares them).
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
from py3langid.modelio import load_model

from ..cachefile import cached, pack
from ..settings import default_cache_dir

FORMAT = 1


def load_identifier(cache_dir: Path | None = None) -> LanguageIdentifier:
    """py3langid's shipped model, with probabilities normalised, from the cache (built on a miss)."""
    model = MODEL_DIR / MODEL_FILE
    st = model.stat()
    key = hashlib.sha256(json.dumps([FORMAT, version("py3langid"), str(model), st.st_size, st.st_mtime_ns])
                         .encode("utf-8")).hexdigest()[:24]
    packed = cached(cache_dir or default_cache_dir(), "langid", key, lambda: _build(model, key))
    a, meta = packed.arrays, packed.meta
    ptc = np.frombuffer(a["ptc"], dtype=np.float16).reshape(meta["ptc_shape"])
    pc = np.frombuffer(a["pc"], dtype=np.float32)
    identifier = LanguageIdentifier(ptc, pc, list(meta["classes"]), a["nextmove"], a["output"], norm_probs=True,
                                    tk_row=a["row"])
    return identifier


def _build(model: Path, key: str) -> bytes:
    ptc, pc, classes, nextmove, row, output = load_model(model)
    ptc = np.ascontiguousarray(ptc, dtype=np.float16)
    return pack(key, {"ptc": ("B", ptc.tobytes()),  # read back by numpy as float16
                      "pc": ("B", np.ascontiguousarray(pc, dtype=np.float32).tobytes()),
                      "nextmove": (nextmove.typecode, nextmove.tobytes()),
                      "row": (row.typecode, row.tobytes()),
                      "output": ("i", np.asarray(output, dtype=np.int32).tobytes())},
                {"ptc_shape": list(ptc.shape), "classes": list(classes)})
