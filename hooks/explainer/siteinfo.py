"""Who publishes the site and where: what feeds, data and structured data need to build addresses."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class SiteInfo:
    name: str
    url: str = ""  # absolute address of the site root; empty keeps addresses site-relative
    description: str = ""
    language: str = "en"
    # What the site is about, in the site's own words (mkdocs.yml `extra.explainer`): the package knows no subject.
    timeline_description: str = "Dated events, oldest first."
    keywords: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.url and not self.url.endswith("/"):
            object.__setattr__(self, "url", self.url + "/")

    def absolute(self, path: str) -> str:
        """Address of a site-root-relative path ('timeline/#x'), absolute when the site address is known."""
        return urljoin(self.url, path) if self.url else "/" + path.lstrip("/")
