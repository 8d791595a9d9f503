"""The command line reads mkdocs.yml as the build does (MkDocs' own loader, the plugin's typed settings)."""

from __future__ import annotations

import ast
from pathlib import Path

import explainer
from explainer.mkdocs.settings import read_settings
from explainer.upkeep.source_check import user_agent
from test_cli import explainer as run_explainer


def test_data_takes_the_site_from_mkdocs_yml(project: Path, tmp_path: Path):
    result = run_explainer("data", str(tmp_path / "out"), cwd=project)
    assert result.returncode == 0, result.stderr
    feed = (tmp_path / "out" / "data" / "timeline.atom").read_text()
    assert "https://example.org/sample/" in feed  # mkdocs.yml's site_url


def test_flags_override_mkdocs_yml(project: Path, tmp_path: Path):
    result = run_explainer("data", str(tmp_path / "out"), "--site-url", "https://other.example/x/", cwd=project)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "out" / "data" / "timeline.atom").read_text()
    assert "https://other.example/x/" in text and "https://example.org/sample/" not in text


def test_a_misspelt_setting_stops_the_command_line_as_it_stops_the_build(project: Path):
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("plugins: [search, explainer]", "plugins: [search, explainer: {keywrds: [a]}]")
    )
    result = run_explainer("check", cwd=project)
    assert result.returncode == 2
    assert "cannot read the site's settings" in result.stderr and "keywrds" in result.stderr
    assert "Traceback" not in result.stderr


def test_user_agents_name_the_site_from_its_settings(project: Path):
    site = read_settings(project / "mkdocs.yml").site
    assert site.name == "Sample" and site.repo_url == "https://github.com/example/sample"
    assert "Sample" in user_agent(site) and "https://github.com/example/sample" in user_agent(site)
    assert site.repo_url in site.user_agent


def test_no_subject_words_in_the_package():
    """What the site is about comes from mkdocs.yml and content/; the code names no subject."""
    words = ("china", "huawei", "chip", "semiconductor", "export control")
    package = Path(explainer.__file__).parent
    found = []
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}  # examples in prose are fine
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                found += [f"{path.name}: {node.value[:60]!r}" for w in words if w in node.value.lower()]
    assert found == []
