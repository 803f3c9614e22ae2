"""Schema of the name vocabulary, checked by :func:`threatgraph.datafiles.load_yaml` on load."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from threatgraph.datafiles import Schema

Words = list[str]


class Labels(Schema):
    """How extractor labels group into entity families."""

    families: dict[str, str]
    specificity: Words
    generic: Words
    skip: Words


class Word(Schema):
    """One kind word: its kind and the spellings and translations that mean it."""

    kind: Literal["designator", "generic", "term"]
    forms: Words
    #: the word heads a body's name ("group", "organization"): different heads, different kinds of body
    head: bool = False
    #: the word names a body of its own beside the name it follows ("<Name> TV" is the broadcaster, not "<Name>")
    own: bool = False


class VocabularyFile(Schema):
    """``names/vocabulary.yaml``: the one name vocabulary (labels, kind words with their translations,
    legal forms, particles, patronymics, kunya, articles, honorifics, offices, romanisation)."""

    labels: Labels
    words: dict[str, Word]
    legal_forms: Words
    particles: Words
    patronymics: Words
    kunya: Words
    articles: Words
    joined_articles: Words
    joining_particles: Words
    honorifics: Words
    #: courtesy titles by the sex they say ("male": ["mr", ...], "female": ["mrs", ...])
    title_genders: dict[Literal["male", "female"], Words] = {}
    #: Arabic-script spellings of honorifics, by the honorific they spell ("sheikh": ["شيخ"])
    script_honorifics: dict[str, Words] = {}
    offices: Words
    #: words naming the head of a state after its nationality adjective ("<Nationality> leader")
    state_heads: Words = []
    romanisation: list[Annotated[list[str], Field(min_length=2, max_length=2)]]  # [written, folded]
    #: one region under several names: a place word aligns with its other names ("sham"/"levant")
    places: dict[str, Words] = {}
    #: words naming a body by its function: "<Institution> of <Country>" needs its country
    institutions: Words = []
    #: words groups name themselves with, by their English sense: a name made only of them is ambiguous
    descriptive: dict[str, Words] = {}
    #: one East Slavic given name under its Russian, Ukrainian and Belarusian forms ("aleksandr": ["oleksandr"])
    given_names: dict[str, Words] = {}
    #: English given names and the short forms their bearers go by ("anthony": ["tony"])
    short_given_names: dict[str, Words] = {}


class BodiesFile(Schema):
    """``names/bodies.yaml``: public names of widely reported bodies, one list of names per body."""

    bodies: dict[str, Annotated[Words, Field(min_length=2)]]
