"""Chinese-character and Korean names and the Latin spellings lists write them in.

A Chinese character is one syllable, and a Latin list writes a name's syllables in one of a few romanisation
systems: Hanyu Pinyin (the mainland's, "Zhang Xiaoming"), Wade-Giles (Taiwan, Hong Kong and older lists,
"Chang Hsiao-ming"), with the given name's syllables joined, hyphenated or apart. Characters have several
readings, and a surname its own ("曾" is Zeng as a surname, ceng elsewhere). :func:`han_readings` gives the
name in each system, syllable by syllable and apart (the matcher joins adjacent syllables where the listed
name writes them as one word, :func:`screen.compare.compare_names`): pinyin from the pypinyin library's
phrase-aware readings, pinyin with the surname reading of the first character (ICU's Han-Latin/Names), and
both in Wade-Giles (pypinyin's conversion table).

Hangul is an alphabet written in syllable blocks: :func:`hangul_readings` spells each block's letters in
Revised Romanization (South Korea since 2000: "Gim Jeong-eun") and in McCune-Reischauer as the North and
most lists use it without its diacritics ("Kim Jong Su", an initial ㄹ as r: "Ri"), syllable by syllable.

Neither script marks a name's order: both put the family name first, Latin lists either way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import icu
from pypinyin import Style, lazy_pinyin
from pypinyin.style import convert

from threatgraph.names.vocabulary import fold

#: Unicode blocks of the CJK unified ideographs (with extension A and the compatibility ideographs).
HAN_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
#: Hangul syllable blocks.
HANGUL_BLOCK = (0xAC00, 0xD7A3)


def _share(text: str, blocks: tuple[tuple[int, int], ...]) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    inside = sum(1 for ch in letters if any(lo <= ord(ch) <= hi for lo, hi in blocks))
    return bool(letters) and inside * 2 > len(letters)


def is_han(text: str) -> bool:
    """Whether most letters of ``text`` are Chinese characters."""
    return _share(text, HAN_BLOCKS)


def is_hangul(text: str) -> bool:
    """Whether most letters of ``text`` are Hangul syllables."""
    return _share(text, (HANGUL_BLOCK,))


@lru_cache(maxsize=1)
def _surname_reader() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Han-Latin/Names; Latin-ASCII")


def _syllables(readings: list[str]) -> list[str]:
    """pypinyin's output as lower-case ASCII syllables (a run of other characters passes as it is, folded)."""
    out: list[str] = []
    for reading in readings:
        out.extend(fold(reading).split())
    return out


#: The interpunct Chinese (and Japanese) writing puts between the words of a foreign name it transcribes
#: syllable by syllable ("约翰·史密斯"): the syllables between two are one word of the name.
INTERPUNCTS = re.compile("[\u00b7\u2027\u30fb\u2022\uff65]")


@lru_cache(maxsize=16384)
def han_readings(name: str) -> tuple[str, ...]:
    """The name's Latin readings, each its syllables apart ("张晓明" -> "zhang xiao ming", "chang hsiao ming"),
    pinyin first - or, for a foreign name transcribed with interpuncts between its words, each word's
    syllables joined ("约翰·史密斯" -> "yuehan shimisi"); empty for a name that is not mostly Chinese characters."""
    if not is_han(name):
        return ()
    words = [w for w in INTERPUNCTS.split(name) if w.strip()]
    if len(words) > 1:
        joined = [tuple("".join(r.split()) for r in _word_readings(w)) for w in words]
        return tuple(dict.fromkeys(" ".join(rs) for rs in zip(*joined, strict=True) if all(rs)))
    read = _word_readings(name)
    return tuple(r for r in dict.fromkeys((*read, *_with_terms(name, HAN_TERMS, _word_readings, len(read)))) if r)


@lru_cache(maxsize=16384)
def _word_readings(name: str) -> tuple[str, ...]:
    """Pinyin (phrase readings), pinyin with the surname reading of the first character, and both in
    Wade-Giles, syllables apart; always four (some may repeat) so that words line up reading by reading."""
    pinyin = _syllables(lazy_pinyin(name, errors="default", v_to_u=True))
    surname = fold(_surname_reader().transliterate(name)).split()
    found: list[str] = []
    for syllables in (pinyin, surname):
        # pypinyin writes the ü of Wade-Giles as v, a letter Wade-Giles has not
        wade = [fold(convert(s, Style.WADEGILES, True) or s).replace("v", "u") for s in syllables]
        found.append(" ".join(syllables))
        found.append(" ".join(w for w in wade if w))
    return tuple(found)


