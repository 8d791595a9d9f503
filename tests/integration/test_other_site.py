"""The package knows no subject: a second, unrelated explainer builds from it with its own words."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from build_support import REPO, run_mkdocs

OTHER_SITE = REPO / "tests" / "fixtures" / "other-site"
# Words of this repository's own subject: none may reach another site through the package.
SUBJECT_WORDS = re.compile(r"China|Chinese|Huawei|SMIC|Nvidia|iFLYTEK|Ascend|export control|semiconductor", re.I)


@pytest.fixture(scope="module")
def other_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("other") / "project"
    shutil.copytree(OTHER_SITE, root)
    # The fixture names the hook and the theme overrides relative to its own folder; the copy needs real paths.
    config = (root / "mkdocs.yml").read_text().replace("../../../", f"{REPO}/")
    (root / "mkdocs.yml").write_text(config)
    result = run_mkdocs(root, "build", "--strict", "--quiet", "-d", "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def _published_text(site: Path) -> dict[str, str]:
    """Every page and data file the site publishes (the theme's own assets aside)."""
    return {
        str(path.relative_to(site)): path.read_text(encoding="utf-8")
        for path in site.rglob("*")
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".csv", ".atom"} and "assets" not in path.parts
    }


def test_no_word_of_this_sites_subject_reaches_another_site(other_site: Path) -> None:
    found = {path: SUBJECT_WORDS.findall(text) for path, text in _published_text(other_site).items()}
    assert {path: words for path, words in found.items() if words} == {}
    assert len(found) > 10  # pages, data and feed were all read


def test_the_sites_own_words_come_from_its_configuration(other_site: Path) -> None:
    feed = (other_site / "data" / "timeline.atom").read_text(encoding="utf-8")
    assert "<subtitle>Dated events in the story of coral bleaching.</subtitle>" in feed
    data_page = (other_site / "data" / "index.html").read_text(encoding="utf-8")
    dataset = next(
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', data_page, re.S)
        if '"Dataset"' in block
    )
    assert dataset["keywords"][:3] == ["coral reefs", "marine heatwaves", "bleaching"]
    timeline = (other_site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert 'content="Dated events in the story of coral bleaching."' in timeline
    assert "A fourth global bleaching event is confirmed" in timeline
