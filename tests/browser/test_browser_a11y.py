"""axe reports no violations on one page of each kind, in light and dark schemes.

No rule is disabled: Material's own faults (search dialog name, footer
contrast, links told apart by colour only) are fixed in overrides/ and
docs/stylesheets/site.css.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .roles import ROLES

AXE = Axe()


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(map(str, n["target"])) for n in v["nodes"][:5]]
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']} — {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("role", ROLES)
def test_axe_finds_no_violations(new_page, key_pages, role, scheme):
    page = new_page(color_scheme=scheme)
    page.goto(key_pages[role])  # waits for "load": styles and scripts are in
    results = AXE.run(page)
    violations = results.response["violations"]
    assert not violations, f"/{key_pages[role]} ({scheme}):\n" + describe(violations)
