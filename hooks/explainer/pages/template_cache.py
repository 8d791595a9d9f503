"""Compiled Jinja templates kept for the life of the process, never on disk.

`mkdocs serve` makes a new template environment on every rebuild, for the theme
and for our pages, and Jinja compiles every template again. With this cache a
rebuild reuses the compiled code; an edited template has a new checksum and is
compiled afresh. Compiled code on disk would be loaded as code, so it stays in memory.
"""

from __future__ import annotations

import jinja2


class MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        # Jinja keys on the template's name and file; the code compiled also depends on the
        # environment's settings, which differ between the theme's environment and ours.
        key = self.get_cache_key(f"{name}|{_settings(environment)}", filename)
        bucket = jinja2.bccache.Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored by Jinja if the source's checksum changed

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


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
