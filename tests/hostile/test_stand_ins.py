"""Stand-in addresses: content naming one is refused by `check`, before merge; the deploy's check
looks only at the addresses the build writes, so content text can never stop a deployment."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml
from explainer.model.standins import STAND_INS, stand_in

from .support import ROOT, assert_clean_error, line_of, minimal, run_check, write_content

DEPLOY = ROOT / ".github" / "workflows" / "deploy.yml"
STEP = "No stand-in address reached the site"

# Ways to name a stand-in; what the deploy workflow once found anywhere in the site.
STAND_IN_ADDRESSES = [
    "https://github.com/example/china-tech-explainer/blob/main/README.md",
    "https://GitHub.com/Example/repo",
    "https://www.github.com/example",
    "https://github.com:443/example/repo",
    "https://github.com./example/repo",
    "https://example.github.io/china-tech-explainer/",
    "https://EXAMPLE.GitHub.IO/",
    "https://docs.example.github.io/page",
    "https://archive.org/web/2020/https://github.com/example/x",
    "https://news.example.org/?via=github.com%2Fexample%2F",
]
REAL_ADDRESSES = ["https://github.com/examples/repo", "https://example.com/a", "https://github.com/huawei/example"]


@pytest.mark.parametrize("address", STAND_IN_ADDRESSES)
def test_every_form_is_recognised(address: str) -> None:
    assert stand_in(address) in STAND_INS


@pytest.mark.parametrize("address", REAL_ADDRESSES)
def test_real_addresses_are_not_stand_ins(address: str) -> None:
    assert stand_in(address) is None


# (kind file, item index, field) holding an address, and the content change that puts one there.
def _with_address(where: str, address: str) -> dict:
    content = minimal()
    if where == "source url":
        content["sources"][0]["url"] = address
    elif where == "archive url":
        content["sources"][0]["archive_url"] = address
    elif where == "actor url":
        content["actors"][0]["url"] = address
    elif where == "link in a summary":
        content["events"][0]["summary"] = f"See [the code]({address}) for [[fact:fact-a]]."
    return content


PLACES = {
    "source url": ("sources.yml", "sources[0].url"),
    "archive url": ("sources.yml", "sources[0].archive_url"),
    "actor url": ("actors.yml", "actors[0].url"),
    "link in a summary": ("events.yml", "events[0].summary"),
}


@pytest.mark.parametrize("where", list(PLACES), ids=str)
@pytest.mark.parametrize("address", STAND_IN_ADDRESSES[:2] + STAND_IN_ADDRESSES[5:7], ids=str)
def test_check_refuses_a_stand_in_in_content(tmp_path: Path, where: str, address: str) -> None:
    folder = write_content(tmp_path / "content", _with_address(where, address))
    name, field = PLACES[where]
    line = line_of((folder / name).read_text(encoding="utf-8"), address)
    result = run_check(folder)
    output = assert_clean_error(result, f"content/{name}:{line}:", f"{field}: '{address}' names the stand-in address")
    assert result.returncode == 1, output


def test_a_real_address_passes(tmp_path: Path) -> None:
    folder = write_content(tmp_path / "content", _with_address("source url", REAL_ADDRESSES[0]))
    result = run_check(folder)
    assert result.returncode == 0, result.stdout + result.stderr


# --- the deploy's check, run on small built sites ---------------------------------------
SITE_URL = "https://someone.github.io/explainer/"
REPO_URL = "https://github.com/someone/explainer"


def _deploy_script() -> str:
    workflow = yaml.safe_load(DEPLOY.read_text(encoding="utf-8"))
    [step] = [s for job in workflow["jobs"].values() for s in job.get("steps", []) if s.get("name") == STEP]
    return step["run"]


def _page(canonical: str, edit: str, body: str = "") -> str:
    return (
        f'<html><head><link rel="canonical" href="{canonical}"></head><body>{body}'
        f'<a href="{edit}" title="Edit this page" class="md-content__button md-icon" rel="edit">edit</a>'
        "</body></html>\n"
    )


def _site(tmp_path: Path, **spoil: str) -> Path:
    """A built site as MkDocs and the generator write it, with `spoil` replacing one address."""
    site_url = spoil.get("site_url", SITE_URL)
    site = tmp_path / "site"
    (site / "topics").mkdir(parents=True)
    (site / "data").mkdir()
    text = spoil.get("text", "")
    (site / "index.html").write_text(_page(SITE_URL, spoil.get("edit", f"{REPO_URL}/edit/main/docs/index.md"), text))
    (site / "topics" / "index.html").write_text(_page(site_url + "topics/", f"{REPO_URL}/edit/main/content/x.yml"))
    sitemap = spoil.get("sitemap", SITE_URL + "topics/")
    (site / "sitemap.xml").write_text(
        f"<urlset><url><loc>{SITE_URL}</loc></url><url><loc>{sitemap}</loc></url></urlset>"
    )
    feed = spoil.get("feed", SITE_URL + "timeline/")
    (site / "data" / "timeline.atom").write_text(
        f'<feed><id>{SITE_URL}data/timeline.atom</id><link rel="alternate" href="{feed}"/></feed>'
    )
    return tmp_path


def _run_deploy_check(where: Path, site_url: str = SITE_URL, repo_url: str = REPO_URL):
    # GitHub runs `run:` steps with bash --noprofile --norc -eo pipefail.
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", _deploy_script()],
        cwd=where,
        env={**os.environ, "SITE_URL": site_url, "REPO_URL": repo_url},
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_content_naming_a_stand_in_does_not_stop_the_deployment(tmp_path: Path) -> None:
    text = "".join(f'<p>See <a href="{a}">{a}</a></p>' for a in STAND_IN_ADDRESSES)
    result = _run_deploy_check(_site(tmp_path, text=text))
    assert result.returncode == 0, result.stdout + result.stderr


SPOILED = {
    "canonical": {"site_url": "https://example.github.io/china-tech-explainer/"},
    "sitemap": {"sitemap": "http://127.0.0.1:8000/china-tech-explainer/topics/"},
    "feed": {"feed": "https://example.github.io/china-tech-explainer/timeline/"},
    "edit": {"edit": "https://github.com/example/china-tech-explainer/edit/main/docs/index.md"},
}


@pytest.mark.parametrize("spoiled", list(SPOILED), ids=str)
def test_a_stand_in_in_a_generated_address_stops_it(tmp_path: Path, spoiled: str) -> None:
    result = _run_deploy_check(_site(tmp_path, **SPOILED[spoiled]))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "::error::" in result.stdout
    [address] = SPOILED[spoiled].values()
    assert address.removesuffix("topics/") in result.stdout


def test_a_site_without_a_sitemap_stops_it(tmp_path: Path) -> None:
    where = _site(tmp_path)
    (where / "site" / "sitemap.xml").unlink()
    result = _run_deploy_check(where)
    assert result.returncode == 1
    assert "no sitemap addresses found" in result.stdout
