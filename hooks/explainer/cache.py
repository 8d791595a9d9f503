"""The build's caches on disk, under `.cache/explainer/` in the project (gitignored, safe to delete).

- `templates/`: compiled Jinja templates, ours and the theme's (explainer.template_cache).
- `site.pickle`: the pipeline's output (pages, graph, warnings, data files, structured data)
  for one key: a digest of everything that output depends on. Those are the bytes and names
  of every file under content/, the package's own source and templates, the site settings,
  today's date (review warnings, fallback dates), the last git commit that touched content/
  (topic pages' dates come from git history), and the versions of Python and of the
  libraries that shape the output. An unchanged rebuild loads the output instead of
  loading, validating, rendering and publishing again; any change is a miss and a full run.

Only a successful run is stored, so content with errors is checked in full every time.
Stored records keep the file they came from but not the line and column of each value:
only validation reads those (and output with errors is never stored); loading them took
most of a cache hit's time.
The stored output is a pickle: it is trusted as the code in hooks/ is, and lives where
only a local build writes it. Any problem reading or writing it costs a full run, never
the build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import jinja2
import markdown_it
import pydantic
import yaml

from . import template_cache
from .cachefiles import read_cache_file, write_cache_file
from .collector import without_cycle_collection
from .errors import Problem
from .graph import SiteGraph
from .home import home_parts
from .page_memo import PageMemo
from .pipeline import SiteOutput, build_site
from .publish import Publication, publish
from .render import Page, PageRenderer
from .siteinfo import SiteInfo
from .yamlio import Located

FOLDER = Path(".cache") / "explainer"  # under the project root
FORMAT = b"explainer-site-cache 5\n"  # change when what is stored changes shape
_PACKAGE = Path(__file__).parent


@dataclass
class _Stored:
    """SiteOutput without its renderer (a Jinja environment cannot be pickled; a new one costs nothing)."""

    pages: list[Page]
    graph: SiteGraph
    warnings: list[Problem]
    publication: Publication
    home: dict[str, str]


@dataclass(frozen=True)
class Built:
    """What the hook needs from the pipeline: the pages, the data files, the home page's parts."""

    output: SiteOutput
    publication: Publication
    home: dict[str, str]  # explainer.home.home_parts: stored, so a build from the cache draws no chart
    folder: Path | None  # the cache folder, for other caches of the build (None: no cache)


_last: tuple[str, Built] | None = None  # `mkdocs serve`: an unchanged rebuild reads nothing
# A process writes the cache once: `mkdocs serve` would pickle the whole site again on every
# rebuild, for a next process that starts from other content (or another site_url) anyway.
_stored = False


_pages: PageMemo | None = None  # `mkdocs serve`: the last build's pages, kept in memory between rebuilds


def _home_parts(output: SiteOutput, pages: PageMemo | None) -> dict[str, str]:
    """The home page's parts, kept like a page: its charts cost more to draw than the rest of it."""

    def make() -> dict[str, str]:
        return home_parts(output.renderer)

    return make() if pages is None else pages.keep(output.graph, "<home page parts>", make)[0]


def _page_memo(folder: Path, settings: str) -> PageMemo:
    """Pages kept from the last build with these settings (explainer.page_memo)."""
    global _pages
    if _pages is None or (_pages.folder, _pages.key) != (folder, settings):
        _pages = PageMemo(folder, settings)
    return _pages


class CommittedCache(Exception):
    """`.cache/` is in the repository: what is in it would run as the build's own code."""


