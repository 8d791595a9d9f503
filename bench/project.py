"""Throw-away projects for the benchmark: the real site's configuration with other content."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml
import yaml_env_tag  # MkDocs's own reader of !ENV

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "hooks", "overrides", "docs")
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")


def make_project(target: Path, content: Path | None = None) -> Path:
    """Copy the site's configuration, hook, overrides and docs into `target`, with `content`
    (default: the real content) as its content folder."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=_IGNORE, dirs_exist_ok=True)
        elif source.exists():
            shutil.copy2(source, target / part)
    content_target = target / "content"
    if content is None:
        shutil.copytree(ROOT / "content", content_target, ignore=_IGNORE, dirs_exist_ok=True)
    elif content.resolve() != content_target.resolve():
        shutil.copytree(content, content_target, dirs_exist_ok=True)
    return target


def ids_in_docs(docs: Path = ROOT / "docs") -> dict[str, list[str]]:
    """Ids the hand-written pages refer to with [[kind:id]]: synthetic content must hold them."""
    from explainer.text.refs import text_refs

    found: dict[str, list[str]] = {}
    for page in sorted(docs.rglob("*.md")):
        for ref in text_refs(page.read_text(encoding="utf-8")):
            found.setdefault(ref.kind, []).append(ref.id)
    return found


def load_config(project: Path) -> dict:
    """mkdocs.yml as data: `!ENV` resolved as MkDocs resolves it (site_url, repo_url), other
    MkDocs-specific tags (!relative) kept as plain text."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor(
        "!", lambda loader, suffix, node: loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None
    )
    Loader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def make_plain_project(project: Path, target: Path) -> Path:
    """The same site without the generator: the exported Markdown plus a mkdocs.yml with the same
    theme, overrides, extensions and navigation, but not the explainer plugin."""
    docs = target / "docs"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    # `python -m explainer export` run in the project: its content/ and docs/ are the defaults.
    done = subprocess.run(
        [sys.executable, "-m", "explainer", "export", str(docs)],
        cwd=project,
        capture_output=True,
        text=True,
        env=_env(project),
    )
    if done.returncode != 0:
        raise RuntimeError(f"export failed in {project}:\n{done.stderr[-3000:]}")
    if (project / "overrides").is_dir():
        shutil.copytree(project / "overrides", target / "overrides", dirs_exist_ok=True)
    config = load_config(project)
    config.pop("hooks", None)
    config["plugins"] = [p for p in config.get("plugins") or [] if not _is_explainer(p)]
    config.pop("watch", None)
    config.pop("validation", None)  # hand-written [[refs]] stay unresolved without the hook
    config["nav"] = _expanded_nav(config.get("nav"), project)
    # Every exported page outside the navigation stays out of it here too (by folder).
    in_nav = {value for entry in config["nav"] for value in _nav_values(entry)}
    folders = sorted(
        {
            "/" + str(p.relative_to(docs).parent) + "/*.md"
            for p in docs.rglob("*.md")
            if str(p.relative_to(docs)) not in in_nav and p.parent != docs
        }
    )
    config["not_in_nav"] = "\n".join(folders)
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def _is_explainer(plugin) -> bool:
    """`- explainer` or `- explainer: {...}` in mkdocs.yml's plugins."""
    return plugin == "explainer" or (isinstance(plugin, dict) and "explainer" in plugin)


def _nav_values(entry) -> list[str]:
    value = next(iter(entry.values())) if isinstance(entry, dict) else entry
    if isinstance(value, list):
        return [v for child in value for v in _nav_values(child)]
    return [value]


def _expanded_nav(nav, project: Path):
    """The hook lists the topics the pipeline puts in the navigation under Topics; so does the plain build."""
    from explainer.build.pipeline import build_site
    from explainer.mkdocs.nav import expand_topics

    return expand_topics(nav, build_site(project / "content").pages) if nav else nav


def _env(project: Path) -> dict:
    import os

    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
