"""Cross-script name parts: Arabic-script (Arabic, Persian, Urdu, Pashto) words against their Latin spellings.

Arabic script writes consonants and long vowels but no short vowels, so its transliteration ("حسين" -> "hsyn")
and a news or list spelling ("Hussein", "Husayn", "Hossein") differ in every vowel while agreeing in the
consonants. Romanisation systems (ALA-LC, BGN/PCGN, French and English news spellings) also disagree on how to
write a consonant, and regional pronunciations are written as heard: "kh"/"x", "sh"/"ch"/"š", "j"/"dj"/"g"
(Egyptian "Ragab" for رجب), "q"/"k"/"g" (Maghrebi "Gasmi" for قاسمي), "th"/"dh"/"z"/"d" for ث ذ ظ ض ("Kathim" and
"Kazim" for كاظم, "Thahab" and "Dhahab" for ذهب), a doubled letter for a shadda or not, "-ah"/"-a" or nothing
for a closing ha or ta marbuta.

:func:`script_keys` reads from an Arabic-script word every consonant key those spellings can have (a small set:
one letter class per letter, alternatives where the systems disagree), :func:`consonant_keys` reduces a Latin
spelling to its key (vowels and inner y/w dropped, digraphs folded, doubles collapsed, with and without a closing
h). Two spellings of one name part share a key; :func:`part_similarity` scores a script part against a Latin word
by the best pair of keys and by whether the vowels the script writes (an opening alif or ayn, inner long vowels, a
closing -i) are in the Latin spelling.

Names are aligned part by part, and parts the script writes apart are often one Latin word and the reverse: the
article ("الحسين" / "AL-HUSAYN", "السعدي" / "ESSAADI" with the l assimilated to a sun letter), compounds with
Allah and al-Din ("حبيب الله" / "HABIBULLAH", "جلال الدين" / "JALALUDDIN"), the conjunction and the article
("و الأنصار" / "WAL-ANSAR"), ʿAbd al-X ("عبد الرحمن" / "Abdul
Rahman", "ABDERRAHMANE"). :func:`join_parts` gives the key of several parts read as one word, so the matcher can
try such joins (:func:`screen.compare.compare_names`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import product

from rapidfuzz.distance import Levenshtein

from threatgraph.names.vocabulary import vocabulary

#: Unicode blocks of the Arabic script (Arabic, Supplement, Extended-A, Presentation Forms A and B).
ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
#: The definite article as the script joins it to a word, and the minimum length of what follows it.
ARTICLE = ("ال", "اَل")
MIN_AFTER_ARTICLE = 2
#: Tatweel (kashida): a stretching stroke of the script, no letter.
TATWEEL = "\u0640"
#: Latin spellings of one consonant class, longest first (applied left to right, after casefolding).
DIGRAPHS = (
    ("kh", "x"), ("sh", "$"), ("ch", "%"), ("th", "s"), ("dh", "z"), ("gh", "g"), ("zh", "j"), ("ph", "f"),
    ("dj", "j"),
)  # fmt: skip
#: Single letters that spell one class: q/k (qaf, kaf), c/k, v/w (Persian vav).
CLASSES = str.maketrans({"q": "k", "c": "k", "v": "w"})
_VOWELS = "aeiou"
_REPEATS = re.compile(r"(.)\1+")
#: Similarity of two parts with the same consonant key: below an exact spelling match, at the level of a close
#: variant. Keys of two consonants say less (many names share them) and count less.
SAME_KEY = 0.95
SAME_SHORT_KEY = 0.9
MIN_KEY = 2
#: One consonant ("علي" / "Ali", "طه" / "Taha") is enough only for a short Latin word.
SAME_ONE_KEY = 0.85
SHORT_WORD = 4
#: Keys that differ: their edit similarity, scaled, from this similarity up.
KEY_FLOOR = 0.75
KEY_FACTOR = 0.85
#: At most this many alternative keys per part (letters with alternatives beyond it keep their first one).
MAX_KEYS = 32


def is_latin_name(text: str) -> bool:
    """Whether every letter of ``text`` is Latin (up to IPA extensions): its word order follows Latin-list
    conventions ("SURNAME, Given" marks the surname), which a name in another script does not tell."""
    return all(ord(ch) < 0x250 for ch in text if ch.isalpha())


def is_arabic_script(text: str) -> bool:
    """Whether most letters of ``text`` are in the Arabic script (Arabic, Persian, Urdu, Pashto…)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    inside = sum(1 for ch in letters if any(lo <= ord(ch) <= hi for lo, hi in ARABIC_BLOCKS))
    return inside * 2 > len(letters)