@without_cycle_collection
def build_and_publish(content_dir: Path, site: SiteInfo, repo_root: Path, *, cache: bool = True) -> Built:
    """build_site + publish + home_parts, from the cache under repo_root/.cache/explainer when nothing changed.
    Raises ContentError as build_site does, and CommittedCache when git tracks files under .cache/."""
    global _last, _stored
    today = dt.date.today()
    folder = repo_root / FOLDER if cache else None
    committed = committed_cache_files(repo_root) if folder else []
    if committed:
        shown = ", ".join(committed[:3]) + (f" and {len(committed) - 3} more" if len(committed) > 3 else "")
        raise CommittedCache(
            f"{shown}: files under .cache/ are committed to the repository. The build loads compiled"
            " templates and pickled output from there, which run as code, so only a local build may"
            " write them. Remove them from git (git rm -r --cached .cache) and build again."
        )
    template_cache.SHARED.keep_in(folder / "templates" if folder else None)
    settings = settings_key(site, today) if folder else None
    key = cache_key(content_dir, site, repo_root, today, settings) if settings else None
    if key is not None and _last is not None and _last[0] == key:
        return _last[1]
    stored = _load(folder / "site.pickle", key) if folder and key else None
    if stored is not None:
        output = SiteOutput(stored.pages, stored.graph, stored.warnings, PageRenderer(stored.graph, site))
        built = Built(output, stored.publication, stored.home, folder)
    else:
        pages = _page_memo(folder, settings) if folder and settings else None
        output = build_site(content_dir, today, site, pages=pages)
        home = _home_parts(output, pages)
        if pages is not None:
            pages.save()
        built = Built(output, publish(output, site, repo_root, today), home, folder)
        if folder and key and not _stored:
            _store(
                folder / "site.pickle",
                key,
                _Stored(output.pages, output.graph, output.warnings, built.publication, built.home),
            )
            _stored = True
    if key is not None:
        _last = (key, built)
    return built


def settings_key(site: SiteInfo, today: dt.date) -> str | None:
    """A digest of what shapes every page besides the content: the package's code and templates,
    the site settings, the date and the libraries' versions; None when it cannot be told."""
    digest = hashlib.sha256(FORMAT)
    versions = (
        sys.version,
        jinja2.__version__,
        markdown_it.__version__,
        pydantic.VERSION,
        yaml.__version__,
        importlib.metadata.version("pygal"),
    )
    for part in (*versions, repr(site), today.isoformat()):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return _digest_files(digest, _PACKAGE)


def cache_key(
    content_dir: Path, site: SiteInfo, repo_root: Path, today: dt.date, settings: str | None = None
) -> str | None:
    """A digest of everything the pipeline's output depends on; None when it cannot be told (then no cache)."""
    settings = settings or settings_key(site, today)
    if settings is None:
        return None
    digest = hashlib.sha256(settings.encode())
    for part in (str(content_dir.resolve()), str(repo_root.resolve())):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(_git_state(content_dir, repo_root) + b"\0")
    return _digest_files(digest, content_dir)


def _digest_files(digest: hashlib._Hash, folder: Path) -> str | None:
    """`digest` updated with every file's name and bytes under folder; None if one cannot be read."""
    files = _files(folder)
    if files is None:
        return None
    for name, path in files:
        try:
            data = path.read_bytes()
        except OSError:
            return None  # the pipeline reports what it cannot read
        digest.update(f"{name}\0{len(data)}\0".encode("utf-8", "surrogatepass") + data)
    return digest.hexdigest()


def _files(folder: Path) -> list[tuple[str, Path]] | None:
    """Every file under folder (but __pycache__), sorted; None if any symlink: where it points is not hashed."""
    found = []
    for top, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in [*dirs, *names]:
            if os.path.islink(os.path.join(top, name)):
                return None
        for name in names:
            path = Path(top, name)
            found.append((path.relative_to(folder).as_posix(), path))
    return sorted(found)


def committed_cache_files(repo_root: Path) -> list[str]:
    """Files under .cache/ that git tracks (none outside a git checkout, or without git)."""
    try:
        done = subprocess.run(
            ["git", "ls-files", "-z", "--", ".cache"], cwd=repo_root, capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return []
    if done.returncode != 0:
        return []
    return [name for name in done.stdout.decode("utf-8", "replace").split("\0") if name]


def _git_state(content_dir: Path, repo_root: Path) -> bytes:
    """The last commit that touched content/, as topic pages' dates are read from git history."""
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%H", "--", str(content_dir.resolve())],
            cwd=repo_root,
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return b"no git"
    return done.stdout + b"\0" + str(done.returncode).encode()


def _load(path: Path, key: str) -> _Stored | None:
    stored = read_cache_file(path, FORMAT + key.encode() + b"\n")
    return stored if isinstance(stored, _Stored) else None


def _file_only(located: Located) -> tuple[type[Located], tuple[str, None]]:
    return Located, (located.path, None)


def _store(path: Path, key: str, stored: _Stored) -> None:
    write_cache_file(path, FORMAT + key.encode() + b"\n", stored, {Located: _file_only})
