"""In-document alias grouping: which mentions of one article name the same actor.

An article introduces an actor by its full name and then shortens it: "the Zainabiyoun Brigade" →
"Zainabiyoun" → "Zainabiyoun's"; "Interior Minister Haroon Aziz Qadir" → "Qadir"; "Islamic
Revolutionary Guard Corps" → "IRGC". The statistical model often types the short forms differently
(PERSON, GPE) from the full name. Grouping fixes both at once: mentions are clustered, and every
mention in a cluster takes the cluster's type and canonical name.

Rules, in order (each only within one article):

1. same normalised name → same group; country names by territory code ("US" = "United States");
2. an organisation's short form: a name equal to a longer organisation name without its generic
   words ("Brigade", "militia", "of"…, see ``labels.yaml`` ``group_words``), or equal to its initials,
   joins that organisation — when exactly one organisation matches, and not when the short form is a
   known name of its own (a list or seed name, ``named``) and the words it lacks include a designator
   (names/vocabulary.yaml: "Kata'ib X" is another group than the listed "X", while "X Group" is "X");
   armed groups whose names differ
   only in such words ("Liwa al-Fajr", "Fajr Brigade") are one group; a name equal to an
   organisation's name without its leading country ("Treasury" for "US Treasury") or, for companies
   and other organisations, to the first words of a longer name ("Crescent Gate" for "Crescent Gate
   General Trading") joins it too, unless the short name is a known name of its own (the body an
   office or branch named after it belongs to);
3. a person's short form: a name equal to the trailing words (surname) of exactly one full person
   name joins that person; "Khan" stays alone when two Khans are named. A one-word name the model
   typed ORG/GPE ("Jafri") counts too, unless it is a known country or place. A kunya ("Abu <Name>")
   joins the one full name it opens; a short name or nickname the article gives in brackets after the
   full name ("(<Paternal surname>)", "(a.k.a. “<Nickname>”)") names that person from then on.
   Courtesy titles that say a sex (names/titles.py) tell people of one name apart: "Mr. <Surname>" and
   "Mrs. <Surname>" are two groups, the bare "<Surname>" beside them joins neither, and no group joins one
   whose titles say the other sex.

4. a foreign-script spelling paired with a mention by :mod:`threatgraph.extract.scripts` ("Liwa
   al-Fajr (لواء الفجر)") joins that mention's group (``joins``); so does an acronym the article
   defines in parentheses right after a name it abbreviates ("Full Name (FN)", :func:`definitions`,
   read with :func:`threatgraph.names.acronyms.acronym_fits`).

5. a place's short form: "Qandor" after "Qandor District" (an administrative word, ``admin_words``) joins it.

The group's type is the type of its best-attested mention: a gazetteer mention first, then the
longest name. Its canonical name is the longest surface form of that type, in the article's own
script when there is one (a parenthetical Arabic spelling is an alias, not the name to show).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from threatgraph.extract.foreign import SCRIPT_SOURCE
from threatgraph.extract.gazetteer import SPELLING_LABELS, spelling_key
from threatgraph.extract.labels import label_config
from threatgraph.extract.mentions import is_org_type, reordered_acronym
from threatgraph.extract.places import country_code, is_country, is_demonym, is_place
from threatgraph.model import Mention
from threatgraph.names.acronyms import acronym_fits, looks_like_acronym, syllable_fits
from threatgraph.names.surface import normalise_surface
from threatgraph.names.titles import BOTH, contradict, title_sex
from threatgraph.names.vocabulary import vocabulary

#: ``Mention.source`` of foreign-script spellings typed through a partner (see ``extract/scripts.py``).

#: Types that never merge with anything but the same name (a date is not an alias of anything).
_NAME_TYPES = frozenset({"Person", "Organization", "ArmedGroup", "PublicBody", "Company"})


class _Cluster:
    """Mentions sharing one normalised name, merged further by the alias rules."""

    __slots__ = ("mentions", "parent", "sexes", "ambiguous", "contested")

    def __init__(self) -> None:
        self.mentions: list[Mention] = []
        self.parent: _Cluster | None = None
        #: the sexes the courtesy titles of its mentions say (on a root: of every cluster joined under it)
        self.sexes: set[str] = set()
        #: untitled mentions of a name that titles give to a man and a woman: either may be meant, so it joins none
        self.ambiguous = False
        #: titled mentions of such a name ("Mrs. <Surname>" beside "Mr. <Surname>"): only a full name whose own
        #: titles say the same sex is theirs (which of two untitled full names is the woman's, no title tells)
        self.contested = False

    def root(self) -> _Cluster:
        node = self
        while node.parent is not None:
            node = node.parent
        return node

    def best(self) -> Mention:
        """The mention whose type and name best represent the cluster."""
        return max(self.mentions, key=_strength)


def _strength(mention: Mention) -> tuple[int, int, int, int, int]:
    words = mention.norm.split()
    return (
        mention.source == "gazetteer",
        mention.source != SCRIPT_SOURCE,
        mention.label in _NAME_TYPES,
        len(words),
        len(mention.text),
    )


def _core(norm: str) -> str:
    """The name without its generic group words: "zainabiyoun brigade" → "zainabiyoun"."""
    generic = set(label_config()["group_words"])
    words = [w for w in norm.split() if w not in generic]
    return " ".join(words)


def _stateless(text: str) -> str:
    """An organisation's name without a leading country or demonym: "US Treasury" -> "treasury"."""
    words = text.split()
    for size in (3, 2, 1):
        if len(words) > size and (is_country(" ".join(words[:size])) or (size == 1 and is_demonym(words[0]))):
            return normalise_surface(" ".join(words[size:]))
    return ""


