"""content/hosts.yml: an aggregator as a source's main address warns, a refused or non-public host
anywhere is an error, and a malformed list is reported at its place, never as a traceback."""

from __future__ import annotations

import json

import jsonschema
import pytest
from explainer.build.pipeline import check_content
from explainer.load.hosts import load_hosts, non_public_reason
from explainer.load.yamlio import load_yaml_file
from unit_support import REPO, TODAY

WAPO = "https://www.washingtonpost.com/technology/2020/12/18/china-smic-entity-list-ban/"
HUGHES = "https://www.hugheshubbard.com/news/u-s-government-adds-chinese-governmental-and-commercial-organizations-to-the-entity-list"


def messages(folder) -> list[str]:
    return [str(p) for p in check_content(folder, TODAY)[1]]


def test_an_aggregator_as_main_address_warns_and_a_publisher_does_not(sample_copy):
    (sample_copy / "hosts.yml").write_text("aggregators:\n  - washingtonpost.com\n  - example-aggregator.net\n")
    found = messages(sample_copy)
    assert found == [
        "content/sources.yml:31:8: warning: sources[2].url: 'www.washingtonpost.com' reposts others' articles "
        "(content/hosts.yml:2); give the publisher's page in `url`, and this one, if it is the only copy, "
        "in `copy_url`"
    ]
    # The same list, the publisher's own host not on it: nothing to say.
    (sample_copy / "hosts.yml").write_text("aggregators:\n  - example-aggregator.net\n")
    assert messages(sample_copy) == []


def test_an_aggregator_is_fine_as_a_copy(sample_copy):
    (sample_copy / "hosts.yml").write_text("aggregators:\n  - hugheshubbard.com\n")
    assert messages(sample_copy) == []


def test_a_refused_host_is_an_error_even_as_a_copy(sample_copy):
    (sample_copy / "hosts.yml").write_text("refused:\n  - hugheshubbard.com\n")
    found = messages(sample_copy)
    assert found == [
        "content/sources.yml:21:13: sources[1].copy_url: 'www.hugheshubbard.com' is refused "
        "(content/hosts.yml:2); cite the publisher's own page"
    ]


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("https://staging.example-news.com/a", "staging or test server"),
        ("https://test-www.example-news.com/a", "staging or test server"),
        ("http://smicuat.example.com/news/1", None),  # no pattern: such hosts go in the refused list
        ("https://blog.example.com/echo/wp-json/wp/v2/posts/12850", "WordPress data endpoint"),
        ("https://www-scmp-com.libproxy1.nus.edu.sg/tech/a", "library proxy"),
        ("https://www.scmp.com.ezproxy.example.edu/tech/a", "library proxy"),
        ("https://www-example-com.ez.idm.oclc.org/a", "library proxy"),
        ("http://localhost:8000/a", "local or reserved host"),
        ("http://192.168.0.4/a", "bare IP address"),
        ("https://web.dev/articles/a", None),  # a .dev top-level domain is not a test server
        ("https://www.scmp.com/tech/tech-war/article/3336501/a", None),
        ("https://developers.example.com/a", None),
    ],
)
def test_non_public_addresses_are_recognised(address, reason):
    found = non_public_reason(address)
    assert (found is None) if reason is None else (reason in (found or ""))


def test_a_non_public_address_is_an_error_in_any_field(sample_copy):
    sources = sample_copy / "sources.yml"
    sources.write_text(
        sources.read_text().replace(HUGHES, "https://wpinitiate.com/echo-test/demo/wp-json/wp/v2/posts/1")
    )
    assert messages(sample_copy) == [
        "content/sources.yml:21:13: sources[1].copy_url: 'wpinitiate.com' is a WordPress data endpoint, not a page; "
        "cite the publisher's own page"
    ]
    sources.write_text(sources.read_text().replace(WAPO, "https://staging.washingtonpost.com/a"))
    assert "content/sources.yml:31:8: sources[2].url: 'staging.washingtonpost.com' is on a staging or test " in (
        "\n".join(messages(sample_copy))
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "aggregators:\n  - https://menafn.com/\n",
            "content/hosts.yml:2:5: aggregators[0]: 'https://menafn.com/' is not a host name; write it lower-case "
            "without scheme or path, as in news.example.com",
        ),
        ("aggregators: menafn.com\n", "content/hosts.yml:1:14: aggregators: expected a list of host names"),
        (
            "mirrors:\n  - menafn.com\n",
            "content/hosts.yml:1:1: mirrors: unknown list; expected one of aggregators, refused",
        ),
        ("- menafn.com\n", "content/hosts.yml:1:1: expected lists under `aggregators:` and `refused:`, found a list"),
        (
            "aggregators:\n  - menafn.com\nrefused:\n  - menafn.com\n",
            "content/hosts.yml:4:5: refused[0]: 'menafn.com' is listed twice",
        ),
        ("aggregators:\n  - [menafn.com\n", "content/hosts.yml:3:1:"),  # broken YAML: the parser's place
        ("aggregators:\n  - a.com\naggregators:\n  - b.com\n", "content/hosts.yml:3:1:"),  # duplicate key
    ],
)
def test_a_malformed_host_list_is_a_clear_error(sample_copy, text, expected):
    (sample_copy / "hosts.yml").write_text(text)
    _, problems = check_content(sample_copy, TODAY)
    shown = [str(p) for p in problems]
    assert any(line.startswith(expected) for line in shown), shown
    assert all(p.severity == "error" for p in problems)


def test_the_host_list_is_not_mistaken_for_an_unknown_content_file(sample_copy):
    (sample_copy / "hosts.yml").write_text("aggregators: []\nrefused: []\n")
    assert messages(sample_copy) == []


def test_the_real_host_list_loads_and_matches_its_schema():
    hosts, problems = load_hosts(REPO / "content")
    assert problems == []
    assert hosts.aggregators and hosts.refused
    schema = json.loads((REPO / "content" / "schemas" / "hosts.schema.json").read_text())
    jsonschema.validate(load_yaml_file(REPO / "content" / "hosts.yml", "hosts.yml").data, schema)
