"""Name normalisation for screening: one function turns any spelling, in any script, into comparable tokens.

Both sides of a comparison (listed aliases at index time, query names at screening time) go through
:func:`name_tokens`, so the matcher only ever compares like with like. The steps follow rigour:
casefold and ICU transliteration to ASCII Latin (Arabic, Persian, Urdu, Cyrillic, CJK…), org-type words
replaced by their short comparable form, honorifics dropped, and then our own term list (``terms.yaml``) maps
transliterated words such as *liwa* to their English equivalent so translated and transliterated names align.

Phonetic keys (:func:`token_keys`) exist because transliteration is lossy: Arabic script writes no short
vowels, so "زینبیون" becomes "zynbywn" while English reporting writes "Zainabiyoun". The consonant skeleton
("znbn") of both agrees; metaphone catches the Latin-to-Latin variants ("Zainebiyoun" ~ "Zaynabiyoun").
The romanisation fold (:func:`romanisation_fold`) undoes the spelling conventions that differ between
romanisation systems while keeping the vowels, so "Yousuf" meets "Yusuf" but "Omar" does not meet "Amir";
it is also a blocking key and recognises honorifics spelled another way ("Shaiqh", "Muphti").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rigour.names import remove_person_prefixes, replace_org_types_compare, tokenize_name
from rigour.text.phonetics import metaphone
from rigour.text.translit import ascii_text

from threatgraph.datafiles import load_yaml
from threatgraph.screen.schemas import TermsFile

TERMS_FILE = Path(__file__).with_name("terms.yaml")

#: Weight classes of a token: ordinary name words count fully, generic and particle words much less.
NAME, GENERIC, PARTICLE = 1.0, 0.2, 0.15

_NON_ALNUM = re.compile(r"[^a-z0-9 ]+")
_VOWELS = re.compile(r"[aeiouyhw]+")
_REPEATS = re.compile(r"(.)\1+")


@dataclass(frozen=True, slots=True)
class Terms:
    """The term lists of ``terms.yaml``, normalised the same way as names."""

    honorifics: frozenset[str]
    particles: frozenset[str]
    generic: frozenset[str]
    legal_forms: frozenset[str]
    synonyms: dict[str, str]  # variant -> canonical
    romanisation: tuple[tuple[str, str], ...] = ()
    joined_articles: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def terms() -> Terms:
    data = load_yaml(TERMS_FILE, TermsFile)
    synonyms: dict[str, str] = {}
    for canonical, variants in (data.get("synonyms") or {}).items():
        for variant in variants:
            synonyms[_fold(str(variant))] = _fold(str(canonical))
    for article in data.get("articles") or ():
        synonyms[_fold(str(article))] = "al"
    romanisation = tuple((str(a), str(b)) for a, b in data.get("romanisation") or ())
    return Terms(
        honorifics=frozenset(_fold(str(w)) for w in data.get("honorifics") or ()),
        particles=frozenset(_fold(str(w)) for w in data.get("particles") or ()),
        generic=frozenset(_fold(str(w)) for w in data.get("generic") or ()),
        legal_forms=frozenset(_fold(str(w)) for w in data.get("legal_forms") or ()),
        synonyms=synonyms,
        romanisation=romanisation,
        joined_articles=tuple(_fold(str(a)) for a in data.get("joined_articles") or ()),
    )


def _fold(text: str) -> str:
    """Casefold and transliterate to lower-case ASCII with only letters, digits and single spaces."""
    text = ascii_text(text.casefold()).lower()
    text = text.replace("'", "").replace("`", "").replace("?", "")
    return " ".join(_NON_ALNUM.sub(" ", text).split())


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    """The comparable tokens of one name, in order: ASCII, casefolded, honorifics dropped, terms canonicalised.

    Empty when the name has no letters or digits at all (callers treat that as "no usable name").
    """
    t = terms()
    folded = _fold(name)
    if not folded:
        return ()
    folded = replace_org_types_compare(folded) or folded
    stripped = remove_person_prefixes(folded) or folded
    tokens = [tok for tok in tokenize_name(stripped) if tok]
    # Honorifics anywhere ("Sayyid Hassan NASRALLAH", "FAIZULLAH MULLAH HAJI"), unless the name is only titles.
    named = [tok for tok in tokens if tok not in t.honorifics and romanisation_fold(tok) not in _folded_honorifics()]
    if named:
        tokens = named
    return tuple(t.synonyms.get(tok, tok) for tok in tokens)


@lru_cache(maxsize=1)
def _folded_honorifics() -> frozenset[str]:
    """Honorifics as romanisation folds, so "Shaiqh", "Muphti" and "Moullah" are recognised as titles too."""
    return frozenset(romanisation_fold(h) for h in terms().honorifics)


@lru_cache(maxsize=65536)
def token_class(token: str) -> float:
    """The base weight of a token: 1 for a name word, less for generic organisation words and particles."""
    t = terms()
    if token in t.particles:
        return PARTICLE
    if token in t.generic or token in t.synonyms.values():
        return GENERIC
    return NAME


@lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """The consonant skeleton: vowels, y, w and h removed and doubles collapsed ("zaynabiyoun" -> "znbn").

    Arabic-script spellings carry no short vowels, so this is the key on which they meet Latin spellings.
    """
    if token.isdigit():
        return token
    return _REPEATS.sub(r"\1", _VOWELS.sub("", token))


@lru_cache(maxsize=65536)
def phonetic(token: str) -> str:
    """Metaphone of a token (empty for digits)."""
    if token.isdigit():
        return ""
    return metaphone(token)


@lru_cache(maxsize=65536)
def romanisation_fold(token: str) -> str:
    """The token with romanisation conventions folded (``terms.yaml`` ``romanisation``) and doubled letters
    collapsed: "yousuf" and "yusuf" -> "yusuf", "zeinab"/"zaynab"/"zainab" -> "zainab", "qassem" -> "kasem".

    Unlike the consonant skeleton it keeps the vowels, so "omar" and "amir" stay apart."""
    if token.isdigit():
        return token
    for article in terms().joined_articles:
        if token.startswith(article) and len(token) >= len(article) + 3:
            token = "al" + token[len(article) :]
            break
    for written, folded in terms().romanisation:
        token = token.replace(written, folded)
    return _REPEATS.sub(r"\1", token)


def token_keys(token: str) -> list[str]:
    """Blocking keys of one token: the token itself, its metaphone, consonant skeleton and romanisation fold."""
    keys = [f"t:{token}"]
    if len(token) >= 3 and not token.isdigit():
        mp = phonetic(token)
        if len(mp) >= 2:
            keys.append(f"m:{mp}")
        sk = skeleton(token)
        if len(sk) >= 3:
            keys.append(f"s:{sk}")
        fold = romanisation_fold(token)
        if fold != token and len(fold) >= 3:
            keys.append(f"t:{fold}")  # same key space as tokens: "yousuf" finds a listed "yusuf"
    return keys


@lru_cache(maxsize=16384)
def is_company_name(name: str) -> bool:
    """True when the name carries an unambiguous legal form ("Ltd", "LLC", "GmbH", "OOO"…, see
    ``terms.yaml``): it names a company, not a person."""
    forms = terms().legal_forms
    return any(tok in forms for tok in name_tokens(name))
