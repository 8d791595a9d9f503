"""The whole build for an adapter: pipeline, data files and the home page's parts.

Under `mkdocs serve` one process builds again and again, so two things are kept in memory
(never on disk: a cache loaded from disk would run as code, and one a checkout or a
download could supply):
- the last output, for a rebuild whose content, settings and date are unchanged;
- the pages (explainer.pages.memo), so that after an edit only pages that read what
  changed are made again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from explainer.build.collector import without_cycle_collection
from explainer.build.pipeline import SiteOutput, build_site
from explainer.build.publication import Publication, publish
from explainer.load.git_dates import file_dates
from explainer.pages.home import home_parts
from explainer.pages.memo import PageMemo
from explainer.resolve.siteinfo import SiteInfo


@dataclass(frozen=True)
class Built:
    """What an adapter needs from the pipeline: the pages, the data files, the home page's parts."""

    output: SiteOutput
    publication: Publication
    home: dict[str, str]  # explainer.pages.home.home_parts, by marker name


@dataclass
class SiteBuilder:
    """Builds one site; a `mkdocs serve` process keeps one and reuses what an edit left unchanged."""

    content_dir: Path
    repo_root: Path
    _last: tuple[str, Built] | None = None
    _pages: PageMemo | None = field(default=None, repr=False)

    @without_cycle_collection
    def build(self, site: SiteInfo, *, reuse: bool = True) -> Built:
        """build_site + publish + home_parts. Raises ContentError as build_site does.
        With `reuse`, an unchanged rebuild returns the last output and an edited one keeps pages."""
        today = dt.date.today()
        settings = f"{site!r}\0{today.isoformat()}"
        key = content_key(self.content_dir, self.repo_root, settings) if reuse else None
        if key is not None and self._last is not None and self._last[0] == key:
            return self._last[1]
        pages = None
        if reuse:
            if self._pages is None or self._pages.key != settings:
                self._pages = PageMemo(settings)
            pages = self._pages
        output = build_site(self.content_dir, today, site, pages=pages)
        changed = _content_changed(output, self.repo_root)
        home = (
            home_parts(output.renderer, last_changed=changed)
            if pages is None
            else pages.keep(output.graph, "<home>", lambda: home_parts(output.renderer, last_changed=changed))[0]
        )
        if pages is not None:
            pages.save()
        built = Built(output, publish(output, site, self.repo_root, today), home)
        if key is not None:
            self._last = (key, built)
        return built


def content_key(content_dir: Path, repo_root: Path, settings: str) -> str | None:
    """A digest of everything the output depends on besides the code: the settings and date, every
    content file's name and bytes, and the last commit that touched content/ (topic dates come from
    git); None when it cannot be told (a file cannot be read, or a symbolic link)."""
    digest = hashlib.sha256(settings.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(_git_state(content_dir, repo_root) + b"\0")
    for top, dirs, names in os.walk(content_dir):
        dirs.sort()
        for name in sorted([*dirs, *names]):
            path = Path(top, name)
            if path.is_symlink():
                return None
            if name in names:
                try:
                    data = path.read_bytes()
                except OSError:
                    return None  # the pipeline reports what it cannot read
                shown = path.relative_to(content_dir).as_posix()
                digest.update(f"{shown}\0{len(data)}\0".encode("utf-8", "surrogatepass") + data)
    return digest.hexdigest()


def _git_state(content_dir: Path, repo_root: Path) -> bytes:
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


def _content_changed(output: SiteOutput, repo_root: Path) -> dt.date | None:
    """The day of the newest commit to a content file (None outside git: the home page then
    takes the newest dated item)."""
    files = sorted({p.source_file for p in output.pages if p.source_file and p.source_file.startswith("content/")})
    dates = file_dates(files, repo_root)
    return max((last for _, last in dates.values()), default=None)
