"""One generated page: where it goes, its Markdown, and the YAML it came from."""

from __future__ import annotations

from dataclasses import dataclass

from explainer.resolve.addresses import page_url


@dataclass(frozen=True)
class Page:
    path: str  # e.g. "actors/huawei.md"
    markdown: str
    source_file: str  # content file, for edit links
    title: str
    in_nav: bool = False

    @property
    def url(self) -> str:
        return page_url(self.path)
