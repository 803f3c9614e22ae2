"""The one loader for the YAML data files shipped next to the code (lexicons, ontologies, mappings).

Why: the project keeps vocabularies as data, so a typo in a data file is a bug like a typo in code. Every file
is read through :func:`load_yaml` with a schema (a pydantic model built on :class:`Schema`) that rejects unknown
keys and wrong types, and the error names the file and the key ("extract/plover.yaml: negators.3: Input should
be a valid string"). YAML's own traps are caught the same way: an unquoted ``no`` or ``on`` is a boolean, not a
word, and a schema that wants words says so; a key written twice in one mapping is an error, not a silent "the
last one wins" (two branches adding a list of the same name merge without a conflict and one list would vanish).

The loader returns the parsed data itself (plain dicts and lists) once it is valid, so modules keep reading
their data the way they did; the schema is the contract, not a second copy.
"""

from __future__ import annotations

from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

#: How a file is named in errors: its path inside the package when it is a shipped file.
_PACKAGE_ROOT = Path(__file__).resolve().parent


class DataFileError(ValueError):
    """A data file that cannot be read, is not YAML, or does not match its schema; the message names file and key."""


class Schema(BaseModel):
    """Base of every data-file schema: unknown keys are errors, values are never coerced ("1" is not 1)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def display_name(path: Path | Traversable) -> str:
    """``extract/plover.yaml`` for a shipped file, the path as given otherwise."""
    try:
        return Path(str(path)).resolve().relative_to(_PACKAGE_ROOT).as_posix()
    except ValueError:
        return str(path)


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing a mapping that names one key twice."""


def _unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} appears twice in one mapping", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def _where(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(top level)"


def load_yaml(path: Path | Traversable, schema: type[Schema]) -> Any:
    """The parsed content of ``path`` after checking it against ``schema``; :class:`DataFileError` otherwise."""
    name = display_name(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{name}: cannot be read: {exc}") from exc
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise DataFileError(f"{name}: not valid YAML: {' '.join(str(exc).split())}") from exc
    try:
        schema.model_validate(data)
    except ValidationError as exc:
        problems = [f"{_where(err['loc'])}: {err['msg']}" for err in exc.errors()]
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise DataFileError(f"{name}: " + "; ".join(problems[:5]) + more) from None
    return data
