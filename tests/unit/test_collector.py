"""explainer.collector: the pipeline runs with Python's cyclic collector paused, and gives it back."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest
from explainer.build import pipeline
from explainer.build import site as cache
from explainer.build.collector import collector_paused
from explainer.model.problems import ContentError
from explainer.resolve.siteinfo import SiteInfo
from unit_support import SAMPLE


@pytest.fixture(autouse=True)
def collector_enabled():
    """Each test starts with the collector on and nothing frozen, as a process does, and leaves it so."""
    gc.enable()
    gc.unfreeze()
    yield
    gc.unfreeze()
    gc.enable()


def test_paused_inside_and_enabled_after():
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_enabled_again_after_an_error():
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("content broke")
    assert gc.isenabled()


def test_a_collector_already_off_stays_off():
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_nothing_is_frozen_unless_asked():
    kept = [object()]
    with collector_paused():
        kept.append([kept])
    assert gc.get_freeze_count() == 0


def test_then_freeze_freezes_what_is_alive_and_enables_the_collector():
    with collector_paused(then_freeze=True):
        kept = [[n] for n in range(1000)]
    assert gc.get_freeze_count() >= len(kept)
    assert gc.isenabled()


def test_nested_pauses_leave_it_paused_until_the_outer_one_ends():
    with collector_paused():
        with collector_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


class CollectorSeen:
    """Wraps a module's function and records whether the collector was on when it ran."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> None:
        self.enabled: list[bool] = []
        original = getattr(module, name)

        def watched(*args: object, **kwargs: object) -> object:
            self.enabled.append(gc.isenabled())
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, watched)


def test_build_site_loads_and_renders_with_the_collector_paused(monkeypatch):
    loading = CollectorSeen(monkeypatch, pipeline, "load_content")
    rendering = CollectorSeen(monkeypatch, pipeline.PageRenderer, "all_pages")
    output = pipeline.build_site(SAMPLE)
    assert output.pages
    assert loading.enabled == [False] and rendering.enabled == [False]
    assert gc.isenabled()


def test_the_site_builder_publishes_with_the_collector_paused(tmp_path: Path, monkeypatch):
    shutil.copytree(SAMPLE, tmp_path / "content")
    publishing = CollectorSeen(monkeypatch, cache, "publish")
    cache.SiteBuilder(tmp_path / "content", tmp_path).build(SiteInfo("Sample"), reuse=False)
    assert publishing.enabled == [False]
    assert gc.isenabled()


def test_content_errors_give_the_collector_back(tmp_path: Path):
    (tmp_path / "facts.yml").write_text("- id: Not An Id\n", encoding="utf-8")
    with pytest.raises(ContentError):
        pipeline.build_site(tmp_path)
    assert gc.isenabled()