#: The conjunction "and", a word of one letter when written apart from the next word; before the article
#: Latin lists write the two as one word ("و الأنصار" / "WAL-ANSAR", "wa'al-").
CONJUNCTION = "و"
#: Function words an Arabic-script organisation's name writes as words of their own (and, of, in, from, for, to:
#: Arabic, Persian, Pashto, Urdu). A Latin list translates them ("and"), joins them ("wal-", "lil-") or leaves
#: them out ("د حاجی بصیر کمپنی" is "HAJI BASIR COMPANY"): left unaligned they must not weigh as a name word.
FUNCTION_WORDS = frozenset({"و", "في", "فی", "من", "عن", "از", "به", "او", "د", "په", "له", "اور", "کی", "کا", "کے"})
#: The closing ta marbuta, which Latin spellings write as -a, -ah or -at or not at all.
TA_MARBUTA = "ة"


def script_words(name: str) -> list[str]:
    """The written parts of an Arabic-script name (tatweel removed), with the joined article detached as its own
    part, as every Latin list writes it apart ("التكريتي" -> "ال" + "تكريتي")."""
    return [part for word in name.replace(TATWEEL, "").split() for part in _word_parts(word)]


def _word_parts(word: str) -> tuple[str, ...]:
    """One written word as its parts: the joined article detached, when enough of a word follows it."""
    for article in ARTICLE:
        if word.startswith(article) and len(word) - len(article) >= MIN_AFTER_ARTICLE:
            return (article, word[len(article) :])
    return (word,)


#: Letters that spellings of one word alternate between, folded to one: alef with hamza or madda and alef
#: wasla, ta marbuta and the Persian/Urdu forms of ha, alef maqsura and the Persian, Urdu and Pashto ye, the
#: hamza seats of ya and waw, Persian and Arabic kaf, Pashto and Persian gaf.
_ORTHOGRAPHIC = str.maketrans(
    {
        **dict.fromkeys("أإآٱ", "ا"), **dict.fromkeys("ةۀہھ", "ه"), **dict.fromkeys("ىیےېۍئ", "ي"),
        "ؤ": "و", "ک": "ك", "ګ": "گ",
    }
)  # fmt: skip
#: Vowel marks, the shadda, the superscript alef, tatweel and zero-width (non-)joiners: not letters of a word.
_NOT_LETTERS = re.compile("[\u064b-\u065f\u0670\u0640\u200c\u200d]")


def orthographic_fold(word: str) -> str:
    """An Arabic-script word with the letters its spellings alternate between made one ("أمیر", "امير" and
    "أَمِير" fold alike): compares spellings of one word, never two words of the same consonants."""
    folded = _NOT_LETTERS.sub("", unicodedata.normalize("NFKC", word)).translate(_ORTHOGRAPHIC)
    for article in ARTICLE:  # the joined article is no part of the word ("الشيخ" is "شيخ")
        if folded.startswith(article) and len(folded) - len(article) >= MIN_AFTER_ARTICLE:
            return folded[len(article) :]
    return folded


@lru_cache(maxsize=1)
def _script_titles() -> frozenset[tuple[str, ...]]:
    """The vocabulary's script spellings of honorifics, each as its folded written words."""
    return frozenset(tuple(orthographic_fold(w) for w in form.split()) for form in vocabulary().script_honorifics)


