"""How a query name becomes what the index compares: names, tokens, script part keys and blocking keys.

A queried name may carry its alternatives in brackets (:func:`query_names`); an Arabic-script name is split
into its written parts with their consonant keys (:func:`query_tokens`, :mod:`names.translit`), and looks up
listed names by those keys, parts alone and joined (:func:`script_block_keys`), in the consonant-key postings
every listed Latin token has (:func:`latin_block_keys`). Adjacent words joined (:func:`joined_pairs`) find
names that write them as one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from threatgraph.names import cyrillic
from threatgraph.names.acronyms import acronym_fits, looks_like_acronym
from threatgraph.names.tokens import MIN_NAME_WORDS, folds_like_honorific, name_tokens, titled_tokens
from threatgraph.names.translit import (
    MIN_KEY,
    PartKey,
    consonant_keys,
    is_arabic_script,
    is_latin_name,
    join_parts,
    part_key,
    part_similarity,
    script_words,
    title_words,
    token_source,
)
from threatgraph.names.vocabulary import vocabulary

#: Script parts read as one Latin word for blocking (:func:`names.translit.join_parts`): up to this many.
MAX_SCRIPT_JOIN = 3


def latin_block_keys(token: str) -> list[str]:
    """Consonant-key postings of a Latin token ("c:hsn" for "hussein"), found by script queries' part keys."""
    if token.isdigit():
        return []
    return [f"c:{k}" for k in consonant_keys(token) if len(k) > MIN_KEY]


def script_block_keys(q_keys: tuple[PartKey, ...], q_weights: Sequence[float]) -> list[tuple[frozenset[str], float]]:
    """(consonant keys, weight) to look up for a script query: each part's keys, and those of 2..MAX_SCRIPT_JOIN
    adjacent parts read as one word ("حبيب الله" finds "HABIBULLAH"), weighing what its parts weigh together (a
    Latin word spelling three parts stands for all three); keys of two consonants or fewer find too many names
    to vote (tried in session 12: voting with them found one more right entry at rank 1 on the watched dev
    half, none more flagged, at about a fifth more CPU per script query)."""
    out: list[tuple[frozenset[str], float]] = []
    for i in range(len(q_keys)):
        for n in range(1, min(MAX_SCRIPT_JOIN, len(q_keys) - i) + 1):
            key = q_keys[i] if n == 1 else join_parts(tuple(q_keys[i : i + n]))
            keys = frozenset(k for k in key.keys if len(k) > MIN_KEY)
            if keys:
                out.append((keys, sum(q_weights[i : i + n])))
    return out


def query_names(names: Iterable[str]) -> list[str]:
    """The names to screen for each queried name: the name itself or, when brackets in it hold alternatives,
    the name outside the brackets and each alternative (a leading "label:" dropped) — the words of two
    writings run together match neither; a name closed by its own acronym is screened with and without it
    (:func:`without_acronym`), a name written twice in two scripts one after the other also as each writing
    (:func:`script_runs`). Brackets hold alternatives when they are in another script than the
    name ("Ibrahim Asiri (إبراهيم عسيري)"), labelled ("(original script: ...)") or several
    (";"); otherwise they are part of the name ("RELIEF COMMITTEE (LEBANON BRANCH)" is not its parent)."""
    out: list[str] = []
    for name in names:
        inners = _BRACKETED.findall(name)
        outside = _BRACKETED.sub(" ", name).strip()
        if inners and any(_alternatives(inner, outside) for inner in inners):
            found = [outside] if any(ch.isalnum() for ch in outside) else []
            for inner in inners:
                for alt in inner.strip("()").split(";"):
                    alt = alt.split(":", 1)[1] if ":" in alt else alt
                    if any(ch.isalnum() for ch in alt):
                        found.append(alt.strip())
            out.extend(found or [name])
            continue
        out.append(name)
        short = without_acronym(name)
        out.extend([short] if short is not None else script_runs(name))
    return out


#: A name closed by its own acronym, in brackets or after a slash ("JAMAAT-UL-AHRAR (JuA)", "AL-ITIHAAD
#: AL-ISLAMIYA / AIAI"), as the UN list writes many organisations' names.
_TRAILING_ACRONYM = re.compile(r"^(?P<name>.*?\S)\s*(?:/\s*(?P<slash>[^/\s]+)|\((?P<bracket>[^()\s]+)\))\s*$")


@lru_cache(maxsize=65536)
def without_acronym(name: str) -> str | None:
    """The name without a closing acronym of its own words, or None: the acronym restates the name, so a
    writing without it (another list's, a script name's, a news report's) is the same name and must not lose
    the acronym's weight. Only an acronym that fits the words before it (:func:`names.acronyms.acronym_fits`)
    is dropped: "RUNNING BROOK, LLC (USA)" keeps its bracket."""
    if "/" not in name and not name.rstrip().endswith(")"):
        return None
    m = _TRAILING_ACRONYM.match(name)
    if m is None:
        return None
    short = m.group("slash") or m.group("bracket")
    outside = m.group("name").strip()
    if not looks_like_acronym(short) or not acronym_fits(short, outside):
        return None
    return outside


