"""The dependency picture of ``src/threatgraph``: imports follow the stage order, no circles, nothing by name.

The order is written once, here, and explained in the package docstring (``threatgraph/__init__.py``) and the README.
A module may import modules of its own package and of any *lower* layer; never a higher one, never a sibling
package of its own layer. Every ``import`` statement counts, also those inside functions (a late import is still a
dependency: it only hides the circle from Python, not from the next developer).
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "threatgraph"

#: Lowest first. Each inner tuple is one layer; its packages may not import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("model", "config", "datafiles", "tablecache"),  # data model, settings, data-file loader, tables kept on disk
    ("names",),  # the one name stack: what a name is made of, how two names align
    ("store",),  # persistence of the model: schema, writers, plain reads (no stage logic)
    ("ingest",),  # readers: files and feeds -> Article
    ("collect",),  # live collection: fetch politely, hand bytes to the ingest readers, state in the store
    ("extract",),  # spaCy: Article -> mentions, events, quotes, dates
    ("screen",),  # sanctions lists -> persisted index -> ranked candidates
    ("resolve",),  # mentions -> entities; entities -> sanctions links (through screen)
    ("watch",),  # watches and alerts on new articles
    ("export",),  # FtM, STIX, GraphML, CSV
    ("pipeline",),  # the ingest run: read -> extract -> store -> hooks (given as callables)
    ("bulk",),  # the same run on Spark, in bulk
    ("app",),  # the composition root: owns engine, extractor, index; wires hooks
    ("web",),  # templates and presentation helpers
    ("api",),  # FastAPI shell over the app
    ("commands",),  # typer shell over the app
    ("cli",),  # the console entry point
)

#: Imports against the order that another helper's in-flight work removes: (importer, imported) -> why.
#: The test fails when an entry no longer occurs, so this list can only shrink.
PENDING: dict[tuple[str, str], str] = {}

RANK = {pkg: i for i, layer in enumerate(LAYERS) for pkg in layer}


def module_name(path: Path) -> str:
    parts = ("threatgraph", *path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {module_name(p): p for p in SRC.rglob("*.py") if "migrations" not in p.relative_to(SRC).parts}


def _imported(node: ast.AST, importer: str, is_package: bool, known: set[str]) -> list[str]:
    """Modules of the package a statement imports (``from x import y`` is module x.y when x.y is a module)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.split(".")[0] == "threatgraph"]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:
        anchor = importer.split(".")
        anchor = anchor if is_package else anchor[:-1]
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join([*anchor, base] if base else anchor)
    if base.split(".")[0] != "threatgraph":
        return []
    return [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]


def import_graph() -> nx.DiGraph:
    """Module -> module edges for every in-package import statement of ``src/threatgraph``."""
    modules = _modules()
    known = set(modules)
    graph = nx.DiGraph()
    graph.add_nodes_from(known)
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            for target in _imported(node, name, path.name == "__init__.py", known):
                if target != name:
                    graph.add_edge(name, target, line=getattr(node, "lineno", 0))
    return graph


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_package_has_a_place_in_the_order() -> None:
    tops = {_top(m) for m in _modules()} - {""}
    missing = sorted(tops - set(RANK))
    assert not missing, f"add these to LAYERS in {Path(__file__).name} (and the README's order): {missing}"


def test_imports_follow_the_stage_order() -> None:
    graph = import_graph()
    wrong = []
    for importer, imported in graph.edges:
        a, b = _top(importer), _top(imported)
        if not a or not b or a == b or (importer, imported) in PENDING:
            continue
        if RANK.get(b, -1) >= RANK.get(a, len(LAYERS)):
            line = graph.edges[importer, imported]["line"]
            wrong.append(f"{importer} (line {line}) imports {imported}: {b} is not below {a}")
    assert not wrong, "imports against the stage order:\n" + "\n".join(sorted(wrong))


def test_pending_exceptions_still_exist() -> None:
    graph = import_graph()
    gone = [f"{a} -> {b} ({why})" for (a, b), why in PENDING.items() if not graph.has_edge(a, b)]
    assert not gone, "these imports are gone: delete them from PENDING in tests/test_architecture.py:\n" + "\n".join(
        gone
    )


def test_no_import_circles() -> None:
    graph = import_graph()
    circles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert not circles, f"import circles: {circles}"


def _by_name_calls(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in {"import_module", "__import__", "spec_from_file_location"}:
                lines.append(node.lineno)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            module = getattr(node, "module", None)
            names = [a.name for a in node.names]
            if (module is None and "importlib" in names) or (module == "importlib" and "import_module" in names):
                lines.append(node.lineno)
    return lines


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(k, ast.Name) and k.id in {"ImportError", "ModuleNotFoundError"} for k in kinds)


def test_nothing_is_imported_by_name_or_behind_an_import_error_guard() -> None:
    found = []
    for name, path in _modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{name}:{line} imports a module by name" for line in _by_name_calls(tree)]
        for node in ast.walk(tree):
            if isinstance(node, ast.Try) and any(_catches_import_error(h) for h in node.handlers):
                found.append(f"{name}:{node.lineno} hides an ImportError")
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from threatgraph.store import schema", ["threatgraph.store.schema"]),
        ("from threatgraph.store.schema import entities", ["threatgraph.store.schema"]),
        ("import threatgraph.resolve", ["threatgraph.resolve"]),
        ("from . import spans", ["threatgraph.extract.spans"]),
        ("from .grouping import x", ["threatgraph.extract.grouping"]),
        ("import yaml", []),
    ],
)
def test_the_graph_reads_every_import_form(source: str, expected: list[str]) -> None:
    known = {"threatgraph.store.schema", "threatgraph.extract.spans", "threatgraph.extract.grouping"}
    node = ast.parse(source).body[0]
    assert _imported(node, "threatgraph.extract.mentions", False, known) == expected
