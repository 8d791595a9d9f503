"""Build or preview the site with another engine than MkDocs 1.x: `python -m tools.engines build ENGINE DIR`
and `python -m tools.engines serve ENGINE` (what `make build ENGINE=...` and `make serve ENGINE=...` run).

- mkdocs: MkDocs 1.6 with the explainer plugin (the default).
- properdocs: ProperDocs, the continuation of MkDocs 1.x; it reads mkdocs.yml and runs the plugin unchanged.
- zensical: Zensical reads mkdocs.yml but runs no MkDocs plugin, so the generator does the plugin's
  work around it (explainer.static.site): it stages every page and data file into
  build/zensical/docs with a copy of mkdocs.yml adapted to it (no plugin, docs_dir there, the
  theme overrides for Zensical), runs `zensical build`, and then links glossary terms in the pages.

Zensical's templates are MiniJinja, not Jinja2: the overrides copied from Material 9.8 (MATERIAL_ONLY)
are left out and Zensical's own templates used; overrides-zensical/ holds what differs (its README).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from explainer.mkdocs.nav import expand_topics
from explainer.mkdocs.settings import read_settings
from explainer.model.problems import ContentError, shown_problems
from explainer.pages.page import Page
from explainer.static.site import Staged, link_glossary, stage_site

REPO = Path(__file__).resolve().parents[1]
ENGINES = ("mkdocs", "properdocs", "zensical")
BIN = Path(sys.executable).parent
STAGE = REPO / "build" / "zensical"
# Copies of Material 9.8's own templates with small fixes: Zensical ships its own versions of these,
# whose markup and asset names differ, so under Zensical its own are used (without those fixes).
MATERIAL_ONLY = ("base.html", "partials/nav-item.html", "partials/search.html")
# What Zensical reads of mkdocs.yml is adapted, never the rest: the plugin's work is done around it.
NOT_FOR_ZENSICAL = ("plugins", "watch", "hooks")
WATCHED = ("content", "docs", "overrides", "overrides-zensical", "mkdocs.yml")


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it: `!ENV [NAME, fallback]` takes the environment's value."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]  # type: ignore[arg-type]
    *variables, fallback = names if len(names) > 1 else [*names, None]
    return next((os.environ[str(name)] for name in variables if os.environ.get(str(name))), fallback)


_ConfigLoader.add_constructor("!ENV", _env_tag)


def read_config(project: Path = REPO) -> dict[str, Any]:
    with (project / "mkdocs.yml").open(encoding="utf-8") as file:
        config: dict[str, Any] = yaml.load(file, Loader=_ConfigLoader)
    return config


def plugin_settings(config: dict[str, Any]) -> dict[str, Any]:
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "explainer" in entry:
            return dict(entry["explainer"] or {})
    return {}


def nav_titles(nav: list[Any]) -> dict[str, str]:
    """Page path -> its title in the navigation, as MkDocs names pages."""
    titles: dict[str, str] = {}
    for entry in nav:
        if isinstance(entry, dict):
            for title, target in entry.items():
                if isinstance(target, str):
                    titles[target] = title
                elif isinstance(target, list):
                    titles.update(nav_titles(target))
    return titles


def compose_overrides(project: Path, out: Path) -> None:
    """The theme overrides for Zensical: overrides/ without MATERIAL_ONLY, then overrides-zensical/ over it."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(project / "overrides", out, ignore=shutil.ignore_patterns("*.md"))
    for name in MATERIAL_ONLY:
        (out / name).unlink(missing_ok=True)
    own = project / "overrides-zensical"
    if own.is_dir():
        shutil.copytree(own, out, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.md"))


def zensical_config(config: dict[str, Any], pages: list[Page] | None = None) -> dict[str, Any]:
    """mkdocs.yml for Zensical: no plugin, the staged folders, and the navigation the plugin makes
    (the topics under Topics, explainer.mkdocs.nav)."""
    adapted = {key: value for key, value in config.items() if key not in NOT_FOR_ZENSICAL}
    if pages is not None:
        adapted["nav"] = expand_topics(config.get("nav"), pages)
    adapted["plugins"] = ["search"]  # Material's search, built in (the site's own search may replace it)
    adapted["theme"] = {**config["theme"], "custom_dir": "overrides"}
    adapted["docs_dir"] = "docs"
    adapted["site_dir"] = "site"
    adapted["edit_uri"] = config.get("edit_uri", "") + "docs/"  # hand-written pages' edit links
    return adapted


def _edit_base(config: dict[str, Any]) -> str:
    """Where MkDocs' edit links start: repo_url joined with edit_uri (the plugin appends the YAML's path)."""
    repo, edit = str(config.get("repo_url") or ""), str(config.get("edit_uri") or "")
    return f"{repo.rstrip('/')}/{edit.lstrip('/')}" if repo and edit else ""


def stage(project: Path, out: Path) -> Staged:
    """Write the pages, data, overrides and config Zensical builds from into `out`; ContentError on problems."""
    config = read_config(project)  # for the engine's own config; the site's settings as the build reads them:
    settings = read_settings(project / "mkdocs.yml")
    docs = out / "docs"
    fresh = out / "docs.new"
    shutil.rmtree(fresh, ignore_errors=True)
    staged = stage_site(
        project / "content",
        project / "docs",
        fresh,
        settings.site,
        repo_root=project,
        extensions=settings.extensions,
        nav_titles=nav_titles(config.get("nav") or []),
        edit_base=_edit_base(config),
    )
    _sync(fresh, docs)  # only changed files are rewritten, so `zensical serve` rebuilds what changed
    shutil.rmtree(fresh)
    compose_overrides(project, out / "overrides.new")
    _sync(out / "overrides.new", out / "overrides")  # unchanged templates stay untouched, as pages do
    shutil.rmtree(out / "overrides.new")
    text = yaml.safe_dump(zensical_config(config, staged.built.output.pages), allow_unicode=True, sort_keys=False)
    if not (out / "mkdocs.yml").is_file() or (out / "mkdocs.yml").read_text(encoding="utf-8") != text:
        (out / "mkdocs.yml").write_text(text, encoding="utf-8")
    return staged


def _sync(source: Path, target: Path) -> None:
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    if target.is_dir():
        for old in [p for p in target.rglob("*") if p.is_file() and p.relative_to(target) not in wanted]:
            old.unlink()
    for rel in wanted:
        new, old = source / rel, target / rel
        if not old.is_file() or old.read_bytes() != new.read_bytes():
            old.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(new, old)


def build(engine: str, site_dir: Path, project: Path = REPO) -> None:
    """Build the site with `engine` into site_dir (strict: a warning fails it). Raises SystemExit on failure."""
    site_dir = site_dir.resolve()
    if engine in ("mkdocs", "properdocs"):
        _run([str(BIN / engine), "build", "--strict", "--site-dir", str(site_dir)], project)
        return
    out = project / "build" / "zensical"
    try:
        staged = stage(project, out)
    except ContentError as exc:
        raise SystemExit("\n".join(shown_problems(exc.problems))) from None
    shutil.rmtree(out / "site", ignore_errors=True)
    _run([str(BIN / "zensical"), "build", "--strict", "--clean", "-f", str(out / "mkdocs.yml")], project)
    link_glossary(out / "site", staged)
    shutil.rmtree(site_dir, ignore_errors=True)
    shutil.move(out / "site", site_dir)


def _run(command: list[str], cwd: Path) -> None:
    done = subprocess.run(command, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)
    if done.returncode:
        raise SystemExit(f"{Path(command[0]).name} failed (exit {done.returncode})")


def _mtimes(project: Path) -> Iterator[tuple[str, int]]:
    for name in WATCHED:
        path = project / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            yield str(file), file.stat().st_mtime_ns


def serve(engine: str, address: str, project: Path = REPO) -> None:
    """Preview with live reload. Under Zensical, a polling loop stages again on every change to content/,
    docs/ or the overrides, and `zensical serve` rebuilds from what changed in the staging folder."""
    if engine in ("mkdocs", "properdocs"):
        os.execv(BIN / engine, [engine, "serve", "--livereload", "--strict", "-a", address])
    out = project / "build" / "zensical"
    stage(project, out)
    server = subprocess.Popen([str(BIN / "zensical"), "serve", "-a", address, "-f", str(out / "mkdocs.yml")])
    seen = dict(_mtimes(project))
    try:
        while server.poll() is None:
            time.sleep(1)
            now = dict(_mtimes(project))
            if now != seen:
                seen = now
                try:
                    stage(project, out)
                    print("explainer: staged again after a change", file=sys.stderr)
                except ContentError as exc:  # the last good pages stay up; the problems are printed
                    print("\n".join(shown_problems(exc.problems)), file=sys.stderr)
    finally:
        server.terminate()
        server.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.engines", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    build_cmd = sub.add_parser("build", help="build the site with ENGINE into SITE_DIR")
    build_cmd.add_argument("engine", choices=ENGINES)
    build_cmd.add_argument("site_dir", type=Path)
    serve_cmd = sub.add_parser("serve", help="preview with live reload")
    serve_cmd.add_argument("engine", choices=ENGINES)
    serve_cmd.add_argument("-a", "--address", default="127.0.0.1:8000")
    args = parser.parse_args(argv)
    if args.command == "build":
        build(args.engine, args.site_dir)
    else:
        serve(args.engine, args.address)
    return 0


if __name__ == "__main__":
    sys.exit(main())
