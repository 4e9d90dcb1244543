"""The public surface is deliberate: exactly what __all__ lists, each documented, and cheap to import."""

from __future__ import annotations

import subprocess
import sys

import newsevents

EXPECTED = {
    "Actor", "Article", "Document", "Event", "EventStore", "Failure", "Mention", "NewsEventsError",
    "NewsEventsWarning", "Pipeline", "Place", "Result", "Settings", "__version__", "code", "code_arrow", "extract",
    "extract_arrow", "load_settings", "open", "read_inputs",
}


def test_all_is_the_public_surface() -> None:
    assert set(newsevents.__all__) == EXPECTED
    for name in newsevents.__all__:
        assert hasattr(newsevents, name), name


def test_public_names_are_documented() -> None:
    for name in newsevents.__all__:
        obj = getattr(newsevents, name)
        if callable(obj):
            assert obj.__doc__, f"{name} has no docstring"


def test_open_is_the_store() -> None:
    assert newsevents.open.__module__.startswith("newsevents.store")


def test_extract_stays_the_function_once_the_extract_stage_is_imported() -> None:
    import newsevents.extract.html
    from newsevents.extract import Extractor

    assert callable(newsevents.extract) and newsevents.extract.__module__ == "newsevents.frames"
    assert Extractor.__module__ == "newsevents.extract"


def _imported_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_importing_the_package_or_the_cli_loads_no_heavy_library() -> None:
    # Issue 9: 1.6 s of every start went to importing spaCy, DuckDB, pandas, datasketch, scipy, FastAPI.
    heavy = {"spacy", "duckdb", "pandas", "datasketch", "scipy", "fastapi", "pyarrow", "trafilatura"}
    assert not heavy & _imported_after("import newsevents")
    assert not heavy & _imported_after("from newsevents.cli.app import build_app\nbuild_app()")


def test_coding_does_not_import_the_store() -> None:
    modules = _imported_after("from newsevents.cli.code import code\nimport newsevents.pipeline")
    assert "spacy" in modules
    assert not {"duckdb", "pandas", "datasketch", "scipy", "fastapi"} & modules
