"""Install the LOWEST versions pyproject.toml allows for every direct dependency, then run the fast suite.

    python3.11 tools/check_lowest.py                     # venv build/lowest, then pytest (the default, fast run)
    python3.11 tools/check_lowest.py --install-only      # only build the venv and print what it holds
    python3.11 tools/check_lowest.py -- tests/store -x   # pytest arguments after --

pyproject.toml's ranges promise that these lower bounds work, so that the package can go into an analyst's
existing environment (pandas 2.2, an older numpy); this script is how that promise is tested. It writes
build/lowest-constraints.txt, one ``name==lower-bound`` line per direct dependency (the runtime ones and the
dev extra's, so the test tools are the oldest allowed too), and installs ``-e .[dev]`` under it, letting pip
choose the indirect dependencies. Record what passed in docs/install.md. Exit status: pytest's, or pip's.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The same pip as the Makefile, so that resolution differs only in the constraints.
PIP = "pip==25.3"
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$")


def lower_bounds(pyproject: Path) -> list[tuple[str, str]]:
    """(name, lowest allowed version) for each direct dependency; every one must have a ``>=`` bound."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"]) + list(project.get("optional-dependencies", {}).get("dev", []))
    bounds = []
    for requirement in requirements:
        match = _REQUIREMENT.match(requirement.split(";", 1)[0])
        lower = re.search(r">=\s*([^,\s]+)", match.group(2)) if match else None
        if match is None or lower is None:
            raise SystemExit(f"check_lowest: {requirement!r} in pyproject.toml has no '>=' lower bound; give it one")
        bounds.append((match.group(1), lower.group(1)))
    return bounds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--python", default=sys.executable, help="interpreter for the venv (default: this one)")
    parser.add_argument("--venv", type=Path, default=ROOT / "build" / "lowest")
    parser.add_argument("--install-only", action="store_true")
    parser.add_argument("pytest_args", nargs="*", help="after --: arguments for pytest (default: the fast suite)")
    args = parser.parse_args(argv)

    constraints = ROOT / "build" / "lowest-constraints.txt"
    constraints.parent.mkdir(parents=True, exist_ok=True)
    bounds = lower_bounds(ROOT / "pyproject.toml")
    constraints.write_text("".join(f"{name}=={version}\n" for name, version in bounds), encoding="utf-8")
    python = args.venv / "bin" / "python"
    steps = [
        [args.python, "-m", "venv", "--clear", str(args.venv)],
        [str(python), "-m", "pip", "install", "--quiet", "--upgrade", PIP],
        [str(python), "-m", "pip", "install", "--quiet", "-c", str(constraints), "-e", f"{ROOT}[dev]"],
        [str(python), "-m", "pip", "check"],
    ]
    for step in steps:
        print("+", " ".join(step), flush=True)
        if (status := subprocess.call(step, cwd=ROOT)) != 0:
            return status
    installed = subprocess.run([str(python), "-m", "pip", "list", "--format=freeze"], check=True,
                               capture_output=True, text=True).stdout
    wanted = {name.lower().replace("_", "-") for name, _ in bounds} | {"numpy", "scipy", "lxml", "thinc"}
    print("direct dependencies (and the compiled ones beneath them) as installed:")
    for line in installed.splitlines():
        if line.split("==")[0].lower().replace("_", "-") in wanted:
            print("   ", line)
    if args.install_only:
        return 0
    pytest = [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", *args.pytest_args]
    print("+", " ".join(pytest), flush=True)
    return subprocess.call(pytest, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
