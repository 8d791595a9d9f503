"""Compiled Jinja templates kept for the life of the process.

`mkdocs serve` makes a new template environment on every rebuild, for the theme
and for our pages, and Jinja compiles every template again. With this cache a
rebuild reuses the compiled code; an edited template has a new checksum and is
compiled afresh.
"""

from __future__ import annotations

import jinja2


class MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja if the source's checksum changed

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


SHARED = MemoryBytecodeCache()