def _initials(norm: str) -> str:
    generic = {"of", "the", "and", "for", "al", "el"}
    words = [w for w in norm.split() if w not in generic]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _union(child: _Cluster, parent: _Cluster) -> None:
    """Join two clusters, unless their titles say a man and a woman ("Mr. <Surname>", "Mrs. <Surname>")."""
    child, parent = child.root(), parent.root()
    if child is not parent and not contradict(child.sexes, parent.sexes):
        child.parent = parent
        parent.sexes |= child.sexes


def group_mentions(
    mentions: Iterable[Mention], joins: Iterable[tuple[Mention, Mention]] = (), named: Iterable[Mention] = ()
) -> list[Mention]:
    """Set ``group``, ``canonical`` and a shared ``label`` on the mentions; returns them in text order.

    ``joins`` are pairs of mentions (both among ``mentions``) known to name the same actor, e.g. a
    name and its spelling in another script. ``named`` are mentions matched as a whole known name
    (gazetteer names, not name structures). Groups are numbered 0.. in order of first appearance
    so that the numbering is stable for the same text.
    """
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    by_norm: dict[str, _Cluster] = {}
    for mention in ordered:
        key = mention.norm
        if mention.label == "Date":
            key = f"date:{mention.norm}"
        elif mention.label == "Country":  # "US", "U.S." and "United States" are one country
            key = f"country:{country_code(mention.text) or mention.norm}"
        elif mention.label in SPELLING_LABELS and (spelled := spelling_key(mention.text, True)) is not None:
            key = "org:" + " ".join(spelled[0])  # "al Shabaab", "Al-Shabab" and "Al-Shabaab" are one group
        by_norm.setdefault(key, _Cluster()).mentions.append(mention)
    clusters = [part for cluster in by_norm.values() for part in _by_title(cluster)]
    cluster_of = {id(m): c for c in clusters for m in c.mentions}
    for one, other in joins:
        if id(one) in cluster_of and id(other) in cluster_of:
            _union(cluster_of[id(one)], cluster_of[id(other)])

    known = {id(m) for m in named}
    _merge_org_short_forms(clusters, {id(c) for c in clusters if any(id(m) in known for m in c.mentions)})
    _merge_person_short_forms(clusters)
    _merge_place_short_forms(clusters)

    roots: dict[int, list[Mention]] = {}
    for cluster in clusters:
        roots.setdefault(id(cluster.root()), []).extend(cluster.mentions)
    groups = sorted(roots.values(), key=lambda ms: min(m.start for m in ms))
    for number, members in enumerate(groups):
        best = max(members, key=_strength)
        label = best.label
        same_type = [m for m in members if m.label == label] or members
        same_type = [m for m in same_type if m.source != SCRIPT_SOURCE] or same_type
        canonical = max(same_type, key=lambda m: (len(m.norm.split()), len(m.text), -m.start)).text
        for mention in members:
            mention.group = number
            mention.label = label
            mention.canonical = canonical
    return ordered


