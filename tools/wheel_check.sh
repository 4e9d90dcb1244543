#!/usr/bin/env bash
# The wheel as a user gets it: build it, install it into a fresh venv with the pip that PYTHON bundles
# (ensurepip's, never upgraded: 23.2.1 with Python 3.11), then, from a directory outside the repository,
# run `newsevents --version` and code one example article. Used by `make wheel-check` (CI).
#
#   tools/wheel_check.sh PYTHON [BUILD_PYTHON]
#
# PYTHON makes the fresh venv; BUILD_PYTHON (default: .venv/bin/python) builds the wheel. Dependencies come
# from constraints.txt, as `make` installs them. Exit status 0 only if every step worked and an event came out.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
python=${1:?usage: tools/wheel_check.sh PYTHON [BUILD_PYTHON]}
build_python=${2:-.venv/bin/python}
tag=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
dist=$root/build/wheel-dist
venv=$root/build/wheel-venv-$tag

rm -rf "$dist" "$venv"
"$build_python" -m pip wheel --quiet --no-deps --wheel-dir "$dist" .
wheel=$(ls "$dist"/newsevents-*.whl)
"$python" -m venv "$venv"
echo "wheel-check: Python $tag, $("$venv/bin/pip" --version | cut -d' ' -f1-2) (bundled), $(basename "$wheel")"
"$venv/bin/pip" install --quiet --disable-pip-version-check -c constraints.txt "$wheel"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"  # nothing of the repository on the path, nor in the working directory
"$venv/bin/pip" show --files newsevents | grep -x '.*licenses/LICENSE' > /dev/null \
  || { echo "wheel-check: LICENSE is not in the wheel's metadata" >&2; exit 1; }
"$venv/bin/pip" show --files newsevents | grep -x '.*newsevents/api/static/main.js' > /dev/null \
  || { echo "wheel-check: the dashboard's files are not in the wheel: build them first (make assets)" >&2; exit 1; }
version=$("$venv/bin/newsevents" --version)
echo "wheel-check: $version"
"$venv/bin/newsevents" code "$root/examples/ankara-talks.txt" --format jsonl --date 2025-11-14 > events.jsonl
events=$(wc -l < events.jsonl)
if [ "$events" -lt 1 ]; then
  echo "wheel-check: no event coded from examples/ankara-talks.txt" >&2
  exit 1
fi
echo "wheel-check: examples/ankara-talks.txt coded, $events event(s), from $work"
