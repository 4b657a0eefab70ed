"""Which URLs a document may load, and where their bytes come from.

A document is laid out against the fake base URL ``https://assets.parcelle.invalid/<package>/``
(``.invalid`` can never resolve, RFC 2606), so relative references in a template
(``assets/stemma.svg``) and ``urljoin`` work as on the web. This module maps such a URL back to
a file packaged with that Python package, under its ``templates/`` or ``assets/`` directory,
read through ``importlib.resources``. Font URLs on ``https://fonts.parcelle.invalid/`` map to
the allowlist in :mod:`parcelle_kit.pdf.fonts`.

Everything else is refused: ``http:``, any other host, ``file:``, ``ftp:``, and ``data:``.
WeasyPrint 70 needs no ``data:`` URL of its own (its user-agent stylesheets are strings and its
sRGB profile is read from its package), and a ``data:`` URL inside a document could only come
from content we did not package; dynamic pictures such as 2D codes go into templates as inline
``<svg>`` markup made by our code.

This module imports nothing from WeasyPrint, so the policy can be used and tested anywhere.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from parcelle_kit.pdf.errors import AssetRefusedError
from parcelle_kit.pdf.fonts import FONT_FILES

ASSET_HOST = "assets.parcelle.invalid"
FONT_HOST = "fonts.parcelle.invalid"
KIT_PACKAGE = "parcelle_kit.pdf"
"""The kit's own package: its ``templates/`` and ``assets/`` serve every document."""

ASSET_DIRS = frozenset({"templates", "assets"})

MEDIA_TYPES: Mapping[str, str] = {
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}
"""Only these kinds of file are assets; a template or a Python module is never served."""


def asset_base_url(package: str) -> str:
    """The base URL documents of ``package`` are laid out against (ends with a slash)."""
    return f"https://{ASSET_HOST}/{package}/"


@dataclass(frozen=True)
class Asset:
    """The bytes behind an allowed URL."""

    url: str
    media_type: str
    data: bytes


class AssetPolicy:
    """Resolves allowed URLs to packaged files; refuses every other URL."""

    def __init__(self, packages: Iterable[str], fonts: Mapping[str, Path] = FONT_FILES) -> None:
        self._packages = frozenset(packages)
        self._fonts = dict(fonts)

    def load(self, url: str) -> Asset:
        """Read the asset behind ``url`` or raise :class:`AssetRefusedError`."""
        try:
            parts = urlsplit(url)
            # A port, a user or a query has no meaning for a packaged file: not ours.
            foreign = parts.scheme != "https" or parts.port is not None or bool(parts.query)
            foreign = foreign or parts.username is not None
        except ValueError as exc:
            raise AssetRefusedError(f"malformed URL refused: {url[:200]!r}") from exc
        if foreign:
            raise AssetRefusedError(f"only packaged assets may be loaded, refused {url[:200]!r}")
        segments = _segments(parts.path, url)
        if parts.netloc == FONT_HOST:
            return self._font(url, segments)
        if parts.netloc == ASSET_HOST:
            return self._packaged(url, segments)
        raise AssetRefusedError(f"only packaged assets may be loaded, refused {url[:200]!r}")

    def _font(self, url: str, segments: list[str]) -> Asset:
        if len(segments) != 1 or segments[0] not in self._fonts:
            raise AssetRefusedError(f"not an allowed font: {url!r}")
        path = self._fonts[segments[0]]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise AssetRefusedError(f"font {path} is not installed ({exc.strerror})") from exc
        return Asset(url, MEDIA_TYPES[path.suffix], data)

    def _packaged(self, url: str, segments: list[str]) -> Asset:
        if len(segments) < 3 or segments[0] not in self._packages or segments[1] not in ASSET_DIRS:
            raise AssetRefusedError(
                f"not under templates/ or assets/ of an allowed package: {url!r}"
            )
        media_type = MEDIA_TYPES.get(PurePosixPath(segments[-1]).suffix.lower())
        if media_type is None:
            raise AssetRefusedError(f"not an asset type: {url!r}")
        resource = resources.files(segments[0]).joinpath(*segments[1:])
        if not resource.is_file():
            raise AssetRefusedError(f"no such packaged asset: {url!r}")
        return Asset(url, media_type, resource.read_bytes())


def _segments(path: str, url: str) -> list[str]:
    """Split a URL path into decoded segments, refusing anything that could climb out."""
    segments = [unquote(segment) for segment in path.split("/")[1:]]
    for segment in segments:
        # urljoin already folds "..", but "%2e%2e" and encoded slashes survive it.
        if segment in {"", ".", ".."} or "/" in segment or "\\" in segment or "\0" in segment:
            raise AssetRefusedError(f"path not allowed: {url[:200]!r}")
    return segments