@lru_cache(maxsize=65536)
def title_words(name: str) -> tuple[bool, ...]:
    """Per part of :func:`script_words`: whether the written word it comes from spells an honorific of the
    vocabulary in the script (:func:`orthographic_fold` of it is a ``script_honorifics`` form, a form of two
    words matching two words in a row). Whether it is read as a title there is the matcher's decision
    (:func:`title_positions`)."""
    words = name.replace(TATWEEL, "").split()
    folded = [orthographic_fold(w) for w in words]
    spelled = [False] * len(words)
    for form in _script_titles():
        for i in range(len(words) - len(form) + 1):
            if tuple(folded[i : i + len(form)]) == form:
                spelled[i : i + len(form)] = [True] * len(form)
    return tuple(flag for word, flag in zip(words, spelled, strict=True) for _ in _word_parts(word))


def token_source(word: str) -> str:
    """The part as its Latin token is made: without the closing ta marbuta (written -a, -ah or not at all)."""
    return word[:-1] if word.endswith(TA_MARBUTA) and len(word) > 2 else word


#: Arabic-script letters (Arabic, Persian, Urdu and Pashto with their retroflex letters) by the consonant classes
#: their Latin spellings use, the usual one first; letters absent here (alif, hamza, ayn, short-vowel marks) are
#: written as vowels or not at all. Waw and ya count only at the start of a word, where they are consonants.
LETTER_CLASSES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys("ب", ("b",)), **dict.fromkeys("پ", ("p",)), **dict.fromkeys("تطټٹ", ("t",)),
    **dict.fromkeys("ث", ("s", "t")), **dict.fromkeys("سصڅ", ("s",)), **dict.fromkeys("ج", ("j", "g")),
    **dict.fromkeys("ژږ", ("j",)), **dict.fromkeys("چ", ("%",)), **dict.fromkeys("حهہھۀ", ("h",)),
    **dict.fromkeys("خ", ("x", "%")), **dict.fromkeys("دډڈ", ("d",)), **dict.fromkeys("ض", ("d", "z")),
    **dict.fromkeys("ذ", ("z", "d", "s")), **dict.fromkeys("ظ", ("z", "s", "d")), **dict.fromkeys("زځ", ("z",)),
    **dict.fromkeys("رړڑ", ("r",)), **dict.fromkeys("شښ", ("$", "%")), **dict.fromkeys("غگګ", ("g",)),
    **dict.fromkeys("ف", ("f",)), **dict.fromkeys("ق", ("k", "g")), **dict.fromkeys("ک", ("k",)),
    **dict.fromkeys("ك", ("k", "g")),
    **dict.fromkeys("ل", ("l",)), **dict.fromkeys("م", ("m",)), **dict.fromkeys("نڼں", ("n",)),
}  # fmt: skip
#: (The Arabic kaf ك stands for the gaf of Persian and Pashto where a keyboard has no gaf: "كل" / "Gul". The kha
#: خ is also written "ch" inside a word, as German, Dutch, Polish and Czech spell the sound: "Barich".)
#: Letters read with fewer classes opening a word: an opening "Ch" is the ch of Chinese, Thai or Spanish names far
#: more often than a kha ("Chaiworasin" is no "خراسان").
OPENING_CLASSES: dict[str, tuple[str, ...]] = {"خ": ("x",)}
#: Waw and ya opening a word: a consonant ("Walid", "Yusuf"), but an opening waw is also written as a vowel
#: ("Ould", "Oumar").
INITIAL_ONLY: dict[str, tuple[str, ...]] = {"و": ("w", ""), "ي": ("y",), "ی": ("y",), "ى": ("y",), "ے": ("y",)}
#: A closing ha or ta marbuta is written "-ah", "-a" or not at all ("Abdullah"/"Abdulla", "Hamzah"/"Hamza").
CLOSING_H = "هہۀة"
#: Sun letters: the article before them is written assimilated ("as-Sayyid", "Essaadi", "Abderrahmane").
SUN_LETTERS = "تثدذرزسشصضطظلن"


