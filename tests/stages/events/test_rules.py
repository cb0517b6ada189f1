"""Every rule of the events stage is data: no Arabic literal and no numeric setting in its Python, all of
them in `events_rules.yaml`, read through the one resource loader (so a user overlay is honoured)."""

import ast
import copy
import re
from pathlib import Path

import pytest

import marsad
from marsad.resource_files import ResourceError, clear_caches, load_yaml
from marsad.stages.events.rules import EventRules, builtin_rules
from marsad.stages.events.stage import EventExtractor

PACKAGE = Path(marsad.__file__).parent / "stages" / "events"
ARABIC = re.compile("[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def arabic_literals(path: Path) -> list[tuple[int, str]]:
    """String constants with Arabic letters (docstrings, which only give examples, aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    return [(n.lineno, n.value) for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docs and ARABIC.search(n.value)]


def test_no_arabic_string_literal_in_the_events_stage():
    found = {p.name: lits for p in sorted(PACKAGE.glob("*.py")) if (lits := arabic_literals(p))}
    assert found == {}


def test_the_counter_counts(tmp_path):
    f = tmp_path / "x.py"
    f.write_text('"""مثال"""\nWORDS = ["على", "ضد"]\nX = "abc"\n', encoding="utf-8")
    assert [v for _, v in arabic_literals(f)] == ["على", "ضد"]


def test_no_numeric_setting_in_the_events_stage():
    """Windows, weights, thresholds and boosts are not module constants in Python."""
    found = []
    for p in sorted(PACKAGE.glob("*.py")):
        for node in ast.parse(p.read_text(encoding="utf-8")).body:
            value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
            if isinstance(value, ast.Constant) and isinstance(value.value, int | float) \
                    and not isinstance(value.value, bool):
                found.append(f"{p.name}:{node.lineno}")
    assert found == []


def test_rules_file_is_complete_and_typed():
    rules = builtin_rules()
    assert rules.confidence.emit_threshold == 0.55 and rules.filters.cue_window == 7
    assert "قبل" in rules.roles.agent_markers and rules.morphology.clause_break.search("،")
    assert EventExtractor().threshold == rules.confidence.emit_threshold


@pytest.mark.parametrize("section, key, value, message", [
    ("filters", "cue_window", "seven", "events_rules.yaml: filters.cue_window must be a whole number"),
    ("confidence", "emit_threshold", [0.5], "events_rules.yaml: confidence.emit_threshold must be a number"),
    ("roles", "agent_markers", "قبل", "events_rules.yaml: roles.agent_markers must be a list of words"),
])
def test_a_wrong_value_names_the_file_and_key(section, key, value, message):
    data = copy.deepcopy(load_yaml("events_rules.yaml"))
    data[section][key] = value
    with pytest.raises(ResourceError, match=re.escape(message)):
        EventRules.from_data(data)
    del data[section][key]
    with pytest.raises(ResourceError, match=f"{section}.{key} is missing"):
        EventRules.from_data(data)


@pytest.fixture
def overlay(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_RESOURCES", str(tmp_path))
    clear_caches()
    yield tmp_path
    monkeypatch.delenv("MARSAD_RESOURCES")
    clear_caches()


def test_a_user_overlay_changes_one_value_and_adds_a_word(overlay):
    (overlay / "events_rules.yaml").write_text(
        "confidence:\n  emit_threshold: 0.95\nroles:\n  agent_markers: [بتوجيه]\n", encoding="utf-8")
    clear_caches()
    rules = builtin_rules()
    assert rules.confidence.emit_threshold == 0.95
    assert "بتوجيه" in rules.roles.agent_markers and "قبل" in rules.roles.agent_markers
    assert rules.filters.cue_window == 7  # the rest stays the package's
    assert EventExtractor().threshold == 0.95
    r = marsad.extract("قصفت قوات النظام مدينة دوما صباح اليوم.", published="2021-03-04",
                       pipeline=marsad.Pipeline([*marsad.Pipeline.default().until("actors").stages, EventExtractor()]))
    assert r.events == [] and r.document.candidates[0].decision == "below_threshold"