#: Hangul letters - the 19 initials, 21 vowels and 28 finals (the first "none") of a syllable block - as
#: Revised Romanization and as the North's system (McCune-Reischauer's letters without its diacritics and
#: apostrophes: ㅈ j, ㅋ kh, ㅌ th, ㅍ ph, ㅓ o, ㅡ u, an initial ㄹ r: "Kim Jong Su", "Ri", "Pak") write them.
_INITIALS = (
    ("g", "k"), ("kk", "kk"), ("n", "n"), ("d", "t"), ("tt", "tt"), ("r", "r"), ("m", "m"), ("b", "p"),
    ("pp", "pp"), ("s", "s"), ("ss", "ss"), ("", ""), ("j", "j"), ("jj", "jj"), ("ch", "ch"), ("k", "kh"),
    ("t", "th"), ("p", "ph"), ("h", "h"),
)  # fmt: skip
_VOWELS = (
    ("a", "a"), ("ae", "ae"), ("ya", "ya"), ("yae", "yae"), ("eo", "o"), ("e", "e"), ("yeo", "yo"), ("ye", "ye"),
    ("o", "o"), ("wa", "wa"), ("wae", "wae"), ("oe", "oe"), ("yo", "yo"), ("u", "u"), ("wo", "wo"), ("we", "we"),
    ("wi", "wi"), ("yu", "yu"), ("eu", "u"), ("ui", "ui"), ("i", "i"),
)  # fmt: skip
_FINALS = (
    ("", ""), ("k", "k"), ("k", "k"), ("k", "k"), ("n", "n"), ("n", "n"), ("n", "n"), ("t", "t"), ("l", "l"),
    ("k", "k"), ("m", "m"), ("l", "l"), ("l", "l"), ("l", "l"), ("p", "p"), ("l", "l"), ("m", "m"), ("p", "p"),
    ("p", "p"), ("t", "t"), ("t", "t"), ("ng", "ng"), ("t", "t"), ("t", "t"), ("k", "k"), ("t", "t"), ("p", "p"),
    ("t", "t"),
)  # fmt: skip
#: The systems of the tables above, in their column order.
HANGUL_SYSTEMS = ("revised", "north")
#: McCune-Reischauer voices a plain stop inside a name between voiced sounds, and lists of the North write the
#: syllable so even with the syllables apart ("민건" is "Min Gon", "영보" "Yong Bo", but "경희" opens a given
#: name: "Kyong Hui"): the initials ㄱ ㄷ ㅂ (their indices) as voiced, after a vowel or these finals
#: (ㄴ ㄹ ㅁ ㅇ).
_VOICED = {0: "g", 3: "d", 7: "b"}
_VOICING_FINALS = frozenset({0, 4, 8, 16, 21})


def block_spellings(ch: str) -> tuple[str, ...]:
    """One Hangul syllable block in each of :data:`HANGUL_SYSTEMS` ("정" -> ("jeong", "jong"))."""
    initial, rest = divmod(ord(ch) - HANGUL_BLOCK[0], 21 * 28)
    vowel, final = divmod(rest, 28)
    return tuple(_INITIALS[initial][k] + _VOWELS[vowel][k] + _FINALS[final][k] for k in range(len(HANGUL_SYSTEMS)))


def _voiced_north(ch: str, before: str) -> str:
    """A syllable block in the North's system with McCune-Reischauer's voicing after the block ``before``."""
    initial, rest = divmod(ord(ch) - HANGUL_BLOCK[0], 21 * 28)
    vowel, final = divmod(rest, 28)
    prev_final = (ord(before) - HANGUL_BLOCK[0]) % 28
    if initial not in _VOICED or prev_final not in _VOICING_FINALS:
        return block_spellings(ch)[1]
    return _VOICED[initial] + _VOWELS[vowel][1] + _FINALS[final][1]


def _hangul(ch: str) -> bool:
    return HANGUL_BLOCK[0] <= ord(ch) <= HANGUL_BLOCK[1]


