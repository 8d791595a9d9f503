"""`explainer check-sources` on the sample content, its addresses served from 127.0.0.1:
what it prints, its JSON report, archive suggestions from a stored Wayback answer, no network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from explainer.model.dates import PartialDate
from explainer.upkeep.archives import availability_query, closest_snapshot
from explainer.upkeep.source_check import ReportError, load_report
from upkeep_support import FIXTURES, Route, check_sources, closed_port, explainer, make_project, named, serve

FEDERAL_REGISTER = (
    "https://www.federalregister.gov/documents/2019/10/09/2019-22210/addition-of-certain-entities-to-the-entity-list"
)
LAW_FIRM = "https://www.hugheshubbard.com/news/u-s-government-adds-chinese-governmental-and-commercial-organizations-to-the-entity-list"
WAPO = "https://www.washingtonpost.com/technology/2020/12/18/china-smic-entity-list-ban/"
ARCHIVE = f"https://web.archive.org/web/20201219003217/{WAPO}"


def _point_sources_at(project: Path, base: str) -> None:
    """The sample's four addresses, moved to the local server (the archived one first: it holds WAPO)."""
    sources = project / "content" / "sources.yml"
    text = sources.read_text()
    for real, local in [
        (ARCHIVE, "/archive/wapo"),
        (FEDERAL_REGISTER, "/federal-register"),
        (LAW_FIRM, "/law-firm-note"),
        (WAPO, "/wapo"),
    ]:
        assert real in text
        text = text.replace(real, base + local)
    sources.write_text(text)


ROUTES = {
    "/federal-register": Route(),
    "/law-firm-note": Route(status=301, headers={"Location": "/law-firm-note-2024"}),
    "/law-firm-note-2024": Route(),
    "/wapo": Route(status=404),
    "/archive/wapo": Route(status=302, headers={"Location": "/archive/snapshot"}),
    "/archive/snapshot": Route(),
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def test_prints_what_needs_a_look_where_it_is_written_and_fails_on_a_dead_address(project: Path, tmp_path: Path):
    with serve(ROUTES) as (base, log):
        base = named(base)
        _point_sources_at(project, base)
        report_file = tmp_path / "report.json"
        result = check_sources(project, "--output", str(report_file))
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        f"content/sources.yml:21:13: warning: sources[1].copy_url: moved: moved permanently to "
        f"{base}/law-firm-note-2024; update the address",
        f"content/sources.yml:31:8: sources[2].url: dead: 404 Not Found ({base}/wapo); the archived copy remains",
        "checked 4 address(es) of 2 source(s) (4 asked, 0 cached): 2 ok, 1 moved, 0 changed, 1 dead, 0 error",
    ]
    assert all(agent.startswith("explainer-source-check/") for agent in log.user_agents)  # no subject in code
    addresses = load_report(report_file)
    assert [(a["field_path"], a["status"]) for a in addresses] == [
        ("sources[1].url", "ok"),
        ("sources[1].copy_url", "moved"),
        ("sources[2].url", "dead"),
        ("sources[2].archive_url", "ok"),
    ]


def test_a_rerun_reads_the_cache_and_json_goes_to_stdout(project: Path):
    with serve(ROUTES) as (base, log):
        base = named(base)
        _point_sources_at(project, base)
        check_sources(project)
        asked = len(log.requests)
        result = check_sources(project, "--format", "json")
        assert len(log.requests) == asked, "the second run asked the server again"
    found = json.loads(result.stdout)
    assert found["asked"] == 0 and found["counts"] == {"ok": 2, "moved": 1, "changed": 0, "dead": 1, "error": 0}
    assert (project / ".cache" / "source-check.json").is_file()


def test_without_network_it_says_so_and_exits_2(project: Path):
    _point_sources_at(project, named(f"http://127.0.0.1:{closed_port()}"))
    result = check_sources(project)
    assert result.returncode == 2
    assert result.stderr.startswith("explainer check-sources: no network: none of the 4 address(es) could be reached")
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not (project / ".cache").exists()


def test_from_the_command_line_a_loopback_server_is_not_asked(project: Path):
    """Content naming a loopback address is refused before anything is asked (the checker's own
    guard, for names that resolve to such addresses, is tested in tests/hostile)."""
    with serve(ROUTES) as (base, log):
        _point_sources_at(project, base)
        result = explainer("check-sources", cwd=project)
    assert log.requests == []
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == (
        "content/sources.yml:20:8: sources[1].url: '127.0.0.1' is a bare IP address, not a publisher's site;"
        " cite the publisher's own page"
    )


def test_content_errors_come_first(project: Path):
    (project / "content" / "sources.yml").write_text("- id: x\n")
    result = explainer("check-sources", cwd=project)
    assert result.returncode == 1 and "fix the content first" in result.stderr


def test_a_stored_wayback_answer_gives_the_snapshot_address():
    sample = (FIXTURES / "wayback-available.json").read_text()
    assert closest_snapshot(sample) == "https://web.archive.org/web/20130919044612/http://example.com/"
    assert closest_snapshot((FIXTURES / "wayback-none.json").read_text()) is None


def _answer(**closest: object) -> str:
    good = {"available": True, "url": "http://web.archive.org/web/1/x", "timestamp": "1", "status": "200"}
    return json.dumps({"archived_snapshots": {"closest": {**good, **closest}}})


def test_the_answer_helper_makes_a_good_answer():
    assert closest_snapshot(_answer()) == "https://web.archive.org/web/1/x"


@pytest.mark.parametrize(
    "answer",
    [
        "not json",
        _answer(available=False),
        _answer(status="404"),
        _answer(url="javascript:alert(1)"),
        _answer(url="https://evil.example/web/1/x"),
        _answer(url=None),
        '{"archived_snapshots": []}',
    ],
)
def test_anything_but_a_good_snapshot_gives_none(answer: str):
    assert closest_snapshot(answer) is None


def test_the_query_asks_for_the_copy_nearest_the_sources_date():
    query = availability_query("https://a.example/x?y=1", PartialDate.parse("2019-10"))
    assert query == "https://archive.org/wayback/available?url=https%3A%2F%2Fa.example%2Fx%3Fy%3D1&timestamp=20191001"


def test_suggest_archives_asks_for_sources_without_one(project: Path):
    routes = {"/wayback/available": Route(body=(FIXTURES / "wayback-available.json").read_bytes())}
    with serve(routes) as (base, log):
        result = explainer(
            "check-sources", "--suggest-archives", "--wayback-api", base + "/wayback/available", cwd=project
        )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "content/sources.yml:14:3: warning: sources[1]: archive_url: "
        "https://web.archive.org/web/20130919044612/http://example.com/"
    ]
    [(_, path)] = log.requests  # one source has an address and no archived copy
    assert "timestamp=20191009" in path and "federalregister.gov" in path


def test_a_report_that_is_not_one_is_refused(tmp_path: Path):
    bad = tmp_path / "report.json"
    bad.write_text('{"addresses": [{"url": "x"}]}')
    with pytest.raises(ReportError, match="not a source check report"):
        load_report(bad)
