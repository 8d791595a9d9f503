"""The GitHub side: workflows valid against GitHub's schema and doing what publishing needs,
and the report-an-error issue form that every page's footer links to."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from publish_support import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
ISSUE_FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "report-an-error.yml"


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess:
    """check-jsonschema with a schema it ships (no network)."""
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _workflow(trigger: str) -> dict:
    found = [w for w in map(_load, WORKFLOWS) if trigger in w["on"]]
    assert len(found) == 1, f"expected one workflow triggered by {trigger}"
    return found[0]


def _runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job.get("steps", []))


def test_workflows_validate_against_githubs_schema():
    assert WORKFLOWS, "no workflows"
    result = check_jsonschema("vendor.github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_validator_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    steps:\n      - run: make\n    permissions: everything\n")
    result = check_jsonschema("vendor.github-workflows", broken)
    assert result.returncode != 0 and "broken.yml" in result.stdout + result.stderr


def test_pull_requests_check_content_build_strictly_and_run_the_tests():
    workflow = _workflow("pull_request")
    job = workflow["jobs"]["check"]
    runs = _runs(job)
    for command in ("make check", "make build", "make test"):
        assert command in runs, f"the pull request workflow does not run {command}"
    assert job["env"]["CHROMIUM_PATH"]
    assert workflow["permissions"] == {"contents": "read"}
    # and every other engine builds and is read in a browser (README, "When Material stops receiving fixes")
    engines = workflow["jobs"]["engines"]
    assert set(engines["strategy"]["matrix"]["engine"]) == {"properdocs", "zensical"}
    assert "make build" in _runs(engines) and "make browser-core" in _runs(engines)
    assert engines["env"]["ENGINE"] == "${{ matrix.engine }}"


def test_main_deploys_to_pages_only_after_the_checks_pass():
    workflow = _workflow("push")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["group"]
    jobs = workflow["jobs"]
    uses = {name: [s.get("uses", "") for s in job.get("steps", [])] for name, job in jobs.items()}
    [deploy] = [n for n, u in uses.items() if any(x.startswith("actions/deploy-pages@") for x in u)]
    [build] = [n for n, u in uses.items() if any(x.startswith("actions/upload-pages-artifact@") for x in u)]
    assert jobs[deploy]["needs"] == build
    assert jobs[deploy]["environment"]["name"] == "github-pages"
    assert jobs[deploy]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs[build]["permissions"] == {"contents": "read", "pages": "read"}, "the build job only reads"
    check = jobs[build]["needs"]
    checks = jobs[check].get("uses") or _runs(jobs[check])
    assert "ci.yml" in checks or "make test" in checks, "the deploy does not wait for the checks"
    if jobs[check].get("uses"):  # the pull request workflow, reused
        pr = _load(REPO / jobs[check]["uses"].removeprefix("./"))
        assert "workflow_call" in pr["on"] and "pull_request" in pr["on"]
    assert "make build" in _runs(jobs[build])


def test_issue_form_asks_for_page_statement_and_better_source():
    result = check_jsonschema("vendor.github-issue-forms", ISSUE_FORM)
    assert result.returncode == 0, result.stdout + result.stderr
    form = yaml.safe_load(ISSUE_FORM.read_text(encoding="utf-8"))
    fields = {f["id"]: f for f in form["body"] if "id" in f}
    for field in ("page", "statement", "source"):
        assert fields[field]["validations"]["required"] is True, field


@pytest.mark.parametrize("url", ["", "topics/ascend-chips/", "glossary/", "data/"])
def test_footer_links_to_the_issue_form_with_the_page_filled_in(heads, site_config, site_url, url):
    link = next((a["href"] for a in heads[url].anchors if "/issues/new" in a.get("href", "")), None)
    assert link, f"{url or 'home'}: no report-an-error link in the footer"
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == site_config["repo_url"] + "/issues/new"
    query = parse_qs(parts.query)
    assert query["template"] == [ISSUE_FORM.name]
    assert query["page"] == [site_url + url]


def test_every_page_has_the_report_link(heads):
    missing = [
        url or "home"
        for url, head in heads.items()
        if not any("issues/new?template=report-an-error.yml" in a.get("href", "") for a in head.anchors)
    ]
    assert not missing, missing
