"""A source's archived copy: validated like any address, shown beside the original."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from build_support import run_mkdocs

ARCHIVE = (
    "https://web.archive.org/web/20201219003217/"
    "https://www.washingtonpost.com/technology/2020/12/18/china-smic-entity-list-ban/"
)


def test_source_page_and_source_lists_show_the_archived_copy_beside_the_original(project: Path):
    assert run_mkdocs(project, "build", "--strict", "-d", "site").returncode == 0
    page = (project / "site" / "sources" / "smic-entity-list-2020" / "index.html").read_text()
    original = page.index('href="https://www.washingtonpost.com/technology/2020/12/18/china-smic-entity-list-ban/"')
    link = rf'<a class="external source-archive" href="{re.escape(ARCHIVE)}" rel="noopener">([^<]+)</a>'
    archived = re.search(link, page)
    assert archived and archived.group(1) == "An archived copy"
    assert original < archived.start(), "the archived copy comes after the original"
    facts = (project / "site" / "facts" / "index.html").read_text()
    assert f'<a class="external source-archive" href="{ARCHIVE}" rel="noopener">archived</a>' in facts
    # a source without one shows none
    other = (project / "site" / "sources" / "bis-2019-xinjiang-rule" / "index.html").read_text()
    assert "source-archive" not in other


def test_an_archive_address_that_is_not_http_is_refused_at_its_line(project: Path):
    sources = project / "content" / "sources.yml"
    text = sources.read_text().replace(ARCHIVE, "javascript:alert(1)")
    sources.write_text(text)
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if "archive_url:" in row)
    result = subprocess.run(
        [sys.executable, "-m", "explainer", "check"], cwd=project, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert (
        f"content/sources.yml:{line}:16: sources[2].archive_url: 'javascript:alert(1)' is not an http(s) address"
        in result.stderr.splitlines()
    )
