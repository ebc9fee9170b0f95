"""The analysis core takes plain data and imports no Django."""

import ast
from pathlib import Path

import plenary.analysis

ANALYSIS = Path(plenary.analysis.__file__).parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_it_finds_the_analysis_modules_to_check():
    assert {"forecast.py", "packages.py", "consensus.py", "opinion_map.py"} <= {
        path.name for path in ANALYSIS.glob("*.py")
    }


def test_it_imports_no_django_anywhere_in_the_analysis_core():
    offenders = {
        f"{path.name}: {module}"
        for path in sorted(ANALYSIS.rglob("*.py"))
        for module in imported_modules(path)
        if module == "django" or module.startswith("django.")
    }
    assert offenders == set()


def test_it_imports_nothing_from_the_rest_of_plenary():
    # The web layer depends on analysis, never the other way round.
    offenders = {
        f"{path.name}: {module}"
        for path in sorted(ANALYSIS.rglob("*.py"))
        for module in imported_modules(path)
        if module.startswith("plenary.") and not module.startswith("plenary.analysis")
    }
    assert offenders == set()
