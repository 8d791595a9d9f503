"""Compiled Jinja templates kept for the life of the process, and across processes in a folder.

`mkdocs serve` makes a new template environment on every rebuild, for the theme
and for our pages, and Jinja compiles every template again. With this cache a
rebuild reuses the compiled code; an edited template has a new checksum and is
compiled afresh. Once `keep_in(folder)` is called, compiled code is also written
there (as Python keeps bytecode in __pycache__), so the next `mkdocs build` skips
compiling too; Jinja checks each file's source checksum and Python version first.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import jinja2


class MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}
        self._folder: jinja2.FileSystemBytecodeCache | None = None

    def keep_in(self, folder: Path | None) -> None:
        """Also keep compiled templates in `folder` (created when missing); None: memory only."""
        self._folder = None
        if folder is not None:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                return  # read-only: compiled in memory, as without a folder
            self._folder = jinja2.FileSystemBytecodeCache(str(folder))

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        # Jinja keys on the template's name and file; the code compiled also depends on the
        # environment's settings, which may differ between the processes sharing the folder.
        key = self.get_cache_key(f"{name}|{_settings(environment)}", filename)
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja if the source's checksum changed
        if bucket.code is None and self._folder is not None:
            self._folder.load_bytecode(bucket)  # likewise checked, and ignored when stale
            if bucket.code is not None:
                self._compiled[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()
        if self._folder is not None:
            with contextlib.suppress(OSError):  # a read-only or full disk costs a compilation, never the build
                self._folder.dump_bytecode(bucket)


def _settings(env: jinja2.Environment) -> str:
    """What besides a template's source shapes the code Jinja compiles from it."""
    autoescape = env.autoescape if isinstance(env.autoescape, bool) else env.autoescape.__qualname__
    finalize = None if env.finalize is None else str(getattr(env.finalize, "jinja_pass_arg", "plain"))
    syntax = (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string)
    comments = (env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix)
    layout = (env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline)
    code = (sorted(env.extensions), env.is_async, env.optimized)
    return repr((jinja2.__version__, syntax, comments, layout, autoescape, finalize, code))


SHARED = MemoryBytecodeCache()
