"""YAML's typed scalars (numbers, yes/no) as plain values, or a message a contributor can act on.

PyYAML's own constructors raise KeyError on `!!bool maybe`, IndexError on
`!!int ""`, spend quadratic time on a YAML 1.1 base-60 number (`1:1:1:…`) and
return integers too long for Python to print. Here every such value is either
kept, kept as the text it was written as, or refused with a reason.
"""

from __future__ import annotations

import re

from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

CORE = "tag:yaml.org,2002:"
INT, FLOAT, BOOL = CORE + "int", CORE + "float", CORE + "bool"
# Far beyond any count or year, far below Python's limit for printing integers (4,300 digits).
MAX_INT_DIGITS = 15
_CONSTRUCTOR = SafeConstructor()
# PyYAML's own pattern for base-60 integers and floats (each `:` part fails at once if it does not fit).
_BASE_60_RE = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")


class ScalarError(ValueError):
    """A scalar YAML typed that is not a value of that type; the message is for the contributor."""


def _shown(text: str) -> str:
    return repr(text if len(text) <= 24 else text[:20] + "…")


def typed_scalar(tag: str, text: str) -> object:
    """The value of a scalar tagged int, float or bool (implicitly or with `!!int` etc.)."""
    if tag == BOOL:
        value = SafeConstructor.bool_values.get(text.lower())
        if value is None:
            raise ScalarError(f"{_shown(text)} is not a yes/no value; write true or false")
        return value
    if _BASE_60_RE.fullmatch(text):
        # YAML 1.1 base 60 (`1:30` is 90), dropped by YAML 1.2: kept as written, e.g. a time of day.
        return text
    if tag == INT:
        digits = text.replace("_", "").lstrip("+-")
        if digits[:2].lower() in ("0x", "0o", "0b"):
            digits = digits[2:]
        if len(digits) > MAX_INT_DIGITS:
            raise ScalarError(
                f"number {_shown(text)} has {len(digits)} digits; at most {MAX_INT_DIGITS} are allowed "
                "(if it is text, put it in quotes)"
            )
    construct = _CONSTRUCTOR.construct_yaml_int if tag == INT else _CONSTRUCTOR.construct_yaml_float
    try:
        return construct(ScalarNode(tag, text))
    except (ValueError, IndexError, KeyError, OverflowError):
        what = "an integer" if tag == INT else "a number"
        raise ScalarError(f"{_shown(text)} is not {what}") from None
