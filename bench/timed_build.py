"""`mkdocs build` in this process, recording the CPU time each plugin's events take.

Usage: python bench/timed_build.py OUT.json [mkdocs build options]. MkDocs runs unchanged;
only PluginCollection.run_event is wrapped, to say which part of a build is ours.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict

import mkdocs.plugins
from mkdocs.__main__ import cli
from mkdocs.config.config_options import Plugins

spent: dict[str, float] = defaultdict(float)


def run_event(self, name: str, item=None, **kwargs):
    """MkDocs' own run_event (1.6), plus a clock around each method."""
    pass_item = item is not None
    for method in self.events[name]:
        self._current_plugin = origin = self._event_origins.get(method, "<unknown>")
        start = time.process_time()
        result = method(item, **kwargs) if pass_item else method(**kwargs)
        spent[f"{origin} {name}"] += time.process_time() - start
        if result is not None:
            item = result
    self._current_plugin = None
    return item


_load_plugins = Plugins.run_validation


def load_plugins(self, value):
    """Loading the plugins imports ours (the package, pydantic, Jinja, markdown-it); search's is small."""
    start = time.process_time()
    try:
        return _load_plugins(self, value)
    finally:
        spent["explainer import"] += time.process_time() - start


def main() -> int:
    out, args = sys.argv[1], sys.argv[2:]
    mkdocs.plugins.PluginCollection.run_event = run_event
    Plugins.run_validation = load_plugins
    start = time.process_time()
    cli.main(["build", *args], prog_name="mkdocs", standalone_mode=False)
    total = time.process_time() - start
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"events_cpu_s": dict(spent), "build_cpu_s": total}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
