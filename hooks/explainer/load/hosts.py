"""Where a source's addresses may point: the publisher, not a copy site, and never a test or proxy.

`content/hosts.yml` lists hosts contributors have met: `aggregators` (sites that repost others'
articles; fine as `copy_url`, a warning as the main `url`) and `refused` (mirrors on unrelated
companies' servers and the like; an error in any address). Addresses that are plainly not a
public page (a staging or test server, a WordPress API endpoint, a library proxy, a local
machine) are refused by pattern here, so no list has to foresee every one of them.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from explainer.load.loader import Content, display
from explainer.load.yamlio import load_yaml_file
from explainer.model.kinds import Source
from explainer.model.problems import ContentError, Problem

HOSTS_FILE = "hosts.yml"
LISTS = ("aggregators", "refused")
ADDRESS_FIELDS = ("url", "copy_url", "archive_url")
HOST_PATTERN = r"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$"
_HOST_RE = re.compile(HOST_PATTERN)
# One part of a host label, as in staging.example.com, test-www.example.com or digital-stage.example.com.
_NON_PUBLIC_PARTS = {"staging", "stage", "test", "testing", "uat", "sandbox", "preview", "dev", "demo"}
_PROXY_MARKS = ("ezproxy", "libproxy", ".idm.oclc.org")
_LOCAL_SUFFIXES = (".local", ".localhost", ".test", ".invalid", ".example", ".internal")


@dataclass
class HostList:
    """The hosts named in content/hosts.yml, each list host -> the line it is written on."""

    path: str = f"content/{HOSTS_FILE}"
    aggregators: dict[str, int] = field(default_factory=dict)
    refused: dict[str, int] = field(default_factory=dict)


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().rstrip(".")


def listed(host: str, hosts: dict[str, int]) -> str | None:
    """The listed name that covers `host`: itself or a parent domain (example.com covers www.example.com)."""
    labels = host.split(".")
    for i in range(len(labels) - 1):
        name = ".".join(labels[i:])
        if name in hosts:
            return name
    return None


def non_public_reason(url: str) -> str | None:
    """Why an address cannot be a public page, or None."""
    host = host_of(url)
    if not host:
        return "has no host"
    try:
        ipaddress.ip_address(host.strip("[]"))
        return "is a bare IP address, not a publisher's site"
    except ValueError:
        pass
    if host == "localhost" or host.endswith(_LOCAL_SUFFIXES):
        return "is on a local or reserved host"
    if any(mark in host for mark in _PROXY_MARKS) or "/login?url=" in url:
        return "goes through a library proxy"
    labels = host.split(".")[:-1]  # the top-level domain (e.g. .dev) is no sign of a test server
    if any(part in _NON_PUBLIC_PARTS for label in labels for part in label.split("-")):
        return "is on a staging or test server"
    if "/wp-json/" in urlsplit(url).path:
        return "is a WordPress data endpoint, not a page"
    return None


def load_hosts(content_dir: Path) -> tuple[HostList, list[Problem]]:
    """Read content/hosts.yml (absent: empty lists) through the same safe loader as all content."""
    file = content_dir / HOSTS_FILE
    shown = display(file, content_dir)
    hosts = HostList(shown)
    if not file.exists():
        return hosts, []
    try:
        located = load_yaml_file(file, shown)
    except ContentError as exc:
        return hosts, exc.problems
    data = located.data
    if not isinstance(data, dict):
        found = "nothing" if data is None else type(data).__name__.replace("list", "a list").replace("str", "text")
        expected = " and ".join(f"`{name}:`" for name in LISTS)
        return hosts, [Problem(shown, 1, 1, "", f"expected lists under {expected}, found {found}")]
    problems = []
    for key in data:
        if key not in LISTS:
            line, col = located.where((key,), key=True)
            problems.append(Problem(shown, line, col, str(key), f"unknown list; expected one of {', '.join(LISTS)}"))
    for name in LISTS:
        entries = data.get(name) or []
        if not isinstance(entries, list):
            line, col = located.where((name,))
            problems.append(Problem(shown, line, col, name, "expected a list of host names, one per '- ' line"))
            continue
        target: dict[str, int] = getattr(hosts, name)
        for i, entry in enumerate(entries):
            line, col = located.where((name, i))
            where = f"{name}[{i}]"
            if not isinstance(entry, str) or not _HOST_RE.match(entry):
                problems.append(
                    Problem(
                        shown,
                        line,
                        col,
                        where,
                        f"{entry!r} is not a host name; write it lower-case without scheme or path, "
                        "as in news.example.com",
                    )
                )
            elif entry in hosts.aggregators or entry in hosts.refused:
                problems.append(Problem(shown, line, col, where, f"'{entry}' is listed twice"))
            else:
                target[entry] = line
    return hosts, problems


def check_source_hosts(content: Content, hosts: HostList) -> list[Problem]:
    """Refused or non-public hosts in any address are errors; an aggregator as the main address warns."""
    problems = []
    for record, source in content.typed(Source):
        for name in ADDRESS_FIELDS:
            url = getattr(source, name)
            if not url:
                continue
            host = host_of(url)
            reason = non_public_reason(url)
            refused = listed(host, hosts.refused)
            aggregator = listed(host, hosts.aggregators)
            if reason:
                problems.append(record.problem((name,), f"'{host}' {reason}; cite the publisher's own page"))
            elif refused:
                line = hosts.refused[refused]
                message = f"'{host}' is refused ({hosts.path}:{line}); cite the publisher's own page"
                problems.append(record.problem((name,), message))
            elif name == "url" and aggregator:
                line = hosts.aggregators[aggregator]
                message = (
                    f"'{host}' reposts others' articles ({hosts.path}:{line}); give the publisher's page "
                    "in `url`, and this one, if it is the only copy, in `copy_url`"
                )
                problems.append(record.problem((name,), message, severity="warning"))
    return problems
