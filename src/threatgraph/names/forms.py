"""Name forms: what resolution compares and blocks on, and what sanctions linking aligns.

A mention's surface text ("the Zainabiyoun Brigade", "Liwa Zaynabiyun", "لواء زینبیون") is reduced
to a :class:`NameForm`: the Latin core tokens (casefolded, honorifics, particles and group
designators removed, other scripts transliterated with ICU via rigour), a consonant skeleton
per token (Arabic-script transliterations drop short vowels, so "zynbywn" and "zainabiyoun" only
agree once vowels are gone: both become "znbn"), the script it was written in, and the blocking
keys that let a new mention find candidate entities with one indexed lookup.

The words (designators, generic words and their translations, particles, honorifics, offices, type
families) come from the one vocabulary, :mod:`threatgraph.names.vocabulary`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rigour.names import tokenize_name
from rigour.text import metaphone
from rigour.text.scripts import text_scripts

from threatgraph.names.acronyms import looks_like_acronym
from threatgraph.names.ascii import ascii_fold
from threatgraph.names.parts import plural_fold
from threatgraph.names.qualifiers import territory_head
from threatgraph.names.vocabulary import fold, vocabulary

_VOWELS = re.compile(r"[aeiouyw]+")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_POSSESSIVE = re.compile(r"['’`]s$", re.IGNORECASE)
_ARABIC_ARTICLE = "ال"
_INITIAL = re.compile(r"(?<![\w'’-])([A-Z])\.")
#: Keys longer than this are truncated so they fit the ``resolve_keys.key`` column.
MAX_KEY = 150


def family(label: str) -> str:
    """The type family a label resolves within ("ArmedGroup" and "Organization" → "Organization")."""
    return vocabulary().families.get(label, label)


def resolvable(label: str) -> bool:
    """Whether mentions with this label become entities (dates do not)."""
    return label not in vocabulary().skip_labels


def script_of(text: str) -> str:
    """The writing system of a name ("Latin", "Arabic", "Cyrillic"…); mixed names list all, sorted."""
    scripts = text_scripts(text)
    if not scripts:
        return "Latin"
    if len(scripts) == 1:
        return next(iter(scripts))
    return "+".join(sorted(scripts))[:16]


def latin_script(script: str) -> bool:
    return script == "Latin"


def clean_surface(text: str) -> str:
    """Surface text without leading "the", possessive "'s" and surrounding punctuation."""
    text = unicodedata.normalize("NFC", " ".join(text.split())).strip(" \t\"'“”‘’()[],.;:")
    text = _POSSESSIVE.sub("", text)
    if text[:4].casefold() == "the ":
        text = text[4:]
    return text.strip()


def skeleton(token: str) -> str:
    """A Latin token's consonant skeleton: vowels and glides dropped, q→k, doubled letters folded.

    This is the bridge between scripts: Arabic and Persian spellings carry no short vowels, and
    Latin spellings disagree mostly on vowels ("Zainabiyoun", "Zaynabiyun", "zynbywn" → "znbn").
    """
    tok = _NON_ALNUM.sub("", token.casefold())
    if not tok:
        return ""
    head, rest = tok[0], tok[1:]
    rest = _VOWELS.sub("", rest.replace("q", "k").replace("c", "k"))
    out = (head.replace("q", "k").replace("c", "k") if head not in "aeiouyw" else "") + rest
    folded = re.sub(r"(.)\1+", r"\1", out)
    return folded


def _split_tokens(text: str) -> list[str]:
    tokens: list[str] = []
    for tok in tokenize_name(text.casefold()):
        tokens.extend(t for t in tok.split("-") if t)
    return tokens


def written_letters(text: str) -> str:
    """A name's letters as written, every word kept (particles, kind words) and the breaks between words left out:
    "Hizb-ul-<Name>" and "HIZBUL <NAME>" give one string. Transliteration glues a particle onto the word before
    it or hyphenates it freely, and a glued particle hides the word it is glued to from the vocabulary."""
    return _NON_ALNUM.sub("", ascii_fold("".join(_split_tokens(clean_surface(text)))).casefold())


@dataclass(slots=True, frozen=True)
class NameForm:
    """One name reduced for comparison: what resolution scores and blocks on.

    ``core`` are the ASCII tokens that identify the actor; ``designator`` the canonical kind of
    armed unit that was removed ("brigade"), a name part two names must agree on; ``generic`` the
    canonical generic words removed ("group", "movement"), which may differ; ``skeletons`` the
    consonant skeletons of the core tokens; ``latin`` whether the name was written in Latin script
    (transliterated names are compared more leniently on vowels).
    """

    text: str
    core: tuple[str, ...]
    skeletons: tuple[str, ...]
    designator: str | None
    script: str
    latin: bool
    acronym: str

    #: The normalised name stored in ``aliases.norm`` and used for decision keys.
    norm: str = ""
    #: All skeletons joined ("hezbollah" and "حزب الله" both give "hzblh").
    skel: str = ""
    generic: tuple[str, ...] = ()
    #: The initials with joined particles kept ("let" beside "lt"), when they differ: a blocking key only.
    acronym_particles: str = ""


def _title(tok: str) -> bool:
    voc = vocabulary()
    word = fold(tok.rstrip("."))
    return word in voc.honorifics or word in voc.offices


@lru_cache(maxsize=65536)
def name_form(text: str, label: str = "Organization") -> NameForm:
    """Reduce a surface name to its :class:`NameForm` for the given entity label."""
    voc = vocabulary()
    surface = clean_surface(text)
    script = script_of(surface)
    raw = _split_tokens(surface)
    is_person = family(label) == "Person"
    core_src: list[str] = []
    designator: str | None = None
    generic: list[str] = []
    # "Dorian E. Vellacott": a capital with a full stop in a person's name is a middle initial, a name part
    # that tells namesakes apart, even where the letter is also a particle ("Jaysh-e-Qandor").
    initials = {m.group(1).casefold() for m in _INITIAL.finditer(surface)} if is_person else set()
    # "I-R-S-O": an acronym spelled out letter by letter, where a letter that is also a particle ("i", "e")
    # is one of its letters
    spelled = len(raw) > 1 and all(len(t) == 1 for t in raw)
    for i, tok in enumerate(raw):
        if tok in voc.particles and not (len(tok) == 1 and (spelled or tok in initials)):
            continue
        if tok.startswith(_ARABIC_ARTICLE) and len(tok) > 3:
            tok = tok[len(_ARABIC_ARTICLE) :]
        if is_person:
            # Honorifics and office titles are part of the mention, never the name.
            if not core_src and i < len(raw) - 1 and _title(tok):
                continue
        elif len(raw) > 1 and tok in voc.word_of and voc.word_of[tok][1] != "term":
            canonical, kind = voc.word_of[tok]
            if kind == "designator":
                designator = designator or canonical
            else:
                generic.append(canonical)
            continue
        core_src.append(tok)
    if not core_src:  # a name that is only a designator or particle: keep it as it is
        core_src = [t for t in raw if t] or [surface.casefold()]
    core: list[str] = []
    for tok in core_src:
        latin_tok = _NON_ALNUM.sub("", ascii_fold(tok).casefold())
        if latin_tok:
            core.append(latin_tok)
    skeletons = tuple(skeleton(t) for t in core)
    initials = [ascii_fold(t)[:1].casefold() for t in raw if t not in voc.particles]
    acronym = "".join(i for i in initials if i.isalnum()) if len(initials) > 1 and latin_script(script) else ""
    # Groups often keep a joined particle's letter ("JeQ" for Jaysh-e Qandor, "AQAP" for al-Qandor in
    # the Vellacott Peninsula): that spelling is a blocking key too, so the acronym finds the name.
    joined = [ascii_fold(t)[:1].casefold() for t in raw if t not in voc.particles or t in voc.joining_particles]
    with_particles = "".join(i for i in joined if i.isalnum()) if acronym else ""
    return NameForm(
        text=surface,
        core=tuple(core),
        skeletons=skeletons,
        designator=designator,
        script=script,
        latin=script == "Latin",
        acronym=acronym,
        acronym_particles=with_particles if with_particles != acronym else "",
        norm=" ".join(core),
        skel="".join(skeletons),
        generic=tuple(generic),
    )


def normalise_name(text: str, label: str = "Organization") -> str:
    """The normalised name: casefolded Latin core tokens without titles, particles or designators."""
    return name_form(text, label).norm


def decision_key(label: str, norm: str) -> str:
    """The stable key of a name in ``resolve_decisions``: "<family>:<norm>"."""
    return f"{family(label)}:{norm}"[:MAX_KEY]


def variant_norms(form: NameForm) -> set[str]:
    """The normalised name and the spellings news and lists interchange for a group's name: its words
    in the singular ("Houthis" is the "Houthi" group) and written as one word ("Ansar Allah" is
    "Ansarallah"), a region under its other name, and without a territorial qualifier
    (:func:`threatgraph.names.qualifiers.territory_head`). Only list evidence is looked up under these:
    a list's name and a news name sharing a variant name one listed body, provided no other entry of
    that list shares it too (:mod:`threatgraph.resolve.listnames`)."""
    if not form.core:
        return set()
    places = vocabulary().place_of
    out = {
        form.norm,
        " ".join(plural_fold(t) for t in form.core),
        " ".join(places.get(t, t) for t in form.core),  # one region's names: "... Syria" is "... Levant"
    }
    if len(form.core) == 2 and len("".join(form.core)) >= 6:
        out.add("".join(form.core))  # a compound split once: "Ansar Allah"
    if (head := territory_head(form.text)) and len(core := name_form(head).core) >= 2:
        out.add(" ".join(core))  # "<Name> of Iraq and Syria" is "<Name>" in running text
    return out


def blocking_keys(form: NameForm, label: str) -> set[str]:
    """Keys under which an alias is indexed and looked up; prefixed by type family.

    n: whole core, s: whole skeleton, t: core token, k: token skeleton, p: token metaphone,
    a: acronym (so "IRGC" finds "Islamic Revolutionary Guard Corps"), f: a person's first and last name
    words as one key (their skeletons, in sorted order): where a given name or a surname alone is too
    common to block on (:mod:`threatgraph.resolve.rarity`), the pair still finds the same person's other
    spellings ("Mohammed Ali" and "Muhammad Ali").
    """
    fam = family(label)
    keys: set[str] = set()
    if form.core:
        keys.add(f"{fam}|n:{form.norm}")
    if len(form.core) > 1 and len("".join(form.core)) >= 6:
        keys.add(f"{fam}|n:{''.join(form.core)}")  # "Ansar Allah" is filed where "Ansarallah" is
    if len(form.skel) >= 3 and len(form.core) > 1:  # single tokens get their k: key below
        keys.add(f"{fam}|s:{form.skel}")
    stop = vocabulary().particles
    for tok, sk in zip(form.core, form.skeletons, strict=False):
        if len(tok) < 3 or tok in stop:
            continue
        if len(form.core) > 1:  # a single token's t: key would equal its n: key
            keys.add(f"{fam}|t:{tok}")
        if fam != "Person" and plural_fold(tok) != tok:
            # a group named in the plural is found under its singular ("Houthis" and "Houthi")
            keys.add(f"{fam}|{'t' if len(form.core) > 1 else 'n'}:{plural_fold(tok)}")
        if len(sk) >= 3:
            keys.add(f"{fam}|k:{sk}")
        code = metaphone(tok)
        if len(code) >= 2:
            keys.add(f"{fam}|p:{code}")
    if fam == "Person":
        words = [
            sk if len(sk) >= 2 else tok
            for tok, sk in zip(form.core, form.skeletons, strict=False)
            if len(tok) >= 3 and tok not in stop
        ]
        if len(words) >= 2:
            keys.add(f"{fam}|f:{'~'.join(sorted((words[0], words[-1])))}")
    for acronym in (form.acronym, form.acronym_particles):
        if len(acronym) >= 2:
            keys.add(f"{fam}|a:{acronym}")
    if len(form.core) == 1 and 2 <= len(form.core[0]) <= 6:
        keys.add(f"{fam}|a:{form.core[0]}")
    elif len(form.core) > 1 and looks_like_acronym(form.text) and len(joined := "".join(form.core)) <= 12:
        keys.add(f"{fam}|a:{joined}")  # "<ABC>-<DE>" is filed where the name it abbreviates files its initials
    return {k[:MAX_KEY] for k in keys}
