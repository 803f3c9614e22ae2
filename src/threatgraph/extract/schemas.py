"""Schemas of the extract stage's data files, checked by :func:`threatgraph.datafiles.load_yaml` on load.

One class per file, named after it; a key the code does not read, or a value of the wrong type (an unquoted
``no`` is a boolean in YAML, not a word), is an error naming the file and the key.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from threatgraph.datafiles import Schema

Words = list[str]


class LabelsFile(Schema):
    """``labels.yaml``: spaCy and gazetteer labels to our types, and the cue words of span repair."""

    spacy: dict[str, str | None]
    gazetteer: dict[str, str | None]
    heads: dict[str, Words]
    state_forces: Words
    group_words: Words
    admin_words: Words
    title_bodies: Words
    facility_heads: Words
    branch_words: Words
    person_titles: Words
    person_nouns: Words
    peoples: Words
    name_patronymics: Words
    law_nouns: Words
    direction_words: Words
    leading_prepositions: Words
    place_nouns: Words
    place_prefixes: Words
    gazetteer_prepositions: Words
    locative_prepositions: Words
    actor_prepositions: Words
    actor_verbs: Words
    located_participles: Words
    territory_verbs: Words
    body_words: Words
    cabinet_offices: Words
    standalone_bodies: Words
    vessel_prefixes: Words
    member_nouns: dict[str, str]
    naming_nouns: dict[str, str]


class GazetteerPattern(Schema):
    """One generic name structure: a spaCy ``Matcher`` token pattern (checked by spaCy when added)."""

    label: str
    pattern: list[dict[str, Any]] = Field(min_length=1)
    trim: bool = False


class GazetteerFile(Schema):
    """``gazetteer.yaml``: seed names per label, dateline separators, generic name structures."""

    names: dict[str, Words]
    dateline_separators: Words = []
    patterns: list[GazetteerPattern] = []


class CuesFile(Schema):
    """``cues.yaml``: quotation cue verbs, quote marks and the words around speakers and outlets."""

    cue_verbs: Words
    weak_cue_verbs: Words
    mind_verbs: Words
    knowledge_verbs: Words
    raising_verbs: Words
    raising_passives: Words
    attitude_adjectives: Words
    intent_adjectives: Words
    evaluative_adjectives: Words
    refusal_verbs: Words
    prospective_modals: Words
    prospective_verbs: Words
    condition_marks: Words
    nominal_cues: Words
    min_mixed_words: int
    phrasal_cues: dict[str, str]
    characterising_verbs: Words
    according: Words
    quote_marks: dict[str, Words]
    min_direct_words: int
    outlet_words: Words
    outlet_preps: Words
    affiliation_labels: Words
    document_nouns: Words
    rule_nouns: Words
    evidence_verbs: Words
    issuing_verbs: Words
    quoting_verbs: Words
    medium_nouns: Words
    title_joiners: Words
    past_title_words: Words
    source_nouns: Words
    agent_suffixes: Words
    not_agent_suffixes: Words
    people_collectives: Words
    people_quantities: Words
    gendered_titles: dict[str, str]
    title_abbreviations: dict[str, str]
    kinds: Words
    quote_kinds: Words
    written_cues: Words
    belief_cues: Words
    written_media: Words
    report_nouns: Words
    finding_verbs: Words
    finding_preps: dict[str, list[str]]
    stance_verbs: Words
    intent_verbs: Words
    stance_preps: Words
    stance_phrasal: dict[str, list[str]]
    question_verbs: Words


class DatesFile(Schema):
    """``dates.yaml``: the words of temporal expressions and the intervals they stand for."""

    lead_words: Words
    range_open: dict[str, str]
    range_joiners: Words
    month_parts: dict[str, list[int]]
    year_parts: dict[str, list[int]]
    seasons: dict[str, list[int]]
    day_ordinals: dict[str, int]
    day_ordinal_tens: dict[str, int]
    quarters: dict[str, int]
    quarter_refs: dict[str, str]
    quarter_year_back: Words
    quarter_openers: Words
    halves: dict[str, int]
    relative_days: dict[str, int]
    period_shift: dict[str, int]
    units: Words
    rolling_shift: Words
    earlier_words: Words
    numbers: dict[str, int]
    weekdays: Words
    decade_parts: dict[str, list[int]]
    decade_words: dict[str, int]
    later_words: Words
    named_days: dict[str, date]
    holidays_fixed: dict[str, list[int]]
    holidays_by_rule: dict[str, list[int]]
    holidays_from_easter: dict[str, int]
    anaphoric_openers: Words
    anaphoric_marks: Words
    anaphoric_units: dict[str, str]
    anaphoric_leads: Words
    anaphoric_since: Words
    anaphoric_shifts: dict[str, int]
    anaphoric_directions: dict[str, int]
    anaphoric_compounds: dict[str, int]
    vague_counts: Words


class TimexFile(Schema):
    """``timex.yaml``: TIMEX3 references, durations, sets, day parts and the contexts of non-dates."""

    refs: dict[str, str]
    extra_patterns: Words
    duration_units: dict[str, str]
    unit_years: dict[str, int]
    vague_amounts: Words
    duration_lead: Words
    duration_inner: Words
    fractions: dict[str, float]
    set_words: dict[str, str]
    kind_adjectives: Words
    day_parts: dict[str, str]
    day_part_qualifiers: Words
    document_words: Words
    future_aux: Words
    future_words: Words
    perfect_aux: Words
    deadline_signals: Words
    deadline_verbs: Words
    deadline_nouns: Words
    feast_words: Words
    time_words: Words


class EventType(Schema):
    """One event type of ``plover.yaml``: its PLOVER root and mode, label, aliases and trigger words."""

    plover: str
    mode: str | None = None
    label: str
    aliases: Words = []
    modes: Words = []
    verbs: dict[str, str] = {}
    nouns: dict[str, str] = {}
    compounds: dict[str, str] = {}


class Frame(Schema):
    """A light-verb frame: "place X on a blacklist" (``pobj``) or "send weapons" (``object``) is an event."""

    verb: str
    pobj: Words = []
    object: Words = []
    type: str
    subtype: str


class PloverFile(Schema):
    """``plover.yaml``: the event ontology, its triggers and the word lists of actor, negation and hedge rules."""

    types: dict[str, EventType]
    frames: list[Frame]
    measure_types: Words
    act_nouns: Words
    force_act_modifiers: Words
    verb_target_preps: dict[str, Words]
    state_preps: Words
    state_types: Words
    receiving_verbs: Words
    agentive_verbs: Words
    assessment_nouns: Words
    member_nouns: Words
    group_anaphora: Words
    person_pronouns: Words
    company_anaphora: Words
    negators: Words
    negating_heads: Words
    hedge_aux: Words
    hedge_adverbs: Words
    hedge_heads: Words
    hedge_modifiers: Words
    speech_verbs: Words
    accusation_cues: Words
    quantity_nouns: Words
    actor_nouns: Words
    subtype_modifiers: dict[str, str]
    patient_possessor_types: Words
    accusable_labels: Words
    naming_verbs: Words
    idiom_objects: dict[str, Words]
    context_types: dict[str, dict[str, Words]]
    transitive_senses: dict[str, str]
    law_nouns: Words
    goods_nouns: Words
    generic_doers: Words
    generic_determiners: Words
    responsibility_nouns: Words
    claiming_verbs: Words
    claimable_types: Words
    announced_types: Words
    remote_types: Words
    actor_subject_types: Words
    holding_nouns: Words
    standalone_types: Words
    patient_possessor_nouns: Words
    instrument_nouns: Words
    circumstance_preps: Words
    shared_subject_types: Words
    thing_target_types: Words
    aiming_verbs: Words
    site_preps: Words
    site_nouns: Words
    impact_verbs: Words
    party_target_types: Words
    party_object_types: Words
    instrument_verbs: Words
    repeated_types: Words
    issued_types: Words
    role_nouns: Words
    charge_nouns: Words
    aftermath_nouns: Words
    time_shift_adverbs: Words
    release_deixis: Words
    person_object_verbs: Words
    beneficiary_verbs: Words
    explosive_nouns: Words
    people_triggers: Words
    sending_verbs: Words
    deployed_means: Words
    authorising_types: Words
    use_nouns: Words
    issued_nouns: Words
    visiting_verbs: Words
    visited_entities: Words
    visitor_non_entities: Words
    travel_marks: Words
    landing_verbs: Words
    designating_authorities: dict[str, str]
    militant_nouns: Words
    simultaneity_marks: Words
    blaming_verbs: Words
    grounds_types: Words
    participation_verbs: Words
    allegiance_words: Words
    patient_modifier_labels: Words
    agentless_nouns: Words
    abstract_foes: Words
    place_nouns: Words
    direction_words: Words
    partner_types: Words
    issuing_verbs: Words
    judging_verbs: Words
    apart_modifiers: Words
    gathering_nouns: Words
    spoken_types: Words
    visiting_subtypes: Words
    seated_bodies: Words
    venue_types: Words
    modality: Modality


class Modality(Schema):
    """``plover.yaml`` ``modality``: the cue words that make an event negated, demanded, hypothetical or claimed."""

    demand_aux: Words
    future_aux: Words
    demand_heads: Words
    hypothetical_heads: Words
    hypothetical_triggers: Words
    claim_heads: Words
    charge_preps: Words
    claim_adverbs: Words
    claim_modifiers: Words
    hypothetical_modifiers: Words
    negating_modifiers: Words
    prospective_leads: Words
    warning_heads: Words
    warning_preps: Words
    negating_heads: Words
    preventing_heads: Words
    negating_determiners: Words
    negating_preps: Words
    negative_polarity: Words
    future_progressives: Words
    conditional_marks: Words
    factive_preps: Words
    factive_modifiers: Words
    factive_marks: Words
    committal_heads: Words
    responsibility_heads: Words
    purpose_nouns: Words
    ending_nouns: Words
    cessation_adverbs: Words
    pending_adverbs: Words
    max_steps: int


class EventPatternSpec(Schema):
    """One trigger frame of ``event_patterns.yaml``: a spaCy (Dependency)Matcher pattern and its example."""

    id: str
    type: str
    subtype: str
    matcher: str
    pattern: list[dict[str, Any]] = Field(min_length=1)
    trigger: int | str
    example: str


class EventPatternsFile(Schema):
    """``event_patterns.yaml``: multi-word triggers and frames as spaCy patterns."""

    patterns: list[EventPatternSpec]


class PloverMapFile(Schema):
    """``plover_map.yaml``: PLOVER roots to and from CAMEO codes and ACLED event types."""

    roots: Words
    from_cameo: dict[str, list[str | None] | None]
    from_acled: dict[str, dict[str, list[str | None] | None]]
    to_cameo: dict[str, str | None]
    to_acled: dict[str, list[str] | None]


class EventChooserFile(Schema):
    """``event_chooser.yaml``: the learned doer chooser's logistic weights, written by
    ``benchmarks/train_event_chooser.py``; ``trained_on`` and ``cross_validated`` say on what and how well."""

    trained_on: str
    cross_validated: str
    threshold: float
    bias: float
    weights: dict[str, float]
