"""The two layers of `calculators/`: `rules/` (what the sources say, one module or package
per calculator) and `machinery/` (what reads, runs, draws and writes out any calculator).
Read from the source with `ast`, so an import inside a function counts as much as one at
the top: the machinery imports no rule module, and every module in `rules/` belongs to a
calculator (so nothing of the machinery hides there)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

CALCULATORS = ROOT / "calculators"


def module_name(path: Path, root: Path) -> str:
    """`root/calculators/rules/budget.py` → `calculators.rules.budget` (`root`: the folder
    that holds `calculators/`)."""
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, root: Path) -> set[str]:
    """Every module `path` imports, anywhere in it, as an absolute name (`from . import x`
    gives both the package and `package.x`, since `x` may be a module)."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def declares_a_calculator(path: Path) -> bool:
    return any(isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "CALCULATOR"
                                                    for t in node.targets)
               for node in ast.parse(path.read_text(encoding="utf-8")).body)


def in_layer(layer: str, root: Path = CALCULATORS) -> list[Path]:
    return sorted(p for p in (root / layer).rglob("*.py") if "__pycache__" not in p.parts)


def rules_imported_by_machinery(root: Path = CALCULATORS) -> dict[str, list[str]]:
    """Module of the machinery → the rule modules it imports."""
    out = {}
    for path in in_layer("machinery", root):
        bad = sorted(n for n in imported(path, root.parent)
                     if n == "calculators.rules" or n.startswith("calculators.rules."))
        if bad:
            out[module_name(path, root.parent)] = bad
    return out


def rule_modules_of_no_calculator(root: Path = CALCULATORS) -> list[str]:
    """Modules in rules/ that neither declare a calculator nor are imported by one that does."""
    paths = [p for p in in_layer("rules", root) if p != root / "rules" / "__init__.py"]
    declaring = [p for p in paths if declares_a_calculator(p)]
    used = set().union(*(imported(p, root.parent) for p in declaring))
    return [module_name(p, root.parent) for p in paths if p not in declaring and module_name(p, root.parent) not in used]


def test_both_layers_hold_modules():
    # Guards the checks below against reading an empty or renamed folder.
    assert len(in_layer("machinery")) >= 10 and len(in_layer("rules")) >= 10


def test_the_machinery_imports_no_rule_module():
    assert rules_imported_by_machinery() == {}


def test_every_rule_module_belongs_to_a_calculator():
    assert rule_modules_of_no_calculator() == []


def test_the_checks_see_an_import_inside_a_function_and_a_stray_module(tmp_path):
    # A copy of the layers with one lazy, relative import of a rule module added to the
    # machinery and one module in rules/ that no calculator imports: both are found.
    root = tmp_path / "calculators"
    for layer in ("machinery", "rules"):
        for path in in_layer(layer):
            dest = root / path.relative_to(CALCULATORS)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "machinery" / "helper.py").write_text("def f():\n    from ..rules.fo_pay import names\n", encoding="utf-8")
    (root / "rules" / "stray.py").write_text("X = 1\n", encoding="utf-8")
    assert rules_imported_by_machinery(root) == {
        "calculators.machinery.helper": ["calculators.rules.fo_pay", "calculators.rules.fo_pay.names"]}
    assert rule_modules_of_no_calculator(root) == ["calculators.rules.stray"]
