"""Bytes to text: refuse binary data and undecodable bytes with a reason instead of guessing.

Guessing an encoding silently turns "Zaynabiyoun" into mojibake that no later stage can match,
so we accept UTF-8 (with or without BOM) and BOM-marked UTF-16/32, plus the charset an HTML
page declares, and report anything else.
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


def check_not_binary(data: bytes) -> None:
    """Raise InputError for data that is clearly not text (known magic bytes or NUL bytes)."""
    for magic, name in _magic():
        if data.startswith(magic):
            raise InputError(f"binary file ({name}), not text")
    if bom_encoding(data) is None and b"\x00" in data[:8192]:
        raise InputError("binary data (contains NUL bytes), not text")


def decode(data: bytes, fallback: str | None = None) -> str:
    """Decode strictly; ``fallback`` is an encoding the document itself declared (HTML meta)."""
    enc = bom_encoding(data) or "utf-8"
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        if fallback and bom_encoding(data) is None:
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
