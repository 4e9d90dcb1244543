"""`newsevents eval` through typer's CliRunner, scoring saved predictions (no model needed)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from newsevents.cli import eval as eval_cli
from newsevents.errors import EvaluationError

DATA = Path(__file__).resolve().parents[1] / "data" / "evaluate"


def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:  # a group, so that the command is called by its name as in the real app
        pass

    eval_cli.register(app)
    return app


def run(*args: str) -> tuple[int, str, str, BaseException | None]:
    result = CliRunner().invoke(app(), ["eval", *args])
    return result.exit_code, result.stdout, result.stderr, result.exception


def test_events_text_report() -> None:
    code, out, _, _ = run(str(DATA / "events.gold.jsonl"), "--predictions", str(DATA / "events.pred.jsonl"),
                          "--worst", "2")
    assert code == 0
    assert "event_type     0.7143  1.0000  0.8333" in out
    assert "no-event sentences left clean: 1/2" in out
    assert "by PLOVER type" in out and "by CAMEO root" in out and "gold \\ predicted" in out
    assert "worst 2 sentences" in out and "[x1] missed 1, spurious 1" in out
    assert "Something happened between the two neighbours" in out
    assert "predicted: THREATEN 130 IND -> NPL" in out


def test_events_json_report() -> None:
    code, out, _, _ = run(str(DATA / "events.gold.jsonl"), "--predictions", str(DATA / "events.pred.jsonl"),
                          "--format", "json", "--worst", "1")
    assert code == 0
    report = json.loads(out)
    assert report["kind"] == "events"
    assert report["event"] == {"precision": 0.6364, "recall": 0.875, "f1": 0.7368, "tp": 7, "pred": 11, "gold": 8}
    assert report["by_plover_type"]["CONSULT"]["precision"] == 0.5
    assert report["actors"]["source"]["country"] == {"agree": 5, "total": 5, "share": 1.0}
    assert report["dates"]["dated"] == 8 and report["dates"]["events"] == 11
    assert len(report["worst"]) == 1 and report["worst"][0]["id"] == "x1"


def test_places_kind_is_detected() -> None:
    code, out, _, _ = run(str(DATA / "places.gold.jsonl"), "--predictions", str(DATA / "places.pred.jsonl"),
                          "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["kind"] == "places" and report["acc_at_161km"] == 0.2 and report["toponyms"] == 5
    assert [w["text"] for w in report["worst"]] == ["Porto Alegre", "Goma", "Geneva", "Brasilia"]


def test_places_text_report() -> None:
    code, out, _, _ = run(str(DATA / "places.gold.jsonl"), "--kind", "places", "--predictions",
                          str(DATA / "places.pred.jsonl"))
    assert code == 0
    assert "acc_at_161km" in out and "Geneva, New York" in out and "6283.7" in out


def test_seed_report() -> None:
    code, out, _, _ = run(str(DATA / "seed.gold.json"), "--predictions", str(DATA / "seed.pred.jsonl"))
    assert code == 0
    assert "must found: 2/2" in out and "located: talks yes, sign NO" in out and "boilerplate events: 2" in out


def test_bad_format_and_kind_are_usage_errors() -> None:
    code, _, err, _ = run(str(DATA / "events.gold.jsonl"), "--format", "xml")
    assert code == 2 and "text or json" in err
    code, _, err, _ = run(str(DATA / "events.gold.jsonl"), "--kind", "actors")
    assert code == 2 and "events, places, seed" in err


def test_bad_gold_raises_evaluation_error() -> None:
    code, _, _, exc = run(str(DATA / "bad_json.jsonl"), "--predictions", str(DATA / "events.pred.jsonl"))
    assert code != 0
    assert isinstance(exc, EvaluationError) and exc.source is not None and exc.source.endswith("bad_json.jsonl:3")
