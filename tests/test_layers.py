"""The house's floors: which package may import which, and no import circles.

Read from the source with ``ast``, so imports inside functions count as much as those at the
top of a module. The layers, lowest first (README, "Architecture"):

- ``community`` (the ground floor) imports no app, ever;
- ``cms`` (the catalogue and knowledge base pages) builds on the ground floor only;
- ``shop`` (the webshop link: product feed, orders, purchases) builds on ``cms``;
- ``qa`` and ``forum`` build on all of those and never on each other;
- ``insights`` (figures for staff) reads all of those; nothing imports it;
- ``api`` (the public read API and the widget) reads the catalogue, knowledge base and Q&A
  through their selectors, never the forum;
- ``demo`` and ``benchmarks`` are tooling on top: they may use every app.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("community", "cms", "shop", "qa", "forum", "insights", "api", "demo", "benchmarks")

MAY_IMPORT: dict[str, set[str]] = {
    "community": {"community"},
    "cms": {"community", "cms"},
    "shop": {"community", "cms", "shop"},
    "qa": {"community", "cms", "shop", "qa"},
    "forum": {"community", "cms", "shop", "forum"},
    "insights": {"community", "cms", "shop", "qa", "forum", "insights"},
    "api": {"community", "cms", "shop", "qa", "api"},
    "demo": set(PACKAGES),
    "benchmarks": set(PACKAGES),
}


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py") if (ROOT / package).is_dir() else ():
            relative = path.relative_to(ROOT).with_suffix("")
            if "migrations" in relative.parts:
                continue
            parts = list(relative.parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The project module ``name`` stands for: itself, or its nearest parent package."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _imports(module: str, path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    is_package = path.name == "__init__.py"
    targets: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                stem = ".".join([*base, node.module] if node.module else base)
            else:
                stem = node.module or ""
            # "from package import name" imports the submodule when there is one.
            names = [
                f"{stem}.{alias.name}" if f"{stem}.{alias.name}" in MODULES else stem
                for alias in node.names
            ]
        else:
            continue
        for name in names:
            resolved = _resolve(name)
            if resolved and resolved != module:
                targets.add(resolved)
    return targets


GRAPH = {module: _imports(module, path) for module, path in MODULES.items()}


def test_every_package_imports_only_the_floors_below_it():
    wrong = [
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if target.split(".")[0] not in MAY_IMPORT[module.split(".")[0]]
    ]
    assert wrong == []


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = iter(range(10**9))

    def visit(node: str) -> None:
        index[node] = low[node] = next(counter)
        stack.append(node)
        on_stack.add(node)
        for target in GRAPH[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        for node in GRAPH:
            if node not in index:
                visit(node)
    finally:
        sys.setrecursionlimit(limit)
    return components


def test_no_module_imports_itself_through_others():
    assert _cycles() == []
