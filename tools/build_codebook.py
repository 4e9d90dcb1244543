"""Build src/newsevents/events/data/cameo.csv from the reference code books (a developer tool).

Run from anywhere:  python tools/build_codebook.py [--reference DIR] [--out FILE]

Reads, from ../shared/reference by default:
  CAMEO.eventcodes.txt       code -> description            (GDELT's CAMEO lookup)
  CAMEO.goldsteinscale.txt   code -> Goldstein score        (GDELT's CAMEO lookup)
  CAMEO2PLOVER-2021.txt      code -> PLOVER type, mode      (openeventdata/PLOVER, CC BY-SA 4.0)

and writes one row per CAMEO code: code,name,goldstein,quad_class,plover_type,plover_mode.
A code missing from the Goldstein or PLOVER table takes its nearest ancestor's value (0231 -> 023 -> 02).
A few codes then take the PLOVER type or mode that PLOVER's own event definitions give them where the
2021 conversion table says otherwise (PLOVER_OVERRIDES; each is argued in docs/verb_patterns.md).
Nothing here runs at run time: the package only reads the CSV this writes.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = REPO.parent / "shared" / "reference"
DEFAULT_OUT = REPO / "src" / "newsevents" / "events" / "data" / "cameo.csv"
HEADER = ("code", "name", "goldstein", "quad_class", "plover_type", "plover_mode")

# Descriptions the source gets wrong: 044's text carries mis-encoded quote marks, two others typos.
NAME_FIXES = {
    "033": "Express intent to provide material aid, not specified below",
    "044": "Meet at third location",
    "2041": "Use chemical, biological, or radiological weapons",
}

# Where the CAMEO2PLOVER table disagrees with the event and mode definitions of the PLOVER codebook
# (ahalterman/NGEC-2025, PLOVER_structured_codebook_updated.csv), the definitions win: code -> (type, mode).
# Only the code itself changes; its children keep what the table gives them.
PLOVER_OVERRIDES: dict[str, tuple[str, str | None]] = {
    # RETREAT, mode resign: "A resignation by a government official" (the table has CONCEDE).
    "0831": ("RETREAT", "resign"),
    # CONCEDE's modes name the easing of administrative restrictions and of curfews; RETREAT's modes
    # (withdraw, release, return, disarm, ceasefire, access, resign) do not. The table keeps their parent
    # 081 and siblings 0811, 0812 in CONCEDE and notes that "ease" is no longer a RETREAT mode.
    "0813": ("CONCEDE", None),
    "0814": ("CONCEDE", None),
    # SANCTION, mode discontinue: "Curtail, decrease, break, or terminate diplomatic, commercial, or
    # material exchanges"; COERCE restrict is about political freedoms and movement (the table has COERCE).
    "163": ("SANCTION", "discontinue"),
    # SANCTION, mode convict: "Find an entity or behavior guilty"; ACCUSE's allege mode excludes
    # convictions (the table has ACCUSE disapprove).
    "116": ("SANCTION", "convict"),
    # Modes only: the table gives modes that PLOVER 2021 does not define for these types.
    "1712": ("ASSAULT", "destroy"),  # "Destroy property, demolish as part of a conflict" (table: seize)
    "175": ("ASSAULT", "crowd-control"),  # tear gas, water cannon, baton charges (table: pro_autocracy)
    "0874": ("RETREAT", "withdraw"),  # "Retreat from territory" (table: disarm)
}

_CODE = re.compile(r"\d{2,4}\Z")


def ancestors(code: str) -> list[str]:
    """The code itself, then each shorter prefix down to its two-digit root: 0231 -> 0231, 023, 02."""
    return [code[:n] for n in range(len(code), 1, -1)]


def quad_class(code: str) -> int:
    """GDELT's quad class by root: 01-04 verbal coop., 05-08 material coop., 09-13 verbal conflict, else 4."""
    root = int(code[:2])
    if root <= 4:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def _clean_name(code: str, name: str) -> str:
    if code in NAME_FIXES:
        return NAME_FIXES[code]
    name = " ".join(name.split())
    if len(code) == 2 and name.isupper():  # roots are written in capitals in the source
        name = name[0] + name[1:].lower()
    return name


def parse_eventcodes(text: str) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for line in text.splitlines()[1:]:  # first line is the header
        if not line.strip():
            continue
        code, _, name = line.partition("\t")
        code = code.strip()
        if not _CODE.match(code):
            raise ValueError(f"CAMEO.eventcodes.txt: unexpected code {code!r}")
        rows.append((code, _clean_name(code, name)))
    return rows


def parse_goldstein(text: str) -> dict[str, float]:
    scores: dict[str, float] = {}
    for line in text.splitlines()[1:]:
        if line.strip():
            code, _, score = line.partition("\t")
            scores[code.strip()] = float(score)
    return scores


def parse_plover(text: str) -> dict[str, tuple[str | None, str | None]]:
    """CAMEO code -> (PLOVER type, mode). Lines read ``CODE: TYPE, mode, context # comment``.

    A code listed twice keeps its first entry: root 08 is listed as CONCEDE and again as RETREAT
    (its children split between the two), and 080, its "not specified" child, is CONCEDE.
    """
    table: dict[str, tuple[str | None, str | None]] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or ":" not in line:
            continue
        code, _, rest = line.partition(":")
        code = code.strip()
        if not _CODE.match(code):
            continue
        fields = [f.strip() for f in rest.split(",")]
        kind = fields[0] or None
        mode = fields[1] if len(fields) > 1 and fields[1] else None
        table.setdefault(code, (kind, mode))
    return table


def build_rows(
    codes: Sequence[tuple[str, str]],
    goldstein: Mapping[str, float],
    plover: Mapping[str, tuple[str | None, str | None]],
    overrides: Mapping[str, tuple[str, str | None]] = PLOVER_OVERRIDES,
) -> list[tuple[str, str, str, str, str, str]]:
    rows = []
    for code, name in codes:
        score = next((goldstein[a] for a in ancestors(code) if a in goldstein), None)
        if score is None:
            raise ValueError(f"no Goldstein score for {code} or any of its ancestors")
        kind, mode = next((plover[a] for a in ancestors(code) if a in plover), (None, None))
        kind, mode = overrides.get(code, (kind, mode))
        rows.append((code, name, str(score), str(quad_class(code)), kind or "", mode or ""))
    return rows


def render(rows: Sequence[Sequence[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue()


def build(reference: Path) -> str:
    """The CSV text for the code books in ``reference``."""
    codes = parse_eventcodes((reference / "CAMEO.eventcodes.txt").read_text(encoding="utf-8"))
    goldstein = parse_goldstein((reference / "CAMEO.goldsteinscale.txt").read_text(encoding="utf-8"))
    plover = parse_plover((reference / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8"))
    return render(build_rows(codes, goldstein, plover))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    text = build(args.reference)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {text.count(chr(10)) - 1} codes to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
