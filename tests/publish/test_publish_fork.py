"""A fork publishes under its own addresses: the real site built with SITE_URL and REPO_URL set,
as the deploy workflow sets them, carries them everywhere and no stand-in address anywhere."""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from publish_support import PROJECT, page_url_of, parse_page
from site_config_support import build_env, load_mkdocs_yml

FORK_SITE = "https://fork.example.org/sub/"
FORK_REPO = "https://github.com/someone/fork"
# What the addresses were before they came from the environment (the repository's default too).
STAND_INS = ("example.github.io", "github.com/example/")
# The local default site address may be named and linked in text (the contributing page tells how
# to preview), never used as the site's address: in a page's <link> or <meta>, a data file, feed or sitemap.
LOCAL_DEFAULT = "http://127.0.0.1:8000/"
LOCAL_AS_ADDRESS = re.compile(r"""<(?:link|meta)\b[^>]*=\s*["']?""" + re.escape(LOCAL_DEFAULT))
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def fork_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fork") / "sub"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
        cwd=PROJECT,
        env=build_env(SITE_URL=FORK_SITE, REPO_URL=FORK_REPO),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def fork_heads(fork_site):
    return {page_url_of(fork_site, p): parse_page(p) for p in sorted(fork_site.rglob("index.html"))}


def _json_ld_urls(block: object) -> list[str]:
    """Every address in a JSON-LD block, at any depth."""
    if isinstance(block, dict):
        return [u for value in block.values() for u in _json_ld_urls(value)]
    if isinstance(block, list):
        return [u for value in block for u in _json_ld_urls(value)]
    return [block] if isinstance(block, str) and block.startswith(("http://", "https://")) else []


def test_the_environment_sets_both_addresses():
    config = load_mkdocs_yml(PROJECT, build_env(SITE_URL=FORK_SITE, REPO_URL=FORK_REPO))
    assert (config["site_url"], config["repo_url"]) == (FORK_SITE, FORK_REPO)


def test_canonical_links_use_the_forks_site_address(fork_heads):
    assert len(fork_heads) > 10
    for url, head in fork_heads.items():
        canonical = head.link("canonical")
        assert canonical and canonical["href"] == FORK_SITE + url, url


def test_sitemap_lists_pages_at_the_forks_address(fork_site, fork_heads):
    locs = {loc.text for loc in ET.parse(fork_site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")}
    assert locs == {FORK_SITE + url for url in fork_heads}


def test_feed_links_to_the_forks_timeline(fork_site):
    root = ET.parse(fork_site / "data" / "timeline.atom").getroot()
    links = [link.get("href") for link in root.iter(f"{ATOM}link")]
    ids = [element.text for element in root.iter(f"{ATOM}id")]
    assert links and ids
    for address in links + ids:
        assert address.startswith(FORK_SITE), address


def test_json_ld_addresses_are_the_forks(fork_heads):
    own = []
    for url, head in fork_heads.items():
        for block in head.json_ld:
            for address in _json_ld_urls(block):
                if "schema.org" in address or "creativecommons.org" in address:
                    continue  # vocabulary and licence, not ours
                assert address.startswith(FORK_SITE), f"{url}: {address}"
                own.append(address)
    assert len(own) > len(fork_heads), "too few addresses in structured data to prove anything"


def test_edit_and_report_links_open_the_fork(fork_heads):
    for url, head in fork_heads.items():
        edits = [a["href"] for a in head.anchors if a.get("rel") == "edit"]
        assert len(edits) == 1 and edits[0].startswith(FORK_REPO + "/edit/main/"), url
        reports = [a["href"] for a in head.anchors if "/issues/new" in a.get("href", "")]
        assert reports and all(r.startswith(FORK_REPO + "/issues/new?") for r in reports), url
        assert parse_qs(urlsplit(reports[0]).query)["page"] == [FORK_SITE + url], url


def test_no_stand_in_address_anywhere_in_the_output(fork_site):
    checked, found = 0, []
    for path in sorted(p for p in fork_site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        text = data.decode("utf-8", "ignore")
        checked += 1
        where = path.relative_to(fork_site).as_posix()
        found += [f"{where}: {s}" for s in STAND_INS if s in text]
        if path.suffix == ".html" and LOCAL_AS_ADDRESS.search(text):
            found.append(f"{where}: a <link> or <meta> holds {LOCAL_DEFAULT}")
        elif where.startswith(("data/", "sitemap")) and LOCAL_DEFAULT in text:
            found.append(f"{where}: {LOCAL_DEFAULT}")
    assert checked > 50 and not found, found[:10]


def test_the_stand_in_check_can_fail(tmp_path):
    """The patterns above do find what they look for (the same build without the variables has them)."""
    page = '<link rel="canonical" href="http://127.0.0.1:8000/china-tech-explainer/">'
    assert LOCAL_AS_ADDRESS.search(page)
    assert not LOCAL_AS_ADDRESS.search('open <a href="http://127.0.0.1:8000/china-tech-explainer/">the preview</a>')
    assert any(s in "https://github.com/example/china-tech-explainer/edit/main/x" for s in STAND_INS)


def _deploy_stand_in_check(site: Path, site_url: str, repo_url: str) -> subprocess.CompletedProcess:
    """The deploy workflow's "No stand-in address reached the site" step, on a built site."""
    import os

    import yaml

    workflow = yaml.safe_load((PROJECT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    steps = [s for job in workflow["jobs"].values() for s in job.get("steps", [])]
    [step] = [s for s in steps if s.get("name") == "No stand-in address reached the site"]
    work = site.parent / "deploy-check"
    work.mkdir(exist_ok=True)
    if not (work / "site").exists():
        (work / "site").symlink_to(site)
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=work,
        env={**os.environ, "SITE_URL": site_url, "REPO_URL": repo_url},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_deploy_check_passes_the_forks_build(fork_site):
    result = _deploy_stand_in_check(fork_site, FORK_SITE, FORK_REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deploy_check_reads_every_kind_of_generated_address(fork_site):
    """Against other addresses, each of its four lists finds addresses in the real build: none is empty."""
    result = _deploy_stand_in_check(fork_site, "https://elsewhere.example.org/", "https://github.com/other/repo")
    assert result.returncode == 1
    for what in ("canonical addresses", "sitemap addresses", "feed addresses", "edit links"):
        assert f"::error::{what} not under" in result.stdout, result.stdout
    assert "no " not in result.stdout.replace("not under", "")