def _alternatives(word: str) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    last = len(word) - 1
    for i, ch in enumerate(word):
        if i == 0 and ch in INITIAL_ONLY:
            out.append(INITIAL_ONLY[ch])
        elif i == last and i > 0 and ch in CLOSING_H:
            # the ta marbuta of a word in construct is read -at ("عصبة الأنصار" / "Asbat al-Ansar")
            out.append(("h", "", "t") if ch == TA_MARBUTA else ("h", ""))
        elif ch == "ل" and i >= 2 and word[i - 1] == "ا" and i < last and word[i + 1] in SUN_LETTERS:
            out.append(("l", ""))  # an inner article before a sun letter: "عبدالرحمن" / "Abderrahmane"
        elif i == 0 and ch in OPENING_CLASSES:
            out.append(OPENING_CLASSES[ch])
        elif ch in LETTER_CLASSES:
            out.append(LETTER_CLASSES[ch])
    return out


def _expand(alternatives: Sequence[tuple[str, ...]]) -> frozenset[str]:
    """Every key the per-letter alternatives spell (doubles collapsed), at most MAX_KEYS of them."""
    size = 1
    capped: list[tuple[str, ...]] = []
    for alts in alternatives:
        if size * len(alts) > MAX_KEYS:
            alts = alts[:1]
        size *= len(alts)
        capped.append(alts)
    return frozenset(_REPEATS.sub(r"\1", "".join(combo)) for combo in product(*capped)) - {""}


@lru_cache(maxsize=65536)
def script_keys(word: str) -> frozenset[str]:
    """Every consonant key a Latin spelling of an Arabic-script word can have ("حسين" -> {"hsn"}, "كاظم" ->
    {"kzm", "ksm", "kdm"})."""
    return _expand(_alternatives(word))


def script_key(word: str) -> str:
    """The usual consonant key of an Arabic-script word (each letter's first class)."""
    return _REPEATS.sub(r"\1", "".join(alts[0] for alts in _alternatives(word)))


#: Long vowels the script writes inside a word, and the Latin letters any spelling of them uses: "حسين" has a
#: long i (Husayn, Hussein, Hossein all write i, e or y), "حسن" has none (Hassan, Hasan).
LONG_VOWELS = {"ي": "iey", "ی": "iey", "و": "uowv", "ې": "eiy"}  # Persian writes v with the same letter
#: Letters that carry a word-initial vowel in the script (alif with or without hamza, ayn, hamza seats): a word
#: that starts with one is spelled with an initial vowel in Latin ("Ibrahim", "Omar"), one that does not is not
#: ("Butt" is not "Abete").
VOWEL_CARRIERS = "اأإآعءئؤﺁ"
#: A long vowel closing the word (the Persian and Arabic -i of "Mohammadi", "-u", "-a") is written by every
#: Latin spelling at its end: "محمدی" is Mohammadi, not Mahmoud; "حسنا" is Hasna, not Hassan.
#: (Persian ی also writes alif maqsura: عیسی.)
FINAL_VOWELS = {"ي": "iye", "ی": "iyea", "ى": "iyea", "و": "uowv", "ا": "a", "ې": "eiy", "ۍ": "iyea"}


@dataclass(frozen=True, slots=True)
class PartKey:
    """What a Latin spelling of one Arabic-script part must agree with: its consonant keys, whether it opens with
    a vowel ("v"), a consonant ("c") or either ("*"), the letters it may end with ("" for any), the letter sets of
    its inner long vowels, and whether it is the article or starts with a sun letter (for :func:`join_parts`)."""

    keys: frozenset[str]
    opening: str
    closing: str
    hints: tuple[str, ...]
    article: bool = False
    sun: bool = False
    consonant_end: bool = False  # ends with a consonant letter: no Latin spelling of it ends in -i
    article_join: bool = False  # the article and its word read as one: the Latin word opens with a or e
    #: (consonants before it, letters) per long vowel inside the word: where in the Latin word it is written
    placed: tuple[tuple[int, str], ...] = ()
    consonants: int = 0
    conjunction: bool = False  # the conjunction wa written apart ("و الأنصار"): with the article it is "wal"
    function: bool = False  # a function word of the script ("د" of, "او" and): no name part, weighs little
    title: bool = False  # its written word spells an honorific in the script (:func:`title_words`)
    patronymic: str = ""  # the Latin patronymic it spells ("bin" for "بن"), :func:`spelled_patronymic`
    long_opening: bool = False  # opens with a long a (alif madda, ayn or hamza and alif): "Amer", never "Umar"
    #: the word read as two, split after a letter that does not join the next (:func:`split_points`)
    splits: tuple[tuple[str, str], ...] = ()
    #: the keys only a closing ta marbuta read -at spells (the construct state, "Asbat", "Jabhat"): they
    #: count only for a Latin word that closes with that t (:func:`part_similarity`)
    construct: frozenset[str] = frozenset()
    #: a join closing with the article, written onto the word before it as South Asian spellings write it
    #: ("ضياء الرحمن" / "Ziaur Rahman", "سيف الإسلام" / "Saiful Islam"): the Latin word closes with the
    #: article's vowel and consonant (:func:`part_similarity`)
    article_tail: bool = False


