"""How the portal's code hangs together (issue 17): the figures a newcomer trips over.

    .venv/bin/python scripts/structure.py            # the summary
    .venv/bin/python scripts/structure.py --details  # and every cycle, long module and import

Reads `portal/` with `ast` (nothing is imported or run) and prints:

  package cycles      groups of `portal.<package>` packages that import each other round in
                      a circle (a strongly connected component of the package graph), with
                      how many packages are caught in them;
  module cycles       the same for single modules: modules that import, directly or through
                      others, a module that imports them back;
  long modules        modules over 400 lines;
  imports inside functions
                      `import` statements of portal modules inside a function or method
                      (the app factory's, which register blueprints, counted apart); most
                      of the rest are there only to dodge a cycle.

Imports under `if TYPE_CHECKING:` are left out: they never run. Not a test; the figures go
in the issue's closing note and docs/architecture.md.
"""

from __future__ import annotations

import argparse
import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "portal"
LONG = 400


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(current: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = current.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(path: Path, known: set[str]) -> tuple[set[str], list[tuple[int, str]]]:
    """(portal modules imported at module level, (line, module) imported inside functions)."""
    name = module_name(path)
    tree = ast.parse(path.read_text(), str(path))
    top: set[str] = set()
    inner: list[tuple[int, str]] = []

    def targets(node: ast.AST) -> list[str]:
        if isinstance(node, ast.Import):
            return [a.name for a in node.names]
        assert isinstance(node, ast.ImportFrom)
        base = _resolve(name, path.name == "__init__.py", node)
        found = []
        for alias in node.names:
            candidate = f"{base}.{alias.name}"
            found.append(candidate if candidate in known else base)
        return found

    def walk(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child):
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                ours = [t for t in targets(child) if t == PACKAGE or t.startswith(PACKAGE + ".")]
                if ours and in_function:
                    inner.append((child.lineno, ", ".join(dict.fromkeys(ours))))
                elif ours:
                    top.update(ours)
            inside = in_function or isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
            )
            walk(child, inside)

    walk(tree, False)
    return top, inner


def _nearest_known(target: str, known: set[str]) -> str | None:
    while target and target not in known:
        target = target.rpartition(".")[0]
    return target or None


def components(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args()
    files = sorted((ROOT / PACKAGE).rglob("*.py"))
    known = {module_name(f) for f in files}
    modules: dict[str, set[str]] = {}
    inner_imports: list[tuple[str, int, str]] = []
    lines: dict[str, int] = {}
    for path in files:
        name = module_name(path)
        top, inner = imports(path, known)
        modules[name] = {k for t in top if (k := _nearest_known(t, known)) and k != name}
        inner_imports += [(name, line, target) for line, target in inner]
        lines[name] = len(path.read_text().splitlines())

    def package_of(module: str) -> str:
        parts = module.split(".")
        return ".".join(parts[:2]) if len(parts) > 1 else module

    packages: dict[str, set[str]] = defaultdict(set)
    for module, targets in modules.items():
        for target in targets:
            if package_of(target) != package_of(module):
                packages[package_of(module)].add(package_of(target))
        packages.setdefault(package_of(module), set())
    package_cycles = components(packages)
    module_cycles = components(modules)
    long = sorted(((n, m) for m, n in lines.items() if n > LONG), reverse=True)

    print(f"modules: {len(files)}, lines: {sum(lines.values()):,}")
    caught = sum(len(c) for c in package_cycles)
    print(f"package cycles: {len(package_cycles)} ({caught} of {len(packages)} packages caught)")
    caught = sum(len(c) for c in module_cycles)
    print(f"module cycles: {len(module_cycles)} ({caught} modules caught)")
    print(f"modules over {LONG} lines: {len(long)}")
    factory = [i for i in inner_imports if i[0] == PACKAGE]
    print(
        f"import statements of portal modules inside functions: {len(inner_imports)} "
        f"({len(factory)} of them in the app factory, registering blueprints and commands)"
    )
    if not args.details:
        return
    for cycle in package_cycles:
        print("\npackage cycle:", ", ".join(p.removeprefix("portal.") for p in cycle))
    for cycle in module_cycles:
        print("\nmodule cycle:", ", ".join(m.removeprefix("portal.") for m in cycle))
    print("\nlong modules:")
    for count, module in long:
        print(f"  {count:5}  {module}")
    print("\nimports inside functions:")
    for module, line, target in inner_imports:
        print(f"  {module}:{line}  {target}")


if __name__ == "__main__":
    main()
