"""docs/store.md documents every GDELT column, every table and every migration."""

from __future__ import annotations

from pathlib import Path

import newsevents.store as st
from newsevents.store.schema import MIGRATIONS

DOC = Path(__file__).resolve().parents[2] / "docs" / "store.md"


def test_every_gdelt_column_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [c.name for c in st.gdelt_columns() if f"| {c.name} |" not in text]
    assert not missing


def test_every_polecat_column_is_documented_as_its_data_file_says() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [c.name for c in st.polecat_columns() if f"| {c.name} | {c.dtype} | {c.description} |" not in text]
    assert not missing


def test_every_table_and_migration_is_documented(tmp_path: Path) -> None:
    text = DOC.read_text(encoding="utf-8")
    with st.open(tmp_path / "doc.duckdb", read_only=False) as store:
        tables = store.sql("SELECT table_name FROM information_schema.tables")["table_name"].tolist()
    assert sorted(t for t in tables if f"`{t}`" not in text) == []
    assert [m.name for m in MIGRATIONS if f"`{m.name}`" not in text] == []