@lru_cache(maxsize=65536)
def part_key(word: str) -> PartKey:
    """The :class:`PartKey` of an Arabic-script part (as :func:`script_words` gives it)."""
    word = word.replace(TATWEEL, "")
    first = word[:1]
    opening = "v" if first in VOWEL_CARRIERS else "*" if first == "و" else "c"
    closing = FINAL_VOWELS.get(word[-1:], "") if len(word) > 1 else ""
    hints = tuple(LONG_VOWELS[ch] for ch in word[1:-1] if ch in LONG_VOWELS)
    end = word[-1:] in LETTER_CLASSES and word[-1:] not in CLOSING_H
    placed, count = _placed_vowels(word) if first != "و" else ((), 0)
    base = PartKey(
        script_keys(word),
        opening,
        closing,
        hints,
        word in ARTICLE,
        first in SUN_LETTERS,
        end,
        False,
        placed,
        count,
        word == CONJUNCTION,
        word in FUNCTION_WORDS,
    )
    patronymic = spelled_patronymic(word, base)
    long_opening = first == "آ" or (first in VOWEL_CARRIERS and word[1:2] == "ا")
    splits = split_points(word)
    construct = _construct_keys(word)
    if patronymic or long_opening or splits or construct:
        return replace(base, patronymic=patronymic, long_opening=long_opening, splits=splits, construct=construct)
    return base


def _construct_keys(word: str) -> frozenset[str]:
    """The keys of a word closing in ta marbuta that only its construct reading -at spells ("عصبة": "sbt", not
    "sb" or "sbh"); empty for any other word."""
    if len(word) < 2 or not word.endswith(TA_MARBUTA):
        return frozenset()
    alternatives = _alternatives(word)
    plain = _expand([*alternatives[:-1], ("h", "")])
    return script_keys(word) - plain


#: Letters that never join the letter after them: a word ending in one looks the same with or without the
#: space after it, so two names are often typed as one word ("محمدعبد" for "محمد عبد", Mohammad Abd…).
NON_JOINING = frozenset("اأإآٱدذرزژوؤډڈړږڑۀ")
#: Each half of a word split after a non-joining letter has at least this many letters.
MIN_SPLIT = 3


def split_points(word: str) -> tuple[tuple[str, str], ...]:
    """The ways to read a script word as two written words, split after a non-joining letter where both halves
    have MIN_SPLIT letters or more ("محمدعبد" -> ("محمد", "عبد")). Whether a split is read is the matcher's
    decision: only where the Latin name spells both halves (:func:`screen.compare.compare_names`)."""
    letters = _NOT_LETTERS.sub("", word)
    return tuple(
        (letters[:k], letters[k:])
        for k in range(MIN_SPLIT, len(letters) - MIN_SPLIT + 1)
        if letters[k - 1] in NON_JOINING and not (letters[k - 1] == "ا" and letters[k] == "ل")  # not in "ال"
    )


def _placed_vowels(word: str) -> tuple[tuple[tuple[int, str], ...], int]:
    """The long vowels inside a script word with the number of consonant letters before each, and the number
    of consonant letters (a closing h not counted: the Latin word has as many or one more).
    "محمود" (Mahmoud) writes its long u after the third consonant, so "Muhammad" (whose
    u follows the first) is another name of the same consonants."""
    placed: list[tuple[int, str]] = []
    count = 0
    last = ""
    for i, ch in enumerate(word):
        if 0 < i < len(word) - 1 and ch in LONG_VOWELS:
            if count:
                placed.append((count, LONG_VOWELS[ch]))
            last = ""
        elif i == len(word) - 1 and i > 0 and ch in CLOSING_H:
            break  # a closing h: written or not in Latin, it places no vowel
        elif ch in LETTER_CLASSES or (i == 0 and ch in INITIAL_ONLY):
            if ch != last:
                count += 1
            last = ch
        elif ch != "\u0651":  # a vowel letter or mark between two letters (not a shadda) parts them
            last = ""
    return tuple(placed), count


