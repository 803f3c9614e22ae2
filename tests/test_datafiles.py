"""Every shipped YAML data file goes through the one loader with a schema; bad files fail naming file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from threatgraph.collect.settings import SourcesFile
from threatgraph.datafiles import DataFileError, Schema, display_name, load_yaml
from threatgraph.export.schemas import MappingFile
from threatgraph.extract.schemas import (
    CuesFile,
    DatesFile,
    EventChooserFile,
    EventPatternsFile,
    GazetteerFile,
    LabelsFile,
    PloverFile,
    PloverMapFile,
    TimexFile,
)
from threatgraph.ingest.schemas import FieldsFile, FormatsFile
from threatgraph.names.schemas import BodiesFile, VocabularyFile
from threatgraph.screen.schemas import DatasetsFile, RemarksFile

SRC = Path(__file__).resolve().parents[1] / "src" / "threatgraph"

#: Each shipped data file and its schema. A new YAML file needs a line here (the next test says so).
SHIPPED: dict[str, type[Schema]] = {
    "export/mapping.yaml": MappingFile,
    "extract/cues.yaml": CuesFile,
    "extract/dates.yaml": DatesFile,
    "extract/gazetteer.yaml": GazetteerFile,
    "extract/labels.yaml": LabelsFile,
    "collect/sources.example.yaml": SourcesFile,
    "extract/plover.yaml": PloverFile,
    "extract/event_patterns.yaml": EventPatternsFile,
    "extract/event_chooser.yaml": EventChooserFile,
    "extract/plover_map.yaml": PloverMapFile,
    "extract/timex.yaml": TimexFile,
    "ingest/fields.yaml": FieldsFile,
    "ingest/formats.yaml": FormatsFile,
    "names/vocabulary.yaml": VocabularyFile,
    "names/bodies.yaml": BodiesFile,
    "screen/datasets.yaml": DatasetsFile,
    "screen/remarks.yaml": RemarksFile,
}


def test_every_yaml_file_has_a_schema() -> None:
    found = {p.relative_to(SRC).as_posix() for p in SRC.rglob("*.y*ml")}
    assert found == set(SHIPPED), (
        f"add a schema for {sorted(found - set(SHIPPED))}; drop {sorted(set(SHIPPED) - found)}"
    )


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_file_matches_its_schema(name: str) -> None:
    assert load_yaml(SRC / name, SHIPPED[name])


class Small(Schema):
    words: list[str]
    size: int = 0


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_comes_back_as_plain_data(tmp_path: Path) -> None:
    assert load_yaml(_write(tmp_path, "words: [a, b]\nsize: 2\n"), Small) == {"words": ["a", "b"], "size": 2}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("words: [a]\nsizes: 2\n", "sizes: Extra inputs are not permitted"),
        ("words: [a]\nsize: '2'\n", "size: Input should be a valid integer"),
        ("words: [not, no, never]\n", "words.1: Input should be a valid string"),  # YAML 1.1: no is False
        ("size: 1\n", "words: Field required"),
        ("- a list\n", "(top level)"),
        ("words: [a\n", "not valid YAML"),
        ("words: [a]\nsize: 1\nwords: [b]\n", "key 'words' appears twice"),  # not "the last one wins"
    ],
)
def test_bad_file_names_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(DataFileError) as err:
        load_yaml(path, Small)
    assert str(err.value).startswith(f"{path}: ") and message in str(err.value)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="nope.yaml: cannot be read"):
        load_yaml(tmp_path / "nope.yaml", Small)


def test_shipped_files_are_named_inside_the_package() -> None:
    assert display_name(SRC / "extract" / "plover.yaml") == "extract/plover.yaml"
