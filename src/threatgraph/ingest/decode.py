"""Bytes to text: refuse binary data and undecodable bytes with a reason instead of guessing.

Guessing an encoding silently turns "Zaynabiyoun" into mojibake that no later stage can match,
so we accept UTF-8 (with or without BOM), BOM-marked UTF-16/32, UTF-16 without a BOM when its
byte pattern leaves no doubt (see :func:`utf16_without_bom`), plus the charset an HTML page
declares, and report anything else.
"""

from __future__ import annotations

import codecs
from functools import lru_cache
from pathlib import Path

from threatgraph.datafiles import load_yaml
from threatgraph.ingest.errors import InputError
from threatgraph.ingest.schemas import FormatsFile

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@lru_cache(maxsize=1)
def _magic() -> tuple[tuple[bytes, str], ...]:
    data = load_yaml(Path(__file__).with_name("formats.yaml"), FormatsFile)
    return tuple((k.encode("latin-1"), v) for k, v in data["binary_magic"].items())


def bom_encoding(data: bytes) -> str | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


#: Share of the high (or low) bytes of a sample that must be NUL to call BOM-less data UTF-16: text in
#: Latin, Cyrillic, Greek or Arabic-with-Latin-markup has a zero high byte in nearly every code unit.
_UTF16_ZERO_SHARE = 0.7


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` for BOM-less UTF-16 text, else None.

    Windows tools write UTF-16 without a BOM; its NUL bytes made such files look binary. The test:
    NUL bytes concentrated in every second byte (the other half nearly never NUL), and the sample
    decodes strictly with no control characters besides line ends and tabs.
    """
    sample = data[:8192]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4 or bom_encoding(sample):
        return None
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd >= _UTF16_ZERO_SHARE and zeros_even < 0.05:
        enc = "utf-16-le"
    elif zeros_even >= _UTF16_ZERO_SHARE and zeros_odd < 0.05:
        enc = "utf-16-be"
    else:
        return None
    try:
        text = sample.decode(enc)
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # a surrogate pair cut by the sample's end is fine
            return None
        text = sample[: exc.start].decode(enc)
    if any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
        return None
    return enc


def text_encoding(data: bytes) -> str | None:
    """The encoding the bytes themselves announce or prove: a BOM, or BOM-less UTF-16."""
    return bom_encoding(data) or utf16_without_bom(data)


def check_not_binary(data: bytes) -> None:
    """Raise InputError for data that is clearly not text (known magic bytes or NUL bytes)."""
    for magic, name in _magic():
        if data.startswith(magic):
            raise InputError(f"binary file ({name}), not text")
    if text_encoding(data) is None and b"\x00" in data[:8192]:
        raise InputError("binary data (contains NUL bytes), not text (UTF-16 text needs a byte-order mark)")


def decode(data: bytes, fallback: str | None = None) -> str:
    """Decode strictly; ``fallback`` is an encoding the document itself declared (HTML meta)."""
    enc = text_encoding(data) or "utf-8"
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        if fallback and text_encoding(data) is None:
            try:
                return data.decode(fallback)
            except (UnicodeDecodeError, LookupError):
                pass
        raise InputError(
            f"cannot decode as {enc.upper().replace('-SIG', '')}: invalid byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}" + (f" (declared charset {fallback!r} does not fit either)" if fallback else "")
        ) from None


def clean_text(text: str) -> str:
    """Normalise line ends and outer whitespace; keep everything else as the source wrote it."""
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").strip()
