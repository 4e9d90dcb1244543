"""The DataFrame API: one row per event (or article), flat columns, real dtypes, failures reported."""

from __future__ import annotations

import warnings
from datetime import date

import pandas as pd
import pyarrow as pa
import pytest

import newsevents
from newsevents.output import ARTICLE_COLUMNS, EVENT_COLUMNS
from newsevents.pipeline import Pipeline
from newsevents.settings import Settings

pytestmark = pytest.mark.model

# Written for these tests: one consultation each, in cities the gazetteer knows.
TALKS = ("AMMAN, June 2 - Jordan's foreign minister met his Egyptian counterpart in Amman on Monday to discuss "
         "aid deliveries.")
VISIT = "Kenya's president visited Addis Ababa on Tuesday for talks with Ethiopia's prime minister."


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings(), default_date=date(2025, 6, 3)).load()


@pytest.fixture(scope="module")
def events(pipeline: Pipeline) -> pd.DataFrame:
    frame = pd.DataFrame({"id": ["talks", "visit"], "text": [TALKS, VISIT],
                          "date": pd.to_datetime(["2025-06-02", "2025-06-03"]), "url": [None, "https://example.org/v"]})
    return newsevents.code(frame, pipeline=pipeline)


def test_event_frame_has_the_flat_columns_in_order(events: pd.DataFrame) -> None:
    assert tuple(events.columns) == EVENT_COLUMNS
    assert {"talks", "visit"} <= set(events["doc_id"])


def test_event_frame_dtypes(events: pd.DataFrame) -> None:
    assert str(events["date"].dtype) == "datetime64[ns]"
    for name in ("cameo", "source_country", "target_code", "location_name", "doc_id", "sentence"):
        assert isinstance(events[name].dtype, pd.StringDtype), name
    assert events["cameo"].str.fullmatch(r"\d{2,4}").all()  # codes stay strings: "040", not 40
    assert str(events["goldstein"].dtype) == "float64"
    assert str(events["location_lat"].dtype) == "float64"
    assert str(events["quad_class"].dtype) == "int8"
    assert str(events["char_start"].dtype) == "int64"
    assert isinstance(events["location_geonameid"].dtype, pd.Int64Dtype)


def test_event_values_match_the_evidence(events: pd.DataFrame) -> None:
    talks = events[events["doc_id"] == "talks"].iloc[0]
    assert talks["date"] == pd.Timestamp("2025-06-02")
    assert talks["source_country"] == "JOR" and talks["cameo"].startswith("04")
    assert TALKS[talks["char_start"]:talks["char_end"]] == talks["sentence"]
    assert talks["location_name"] == "Amman" and 31 < talks["location_lat"] < 32.5


def test_texts_and_records_need_no_frame(pipeline: Pipeline) -> None:
    from_texts = newsevents.code([TALKS], pipeline=pipeline)
    assert set(from_texts["doc_id"]) == {"0"}  # a text without an id is named by its position
    from_records = newsevents.code([{"id": "r1", "text": TALKS, "date": "2025-06-02"}], pipeline=pipeline)
    assert set(from_records["doc_id"]) == {"r1"}
    assert from_records["date"].iloc[0] == pd.Timestamp("2025-06-02")


def test_frame_columns_are_named_by_the_caller(pipeline: Pipeline) -> None:
    frame = pd.DataFrame({"body": [TALKS], "published": ["2025-06-02"]}, index=["row-a"])
    events = newsevents.code(frame, pipeline=pipeline, text_column="body", date_column="published")
    assert set(events["doc_id"]) == {"row-a"}  # no id column: the index label
    with pytest.raises(KeyError, match="text_column"):
        newsevents.code(frame, pipeline=pipeline)


def test_a_bad_document_is_reported_and_the_rest_go_on(pipeline: Pipeline) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        events = newsevents.code([{"id": "empty", "text": "   "}, {"id": "ok", "text": TALKS}], pipeline=pipeline)
    assert set(events["doc_id"]) == {"ok"}
    assert [f["doc_id"] for f in events.attrs["failures"]] == ["empty"]
    assert any(issubclass(w.category, newsevents.NewsEventsWarning) and "E105" in str(w.message) for w in caught)


def test_arrow_output_has_dates_and_strings(pipeline: Pipeline) -> None:
    table = newsevents.code_arrow([TALKS], pipeline=pipeline)
    assert table.schema.field("date").type == pa.date32()
    assert table.schema.field("cameo").type == pa.string()
    assert table.schema.field("quad_class").type == pa.int8()
    assert table.num_rows >= 1


def test_no_events_is_an_empty_frame_with_the_columns() -> None:
    events = newsevents.code([])
    assert tuple(events.columns) == EVENT_COLUMNS and len(events) == 0
    assert str(events["date"].dtype) == "datetime64[ns]" and str(events["quad_class"].dtype) == "int8"


def test_extract_gives_one_row_per_article() -> None:
    frame = pd.DataFrame({"id": ["a", "b"], "text": [TALKS, VISIT], "date": ["2025-06-02", None]})
    articles = newsevents.extract(frame)
    assert tuple(articles.columns) == ARTICLE_COLUMNS
    assert list(articles["doc_id"]) == ["a", "b"]
    assert str(articles["published"].dtype) == "datetime64[ns]"
    assert articles["published"].iloc[0] == pd.Timestamp("2025-06-02") and pd.isna(articles["published"].iloc[1])
    assert list(articles["language"]) == ["en", "en"]
    assert isinstance(articles["text"].dtype, pd.StringDtype)
