"""Cross-script name parts: Arabic-script (Arabic, Persian, Urdu, Pashto) words against their Latin spellings.

Arabic script writes consonants and long vowels but no short vowels, so its transliteration ("حسين" -> "hsyn")
and a news or list spelling ("Hussein", "Husayn", "Hossein") differ in every vowel while agreeing in the
consonants. Romanisation systems (ALA-LC, BGN/PCGN, the common news spellings) also disagree on how to write a
consonant: "kh"/"x", "sh"/"š", "q"/"k", "th"/"s", "dh"/"z", a doubled letter for a shadda or not, "-ah"/"-a" for
the closing ta marbuta. :func:`consonant_key` reduces a Latin spelling (or the ASCII transliteration of an
Arabic-script word) to what all of these agree on: the consonant classes in order, with the semi-vowels y/w and
a closing h kept only where a consonant, doubles collapsed. Two spellings of one name part share that key;
:func:`part_similarity` scores a transliterated part against a Latin part by it, so that the names align part by
part ("صدام حسين التكريتي" / "SADDAM HUSSEIN AL-TIKRITI": saddam~sdam, hussein~hsyn, tikriti~tkryty).

:func:`script_words` splits an Arabic-script name into its written parts, detaching the article (ال) the script
writes joined to the word ("التكريتي" -> "ال" + "تكريتي") as every Latin list writes it apart ("AL-TIKRITI").
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

#: Unicode blocks of the Arabic script (Arabic, Supplement, Extended-A, Presentation Forms A and B).
ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
#: The definite article as the script joins it to a word, and the minimum length of what follows it.
ARTICLE = ("ال", "اَل")
MIN_AFTER_ARTICLE = 2
#: Latin spellings of one consonant class, longest first (applied left to right, after casefolding).
DIGRAPHS = (("kh", "x"), ("sh", "$"), ("ch", "%"), ("th", "s"), ("dh", "z"), ("gh", "g"), ("zh", "j"), ("ph", "f"))
#: Single letters that spell one class: q/k (qaf, kaf), c/k, v/w (Persian vav).
CLASSES = str.maketrans({"q": "k", "c": "k", "v": "w"})
_VOWELS = "aeiou"
_REPEATS = re.compile(r"(.)\1+")
#: Similarity of two parts with the same consonant key: below an exact spelling match, at the level of a close
#: variant. Keys of two consonants say less (many names share them) and count less.
SAME_KEY = 0.9
SAME_SHORT_KEY = 0.85
MIN_KEY = 2
#: One consonant ("علي" / "Ali", "طه" / "Taha") is enough only for a short Latin word.
SAME_ONE_KEY = 0.8
SHORT_WORD = 4
#: Keys that differ: their edit similarity, scaled, from this similarity up.
KEY_FLOOR = 0.75
KEY_FACTOR = 0.85


def is_arabic_script(text: str) -> bool:
    """Whether most letters of ``text`` are in the Arabic script (Arabic, Persian, Urdu, Pashto…)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    inside = sum(1 for ch in letters if any(lo <= ord(ch) <= hi for lo, hi in ARABIC_BLOCKS))
    return inside * 2 > len(letters)


#: The closing ta marbuta, which Latin spellings write as -a, -ah or -at or not at all: dropped, so that the
#: consonant key ends where theirs does.
TA_MARBUTA = "ة"


def script_words(name: str) -> list[str]:
    """The written parts of an Arabic-script name, with the joined article detached as its own part and a
    closing ta marbuta dropped."""
    out: list[str] = []
    for raw in name.split():
        word = raw[:-1] if raw.endswith(TA_MARBUTA) and len(raw) > 2 else raw
        for article in ARTICLE:
            if word.startswith(article) and len(word) - len(article) >= MIN_AFTER_ARTICLE:
                out.extend((article, word[len(article) :]))
                break
        else:
            out.append(word)
    return out


#: Arabic-script letters (Arabic, Persian, Urdu and Pashto with their retroflex letters) by the consonant class
#: their Latin spellings use; letters absent here (alif, hamza, ayn, ta marbuta, short-vowel marks) are written
#: as vowels or not at all. Waw and ya count only at the start of a word, where they are consonants.
LETTER_CLASSES = {
    **dict.fromkeys("ب", "b"), **dict.fromkeys("پ", "p"), **dict.fromkeys("تطټٹ", "t"), **dict.fromkeys("ثسصڅ", "s"),
    **dict.fromkeys("جژږ", "j"), **dict.fromkeys("چ", "%"), **dict.fromkeys("حهہھۀ", "h"), **dict.fromkeys("خ", "x"),
    **dict.fromkeys("دضډڈ", "d"), **dict.fromkeys("ذزظځ", "z"), **dict.fromkeys("رړڑ", "r"), **dict.fromkeys("شښ", "$"),
    **dict.fromkeys("غگګ", "g"), **dict.fromkeys("ف", "f"), **dict.fromkeys("قكک", "k"), **dict.fromkeys("ل", "l"),
    **dict.fromkeys("م", "m"), **dict.fromkeys("نڼں", "n"),
}  # fmt: skip
INITIAL_ONLY = {"و": "w", "ي": "y", "ی": "y", "ى": "y", "ے": "y"}


