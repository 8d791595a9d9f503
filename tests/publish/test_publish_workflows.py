"""The workflows as a supply chain: linted by actionlint, every action pinned to a full commit SHA
with its version beside it, no `pull_request_target`, no expression spliced into a shell script,
the least permissions each job needs, Dependabot for actions and pip; and what upkeep and
publishing ask of them (the review queue, the content diff, the preview artifact, rollback)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from publish_support import REPO

WORKFLOW_DIR = REPO / ".github" / "workflows"
WORKFLOWS = sorted(WORKFLOW_DIR.glob("*.yml"))
DEPENDABOT = REPO / ".github" / "dependabot.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"
PINNED_RE = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _named(name: str) -> dict:
    return _load(WORKFLOW_DIR / name)


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _uses_lines(path: Path) -> list[str]:
    """Each `uses:` value as written, with its comment (YAML drops comments, so read the lines)."""
    return [m.group(1).strip() for m in re.finditer(r"^\s*(?:-\s+)?uses:\s*(.+)$", path.read_text(), re.M)]


def actionlint(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ACTIONLINT), "-no-color", *map(str, paths)], cwd=REPO, capture_output=True, text=True, timeout=120
    )


def test_actionlint_passes_every_workflow():
    assert ACTIONLINT.is_file(), "actionlint is not installed (requirements-dev.txt)"
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_pull_request_title_in_a_script(tmp_path: Path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: pull_request\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n'
    )
    result = actionlint(bad)
    assert result.returncode != 0 and "untrusted" in result.stdout


def test_dependabot_updates_actions_and_pip_and_validates():
    config = yaml.safe_load(DEPENDABOT.read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in config["updates"]} == {"github-actions", "pip"}
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.dependabot", str(DEPENDABOT)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path):
    uses = _uses_lines(path)
    assert uses
    loose = [u for u in uses if not u.startswith("./") and not PINNED_RE.match(u)]
    assert not loose, f"{path.name}: not pinned as owner/repo@<40 hex> # vX.Y.Z: {loose}"


def test_one_sha_per_action_across_workflows():
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for use in _uses_lines(path):
            if not use.startswith("./"):
                action, _, rest = use.partition("@")
                pins.setdefault(action, set()).add(rest)
    drifting = {action: sha for action, sha in pins.items() if len(sha) > 1}
    assert not drifting, drifting


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_target_and_no_expression_in_a_script(path: Path):
    workflow = _load(path)
    assert "pull_request_target" not in workflow["on"]
    for step in _steps(workflow):
        script = step.get("run", "")
        name = step.get("name", script[:40])
        assert "${{" not in script, f"{path.name}: {name!r} splices an expression into its script; use env"


def test_pull_request_controlled_text_reaches_no_step_at_all():
    """Titles, bodies and branch names: not even through env."""
    risky = re.compile(r"github\.(head_ref|event\.pull_request\.(title|body|head\.ref|head\.label))")
    for path in WORKFLOWS:
        assert not risky.search(path.read_text()), path.name


def test_only_the_review_issue_job_may_write_issues():
    writers = []
    for path in WORKFLOWS:
        workflow = _load(path)
        assert "issues" not in (workflow.get("permissions") or {}), path.name
        for name, job in workflow["jobs"].items():
            if (job.get("permissions") or {}).get("issues") == "write":
                writers.append((path.name, name))
    assert writers == [("review.yml", "issue")]


def test_the_review_queue_runs_weekly_and_by_hand():
    workflow = _named("review.yml")
    [schedule] = workflow["on"]["schedule"]
    _minute, _hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit(), "once a week"
    assert "workflow_dispatch" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    queue, issue = workflow["jobs"]["queue"], workflow["jobs"]["issue"]
    runs = "\n".join(s.get("run", "") for s in queue["steps"])
    assert "explainer check-sources --output" in runs and "explainer review --sources" in runs
    assert "--format json" in runs
    assert issue["needs"] == "queue" and issue["permissions"] == {"contents": "read", "issues": "write"}
    assert any("explainer review-issue" in s.get("run", "") for s in issue["steps"])
    cache = next(s for s in queue["steps"] if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache", "the source check's cache is kept between runs"


def test_pull_requests_get_a_content_summary_and_the_built_site():
    workflow = _named("ci.yml")
    steps = workflow["jobs"]["check"]["steps"]
    diff = next(s for s in steps if "explainer diff" in s.get("run", ""))
    assert "--format markdown" in diff["run"] and '>> "$GITHUB_STEP_SUMMARY"' in diff["run"]
    assert diff["if"] == "github.event_name == 'pull_request'"
    uploads = {s["with"]["name"]: s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")}
    upload = uploads["site-preview"]
    assert upload["with"]["path"] == "site"
    # the summary is cut to GitHub's limit and names this artifact, which holds the whole diff
    assert "--full-list content-diff" in diff["run"] and uploads["content-diff"]["with"]["path"] == "content-diff"
    names = [s.get("name", s.get("uses", "")) for s in steps]
    assert names.index(upload["name"]) > names.index("Build strictly"), "the artifact is the strict build"


def test_deploy_builds_at_the_repositorys_addresses_and_can_redeploy_an_earlier_commit():
    workflow = _named("deploy.yml")
    dispatch = workflow["on"]["workflow_dispatch"]
    assert dispatch["inputs"]["ref"]["type"] == "string"
    jobs = workflow["jobs"]
    assert jobs["check"]["with"]["ref"] == "${{ inputs.ref }}", "the commit deployed is the commit checked"
    build = jobs["build"]["steps"]
    checkout = next(s for s in build if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["ref"] == "${{ inputs.ref }}"
    pages = next(s for s in build if s.get("uses", "").startswith("actions/configure-pages@"))
    make_build = next(s for s in build if s.get("run") == "make build")
    assert make_build["env"]["SITE_URL"] == f"${{{{ steps.{pages['id']}.outputs.base_url }}}}/"
    assert make_build["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    ci = _named("ci.yml")
    assert ci["on"]["workflow_call"]["inputs"]["ref"]["type"] == "string"
    ci_checkout = next(s for s in ci["jobs"]["check"]["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert ci_checkout["with"]["ref"] == "${{ inputs.ref }}"
