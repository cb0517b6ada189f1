"""Every word list is data: no Arabic string literal in Python outside the text layer.

The text layer (`marsad/text/`) holds the character tables (letter folds, marks, proclitic
letters); every word a stage looks for lives in a resource file. Docstrings and comments may
quote Arabic examples.
"""

import ast
import re
from pathlib import Path

import marsad

PACKAGE = Path(marsad.__file__).resolve().parent
ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
ALLOWED = ("text/",)


def arabic_literals(source: str) -> list[tuple[int, str]]:
    """(line, value) of every string constant holding Arabic script, docstrings left out."""
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings and ARABIC.search(node.value)]


def test_the_counter_sees_literals_and_skips_docstrings():
    source = 'def f():\n    """مثال في التوثيق"""\n    return x == "قتل" or y in ("\\u0640",) or f"{z}جرحى"\n'
    assert [line for line, _ in arabic_literals(source)] == [3, 3, 3]


def test_no_arabic_literals_outside_the_text_layer():
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith(ALLOWED):
            continue
        literals = arabic_literals(path.read_text(encoding="utf-8"))
        if literals:
            found[rel] = literals
    assert not found, "Arabic literals in Python (move them to a resource file): " + "; ".join(
        f"{rel}: {len(ls)} (lines {', '.join(str(n) for n, _ in ls[:8])})" for rel, ls in found.items())