def _mention_sex(mention: Mention) -> str | None:
    """The sex the courtesy title before (or opening) a mention says; places, peoples and dates have none."""
    if mention.label in _PLACE_LABELS and mention.label != "Location":
        return None
    offset = mention.start - mention.sent_start
    before = mention.sentence[:offset] if 0 <= offset <= len(mention.sentence) else ""
    return title_sex(before, mention.text)


def _by_title(cluster: _Cluster) -> list[_Cluster]:
    """One name's mentions, split where their courtesy titles say a man and a woman (names/titles.py).

    "Mr. <Surname>" and "Mrs. <Surname>" normalise alike (the title is dropped), yet are two people: each sex keeps
    its own cluster (``contested``: it joins only a full name titled as its own sex), and the untitled mentions of
    the name, which could be either, one of their own that joins no other name (``ambiguous``). So does "Mr. and
    Mrs. <Surname>", two people at once. Titles that agree, or no title, leave the cluster whole and record the sex
    they say."""
    sexes = [_mention_sex(m) for m in cluster.mentions]
    said = {s for s in sexes if s}
    cluster.sexes = said
    if len(said) <= 1 and BOTH not in said:
        return [cluster]
    parts: dict[str | None, _Cluster] = {}
    for mention, sex in zip(cluster.mentions, sexes, strict=True):
        part = parts.setdefault(sex, _Cluster())
        part.mentions.append(mention)
        if sex:
            part.sexes.add(sex)
        part.ambiguous = sex in (None, BOTH)
        part.contested = not part.ambiguous
    return list(parts.values())


def _drops_designator(long_norm: str, short_norm: str) -> bool:
    """Whether the words a long name has beyond a short one include a designator ("kataib", "brigade")."""
    word_of = vocabulary().word_of
    short = set(short_norm.split())
    return any(word_of.get(w, ("", ""))[1] == "designator" for w in long_norm.split() if w not in short)


#: "..., often referred to as "X"", "also known as X", "known publicly as the X", "called X": the text
#: names the same actor again.
_KNOWN_AS = re.compile(
    r"\b(?:known|referred\s+to|called)(?:\s+(?:publicly|locally|widely|popularly|officially|internally))?"
    r"\s+as\s*(?:the\s+)?[“\"'‘]?\s*$",
    re.IGNORECASE,
)
#: Between a name and the parenthesis that defines its other name: "X (", "X’s (" (a possessive is still X).
_OPENS = re.compile(r"^(?:['’]s)?\s*\(\s*$")
#: Between an acronym and the full name it stands for, written second: "ABC (", "ABC, the ".
_THEN_FULL = re.compile(r"^\s*(?:\(|,)\s*(?:the\s+)?$", re.IGNORECASE)
#: Labels whose names are places or peoples: "Qandor Air (Iraq)" names where, not another name.
_PLACE_LABELS = frozenset({"Country", "Location", "Nationality", "Date"})


_ADVERBS = re.compile(
    r"(?:[\s(]+(?:also|commonly|widely|better|locally|sometimes|often|now|formerly|previously|popularly))+\s*$",
    re.IGNORECASE,
)


