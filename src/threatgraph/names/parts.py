"""Name parts: when two tokens of person names are spellings of the same given name or surname.

Latin spellings of one Arabic, Persian or Urdu name differ in vowels ("Mohammed", "Muhammad",
"Mohamed"), but so do *different* names ("Hassan" and "Hussein" share every consonant). A consonant
skeleton cannot tell them apart; rigour's name symbols can: each given name carries the Wikidata ids
of the names it is a spelling of, so "Mohammed" and "Muhammad" share a symbol and "Hassan" and
"Hussein" do not. The romanisation fold (:func:`threatgraph.names.tokens.romanisation_fold`) covers
surnames the symbol table does not know ("Qadiri"/"Kadiri"), and the vocabulary's East Slavic given names
the Russian, Ukrainian and Belarusian forms of one name ("Oleksandr"/"Aleksandr", "Serhiy"/"Sergei"), which
the symbol table files as different names, and the short forms English given names go by ("Tony"/"Antony").
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz
from rigour.names import NameTypeTag, SymbolCategory, analyze_names

from threatgraph.names.tokens import given_name, romanisation_fold
from threatgraph.names.vocabulary import vocabulary

#: Two long tokens this similar are one spelling apart ("Hamidawi"/"Hamidaui").
CLOSE_SPELLING = 90
CLOSE_MIN_LEN = 6


@lru_cache(maxsize=65536)
def name_symbols(token: str) -> frozenset[str]:
    """rigour's name symbols of one person-name token (empty when it knows none)."""
    names = analyze_names(NameTypeTag.PER, [token], phonetics=False)
    return frozenset(str(s.id) for n in names for s in n.symbols if s.category == SymbolCategory.NAME)


@lru_cache(maxsize=262144)
def same_person_part(a: str, b: str) -> bool:
    """Whether two Latin tokens of person names are spellings of one name part (the symbol lookup, the slow
    test, last)."""
    if a == b:
        return True
    if (name := given_name(a)) and (other := given_name(b)):
        # East Slavic given names the vocabulary knows: one name in two of its languages ("Oleksandr"/"Aleksandr"),
        # or two names one letter apart ("Oleksandr"/"Oleksandra", "Aleksandr"/"Aleksandra")
        return name == other
    if romanisation_fold(a) == romanisation_fold(b):
        return True
    shortened = vocabulary().shortened
    if b in shortened.get(a, ()) or a in shortened.get(b, ()):
        return True  # a short form and the name it shortens ("Tony"/"Antony")
    if min(len(a), len(b)) >= CLOSE_MIN_LEN and fuzz.ratio(a, b) >= CLOSE_SPELLING:
        return True
    if min(len(a), len(b)) >= VOWEL_MIN_LEN and vowel_fold(a) == vowel_fold(b):
        return True
    return bool(name_symbols(a) & name_symbols(b))


def one_given_name(a: str, b: str) -> bool:
    """Whether two different words are one given name by the vocabulary alone: an East Slavic name under two of its
    languages' forms ("Oleh"/"Oleg", "Serhiy"/"Sergei") or an English short form and the name it shortens
    ("Tony"/"Antony"). Letters do not show these ("Serhiy"/"Sergei" share three), so a comparer that scores words by
    their letters (screening) asks this too, and finds what resolution's :func:`same_person_part` already aligns."""
    if a == b:
        return False
    if (name := given_name(a)) and (other := given_name(b)):
        return name == other
    shortened = vocabulary().shortened
    return b in shortened.get(a, ()) or a in shortened.get(b, ())


@lru_cache(maxsize=65536)
def given_name_key(token: str) -> str:
    """One key for the forms of one given name the vocabulary knows (:func:`one_given_name`), the word itself for
    any other: "oleh" and "oleg" -> "oleg"; "william", "bill", "billy" -> "bill"; "antony", "anthony", "tony" ->
    "tony". A function of the word alone, so counts keyed by it agree however a job is split (Spark's partitions).

    A full name keys as the short form only it has, else its first short form; a short form keys as the full name it
    shortens, and as itself where its full names key apart ("pat": Patrick "pat", Patricia "patty"), so two
    different full names never share a key through a short form."""
    if name := given_name(token):
        return name
    shortened = vocabulary().shortened
    if token in shortened:
        keys = {_full_name_key(full) for full in shortened[token]}
        return keys.pop() if len(keys) == 1 else token
    return _full_name_key(token)


def _full_name_key(full: str) -> str:
    shortened = vocabulary().shortened
    shorts = sorted(s for s, fulls in shortened.items() if full in fulls)
    if not shorts:
        return full
    own = [s for s in shorts if shortened[s] == frozenset({full})]
    return (own or shorts)[0]


#: Tokens at least this long meet under :func:`vowel_fold` ("Chen"/"Chin", "Li"/"Le" are two surnames).
VOWEL_MIN_LEN = 5
_E_OR_I = str.maketrans({"e": "i", "o": "u"})


def vowel_fold(token: str) -> str:
    """The romanisation fold with "e" read as "i" and "o" as "u": Arabic and Persian have three short vowels, which
    romanisations write a/e/i/o/u as they hear them, kasra as "e" or "i" ("Ebrahim"/"Ibrahim", "Hamed"/"Hamid",
    "Naser"/"Nasir") and damma as "o" or "u" ("Osman"/"Usman", "Mostafa"/"Mustafa"). An "a" stays an "a": fatha
    against kasra or damma is another name ("Jamal"/"Jamil", "Hassan"/"Hussein", "Hamad"/"Hamid")."""
    return romanisation_fold(token).translate(_E_OR_I)


#: "Servant of" written onto the next word or apart, with any spelling of the article ("Abd al-",
#: "Abdul", "Abdel", "Abdol"), and the divine name closing a compound ("-ullah", "-allah"): how
#: romanisations break and spell Arabic theophoric names.
_ABD = re.compile(r"^abd(?:ul|el|ol|al|ou|u|e)?")
_ALLAH = re.compile(r"(?:ullah|ollah|allah)")


def compound_fold(tokens: tuple[str, ...]) -> str:
    """A person name's tokens joined with the Arabic compounds folded: "abd al-rahman", "abdul rahman",
    "abdulrahman" -> "abdalrahman"; "abd allah", "abdullah" -> "abdallah"; "nasrullah" -> "nasrallah"."""
    joined = "".join(_ABD.sub("abdal", t) for t in tokens)
    return _ALLAH.sub("allah", joined).replace("alal", "al")


def plural_fold(token: str) -> str:
    """A group name's plural and singular agree ("Houthis"/"Houthi"); short tokens stay as they are."""
    return token[:-1] if len(token) >= 5 and token.endswith("s") else token