#: A writing of a name in one script, within a name written in two, has at least this many words.
MIN_RUN_WORDS = 2


def _word_script(word: str) -> str:
    """ "latin", "arabic", "cyrillic" or "other" by the word's letters ("" for a word of no letters)."""
    letters = [ch for ch in word if ch.isalpha()]
    if not letters:
        return ""
    if all(ord(ch) < LATIN_END for ch in letters):
        return "latin"
    if is_arabic_script(word):
        return "arabic"
    return "cyrillic" if cyrillic.is_cyrillic(word) else "other"


def script_runs(name: str) -> list[str]:
    """The writings of a name written in two or more scripts one after the other ("Agha Jan Alizai اغا جان
    عالیزی", as list clerks and forms give a name twice), or [] for a name in one script or with its
    scripts interleaved. Each writing is a name on its own: run together, the script words have no
    counterpart in a Latin list and the Latin words are read with the script's conventions."""
    if name.isascii():
        return []
    runs: list[tuple[str, list[str]]] = []
    for word in name.split():
        script = _word_script(word)
        if not script:
            if runs:
                runs[-1][1].append(word)
            continue
        if runs and runs[-1][0] == script:
            runs[-1][1].append(word)
        else:
            runs.append((script, [word]))
    scripts = [script for script, _words in runs]
    if len(runs) < 2 or len(set(scripts)) != len(scripts):
        return []
    if any(len(words) < MIN_RUN_WORDS for _script, words in runs):
        return []
    writings = [" ".join(words) for _script, words in runs]
    latin = [w for (script, _words), w in zip(runs, writings, strict=True) if script == "latin"]
    others = [w for (script, _words), w in zip(runs, writings, strict=True) if script != "latin"]
    # two writings of one name spell each other ("بني بيات and Sons" is a name and an English phrase)
    if len(latin) != 1 or not all(_spells(other, latin[0]) for other in others):
        return []
    return writings


#: Share of a script writing's words that must spell a word of the Latin writing for the two to be one name.
SPELLED_SHARE = 0.5
SPELLED_SIM = 0.8


def _spells(script_name: str, latin_name: str) -> bool:
    """Whether most words of an Arabic-script or Cyrillic writing spell a word of the Latin writing."""
    latin_tokens = name_tokens(latin_name)
    if not latin_tokens:
        return False
    tokens, keys = query_tokens(script_name)
    if keys is not None:
        parts = [k for k in keys if not k.article and not k.function]
        found = sum(1 for k in parts if max(part_similarity(k, t) for t in latin_tokens) >= SPELLED_SIM)
    else:
        spelled = spellings_of(script_name)
        if spelled is None:
            return False
        parts = list(spelled)
        found = sum(
            1
            for variants in spelled
            if any(Levenshtein.normalized_similarity(v, t) >= SPELLED_SIM for v in variants for t in latin_tokens)
        )
    return bool(parts) and found >= max(MIN_RUN_WORDS, SPELLED_SHARE * len(parts))


def _alternatives(inner: str, outside: str) -> bool:
    return ":" in inner or ";" in inner or _latin(inner) != _latin(outside)


def _latin(text: str) -> bool:
    """Whether the letters of ``text`` are (mostly) Latin."""
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ord(ch) < LATIN_END for ch in letters) * 2 >= len(letters)


#: Code points below this are Latin letters (Basic Latin to Latin Extended-B and IPA).
LATIN_END = 0x2B0
_BRACKETED = re.compile(r"\([^()]*\)")


#: The written pieces of a Cyrillic name: runs of letters and digits (a hyphen or apostrophe parts them).
_PIECES = re.compile(r"\w+")


@lru_cache(maxsize=65536)
def cyrillic_parts(name: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]] | None:
    """A Cyrillic name's tokens, piece by piece, and each token's Latin spellings (the token first,
    :func:`names.cyrillic.spellings`); None for a name that is not Cyrillic. Titles are dropped (where two
    words are left) as
    :func:`names.tokens.name_tokens` drops them from a whole name; a piece the vocabulary translates
    ("бригада" -> "brigade") keeps its translation alone."""
    if not cyrillic.is_cyrillic(name):
        return None
    synonyms = vocabulary().synonyms
    tokens: list[str] = []
    spelled: list[tuple[str, ...]] = []
    for piece in _PIECES.findall(name):
        toks = name_tokens(piece)
        if len(toks) != 1:
            tokens.extend(toks)
            spelled.extend((t,) for t in toks)
            continue
        (tok,) = toks
        variants = cyrillic.spellings(piece)
        if tok in synonyms.values() and tok not in variants:
            spelled.append((tok,))  # translated: its spellings are another word's
        else:
            spelled.append(tuple(dict.fromkeys((tok, *(synonyms.get(v, v) for v in variants)))))
        tokens.append(tok)
    honorifics = vocabulary().honorifics
    keep = [k for k, t in enumerate(tokens) if t not in honorifics]
    if len(keep) >= MIN_NAME_WORDS and len(keep) < len(tokens):
        tokens = [tokens[k] for k in keep]
        spelled = [spelled[k] for k in keep]
    return tuple(tokens), tuple(spelled)