def latin_vowel_runs(folded: str) -> list[str]:
    """The vowel letters (y and w inside the word included) after each consonant of a Latin word, digraphs as
    one consonant and doubled consonants as one: "muhammad" -> ["u", "a", "a", ""] (after m, h, m, d)."""
    text = folded
    for digraph, cls in DIGRAPHS:
        text = text.replace(digraph, cls)
    text = _SOFT_C.sub("s", text).translate(CLASSES)
    runs: list[str] = []
    last = ""
    for i, ch in enumerate(text):
        vowel = ch in _VOWELS or (ch in "yw" and i > 0)
        if vowel or not (ch.isalpha() or ch in "$%"):
            if runs:
                runs[-1] += ch
            last = ""
        elif ch != last:
            runs.append("")
            last = ch
    return runs


@lru_cache(maxsize=16384)
def join_parts(parts: tuple[PartKey, ...], after: PartKey | None = None) -> PartKey:
    """Several parts read as one Latin word: keys concatenated (the article's l optional before a sun letter),
    opening of the first, closing of the last; keys of two consonants or fewer are no join (too many words
    share them) unless the join is the article and its word. A join that closes with the article (a word and
    the article of the part ``after`` it, "Ziaur", "Saiful", "Shamsul") spells the article's l or, before a
    sun letter, the consonant it assimilates to ("-ur Rahman", "-us Salam"), and is a join of two consonants
    too: the Latin word must close with the article's vowel and consonant."""
    tail = len(parts) > 1 and parts[-1].article and after is not None and not parts[-2].article
    alternatives: list[tuple[str, ...]] = []
    for k, part in enumerate(parts):
        if tail and k == len(parts) - 1 and after is not None:
            assimilated = {key[0] for key in after.keys} if after.sun else set()
            alternatives.append(tuple(sorted({"l"} | assimilated)))
        elif part.article and k + 1 < len(parts) and parts[k + 1].sun:
            alternatives.append(("l", ""))
        elif part.keys:
            alternatives.append(tuple(sorted(part.keys)))
        else:  # a part with no consonant (a Latin word inside a script name): nothing to join
            return PartKey(frozenset(), parts[0].opening, "", ())
    # a closing long vowel of a part inside the join is a long vowel inside the joined word ("ابو عيد")
    hints = tuple(h for part in parts for h in part.hints) + tuple(p.closing for p in parts[:-1] if p.closing)
    last = parts[-1]
    keys = _expand(alternatives)
    if last.construct:  # the construct -at of the join's last part, as of a part alone
        keys_plain = _expand([*alternatives[:-1], tuple(sorted(last.keys - last.construct))])
        construct = keys - keys_plain
    else:
        construct = frozenset()
    # the article and its word are one word in many spellings ("Essaadi", "Allah"), and so are the conjunction
    # and the article ("wal")
    conjunction_article = len(parts) == 2 and parts[0].conjunction and parts[1].article
    if not parts[0].article and not conjunction_article:
        keys = frozenset(k for k in keys if len(k) > (MIN_KEY - 1 if tail else MIN_KEY))
    return PartKey(
        keys,
        parts[0].opening,
        last.closing,
        hints,
        consonant_end=last.consonant_end or tail,
        article_join=parts[0].article,
        construct=construct & keys,
        article_tail=tail,
    )