def _renames(gap: str) -> bool:
    """Whether "known as" after this text renames the organisation before the text.

    "X, also known as", "X (XY), based in Z and widely referred to as": the cue follows the name or a
    clause about it. "the X cell known as", "backs a militia known as": a common noun right before the cue
    is what is renamed, not X. "X, Y, and Z (Z), now known as": the gap opens another item of an
    enumeration (a coordinator and a capitalised word), and the cue renames that item, not X.
    """
    rest = _ADVERBS.sub("", gap).rstrip()
    if _NEXT_ITEM.match(rest):
        return False
    return rest == "" or rest.endswith((",", ")", "(", "—", "–", "-")) or rest.casefold().endswith((" and", " or"))


def _family(label: str) -> str:
    """Person, org (any organisation type) or the label itself: the kinds of actor an alias may join."""
    return "org" if is_org_type(label) else label


def _alias_in_brackets(name: Mention, other: Mention) -> bool:
    """Whether a name in brackets right after another ("Full Name ( Short Name)") is that actor's other name.

    Press releases introduce an actor by full name and give the name they use from then on in brackets.
    The bracket must hold nothing but the name; it must be the same kind of actor (a person's, an
    organisation's), or a short form made of the full name's own words ("(Vellacott)" typed otherwise
    by the model). A place or people in brackets says where or who, not another name; an acronym that
    does not fit the name ("Somalia (AMISOM)") names something else.
    """
    if other.label in _PLACE_LABELS or name.label in _PLACE_LABELS or looks_like_acronym(other.text):
        return False
    if _family(name.label) == _family(other.label) and _family(name.label) in {"Person", "org"}:
        return True
    words = set(normalise_surface(name.text).split())
    short = normalise_surface(other.text).split()
    return bool(short) and set(short) <= words and len(short) < len(words)


#: A gap that opens the next item of an enumeration: ", and Bravo Holdings (...)", " or Delta Trading".
_NEXT_ITEM = re.compile(r"^\s*,?\s*(?:and|or)\s+[“\"'‘]?[A-Z]")


#: A person's other name given in brackets right after the full name: "(<Surname>)", "(a.k.a. “<Nickname>”)".
_BRACKET_NAME = re.compile(
    r"\s*\(\s*(?P<aka>(?:a\.?\s?k\.?\s?a\.?|also\s+known\s+as)\s*:?\s*)?[“\"'‘]?"
    r"(?P<name>[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,3})[”\"'’]?\s*\)"
)


def _bracket_names(text: str, ordered: list[Mention]) -> list[tuple[Mention, Mention]]:
    """(full name, later mention) pairs for the name a release gives a person in brackets and uses from then
    on: "<First> <Paternal> <Maternal> (<Paternal>)" (a short form that need not be the last word, as in
    Spanish names with two surnames), "<Full Name> (a.k.a. “<Nickname>”)". The bracket itself is often not
    tagged, so the later mentions written that way are paired with the full name. Without "a.k.a." the
    bracket must hold the full name's own words (a bracket holding a place or a role defines nothing); a
    name two persons define is left alone; places and dates never join a person."""
    defined: dict[str, list[Mention]] = {}
    for m in ordered:
        if len(m.norm.split()) < 2 or not (m.label == "Person" or _person_shaped(m)):
            continue
        found = _BRACKET_NAME.match(text, m.end)
        if found is None or (m.label != "Person" and found.group("aka")):
            continue  # a body's a.k.a. is the organisation rules' business
        short = normalise_surface(found.group("name"))
        words, own = short.split(), m.norm.split()
        if not short or short == m.norm:
            continue
        if not found.group("aka") and not any(own[i : i + len(words)] == words for i in range(len(own))):
            continue
        defined.setdefault(short, []).append(m)
    pairs = []
    for short, owners in defined.items():
        if len({o.norm for o in owners}) != 1:
            continue
        first = min(owners, key=lambda o: o.start)
        pairs.extend(
            (first, m) for m in ordered if m.norm == short and m.start > first.end and m.label not in _PLACE_LABELS
        )
    return pairs


