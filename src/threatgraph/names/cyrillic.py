"""Cyrillic name parts and the Latin spellings they are written with (Russian, Ukrainian, Belarusian, Bulgarian,
Serbian).

Unlike the Arabic script, Cyrillic writes every vowel, so one Cyrillic word has few Latin spellings; but the
systems in use disagree letter by letter, and a list or a newspaper writes whichever its clerk used: BGN/PCGN
("Aleksey", "Yevgeniy", "Natalya"), the ICAO passport table ("Aleksei", "Evgenii", "Natalia"), and news or
family spellings ("Alexey", "Alexander", "Maxim", "Artyom", French "-off" and German "-ow", "w" for в), and
the spellings of Arabic names written in Cyrillic ("Валид" / Walid, "Таухид" / Tawhid). ICU's single
transliteration ("artem") is one of them; the listed name is often another ("ARTYOM", "Artem", "Artiom").

A clerk writes a whole word in one system, so a Russian word is also written whole by each standard system a
list or a passport office uses (:data:`SYSTEMS`, from the iuliia library's schemas: BGN/PCGN, ICAO 9303 as
Russian passports have used it since 2013, ISO 9 and the scholarly system with their diacritics folded,
ALA-LC, the French system of older passports, and Wikipedia's): a spelling of many letters that differ from
the usual one ("Iuliia", "Vjačeslav", "Chtchoukine") is then found though it departs from it in more than
MAX_DEPARTURES letters.

:func:`spellings` reads every conventional Latin spelling of one Cyrillic word from its letters, with the
context the systems use: е and я/ю/ё open a syllable with y/i/j at the start of a word and after a vowel or a
soft or hard sign, the adjective endings -ий/-ый ("-skiy", "-skii", "-sky", "-ski"), кс as x, х as kh/h/x, the
letters of Ukrainian (і ї є ґ, г as h), Belarusian (ў), Serbian (ђ ј љ њ ћ џ) and the Central Asian and Volga
languages (ғ қ ҳ ҷ ӣ ӯ ә ң ө ұ ү һ җ, the palochka), and к also as the q of Arabic and Turkic names. The
matcher compares a Cyrillic word by its closest spelling (:func:`screen.compare.compare_names`), a listed
Cyrillic alias the same way against a Latin query.
"""

from __future__ import annotations

from functools import lru_cache

import iuliia

from threatgraph.names.vocabulary import fold

