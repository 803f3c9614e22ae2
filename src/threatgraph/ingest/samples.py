"""Where the bundled sample articles are, in a source checkout and in an installed package alike.

The canonical copies live in the package (``threatgraph/samples``, shipped as package data);
the top-level ``samples/`` of the repository is a symlink to them.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def samples_dir() -> Path:
    """The directory holding the invented sample articles that ``threatgraph demo`` ingests."""
    path = Path(str(files("threatgraph") / "samples"))
    if not path.is_dir():  # pragma: no cover - only in a broken install
        raise FileNotFoundError(f"bundled samples not found at {path}; reinstall threatgraph")
    return path