@lru_cache(maxsize=65536)
def script_key(word: str) -> str:
    """The consonant key of an Arabic-script word, read from its letters ("حسين" -> "hsn", "طه" -> "t")."""
    out: list[str] = []
    for i, ch in enumerate(word):
        cls = LETTER_CLASSES.get(ch) or (INITIAL_ONLY.get(ch) if i == 0 else None)
        if cls:
            out.append(cls)
    return _closing(_REPEATS.sub(r"\1", "".join(out)))


#: Long vowels the script writes inside a word, and the Latin letters any spelling of them uses: "حسين" has a
#: long i (Husayn, Hussein, Hossein all write i, e or y), "حسن" has none (Hassan, Hasan).
LONG_VOWELS = {"ي": "iey", "ی": "iey", "و": "uowv"}  # Persian writes v with the same letter


@lru_cache(maxsize=65536)
def script_hints(word: str) -> tuple[str, ...]:
    """The Latin letter sets the long vowels inside an Arabic-script word call for (not its first or last
    letter: there they are a consonant or the closing vowel)."""
    return tuple(LONG_VOWELS[ch] for ch in word[1:-1] if ch in LONG_VOWELS)


#: Letters that carry a word-initial vowel in the script (alif with or without hamza, ayn, hamza seats): a word
#: that starts with one is spelled with an initial vowel in Latin ("Ibrahim", "Omar"), one that does not is not
#: ("Butt" is not "Abete").
VOWEL_CARRIERS = "اأإآعءئؤ"


#: A long vowel closing the word (the Persian and Arabic -i of "Mohammadi", "-u") is written by every Latin
#: spelling at its end: "محمدی" is Mohammadi, not Mahmoud.
FINAL_VOWELS = {"ي": "iye", "ی": "iye", "ى": "iyea", "و": "uowv"}


def part_key(word: str) -> str:
    """An Arabic-script part's key for :func:`part_similarity`: consonant key, whether it opens with a vowel, and
    the long-vowel hints, "|"-joined."""
    opening = "v" if word[:1] in VOWEL_CARRIERS else "c"
    closing = FINAL_VOWELS.get(word[-1:], "") if len(word) > 1 else ""
    return "|".join((script_key(word), opening, closing, *script_hints(word)))


def _closing(key: str) -> str:
    """A key without its closing h ("-ah", "-eh", ta marbuta and final ha are written every which way)."""
    return key[:-1] if len(key) > 1 and key.endswith("h") else key


@lru_cache(maxsize=65536)
def consonant_key(token: str) -> str:
    """The consonant classes of a Latin spelling (or ASCII transliteration) in order ("hussein", "husayn",
    "hsyn" -> "hsn"; "tikriti", "tkryty" -> "tkrt"; "khalil", "xalil" -> "xl")."""
    text = token.casefold()
    for digraph, cls in DIGRAPHS:
        text = text.replace(digraph, cls)
    text = text.translate(CLASSES)
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in _VOWELS:
            continue
        if ch in "yw" and i > 0:
            continue  # a long vowel inside a word (Arabic writes it with the letter, Latin with a vowel)
        out.append(ch)
    return _closing(_REPEATS.sub(r"\1", "".join(out)))


#: A Latin spelling that writes none of the letters a long vowel of the script word calls for keeps this share.
MISSING_VOWEL = 0.8


def part_similarity(key: str, latin: str) -> float:
    """How well an Arabic-script part with key ``key`` (:func:`part_key`) spells a Latin part."""
    if latin.isdigit():
        return 0.0
    a, opening, closing, *hints = key.split("|")
    b = consonant_key(latin)
    folded = latin.casefold()
    inner = folded[1:]
    factor = MISSING_VOWEL if any(not set(h) & set(inner) for h in hints) else 1.0
    if (opening == "v") != (folded[:1] in _VOWELS):
        factor *= MISSING_VOWEL
    if closing and folded[-1:] not in closing:
        factor *= MISSING_VOWEL
    return factor * _key_similarity(a, b, latin)


def _key_similarity(a: str, b: str, latin: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        if len(a) > MIN_KEY:
            return SAME_KEY
        if len(a) == MIN_KEY:
            return SAME_SHORT_KEY
        return SAME_ONE_KEY if len(latin) <= SHORT_WORD else 0.0
    if min(len(a), len(b)) <= MIN_KEY:
        return 0.0
    sim = Levenshtein.normalized_similarity(a, b)
    return KEY_FACTOR * sim if sim >= KEY_FLOOR else 0.0