@lru_cache(maxsize=16384)
def hangul_readings(name: str) -> tuple[str, ...]:
    """The name's Latin readings syllable by syllable, one per system of :data:`HANGUL_SYSTEMS`
    ("김정수" -> "gim jeong su", "kim jong su"), and the North's with the voicing inside the given name
    (:data:`_VOICED`: "한영보" -> "han yong bo"; the given name is what follows the family name's one
    syllable in a name written as one word, every word after the first in a name written apart); empty for
    a name that is not mostly Hangul."""
    if not is_hangul(name):
        return ()
    per_system: list[list[str]] = [[] for _ in (*HANGUL_SYSTEMS, "voiced")]
    words = name.split()
    for w, word in enumerate(words):
        opens_given = 2 if len(words) == 1 else 1 if w > 0 else len(word)  # first voiced syllable
        for k, syllables in enumerate(per_system):
            for i, ch in enumerate(word):
                if not _hangul(ch):
                    syllables.extend(fold(ch).split())
                elif k < len(HANGUL_SYSTEMS):
                    syllables.append(block_spellings(ch)[k])
                elif i >= opens_given and _hangul(word[i - 1]):
                    syllables.append(_voiced_north(ch, word[i - 1]))
                else:
                    syllables.append(block_spellings(ch)[1])
    read = tuple(r for r in dict.fromkeys(" ".join(s) for s in per_system) if r)
    return tuple(dict.fromkeys((*read, *_with_terms(name, HANGUL_TERMS, hangul_readings, len(read)))))


#: Words of a company's or body's name that a Latin list translates rather than romanises, as Chinese writes
#: them (simplified and traditional): the kind of business, and places known by a name other than their
#: pinyin. Legal forms ("有限公司", Co. Ltd) read as nothing: a Latin list writes them in many ways, all weighing
#: little. The names themselves (a company's two or three characters) stay romanised: "宏远船务" is "Hong Yuan
#: Shipping" (or "Hongyuan").
HAN_TERMS: dict[str, str] = {
    **dict.fromkeys(("股份有限公司", "有限责任公司", "有限責任公司", "有限公司", "公司", "集团", "集團"), ""),
    **dict.fromkeys(("贸易", "貿易", "商贸", "商貿"), "trading"),
    **dict.fromkeys(("船务", "船務", "航运", "航運", "海运", "海運"), "shipping"),
    **dict.fromkeys(("进出口", "進出口"), "import export"),
    **dict.fromkeys(("国际", "國際"), "international"), **dict.fromkeys(("实业", "實業"), "industrial"),
    **dict.fromkeys(("投资", "投資"), "investment"), **dict.fromkeys(("发展", "發展"), "development"),
    **dict.fromkeys(("科技", "技术", "技術"), "technology"), **dict.fromkeys(("银行", "銀行"), "bank"),
    **dict.fromkeys(("矿业", "礦業"), "mining"), **dict.fromkeys(("电子", "電子"), "electronics"),
    **dict.fromkeys(("机械", "機械"), "machinery"), **dict.fromkeys(("设备", "設備"), "equipment"),
    "物流": "logistics", "能源": "energy", "石油": "petroleum", "化工": "chemical", "控股": "holdings",
    "香港": "hong kong", **dict.fromkeys(("澳门", "澳門"), "macau"),
}  # fmt: skip
#: The same for Korean names of bodies, in Hangul: "조선" is how the North names the country (Korea).
HANGUL_TERMS: dict[str, str] = {
    "총회사": "", "회사": "", "은행": "bank", "무역": "trading", "해운": "shipping", "광업": "mining",
    "합영": "joint venture", "기술": "technology", "개발": "development", "조선": "korea",
}  # fmt: skip


@lru_cache(maxsize=4)
def _term_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("(" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + ")")


def _with_terms(
    name: str, terms: dict[str, str], read: Callable[[str], tuple[str, ...]], count: int
) -> tuple[str, ...]:
    """The name's readings with its :data:`HAN_TERMS` (or :data:`HANGUL_TERMS`) words in English and the rest
    read by ``read`` (``count`` readings, reading k of each piece in reading k); empty when it has none."""
    pieces = _term_pattern(tuple(terms)).split(name)
    if len(pieces) < 2:
        return ()
    out: list[str] = []
    for k in range(count):
        words: list[str] = []
        for i, piece in enumerate(pieces):
            if i % 2:
                words.append(terms[piece])
            elif piece.strip():
                found = read(piece) if is_han(piece) or is_hangul(piece) else ()
                words.append(found[min(k, len(found) - 1)] if found else fold(piece))
        out.append(" ".join(w for w in words if w.strip()))
    return tuple(out)


def readings(name: str) -> tuple[str, ...]:
    """The Latin readings of a Chinese-character or Hangul name (:func:`han_readings`, :func:`hangul_readings`),
    empty for a name in another script."""
    return han_readings(name) or hangul_readings(name)
