"""Who publishes the site and where: what feeds, data and structured data need to build addresses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

# A path urljoin would only append: segments of plain characters that are not `.` or `..`, and an
# optional fragment. The site's own addresses all look like this, and a build makes thousands.
_APPENDED_PATH_RE = re.compile(r"(?:[\w~-][\w.~-]*/)*(?:[\w~-][\w.~-]*)?(?:#[\w.~:-]+)?", re.ASCII)


@dataclass(frozen=True)
class SiteInfo:
    name: str
    url: str = ""  # absolute address of the site root; empty keeps addresses site-relative
    description: str = ""
    language: str = "en"
    # What the site is about, in the site's own words (mkdocs.yml `extra.explainer`): the package knows no subject.
    timeline_description: str = "Dated events, newest first."
    keywords: tuple[str, ...] = ()
    repo_url: str = ""  # the site's repository, named in the user agent of the maintainers' tools

    def __post_init__(self) -> None:
        if self.url and not self.url.endswith("/"):
            object.__setattr__(self, "url", self.url + "/")

    @property
    def user_agent(self) -> str:
        """How the maintainers' tools introduce themselves to the servers they ask: the site, not a subject."""
        contact = self.repo_url or self.url
        return f"explainer-upkeep/1 (+{contact})" if contact else "explainer-upkeep/1"

    def absolute(self, path: str) -> str:
        """Address of a site-root-relative path ('timeline/#x'), absolute when the site address is known."""
        if not self.url:
            return "/" + path.lstrip("/")
        if _APPENDED_PATH_RE.fullmatch(path) and "?" not in self.url and "#" not in self.url:
            return self.url + path
        return urljoin(self.url, path)