def definitions(text: str, mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """(name, other name) pairs the article itself says are one actor.

    - a name, then its acronym in parentheses ("Full Name (FN)"): the acronym must fit the name letter by
      letter (particles optional, a prepositional tail may be left out), so "Somalia (AMISOM)" pairs nothing;
    - the acronym first and the name after it ("ABC (Full Name)", "ABC, the Full Name"), when it fits;
    - a name, then another name alone in brackets ("Full Name ( Short Name)"): see :func:`_alias_in_brackets`;
    - a person's name, then in brackets one of its own words or an "a.k.a." name, the bracket tagged or not
      (:func:`_bracket_names`): later mentions written so name that person;
    - an organisation's or a person's name, then in the same sentence "known as" / "referred to as" /
      "called" and another name of the same kind: the nearest one named before the cue is the one the cue
      renames, when the cue follows it or a clause about it, not a common noun ("the X cell known as Y"
      renames the cell).
    """
    ordered = sorted((m for m in mentions if m.label != "Date"), key=lambda m: (m.start, m.end))
    pairs = _bracket_names(text, ordered)
    for name, short in zip(ordered, ordered[1:], strict=False):
        between = text[name.end : short.start]
        closed = text[short.end : short.end + 2].lstrip().startswith(")")
        if looks_like_acronym(name.text) and _THEN_FULL.match(between) and acronym_fits(name.text, short.text):
            pairs.append((short, name))  # "ABC (Full Name)", "ABC, the Full Name"
        elif not _OPENS.match(between.strip()) or not closed:
            continue
        elif looks_like_acronym(short.text):
            if acronym_fits(short.text, name.text, tail=True) or reordered_acronym(short.text, name.text):
                pairs.append((name, short))
        elif _alias_in_brackets(name, short):
            pairs.append((name, short))
    for i, other in enumerate(ordered):
        kind = _family(other.label)
        if kind not in {"org", "Person"}:
            continue
        window = max(0, other.start - 40)
        cue = _KNOWN_AS.search(text[window : other.start])
        if cue is None:
            continue
        before = [m for m in ordered[:i] if m.sent_start == other.sent_start and m.end <= window + cue.start()]
        adjacent = before and _ADVERBS.sub("", text[before[-1].end : window + cue.start()]).strip() in {"", ","}
        if adjacent and _family(before[-1].label) != kind:
            continue  # "the forces of X, commonly known as Y": Y renames X, never a body named further back
        named = next((m for m in reversed(before) if _family(m.label) == kind), None)
        if named is None:
            continue
        gap = text[named.end : window + cue.start()]
        # A person is renamed only right after the name ("X, also known as Y"): after a clause
        # ("X's deputy, known as Y") the cue renames whoever the clause is about.
        if _renames(gap) if kind == "org" else _ADVERBS.sub("", gap).strip() in {"", ",", "(", "—", "–", "-"}:
            pairs.append((named, other))
    return pairs


def _merge_org_short_forms(clusters: list[_Cluster], named: set[int]) -> None:
    """Rule 2: a short name joins the one organisation whose core or initials it equals."""
    # State bodies are named after their country ("Pakistan Army"); the country is not their alias.
    orgs = [c for c in clusters if is_org_type(c.best().label) and c.best().label != "PublicBody"]
    by_core: dict[str, list[_Cluster]] = {}
    by_initials: dict[str, list[_Cluster]] = {}
    by_stateless: dict[str, list[_Cluster]] = {}
    by_prefix: dict[str, list[_Cluster]] = {}
    for cluster in clusters:
        best = cluster.best()
        if not is_org_type(best.label):
            continue
        stateless = _stateless(best.text)
        prefixed = bool(stateless) and stateless != best.norm
        if prefixed:  # "US Treasury" -> "treasury"
            by_stateless.setdefault(stateless, []).append(cluster)
        if prefixed or best.label == "PublicBody":
            # a department's short form, with or without its country: "(US) Finance Department" -> "finance",
            # "State Department" -> "State" (as in "Secretary of State")
            short = (stateless if prefixed else best.norm).split()
            body_words = label_config()["body_words"]
            if len(short) >= 2 and short[-1] in body_words:  # "finance department"
                by_stateless.setdefault(" ".join(short[:-1]), []).append(cluster)
            # "ministry of the interior": the body word turned before "of"
            of = [i for i, w in enumerate(short) if w == "of"]
            if len(of) == 1 and of[0] == 1 and short[0] in body_words:
                rest = [w for w in short[2:] if w != "the"]
                if rest:
                    by_stateless.setdefault(" ".join(rest), []).append(cluster)
        words = best.norm.split()
        if best.label in {"Organization", "Company"} and len(words) >= 3:
            for size in range(2, len(words)):  # "Crescent Gate General Trading" -> "crescent gate"
                by_prefix.setdefault(" ".join(words[:size]), []).append(cluster)
    for cluster in orgs:
        norm = cluster.best().norm
        core = _core(norm)
        if core and core != norm:
            by_core.setdefault(core, []).append(cluster)
        initials = _initials(norm)
        if initials:
            by_initials.setdefault(initials, []).append(cluster)
    for same_core in by_core.values():
        # "Liwa al-Fajr", "Fajr Brigade", "al-Fajr Battalion": one armed group under different unit words.
        if len(same_core) > 1 and all(c.best().label == "ArmedGroup" for c in same_core):
            for other in same_core[1:]:
                _union(other, same_core[0])
    for cluster in clusters:
        best = cluster.best()
        if best.label in {"Date", "Country"} or cluster.sexes or cluster.ambiguous:
            continue  # a titled name ("Mr. <Surname>") is a person's, never an organisation's short form
        candidates = by_core.get(best.norm, [])
        if id(cluster) in named:
            candidates = [c for c in candidates if not _drops_designator(c.best().norm, best.norm)]
        if not candidates and best.text.isupper() and len(best.norm) >= 2:
            candidates = by_initials.get(best.norm.replace(" ", ""), [])
        if not candidates and is_org_type(best.label):
            # a known name is a body of its own, not the opening words of a longer one: "United Nations" beside
            # "United Nations High Commissioner for Refugees" is the organisation the office belongs to
            prefixed = by_prefix.get(best.norm, []) if id(cluster) not in named else []
            candidates = by_stateless.get(best.norm, []) or prefixed
        if not candidates and is_org_type(best.label) and best.norm in label_config()["standalone_bodies"]:
            # "the Coalition" after "the Global Coalition against X": the one organisation named with that noun
            candidates = [c for c in orgs if c is not cluster and best.norm in c.best().norm.split()]
        if not candidates and is_org_type(best.label) and best.norm in label_config()["body_words"]:
            # "the Department" after "the Department of Fisheries": the one body (a state body too) named with
            # that word; beside a second department the word alone says neither
            candidates = [
                c
                for c in clusters
                if c is not cluster and is_org_type(c.best().label) and _names_with(c.best().norm, best.norm)
            ]
        if not candidates and is_org_type(best.label):
            # "<Unit> QRW" beside "<Unit> Qandor Relief Wing": the opening words, then the acronym of the rest
            candidates = [c for c in orgs if c is not cluster and _rest_abbreviated(best.text, c.best().text)]
        if not candidates and best.label not in _PLACE_LABELS and looks_like_acronym(best.text):
            # "<QAN><COM>" beside "U.S. Qandor Command": a syllable acronym of the one organisation it fits
            candidates = [c for c in clusters if c is not cluster and _syllables_of(best.text, c.best())]
        roots = {id(c.root()): c for c in candidates if c is not cluster}
        if len(roots) == 1:
            # A known organisation's short form; the model's PERSON/GPE/NORP guess yields to it.
            _union(cluster, next(iter(roots.values())))


def _names_with(name: str, word: str) -> bool:
    """Whether a longer name holds ``word`` as one of its words ("department of fisheries", "department")."""
    words = name.split()
    return len(words) > 1 and word in words


def _merge_place_short_forms(clusters: list[_Cluster]) -> None:
    """Rule 5: a place named with its administrative word and then without it ("Qandor District" ->
    "Qandor") is one place, when exactly one such long name has that short form. Only administrative
    divisions (``labels.yaml`` ``admin_words``): "Qandor Road" or "Qandor Airport" is another place."""
    admin = set(label_config()["admin_words"])
    long_forms: dict[str, list[_Cluster]] = {}
    for cluster in clusters:
        best = cluster.best()
        words = best.norm.split()
        if best.label == "Location" and len(words) >= 2 and words[-1] in admin:
            long_forms.setdefault(" ".join(words[:-1]), []).append(cluster)
    for cluster in clusters:
        best = cluster.best()
        if best.label != "Location":
            continue
        roots = {id(c.root()): c for c in long_forms.get(best.norm, []) if c is not cluster}
        if len(roots) == 1:
            _union(cluster, next(iter(roots.values())))


def _rest_abbreviated(short: str, long: str) -> bool:
    """Whether a name is another's opening words followed by the acronym of the rest ("<Unit> QRW" for
    "<Unit> Qandor Relief Wing", "<Body> VSO" for "<Body> Vellacott Support Office"): units and
    branches are written so once the article has named them in full. The acronym must fit the rest
    letter by letter (:func:`acronym_fits`) and the caller takes it only when one organisation fits."""
    words, other = short.split(), long.split()
    n = len(words) - 1
    if n < 1 or len(other) < n + 2 or not looks_like_acronym(words[-1]):
        return False
    if normalise_surface(" ".join(words[:n])) != normalise_surface(" ".join(other[:n])):
        return False
    return acronym_fits(words[-1], " ".join(other[n:]))


def _syllables_of(short: str, name: Mention) -> bool:
    """Whether an acronym is a syllable acronym (:func:`syllable_fits`) of an organisation's name, with or
    without the country it opens with ("U.S. Qandor Command")."""
    if not is_org_type(name.label) or looks_like_acronym(name.text):
        return False
    return any(syllable_fits(short, text) for text in (name.text, _stateless(name.text)) if text)


def _may_be_person(cluster: _Cluster) -> bool:
    """A Person, or a one-word name the model typed otherwise that no reference data says is a place.

    A particle before the word does not make it two ("al-<Surname>", "de <Surname>"): a surname written
    with its article ("<Surname>’s network") is as often typed an organisation as a bare one."""
    best = cluster.best()
    if best.label == "Person":
        return True
    words = best.norm.split()
    if len(words) == 2 and words[0] in vocabulary().particles:
        words = words[1:]
    if best.source == "gazetteer" or best.label not in {"Organization", "Location"} or len(words) != 1:
        return False
    return not (is_country(best.text) or is_place(best.text) or is_place(words[0]))


def _person_shaped_org(cluster: _Cluster) -> bool:
    """A name the model alone typed Organization that is written like a person's ("Jamal Alzoubi"): two
    to four capitalised words, none an organisation, group or place word. Its surname written alone may
    join it; the document's vote then decides its type from all the mentions."""
    return _person_shaped(cluster.root().best())


def _person_shaped(best: Mention) -> bool:
    """One mention the model alone typed Organization that is written like a person's name (see
    :func:`_person_shaped_org`)."""
    words = best.text.split()
    if best.source != "model" or best.label != "Organization" or not 2 <= len(words) <= 4:
        return False
    config = label_config()
    blocked = {w for ws in config["heads"].values() for w in ws} | set(config["group_words"])
    return all(w.isalpha() and w.istitle() and w.casefold() not in blocked and not is_place(w) for w in words) and not (
        any(is_country(w) or is_demonym(w) for w in words)
    )


def _kunya(words: list[str]) -> bool:
    """ "Abu <Name>" / "Umm <Name>": a kunya, the part of an Arabic full name ("Abu <Name> al-<Nisba>
    al-<Nisba>") that reporting keeps when it shortens the name (``kunya`` less ``patronymics`` in the
    vocabulary: "bin <Name>" is a father's name, not a kunya)."""
    voc = vocabulary()
    return len(words) == 2 and words[0] in voc.kunya - voc.screen_particles


#: A generational suffix ends a full name ("<First> <Last> Jr.", "<First> <Last> IV"); the short form is the
#: surname before it. A closed class (roman numerals, junior/senior), so a pattern rather than a list.
_GENERATION = re.compile(r"^(?:jr|sr|[iv]{2,3}|vi{1,3}|i?x)$")


def _short_of(words: list[str], full: list[str]) -> bool:
    """Whether a person's short name is the trailing words (surname, "al-<Nisba>") of a longer full name
    (before a generational suffix: "<Last>" of "<First> <Last> IV"), or its leading kunya ("Abu <Name>" of
    "Abu <Name> al-<Nisba> al-<Nisba>")."""
    if len(full) > 2 and _GENERATION.match(full[-1]) and not _GENERATION.match(words[-1]):
        full = full[:-1]
    if len(full) <= len(words):
        return False
    return full[-len(words) :] == words or (_kunya(words) and len(full) >= 3 and full[:2] == words)


def _given_name_of(cluster: _Cluster, persons: list[_Cluster]) -> _Cluster | None:
    """The one full name a lone given name refers back to: "<Given>" after "<Given> <Father> <Surname>".

    Releases name a person by the given name when the surname does not tell the people of the story apart
    (brothers, a father and son). Only a one-word name the model typed Person, whose every mention comes
    after the full name's first one, that opens exactly one full name of the article and ends none (a
    surname is the usual short form, so a word that is some full name's surname is read as that)."""
    best = cluster.best()
    words = best.norm.split()
    if len(words) != 1 or best.label != "Person" or words[0] in vocabulary().kunya:
        return None
    root = cluster.root()
    fulls = [p for p in persons if p.root() is not root]
    if any(p.best().norm.split()[-1] == words[0] for p in fulls):
        return None
    opened = {id(p.root()): p for p in fulls if p.best().norm.split()[0] == words[0]}
    if len(opened) != 1:
        return None
    full = next(iter(opened.values()))
    first = min(m.start for p in persons if p.root() is full.root() for m in p.mentions)
    return full if all(m.start > first for m in cluster.mentions) else None


def _merge_person_short_forms(clusters: list[_Cluster]) -> None:
    """Rule 3: "Qadir" joins "Haroon Aziz Qadir" only when no other full name ends in "Qadir"; a kunya
    joins the one full name it opens. A short name the article already tied to another (" al-<Nisba>,
    also known as <Other>") brings that name along; one tied to an organisation stays with it."""
    # a group's type is its best mention's among all its names: a nickname tied to the full name may be the root
    members: dict[int, list[Mention]] = {}
    for c in clusters:
        members.setdefault(id(c.root()), []).extend(c.mentions)
    person_group = {k: max(ms, key=_strength).label == "Person" for k, ms in members.items()}
    persons = [
        c
        for c in clusters
        if (person_group[id(c.root())] or _person_shaped_org(c)) and len(c.best().norm.split()) >= 2 and not c.ambiguous
    ]
    for cluster in clusters:
        root = cluster.root()
        best = cluster.best()
        if cluster.ambiguous or not (_may_be_person(cluster) or _person_shaped_org(cluster)):
            continue
        if not (person_group[id(root)] or _may_be_person(root) or _person_shaped_org(root)):
            continue
        words = best.norm.split()
        # a titled short form ("Mrs. <Surname>") is not the full name of a person whose titles say the other sex; one
        # whose name the article also gives the other sex takes only a full name titled as its own sex
        matches = {
            id(p.root()): p
            for p in persons
            if p.root() is not root
            and _short_of(words, p.best().norm.split())
            and (p.root().sexes == root.sexes if cluster.contested else not contradict(root.sexes, p.root().sexes))
        }
        if len(matches) == 1:
            _union(root, next(iter(matches.values())))
        elif not matches and (full := _given_name_of(cluster, persons)) is not None:
            _union(root, full)
