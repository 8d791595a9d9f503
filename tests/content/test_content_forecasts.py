"""Every forecast on the site has been judged: it says when it can be judged and how it stands."""

from __future__ import annotations

from pathlib import Path

from explainer.load.loader import Content, load_content
from explainer.model.kinds import Fact

REPO = Path(__file__).resolve().parents[2]


def unjudged(content: Content) -> list[str]:
    """Forecasts with no date to judge them by, or no outcome (too-early counts as one)."""
    return [
        f"{record.file}:{record.where()[0]}: forecast '{fact.id}' has no {'`due`' if not fact.due else '`outcome`'}"
        for record, fact in content.typed(Fact)
        if fact.kind == "forecast" and not (fact.due and fact.outcome)
    ]


def test_every_forecast_in_the_content_is_judged() -> None:
    content, problems = load_content(REPO / "content")
    assert problems == []
    forecasts = [f for _, f in content.typed(Fact) if f.kind == "forecast"]
    # 9 since the unsigned digest's outlook became an analysis: an unsigned article is no forecaster.
    assert len(forecasts) >= 9
    assert unjudged(content) == []


def test_the_rule_catches_an_unjudged_forecast(tmp_path: Path) -> None:
    (tmp_path / "facts.yml").write_text(
        "- id: f\n  statement: s\n  kind: forecast\n  said_by: a\n  date: 2025\n  sources: [s]\n"
    )
    content, _ = load_content(tmp_path)
    [message] = unjudged(content)
    assert message.endswith("facts.yml:1: forecast 'f' has no `due`")
