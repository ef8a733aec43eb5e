"""The layering rules of ARCHITECTURE.md, checked on the source itself."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "briefing"
GUI_MODULE_LINES = 600  # a GUI module longer than this holds more than one room


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


def _dotted(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _project_graph() -> dict[str, set[str]]:
    """Each project module and the project modules it imports: at module level, inside
    functions and for type checking alike (a cycle is one however it is imported)."""
    modules = {_dotted(path): path for path in _modules()}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in node.names:  # "from briefing.gui import fields" names a module
                    submodule = f"{base}.{alias.name}"
                    found.add(submodule if submodule in modules else base)
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One import path round each cycle (a depth-first search's back edges)."""
    state: dict[str, str] = {}
    trail: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        state[module] = "open"
        trail.append(module)
        for imported in sorted(graph[module]):
            if state.get(imported) == "open":
                found.append([*trail[trail.index(imported) :], imported])
            elif imported not in state:
                visit(imported)
        trail.pop()
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module)
    return found


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

    def it_has_no_import_cycles(self) -> None:
        cycles = [" -> ".join(cycle) for cycle in _cycles(_project_graph())]
        assert not cycles, "import cycles:\n" + "\n".join(cycles)

    def it_finds_an_import_cycle_when_there_is_one(self) -> None:
        graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
        assert _cycles(graph) == [["a", "b", "c", "a"]]
        assert _cycles({"a": {"b"}, "b": set()}) == []

    def it_sees_the_imports_made_only_for_type_checking(self) -> None:
        graph = _project_graph()
        # chart_section makes its chart form on first use and names its type for mypy only
        assert "briefing.gui.chart_form" in graph["briefing.gui.chart_section"]
        assert "briefing.gui.chart_render" in graph["briefing.gui.chart_section"]

    def it_keeps_every_gui_module_short_enough_to_hold_one_room(self) -> None:
        long = {
            str(path.relative_to(SRC)): lines
            for path in _modules("gui")
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > GUI_MODULE_LINES
        }
        assert not long, f"GUI modules over {GUI_MODULE_LINES} lines: {long}"

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


def it_builds_the_default_deck_without_pandas_or_matplotlib(tmp_path: Path) -> None:
    """Bundled data is read without pandas and text is measured without matplotlib, so a deck
    with native charts pays for neither (pandas stays for importing the user's own files)."""
    out = tmp_path / "deck.pptx"
    code = (
        "import sys; from pathlib import Path; "
        "from briefing.deck.build import build; "
        "from briefing.library import default_briefing; "
        f"build(default_briefing(), None, Path({str(out)!r})); "
        "heavy = [m for m in ('pandas', 'matplotlib', 'numpy', 'PySide6') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stat().st_size > 0
    assert done.stdout.strip() == ""
