"""Python's cyclic garbage collector, paused while the pipeline builds the site.

A full collection walks every object alive. The pipeline allocates the whole site
(items, located values, the graph, pages) and keeps nearly all of it, so each
collection it triggers walks a bigger heap and finds next to nothing to free: with
2,000 glossary terms that was about a fifth of the pipeline's time. Reference
counting still frees every acyclic object at once; the collector resumes after.

A one-shot build (`mkdocs build`) keeps that site until the process ends, so it may
also freeze it (gc.freeze): the collections MkDocs' own work triggers then skip it,
and so does the first one after the pause, which would walk all of it once more.
Not a build that is served: each rebuild's leftovers would stay frozen, never freed.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def collector_paused(*, then_freeze: bool = False) -> Iterator[None]:
    """No cyclic collection inside; the collector's state before is restored after, also on error.
    `then_freeze`: what is alive at the end is never collected (a one-shot build; see above)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if then_freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


def without_cycle_collection(function: Callable[P, R]) -> Callable[P, R]:
    """`function` runs with the cyclic collector paused (see the module's note)."""

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        with collector_paused():
            return function(*args, **kwargs)

    return paused