#: Unicode block of Cyrillic (and its supplement): a word of these letters is read by :func:`spellings`.
CYRILLIC_BLOCKS = ((0x0400, 0x04FF), (0x0500, 0x052F))
#: Vowels (and the signs) after which е ё ю я are written with a glide: "Алексеев" / "Alekseyev".
_GLIDE_AFTER = frozenset("аеёиоуыэюяіїєъь")
#: Letters with one spelling in every system, and those whose systems differ, the usual (ICU) one first.
LETTERS: dict[str, tuple[str, ...]] = {
    **{ch: (lat,) for ch, lat in zip("абдзлмнопрстуф", "abdzlmnoprstuf", strict=True)},
    "к": ("k", "c", "q"),  # q: the qaf of Arabic and Turkic names ("Касым" / Qasim, "Кодиров" / Qodirov)
    "в": ("v", "w"), "г": ("g", "h"), "ґ": ("g",), "ж": ("zh", "j", "z"), "и": ("i", "y"), "й": ("y", "i", "j"),
    "х": ("kh", "h", "x"), "ц": ("ts", "tz", "c"), "ч": ("ch", "tch"), "ш": ("sh", "sch"),
    "щ": ("shch", "sch", "sh", "sht"), "ы": ("y", "i"), "э": ("e",), "і": ("i",), "ї": ("yi", "i", "ji"),
    "ў": ("w", "u", "v", "o"), "ђ": ("dj", "d"), "ј": ("j", "y"), "љ": ("lj", "l"), "њ": ("nj", "n"),
    "ћ": ("c", "ch"), "џ": ("dz", "dzh", "j"),
    # the letters Tajik, Uzbek, Kazakh, Kyrgyz, Tatar and Bashkir add to the alphabet, and the Chechen and
    # Avar palochka (a mark of ejectives that Latin spellings leave out)
    "ғ": ("gh", "g"), "қ": ("q", "k"), "ҳ": ("h", "kh"), "ҷ": ("j", "dzh", "ch"), "ӣ": ("i", "y"),
    "ӯ": ("u",), "ә": ("a", "e", "ae"), "ң": ("ng", "n"), "ө": ("o", "u", "oe"), "ұ": ("u",),
    "ү": ("u", "ue", "y"), "һ": ("h",), "җ": ("zh", "j"), "ӏ": ("",),
}  # fmt: skip
#: е ё ю я є opening a syllable (word start, after a vowel or sign) and after a consonant.
GLIDED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "е": (("e", "ye", "ie"), ("e",)),
    "ё": (("yo", "e", "io", "jo"), ("e", "yo", "io")),
    "ю": (("yu", "iu", "ju"), ("yu", "iu", "u")),
    "я": (("ya", "ia", "ja"), ("ya", "ia")),
    "є": (("ye", "ie", "je"), ("ie", "e")),
}
#: Vowel letters after which у closes a diphthong that Latin spellings of Arabic and Persian names write w.
_VOWEL_LETTERS = frozenset("аеоэ")
#: Two letters written as one sound: кс as x ("Alexey"), дж as j ("Jamal" for "Джамал").
PAIRS: dict[str, tuple[str, ...]] = {"кс": ("ks", "x"), "дж": ("dzh", "j", "dj")}
#: Word endings whose spellings differ as a whole: the adjective endings of surnames ("Новицкий": Novitskiy,
#: Novitskii, Novitsky, Novitski), -ой, -ов/-ев written French "-off" or German "-ow", and a closing consonant
#: and r written with the vowel of the English form ("Александр": Aleksandr, Alexander; "Пётр": Pyotr, Peter).
ENDINGS: dict[str, tuple[str, ...]] = {
    "ий": ("iy", "ii", "y", "i", "ij"),
    "ый": ("yy", "y", "iy", "yi", "ii"),
    "ой": ("oy", "oi", "oj"),
    "ов": ("ov", "off", "ow"),
    "ев": ("ev", "eff", "ew"),
    "ьев": ("yev", "ev", "iev", "yeff"),
    "ъев": ("yev", "ev", "iev", "yeff"),
    "ёв": ("ev", "yov", "yev", "iov"),
    "др": ("dr", "der"),  # the English forms of names ending in a consonant and r: Alexander, Peter
    "тр": ("tr", "ter"),
}
#: Whole-word romanisation systems of Russian a listed or reported name is written in (see the module docstring).
#: Tests hold other systems out (GOST 52535, MVD 782, Telegram…) to check that these generalise.
SYSTEMS: tuple[iuliia.Schema, ...] = (
    iuliia.BGN_PCGN,
    iuliia.ICAO_DOC_9303,
    iuliia.ISO_9_1968,
    iuliia.SCIENTIFIC,
    iuliia.ALA_LC,
    iuliia.MVD_310_FR,
    iuliia.WIKIPEDIA,
)
#: The letters of the Russian alphabet: only a word of these is written by the Russian :data:`SYSTEMS`
#: (Ukrainian, Belarusian and Serbian letters are read by :data:`LETTERS`).
RUSSIAN = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
#: A spelling departs from the usual one in at most this many letters: the systems differ in a few letters of
#: a word, and a word of many ambiguous letters would otherwise have hundreds of spellings.
MAX_DEPARTURES = 2


