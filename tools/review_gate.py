"""Which changed files need a maintainer's review: those `.github/CODEOWNERS` gives an owner.

CODEOWNERS is the one list. GitHub matches it case-sensitively, but a checkout on a
case-insensitive disk (macOS, Windows) turns `.Cache/` into `.cache/` and `MAKEFILE` into the
Makefile, so this gate matches case-insensitively, and a changed path that only a
case-insensitive match owns (a case variant CODEOWNERS cannot see) fails the check.

    git diff --name-only --no-renames -z BASE HEAD | python3 tools/review_gate.py [CODEOWNERS]

Prints GitHub workflow commands: a warning listing the files, an error for case variants
(exit 1); appends the list to $GITHUB_STEP_SUMMARY when set. Standard library only: the CI
step runs it before anything is installed.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

CODEOWNERS = Path(__file__).resolve().parents[1] / ".github" / "CODEOWNERS"


@dataclass(frozen=True)
class Rule:
    pattern: str
    owners: tuple[str, ...]
    exact: re.Pattern[str]
    folded: re.Pattern[str]


def _regex(pattern: str) -> str:
    """The subset of gitignore syntax CODEOWNERS uses: a leading `/` anchors at the root, a
    pattern without `/` matches at any depth, a trailing `/` means everything under the
    folder, `**/` any folders, `*` and `?` within one path segment."""
    anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
    body = pattern.strip("/")
    out = "" if anchored else "(?:.*/)?"
    i = 0
    while i < len(body):
        if body.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif body.startswith("**", i):
            out, i = out + ".*", i + 2
        elif body[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif body[i] == "?":
            out, i = out + "[^/]", i + 1
        else:
            out, i = out + re.escape(body[i]), i + 1
    return out + ("/.*" if pattern.endswith("/") else "(?:/.*)?")


def rules(text: str) -> list[Rule]:
    found = []
    for line in text.splitlines():
        words = line.split("#", 1)[0].split()
        if words:
            regex = _regex(words[0])
            found.append(Rule(words[0], tuple(words[1:]), re.compile(regex), re.compile(regex, re.IGNORECASE)))
    return found


def owned(path: str, all_rules: list[Rule], *, fold_case: bool = False) -> bool:
    """The last matching rule decides, as on GitHub; a rule with no owners leaves a path unowned."""
    decision = False
    for rule in all_rules:
        if (rule.folded if fold_case else rule.exact).fullmatch(path):
            decision = bool(rule.owners)
    return decision


def main() -> int:
    codeowners = Path(sys.argv[1]) if len(sys.argv) > 1 else CODEOWNERS
    all_rules = rules(codeowners.read_text(encoding="utf-8"))
    paths = [p for p in re.split(r"[\0\n]", sys.stdin.read()) if p]
    flagged = [p for p in paths if owned(p, all_rules) or owned(p, all_rules, fold_case=True)]
    variants = [p for p in flagged if not owned(p, all_rules)]
    if flagged:
        print(f"::warning title=Code changes need a maintainer's review::{' '.join(flagged)}")
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as out:
                out.write("### Changes to code that runs in CI or ships to readers\n")
                out.writelines(f"- {p}\n" for p in flagged)
    for path in variants:
        print(
            f"::error title=A case variant of a reviewed path::{path}: CODEOWNERS matches paths case-sensitively, "
            "so this file would skip review; rename it to the usual case"
        )
    return 1 if variants else 0


if __name__ == "__main__":
    sys.exit(main())
