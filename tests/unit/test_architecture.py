"""The layering rules of ARCHITECTURE.md, checked on the source itself."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "briefing"


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(module, at_module_level) for every import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = {id(node) for node in tree.body}
    for node in tree.body:  # module-level try/if blocks run at import, but not TYPE_CHECKING
        if isinstance(node, ast.Try | ast.If) and "TYPE_CHECKING" not in ast.dump(node):
            top_level.update(id(n) for n in ast.walk(node))
    found: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, id(node) in top_level) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, id(node) in top_level))
    return found


def _modules(under: str = "") -> list[Path]:
    return sorted((SRC / under).rglob("*.py"))


def _root(name: str) -> str:
    return name.split(".")[0]


class DescribeTheLayers:
    def it_keeps_qt_inside_the_gui_package(self) -> None:
        for path in _modules():
            if "gui" in path.relative_to(SRC).parts:
                continue
            for module, _ in _imports(path):
                assert _root(module) not in {"PySide6", "shiboken6"}, path

    def it_keeps_python_pptx_inside_the_deck_and_export_layers(self) -> None:
        for path in _modules():
            if path.relative_to(SRC).parts[0] in {"deck", "export"}:
                continue
            for module, _ in _imports(path):
                assert _root(module) != "pptx", path

    def it_keeps_the_model_free_of_the_rest_of_the_project(self) -> None:
        for path in _modules("model"):
            for module, _ in _imports(path):
                if module.startswith("briefing."):
                    assert module.startswith("briefing.model"), (path, module)
                assert _root(module) not in {"pandas", "pptx", "matplotlib", "PySide6"}, path

    def it_never_imports_heavy_packages_at_module_level(self) -> None:
        heavy = {"pandas", "matplotlib", "pptx", "numpy"}
        for path in _modules():
            for module, top in _imports(path):
                if top:
                    assert _root(module) not in heavy, (path, module)


@pytest.mark.parametrize("entry", ["briefing.cli", "briefing.library", "briefing.project"])
def it_starts_without_loading_heavy_packages(entry: str) -> None:
    code = (
        f"import sys, {entry}; "
        "heavy = [m for m in ('pandas', 'matplotlib', 'pptx', 'PySide6') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
