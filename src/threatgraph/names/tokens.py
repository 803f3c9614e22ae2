"""Name tokens for screening and watches: any spelling, in any script, as comparable weighted tokens.

Both sides of a comparison (listed aliases at index time, query names at screening time) go through
:func:`name_tokens`, so the matcher only ever compares like with like. The steps follow rigour:
casefold and ICU transliteration to ASCII Latin (Arabic, Persian, Urdu, Cyrillic, CJK…), org-type words
replaced by their short comparable form, honorifics dropped, and then the one vocabulary
(:mod:`threatgraph.names.vocabulary`) maps transliterated words such as *liwa* to their English equivalent so
translated and transliterated names align (a generic word aligns with its translation and weighs little).

Phonetic keys (:func:`token_keys`) exist because transliteration is lossy: Arabic script writes no short
vowels, so "زینبیون" becomes "zynbywn" while English reporting writes "Zainabiyoun". The consonant skeleton
("znbn") of both agrees; metaphone catches the Latin-to-Latin variants ("Zainebiyoun" ~ "Zaynabiyoun").
The romanisation fold (:func:`romanisation_fold`) undoes the spelling conventions that differ between
romanisation systems while keeping the vowels, so "Yousuf" meets "Yusuf" but "Omar" does not meet "Amir";
it is also a blocking key and recognises honorifics spelled another way ("Shaiqh", "Muphti").
"""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.names import remove_person_prefixes, replace_org_types_compare, tokenize_name
from rigour.text.phonetics import metaphone

from threatgraph.names.vocabulary import VOCABULARY_FILE, fold, vocabulary

#: The file whose digest keys persisted screening indexes (they are rebuilt when it changes).
TERMS_FILE = VOCABULARY_FILE

#: Titles are dropped from a name only where at least this many words are left.
MIN_NAME_WORDS = 2
#: Weight classes of a token: ordinary name words count fully, generic and particle words much less.
NAME, GENERIC, PARTICLE = 1.0, 0.2, 0.15

_VOWELS = re.compile(r"[aeiouyhw]+")
_REPEATS = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    """The comparable tokens of one name, in order: ASCII, casefolded, honorifics dropped, terms canonicalised.

    Empty when the name has no letters or digits at all (callers treat that as "no usable name").
    """
    t = vocabulary()
    folded = fold(name)
    if not folded:
        return ()
    folded = replace_org_types_compare(folded) or folded
    tokens = [tok for tok in tokenize_name(folded) if tok]
    stripped = [tok for tok in tokenize_name(remove_person_prefixes(folded) or folded) if tok]
    if len(stripped) >= MIN_NAME_WORDS:
        tokens = stripped
    # Honorifics anywhere ("Sayyid Hassan NASRALLAH", "FAIZULLAH MULLAH HAJI"), where two name words are left:
    # "Amir HAMZA" and "Haji OMAR" are names of two words (Amir is a given name too), not one word and a title.
    named = [tok for tok in tokens if tok not in t.honorifics and romanisation_fold(tok) not in _folded_honorifics()]
    if len(named) >= MIN_NAME_WORDS:
        tokens = named
    return tuple(t.synonyms.get(tok, tok) for tok in tokens)


@lru_cache(maxsize=65536)
def titled_tokens(name: str) -> tuple[str, ...]:
    """The tokens of a name with its honorifics kept (:func:`name_tokens` drops them): a Latin list drops
    "Aamir" and a closing "EL SAYED" as titles where they are the person's name, which a name in the Arabic
    script, telling a title by its own letters and place (:func:`names.translit.title_positions`), aligns with."""
    t = vocabulary()
    folded = fold(name)
    if not folded:
        return ()
    folded = replace_org_types_compare(folded) or folded
    return tuple(t.synonyms.get(tok, tok) for tok in tokenize_name(folded) if tok)


def folds_like_honorific(token: str) -> bool:
    """Whether :func:`name_tokens` drops this token as an honorific where two name words are left (as spelled,
    or folding like one: "Shaiqh", "Aamir")."""
    return token in vocabulary().honorifics or romanisation_fold(token) in _folded_honorifics()


@lru_cache(maxsize=1)
def _folded_honorifics() -> frozenset[str]:
    """Honorifics as romanisation folds, so "Shaiqh", "Muphti" and "Moullah" are recognised as titles too."""
    return frozenset(romanisation_fold(h) for h in vocabulary().honorifics)


@lru_cache(maxsize=65536)
def token_class(token: str) -> float:
    """The base weight of a token: 1 for a name word, less for generic organisation words and particles."""
    t = vocabulary()
    if token in t.screen_particles:
        return PARTICLE
    if token in t.generic_words:
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


#: Letters a word keeps before a romanisation ending ("$" in the vocabulary) for the ending to be folded.
MIN_STEM = 3


@lru_cache(maxsize=65536)
def romanisation_fold(token: str) -> str:
    """The token with romanisation conventions folded (the vocabulary's ``romanisation``) and doubled letters
    collapsed: "yousuf" and "yusuf" -> "yusuf", "zeinab"/"zaynab"/"zainab" -> "zainab", "qassem" -> "kasem".

    Unlike the consonant skeleton it keeps the vowels, so "omar" and "amir" stay apart."""
    if token.isdigit():
        return token
    for article in vocabulary().joined_articles:
        if token.startswith(article) and len(token) >= len(article) + 3:
            token = "al" + token[len(article) :]
            break
    for written, folded in vocabulary().romanisation:
        if written.endswith("$"):
            # a word ending: spelled either way only after a stem of its own ("Nasrullah"/"Nasrallah",
            # "Nusrah"/"Nusra"), so a short word that merely ends so ("Mullah", "Shah") keeps it
            ending = written[:-1]
            if token.endswith(ending) and len(token) - len(ending) >= MIN_STEM:
                token = token[: -len(ending)] + folded
            continue
        token = token.replace(written, folded)
    return _REPEATS.sub(r"\1", token)


@lru_cache(maxsize=1)
def _given_names_folded() -> dict[str, str]:
    """The vocabulary's East Slavic given names under every form and each form's romanisation fold; a fold that
    two names share names neither (so no fold makes two names one)."""
    forms = vocabulary().given_name_of
    out: dict[str, str] = dict(forms)
    clashing: set[str] = set()
    for form, name in forms.items():
        folded = romanisation_fold(form)
        if out.get(folded, name) != name:
            clashing.add(folded)
        out.setdefault(folded, name)
    return {k: v for k, v in out.items() if k not in clashing or k in forms}


@lru_cache(maxsize=65536)
def given_name(token: str) -> str:
    """The canonical form of an East Slavic given name this token spells (the vocabulary's ``given_names``:
    "oleh" and "oleg" -> "oleg", "serhii" -> "sergei"), or "" for any other word."""
    names = _given_names_folded()
    return names.get(token) or names.get(romanisation_fold(token), "")


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
    the vocabulary): it names a company, not a person."""
    forms = vocabulary().legal_forms
    return any(tok in forms for tok in name_tokens(name))
