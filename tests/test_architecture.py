"""The shape of the package: no import cycle, every module imports on its own, small modules and classes."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "marsad"
MAX_MODULE_LINES = 420  # "about 400"
MAX_CLASS_LINES = 250


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def top_level_imports(path: Path, name: str) -> set[str]:
    """The marsad modules a module imports when it is imported (imports inside functions are lazy and do
    not count; `if TYPE_CHECKING:` blocks neither)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()

    def add(target: str) -> None:
        while target and target not in MODULES:
            target = target.rpartition(".")[0]
        if target and target != name:
            out.add(target)

    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for sub in ast.walk(node) if isinstance(node, ast.Try | ast.If) else [node]:
            if isinstance(sub, ast.Import):
                for alias in sub.names:
                    if alias.name.startswith("marsad"):
                        add(alias.name)
            elif isinstance(sub, ast.ImportFrom):
                base = sub.module or ""
                if sub.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - sub.level + 1] +
                                    ([sub.module] if sub.module else []))
                if base.startswith("marsad"):
                    for alias in sub.names:
                        full = f"{base}.{alias.name}"
                        add(full if full in MODULES else base)
    return out


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of the graph as a list of nodes, or None (iterative depth-first search)."""
    state: dict[str, int] = {}
    for root in graph:
        if state.get(root):
            continue
        stack = [(root, iter(sorted(graph[root])))]
        path = [root]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
            elif state.get(child) == 1:
                return path[path.index(child):] + [child]
            elif not state.get(child):
                state[child] = 1
                stack.append((child, iter(sorted(graph.get(child, ())))))
                path.append(child)
    return None


def test_no_import_cycle():
    graph = {name: top_level_imports(path, name) for name, path in MODULES.items()}
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_cycle_finder_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_every_module_imports_alone():
    """Each module, in a fresh interpreter of its own: nothing depends on what was imported before it."""
    from concurrent.futures import ThreadPoolExecutor

    env = {"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"}

    def alone(name: str) -> str | None:
        proc = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True, text=True,
                              timeout=120, env=env)
        return None if proc.returncode == 0 else f"{name}: {proc.stderr.strip().splitlines()[-1]}"

    with ThreadPoolExecutor(max_workers=4) as pool:
        failed = [r for r in pool.map(alone, sorted(n for n in MODULES if not n.endswith("__main__"))) if r]
    assert not failed, failed


def test_modules_and_classes_are_small():
    too_long = []
    for name, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        n = text.count("\n")
        if n > MAX_MODULE_LINES:
            too_long.append(f"{name}: {n} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > MAX_CLASS_LINES:
                too_long.append(f"{name}.{node.name}: class of {node.end_lineno - node.lineno + 1} lines")
    assert not too_long, too_long


def test_the_layers_show_the_architecture():
    """The sub-packages the design names exist, and the lower layers never reach up to the user-facing ones."""
    for part in ("text", "stages", "geo", "acled", "io", "store", "services", "cli", "evaluate", "web"):
        assert (PACKAGE / part / "__init__.py").exists(), part
    graph = {name: top_level_imports(path, name) for name, path in MODULES.items()}
    upper = ("marsad.cli", "marsad.web", "marsad.services")
    lower = ("marsad.text", "marsad.stages", "marsad.geo", "marsad.acled", "marsad.store", "marsad.io")
    wrong = [f"{m} imports {t}" for m, ts in graph.items() if m.startswith(lower)
             for t in ts if t.startswith(upper)]
    assert not wrong, wrong