def spellings_of(name: str) -> tuple[tuple[str, ...], ...] | None:
    """Per token of a Cyrillic name (as :func:`query_tokens` makes them), its Latin spellings; None otherwise."""
    parts = cyrillic_parts(name)
    return parts[1] if parts is not None else None


def query_tokens(name: str) -> tuple[tuple[str, ...], tuple[PartKey, ...] | None]:
    """A query name's tokens and, for an Arabic-script name, each token's :class:`PartKey` read from the script
    (then compared part by part by its consonant keys as well, :mod:`names.translit`; the joined article is its
    own part, as lists write it)."""
    if not is_arabic_script(name):
        parts = cyrillic_parts(name)
        return (parts[0] if parts is not None else name_tokens(name)), None
    tokens: list[str] = []
    keys: list[PartKey] = []
    kinds = frozenset(vocabulary().synonyms.values())
    for word, title in zip(script_words(name), title_words(name), strict=True):
        # without its closing ta marbuta when a token is left (a word of letters no Latin spelling writes keeps
        # it), unless the whole word is a kind word the vocabulary translates ("حركة" is "movement", "حرك" no word)
        whole = name_tokens(word)
        if not (whole and all(t in kinds for t in whole)):
            whole = _kind_after_clitic(word, kinds) or whole
        parts = whole if whole and all(t in kinds for t in whole) else name_tokens(token_source(word)) or whole
        tokens.extend(parts)
        key = part_key(word)
        keys.extend([replace(key, title=True) if title else key] * len(parts))
    return tuple(tokens), tuple(keys)


#: A preposition or conjunction and the article written onto a word: li-l ("للصرافة", for the exchange), wa-l,
#: bi-l, fa-l, ka-l.
CLITIC_ARTICLES = ("لل", "وال", "بال", "فال", "كال")


def _kind_after_clitic(word: str, kinds: frozenset[str]) -> tuple[str, ...]:
    """The translated kind word a word spells once a joined preposition and article are taken off ("للصرافة"
    -> "exchange"), or (): a translation drops the "for the", so the kind word alone must align. Only a kind
    word of the vocabulary is read this way - a name opening with these letters is left whole."""
    for clitic in CLITIC_ARTICLES:
        if word.startswith(clitic) and len(word) - len(clitic) >= MIN_AFTER_CLITIC:
            tokens = name_tokens(word[len(clitic) :])
            if tokens and all(t in kinds for t in tokens):
                return tokens
    return ()


#: Letters a word keeps after a joined preposition and article for :func:`_kind_after_clitic` to read it.
MIN_AFTER_CLITIC = 3


def listed_tokens(name: str) -> tuple[str, ...]:
    """A listed name's tokens, made as a query's are (:func:`query_tokens`): a list that writes a name in the
    Arabic script (the UN list does) is then found by the same name queried, which a reading of its own would
    miss (the closing ta marbuta is a token letter one way and dropped the other)."""
    return query_tokens(name)[0]


@lru_cache(maxsize=65536)
def titled_reading(name: str) -> tuple[tuple[str, ...], tuple[bool, ...]] | None:
    """A Latin listed name read with the honorifics its tokens dropped after its first name word - a title
    word after a name word is a name (the father's name "HAJJI", "EL SAYED" closing a name), as
    :func:`names.translit.title_positions` reads a script name - with which of its tokens those are; None when
    it dropped none there (or is not a Latin name). A script query scores against both readings. Before the
    name, only a word dropped for folding like a title ("Aamir" as "amir") comes back: an honorific as the
    vocabulary spells it ("Seyyed") stays dropped there, where the list and the script agree on a title (the
    script cannot tell "سعید" Saeed from Seyyed by consonants)."""
    if not is_latin_name(name):
        return None
    tokens = listed_tokens(name)
    if not tokens:
        return None
    honorifics = vocabulary().honorifics
    out: list[str] = []
    dropped: list[bool] = []
    j = 0
    for tok in titled_tokens(name):  # the name's tokens in order, the dropped words between them
        kept = j < len(tokens) and tok == tokens[j]
        # other words the name's tokens leave out ("THE" opening a name) are no title and stay out
        if kept or (folds_like_honorific(tok) and (j or tok not in honorifics)):
            out.append(tok)
            dropped.append(not kept)
        j += kept
    if j != len(tokens) or not any(dropped):
        return None
    return tuple(out), tuple(dropped)


def joined_pairs(tokens: tuple[str, ...] | list[str]) -> list[str]:
    """Each pair of adjacent words written as one ("abu", "seta" -> "abuseta"), digits excepted; one per pair
    position (empty string where a pair has a number) so positions line up with the pairs of weights."""
    if len(tokens) < 2:
        return []
    return [a + b if not (a.isdigit() or b.isdigit()) else "" for a, b in zip(tokens, tokens[1:], strict=False)]
