"""News outlets are actors of the kind `publisher`: they keep their pages (they speak in claims and
publish sources) but leave the actor list and the timeline's actor filter, which are about the story."""

import shutil
from pathlib import Path

from explainer import build_site
from unit_support import SAMPLE


def test_a_publisher_keeps_its_page_but_leaves_the_actor_list_and_the_timeline_filter(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    actors = content / "actors.yml"
    actors.write_text(
        actors.read_text() + "- id: wire\n  name: Wire Agency\n  kind: publisher\n  description: A news wire.\n"
    )
    pages = {page.path: page.markdown for page in build_site(content).pages}
    assert "actors/wire.md" in pages and "Wire Agency" in pages["actors/wire.md"]
    assert "Wire Agency" not in pages["actors/index.md"]
    timeline = next(text for path, text in pages.items() if path.startswith("timeline"))
    assert 'value="wire"' not in timeline
    assert "Huawei" in pages["actors/index.md"] and 'value="huawei"' in timeline  # the others stay