@lru_cache(maxsize=65536)
def consonant_keys(token: str) -> frozenset[str]:
    """The consonant keys of a Latin spelling (or ASCII transliteration), with and without a closing h
    ("hussein", "husayn", "hsyn" -> {"hsn"}; "abdullah" -> {"bdlh", "bdl"})."""
    folded = token.casefold()
    keys = _latin_keys(folded, DIGRAPHS)
    if any(d in folded for d in SPLIT_DIGRAPHS):
        # "Ishaq" is Is-haq (إسحاق), "Fathi" Fat-hi (فتحي): the digraph read as its two letters
        keys |= _latin_keys(folded, tuple(d for d in DIGRAPHS if d[0] not in SPLIT_DIGRAPHS))
    return keys


#: Digraphs a Latin spelling may also write as two letters of the script (s+h, t+h, k+h, d+h).
SPLIT_DIGRAPHS = ("sh", "th", "kh", "dh")


def _latin_keys(text: str, digraphs: Sequence[tuple[str, str]]) -> frozenset[str]:
    for digraph, cls in digraphs:
        text = text.replace(digraph, cls)
    text = _SOFT_C.sub("s", text).translate(CLASSES)
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in _VOWELS or not ch.isalpha() and ch not in "$%":
            continue
        if ch in "yw" and i > 0:
            continue  # a long vowel inside a word (Arabic writes it with the letter, Latin with a vowel)
        out.append(ch)
    key = _REPEATS.sub(r"\1", "".join(out))
    if len(key) > 1 and key.endswith("h"):
        return frozenset((key, key[:-1]))
    return frozenset((key,)) if key else frozenset()


def consonant_key(token: str) -> str:
    """The shortest consonant key of a Latin spelling (the closing h dropped), "" when it has none."""
    keys = consonant_keys(token)
    return min(keys, key=len) if keys else ""


