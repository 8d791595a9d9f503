"""Helpers shared by the build tests (a unique module name: test folders share sys.path)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "tests" / "fixtures" / "sample"
BIN = Path(sys.executable).parent


def mkdocs_yml(root: Path) -> str:
    return f"""\
site_name: Sample
site_url: https://example.org/sample/
repo_url: https://github.com/example/sample
edit_uri: edit/main/
theme:
  name: material
  custom_dir: {REPO / "overrides"}
  font: false
  features: [content.action.edit]
plugins: [search, explainer]
watch: [content]
markdown_extensions:
  - toc: {{permalink: true}}
nav:
  - Home: index.md
  - Topics: topics/index.md
  - Timeline: timeline.md
  - Glossary: glossary.md
  - Facts: facts.md
  - Actors: actors/index.md
  - Sources: sources/index.md
not_in_nav: |
  /actors/*.md
  /sources/*.md
validation:
  links: {{not_found: warn, anchors: warn, unrecognized_links: warn}}
"""


def run_mkdocs(project: Path, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [str(BIN / "mkdocs"), *args], cwd=project, env=env, capture_output=True, text=True, timeout=timeout
    )


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def assert_same_site(built: Path, expected: Path) -> None:
    """Every file, byte for byte (search index and sitemap included)."""
    got, wanted = site_files(built), site_files(expected)
    assert got.keys() == wanted.keys()
    assert [name for name in wanted if got[name] != wanted[name]] == []
