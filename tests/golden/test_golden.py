"""Golden files: the sample site's generated pages and data, and its home page with the generated
parts filled in, compared whole with committed copies.

After an intended change to generated output, run `make golden` and commit the
updated files in `tests/golden/expected/` with the change that caused them.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from explainer import build_site
from explainer.build.publication import publish
from explainer.handwritten.refs import resolve_docs_folder
from explainer.pages.home import home_parts
from explainer.resolve.siteinfo import SiteInfo

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "tests" / "fixtures" / "sample" / "content"
EXPECTED = Path(__file__).parent / "expected"
TODAY = dt.date(2026, 11, 30)  # fixed, so review warnings and fallback dates do not move
SITE = SiteInfo("Sample", "https://example.org/sample/", "A sample explainer.", keywords=("sample",))
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def generated(tmp_path: Path) -> dict[str, str]:
    """Every generated page and data file of the sample, and its hand-written pages as exported, by path."""
    output = build_site(SAMPLE, today=TODAY, site=SITE)
    publication = publish(output, SITE, tmp_path, today=TODAY)  # no git there: dates fall back to TODAY
    files = {page.path: page.markdown for page in [*output.pages, *publication.pages]}
    docs, problems = resolve_docs_folder(SAMPLE.parent / "docs", output.graph, home_parts(output.renderer))
    assert problems == []
    return {**files, **docs, **{data.path: data.text for data in publication.files}}


def committed() -> dict[str, str]:
    return {
        path.relative_to(EXPECTED).as_posix(): path.read_bytes().decode("utf-8")  # CSV keeps its CRLF
        for path in sorted(EXPECTED.rglob("*"))
        if path.is_file()
    }


def test_generated_output_matches_the_golden_files(tmp_path: Path) -> None:
    actual = generated(tmp_path)
    if UPDATE:
        for path in EXPECTED.rglob("*"):
            if path.is_file() and path.relative_to(EXPECTED).as_posix() not in actual:
                path.unlink()
        for rel, text in actual.items():
            target = EXPECTED / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        pytest.skip("golden files updated; review and commit tests/golden/expected/")
    expected = committed()
    assert sorted(actual) == sorted(expected), "generated files differ from the golden set; run `make golden`"
    changed = [path for path in sorted(actual) if actual[path] != expected[path]]
    assert changed == [], f"generated output changed in {changed}; if intended, run `make golden` and commit"