@lru_cache(maxsize=262144)
def keys_close(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two key sets share a key or have two keys of three or more consonants within KEY_FLOOR."""
    if a & b:
        return True
    return any(
        min(len(x), len(y)) > MIN_KEY and Levenshtein.normalized_similarity(x, y) >= KEY_FLOOR for x in a for y in b
    )


@lru_cache(maxsize=1)
def _latin_patronymics() -> tuple[str, ...]:
    """The vocabulary's patronymic words as Latin lists write them ("bin", "ibn", "bint", "abd"…): the screening
    particles that are not articles or prepositions."""
    voc = vocabulary()
    plain = {p for p in voc.particles if p.isascii()}
    return tuple(sorted(p for p in voc.screen_particles if p not in plain and len(p) > 2))


#: How well a script part must spell a Latin patronymic to be one (the same consonants, vowels agreeing).
PATRONYMIC_SIM = 0.9


def spelled_patronymic(word: str, key: PartKey) -> str | None:
    """The Latin patronymic an Arabic-script part spells ("بن" and "ابن" -> "bin"/"ibn", "بنت" -> "bint"), or
    None: a word of consonants only (after an opening alif or ayn - a written long vowel makes it a name,
    "بان", "بين") that :func:`part_similarity` reads as one of the vocabulary's patronymics. A Latin list weighs
    "bin" as a particle; the script writing of it must not weigh as a name word when a list leaves it out."""
    letters = word.replace(TATWEEL, "")
    body = letters[1:] if letters[:1] in VOWEL_CARRIERS else letters
    if not body or len(body) > 3 or not all(ch in LETTER_CLASSES or ch in INITIAL_ONLY for ch in body):
        return None
    if any(ch in LONG_VOWELS for ch in body[1:]):
        return None
    best = max(_latin_patronymics(), key=lambda p: part_similarity(key, p), default=None)
    return best if best is not None and part_similarity(key, best) >= PATRONYMIC_SIM else None


def title_positions(keys: Sequence[PartKey]) -> list[bool]:
    """Per part: whether it is read as a title - it spells one (``title``) and stands where titles stand,
    before the name: only titles, the article and function words come before it in its name ("الشيخ
    الحاج محمد", "حاجی خيرالله و حاجی ستار" where the conjunction opens a second name). A title word after a
    name word is a name (the father's or grandfather's name "حافظ" in "عبدالحليم حافظ عبدالفتاح", "السيد"
    closing a name), as the Latin list writes it."""
    out: list[bool] = []
    leading = True
    for key in keys:
        out.append(key.title and leading)
        if out[-1] or key.article:  # the article of a name leaves the reading as it was
            continue
        leading = key.function or key.conjunction
    return out


#: Latin letters that open a word whose script writing opens with a long a ("عادل" Adel, "آزاد" Azad).
LONG_A = "ae"
#: A Latin spelling that writes none of the letters a long vowel of the script word calls for keeps this share.
MISSING_VOWEL = 0.8


@lru_cache(maxsize=262144)
def part_similarity(key: PartKey, latin: str) -> float:
    """How well an Arabic-script part (:func:`part_key`, :func:`join_parts`) spells a Latin word."""
    if latin.isdigit() or not key.keys:
        return 0.0
    folded = latin.casefold()
    if key.article_tail and not (folded[-2:-1] in _VOWELS and folded[-1:] not in _VOWELS):
        return 0.0  # the article written onto the word before it keeps its vowel: "-ul", "-ur", "-ud"
    # a long vowel after an opening alif or ayn is the Latin word's first letter ("عیسی" / "Isa", "Essa")
    inner = folded if key.opening == "v" else folded[1:]
    factor = MISSING_VOWEL if any(not set(h) & set(inner) for h in key.hints) else 1.0
    if key.opening == "*":
        if folded[:1] not in "wvou":
            factor *= MISSING_VOWEL  # an opening waw is a w/v or the vowel of "Ould", "Oumar", never "Ali"
    elif (key.opening == "v") != (folded[:1] in _VOWELS):
        factor *= MISSING_VOWEL
    elif key.long_opening and folded[:1] not in LONG_A:
        factor *= MISSING_VOWEL  # "عامر" (Amer, Aamir) is not "عمر" (Umar, Omar): the script writes the long a
    elif key.article_join and folded[:1] not in "ae":
        factor *= MISSING_VOWEL  # the article opens a word "al-", "el-", "as-", "es-", never "o-" or "u-"
    if key.closing and not _closes_with(folded, key.closing):
        factor *= MISSING_VOWEL
    elif key.consonant_end and folded[-1:] in "iy" and len(folded) > 2:
        factor *= MISSING_VOWEL  # a closing -i (-y) is a written long vowel: "Mohammadi" is not "محمد"
    if key.placed and factor == 1.0:
        runs = latin_vowel_runs(folded)
        same_count = len(runs) - key.consonants in (0, 1)
        if same_count and any(not set(letters) & set(runs[k - 1]) for k, letters in key.placed):
            factor *= MISSING_VOWEL
    # One consonant ("علي" / "Ali") is enough for a short Latin word, or where the script writes a long vowel
    # inside the word that the Latin spelling has too ("عزاوي" / "Azzawi").
    short = len(latin) <= SHORT_WORD or (bool(key.hints) and factor == 1.0)
    # the construct -at is written where the Latin word closes with its t ("Asbat"), never inside a word:
    # "أسامة" read -at is no "Oussamaatiya" (two Latin words run together)
    keys = key.keys - key.construct if key.construct and not folded.endswith("t") else key.keys
    best = max((_key_similarity(a, b, short) for a in keys for b in consonant_keys(latin) or ("",)), default=0.0)
    return factor * best


def _closes_with(folded: str, letters: str) -> bool:
    """Whether a Latin word ends with one of ``letters``, or with one of them and a closing a/e/h the script
    does not write ("بويحي" / "Bouyahia", "-iya", "-ie")."""
    return folded[-1:] in letters or (len(folded) > 2 and folded[-2] in letters and folded[-1] in "aeh")


#: Latin c before e, i or y is an s (French spellings: "Belgacem" for بلقاسم), elsewhere a k.
_SOFT_C = re.compile(r"c(?=[eiy])")


def _key_similarity(a: str, b: str, short: bool) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        if len(a) > MIN_KEY:
            return SAME_KEY
        if len(a) == MIN_KEY:
            return SAME_SHORT_KEY
        return SAME_ONE_KEY if short else 0.0
    if min(len(a), len(b)) <= MIN_KEY:
        return 0.0
    sim = Levenshtein.normalized_similarity(a, b)
    return KEY_FACTOR * sim if sim >= KEY_FLOOR else 0.0
