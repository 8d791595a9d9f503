"""The build caches' files: a header (format, and the key the contents are valid for), then a pickle.

Written whole or not at all, read back only under the same header. What they hold is trusted as
the code in hooks/ is (explainer.cache); a file that cannot be read or written costs the next
build time, never this build.
"""

from __future__ import annotations

import contextlib
import copyreg
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


def read_cache_file(path: Path, header: bytes) -> object | None:
    """What the file holds after `header`; None when it is missing, starts otherwise, or is damaged."""
    try:
        with path.open("rb") as f:
            if f.read(len(header)) != header:  # a bounded read, whatever the file is
                return None
            value: object = pickle.load(f)
            return value
    except Exception:  # truncated, or written by an older package
        return None


def write_cache_file(
    path: Path, header: bytes, value: object, reduce: dict[type, Callable[[Any], Any]] | None = None
) -> None:
    """Write `header` and `value` (pickled, each type in `reduce` stored as its function says) to a
    temporary file beside `path`, then rename it: a build beside this one never reads half a file.
    Any failure (a read-only folder, a full disk, an object pickle refuses) leaves no file and no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(header)
            pickler = pickle.Pickler(f, protocol=pickle.HIGHEST_PROTOCOL)
            if reduce:
                pickler.dispatch_table = {**copyreg.dispatch_table, **reduce}
            pickler.dump(value)
        os.replace(temporary, path)
    except Exception:
        with contextlib.suppress(OSError):
            os.remove(temporary)