def is_cyrillic(text: str) -> bool:
    """Whether most letters of ``text`` are Cyrillic."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    inside = sum(1 for ch in letters if any(lo <= ord(ch) <= hi for lo, hi in CYRILLIC_BLOCKS))
    return inside * 2 > len(letters)


def _alternatives(word: str) -> list[tuple[str, ...]]:
    """Per letter (or ending) of a lower-case Cyrillic word, its Latin spellings, usual first."""
    out: list[tuple[str, ...]] = []
    end = len(word)
    for ending, alts in sorted(ENDINGS.items(), key=lambda kv: -len(kv[0])):
        if len(word) > len(ending) + 1 and word.endswith(ending):
            if ending == "ев" and word[-3] in _GLIDE_AFTER:  # "Алексеев": Alekseyev, Alekseev
                alts = ENDINGS["ьев"]
            end = len(word) - len(ending)
            tail = alts
            break
    else:
        tail = ()
    i = 0
    while i < end:
        ch = word[i]
        prev = word[i - 1] if i else ""
        pair = word[i : i + 2] if i + 1 < end else ""
        if pair in PAIRS:
            out.append(PAIRS[pair])
            i += 2
            continue
        if ch in GLIDED:
            opening, after = GLIDED[ch]
            out.append(opening if not prev or prev in _GLIDE_AFTER else after)
        elif ch == "у" and prev in _VOWEL_LETTERS:
            out.append(("u", "w"))  # the second half of a diphthong: "Таухид" / Tawhid, "Дауд" / Dawud
        elif ch in "ьъ":
            nxt = word[i + 1] if i + 1 < len(word) else ""
            # a sign before a vowel is a glide of its own in some spellings ("Григорьевич": Grigoryevich,
            # Grigorievich, Grigorevich); elsewhere nothing (Bulgarian ъ, a vowel, as "a" or "u")
            out.append(("",) if nxt in GLIDED or not nxt or ch == "ь" else ("", "a", "u"))
        elif ch in LETTERS:
            out.append(LETTERS[ch])
        elif ch.isalnum():
            out.append((ch,))
        i += 1
    if tail:
        out.append(tail)
    return out


@lru_cache(maxsize=65536)
def spellings(word: str) -> tuple[str, ...]:
    """Every conventional Latin spelling of one Cyrillic word, lower case, the usual one first ("Артём" ->
    ("artyom", "artem", "artiom", ...)); empty for a word with no Cyrillic letter."""
    word = word.casefold()
    if not is_cyrillic(word):
        return ()
    partial: list[tuple[str, int]] = [("", 0)]
    for alts in _alternatives(word):
        partial = [
            (text + alt, departed + (k > 0))
            for text, departed in partial
            for k, alt in enumerate(alts)
            if departed + (k > 0) <= MAX_DEPARTURES
        ]
    mixed = (text for text, _d in partial)
    return tuple(s for s in dict.fromkeys((*mixed, *system_spellings(word), ukrainian_spelling(word))) if s)


def system_spellings(word: str) -> tuple[str, ...]:
    """The word as each of :data:`SYSTEMS` writes it whole, folded to lower-case ASCII as a listed Latin name is
    ("Вячеслав" -> "vyacheslav", "viacheslav", "vjaceslav", "viatcheslav"…); empty for a word with letters
    outside the Russian alphabet."""
    word = word.casefold()
    if not word or not all(ch in RUSSIAN for ch in word):
        return ()
    return tuple(dict.fromkeys(f for system in SYSTEMS if (f := fold(system.translate(word)).replace(" ", ""))))


#: The Ukrainian national system (the Cabinet of Ministers' table of 2010, used in Ukrainian passports and by
#: lists since): one spelling per letter, and є ї й ю я spelled with y opening a word, with i inside it.
_UKRAINIAN_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "y",
    "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "'": "", "’": "",
}  # fmt: skip
#: Letters spelled one way opening a word and another inside it.
_UKRAINIAN_OPENING = {"є": ("ye", "ie"), "ї": ("yi", "i"), "й": ("y", "i"), "ю": ("yu", "iu"), "я": ("ya", "ia")}


def ukrainian_spelling(word: str) -> str:
    """The word in the Ukrainian national system ("Гайдай" -> "haidai", "Юрій" -> "yurii"), "" for a word with
    a letter outside the Ukrainian alphabet (ы э ё ъ, Latin letters). "зг" is "zgh", so that it is not read
    as the digraph "zh"."""
    word = word.casefold()
    out: list[str] = []
    for i, ch in enumerate(word):
        if ch in _UKRAINIAN_OPENING:
            out.append(_UKRAINIAN_OPENING[ch][0 if i == 0 else 1])
        elif ch == "г" and i > 0 and word[i - 1] == "з":
            out.append("gh")
        elif ch in _UKRAINIAN_LETTERS:
            out.append(_UKRAINIAN_LETTERS[ch])
        else:
            return ""
    return "".join(out)


#: Endings of East Slavic patronymics as Latin spellings write them (Russian -ovich/-evich/-ovna/-evna/-ichna,
#: Ukrainian -ovych/-evych/-ivna, Belarusian -avich/-aŭna as "-avna"): a middle name a Latin entry often
#: leaves out ("Sergey KOZLOV" for "Козлов Сергей Михайлович"), recognised by its form wherever it stands.
PATRONYMIC_ENDINGS = ("ovich", "evich", "ovych", "evych", "avich", "ovna", "evna", "ivna", "avna", "ichna")
#: A patronymic has at least this many letters before its ending (a father's name: "Ilyich" is not read as one).
PATRONYMIC_STEM = 3


def is_patronymic(token: str) -> bool:
    """Whether a lower-case Latin name token has the form of an East Slavic patronymic ("mikhaylovich",
    "sergeevna", "ivanivna"). Some surnames share the form (Belarusian "-evich"); the matcher reads a word so
    formed as one a list may leave out only where the rest of both names agrees."""
    return any(token.endswith(ending) and len(token) - len(ending) >= PATRONYMIC_STEM for ending in PATRONYMIC_ENDINGS)
