"""`python -m explainer data DIR`: the open data without MkDocs, for any generator."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

from publish_support import REPO, SAMPLE_CONTENT


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    return subprocess.run(
        [sys.executable, "-m", "explainer", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


def test_data_command_writes_files_and_page_with_absolute_addresses(tmp_path):
    result = run_cli(
        "--content",
        str(SAMPLE_CONTENT),
        "data",
        str(tmp_path / "out"),
        "--site-url",
        "https://example.org/site/",
        "--site-name",
        "Sample",
    )
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    assert (out / "data.md").read_text(encoding="utf-8").startswith('---\ntitle: "Open data"')
    catalog = json.loads((out / "data" / "index.json").read_text(encoding="utf-8"))
    assert {entry["path"] for entry in catalog["files"]} == {p.name for p in (out / "data").iterdir()}
    feed = ET.parse(out / "data" / "timeline.atom").getroot()
    links = [link.get("href") for link in feed.iter("{http://www.w3.org/2005/Atom}link")]
    assert links and all(href.startswith("https://example.org/site/") for href in links)


def test_data_command_reports_content_errors_without_a_traceback(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    events = content / "events.yml"
    events.write_text(
        events.read_text(encoding="utf-8").replace("date: 2020-12-18", "date: 2020-13-18"), encoding="utf-8"
    )
    result = run_cli(
        "--content",
        str(content),
        "data",
        str(tmp_path / "out"),
        "--site-url",
        "https://example.org/",
        "--site-name",
        "Sample",
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "events.yml:" in result.stderr and "2020-13-18" in result.stderr
    assert not (tmp_path / "out").exists()
