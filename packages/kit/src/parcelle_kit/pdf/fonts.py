"""The fonts every Parcelle document uses, taken from a Debian package, never downloaded.

Liberation Serif, Sans and Mono (Debian ``fonts-liberation2``, SIL OFL 1.1) are metric
compatible with Times New Roman, Arial and Courier New, the faces Italian courts and bar
councils have always written in, cover every Latin letter Italian names need (and Romanian,
Polish, German, Greek, Cyrillic), and are small (~400 KB a face), which keeps subsetting
cheap. Mono prints codes and fingerprints, where 0/O and 1/l must not be confused.

The files are not vendored: Debian ships and updates them. ``fonts.css`` binds them with
``@font-face`` to URLs on a fake host that only the asset fetcher understands, so a document
uses exactly these files or fails to render; it never falls back silently to whatever the
machine has. The fetcher maps that host to this allowlist and nothing else.
"""

from collections.abc import Mapping
from pathlib import Path

FONT_PACKAGE = "fonts-liberation2"
"""The Debian package that provides the files below."""

FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")

FONT_FILES: Mapping[str, Path] = {
    name: FONT_DIR / name
    for name in (
        "LiberationSerif-Regular.ttf",
        "LiberationSerif-Bold.ttf",
        "LiberationSerif-Italic.ttf",
        "LiberationSerif-BoldItalic.ttf",
        "LiberationSans-Regular.ttf",
        "LiberationSans-Bold.ttf",
        "LiberationMono-Regular.ttf",
        "LiberationMono-Bold.ttf",
    )
}
"""File name in a font URL -> the only file that name may read."""


def missing_fonts(files: Mapping[str, Path] = FONT_FILES) -> list[Path]:
    """The font files that are not installed (empty when all are)."""
    return [path for path in files.values() if not path.is_file()]
