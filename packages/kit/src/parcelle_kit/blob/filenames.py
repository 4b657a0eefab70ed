"""Download file names: what a user's file may be called on their disk, and the header that
says so (RFC 6266), whichever store served the bytes."""

import re
import unicodedata
from urllib.parse import quote

_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|;]')
_NOT_PLAIN_ASCII = re.compile(r"[^A-Za-z0-9._ ()-]")
_MAX_FILENAME = 150


def sanitise_filename(filename: str) -> str:
    """A file name safe to offer for download: no path, controls or reserved characters."""
    name = unicodedata.normalize("NFC", filename).replace("\\", "/").rsplit("/", 1)[-1]
    # Control and format characters become spaces, so "a\r\nb" does not become "ab".
    name = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in name)
    name = " ".join(_UNSAFE_IN_NAME.sub("_", name).split()).strip(". ")
    if len(name) > _MAX_FILENAME:
        _, dot, extension = name.rpartition(".")
        keep = extension if dot and len(extension) <= 10 else ""
        name = name[: _MAX_FILENAME - len(keep) - 1].rstrip(". ") + ("." + keep if keep else "")
    return name or "download"


def content_disposition(filename: str, disposition: str = "attachment") -> str:
    """``attachment`` (or ``inline``) with an ASCII fallback and the exact UTF-8 name
    (RFC 6266, RFC 5987)."""
    name = sanitise_filename(filename)
    # Accents are dropped (è -> e); any other non-ASCII character leaves a visible "_".
    ascii_name = "".join(
        ch if ch.isascii() else "" if unicodedata.combining(ch) else "_"
        for ch in unicodedata.normalize("NFKD", name)
    )
    ascii_name = _NOT_PLAIN_ASCII.sub("_", ascii_name).strip(". ") or "download"
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
