"""explainer's public surface: what adapters, tools and other sites may use (explainer.__init__)."""

import ast
from pathlib import Path

import explainer

PUBLIC = {
    "Built", "ContentError", "Problem", "SiteBuilder", "SiteInfo", "SiteOutput", "addresses", "build_site",
    "check_content",
}  # fmt: skip
PACKAGE = Path(explainer.__file__).parent


def test_the_public_names_are_these_and_each_is_there():
    assert set(explainer.__all__) == PUBLIC
    for name in PUBLIC:
        assert getattr(explainer, name) is not None
        assert f"`{name}`" in (explainer.__doc__ or ""), f"{name} is public but not described"


def test_the_package_itself_does_not_import_its_own_front_door():
    """Inside the package, modules import each other by path: `from explainer import X` would tie
    every module to the whole package and risk an import cycle."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "__init__.py" and path.parent == PACKAGE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "explainer":
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []
