"""The one place that imports WeasyPrint, what it can tell about its speed, and the one
setting we change in it (the deflate level of its PDF writer, pydyf).

Only worker processes (and tests) import this module: WeasyPrint takes over a second to
import, which the process running the event loop should not pay.
"""

import ctypes
import warnings
import zlib
from typing import Any

import pydyf  # type: ignore[import-untyped]  # WeasyPrint's own PDF writer, untyped

with warnings.catch_warnings():
    # Without libharfbuzz-subset WeasyPrint warns (DeprecationWarning) at import time. We
    # report that slow path ourselves, at warm-up and in the benchmark, instead of letting a
    # missing optional library become an import error where warnings are errors (tests).
    warnings.filterwarnings("ignore", message="HarfBuzz-Subset", category=DeprecationWarning)
    import weasyprint
    from weasyprint import CSS, HTML
    from weasyprint.text import ffi as _ffi
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

__all__ = [
    "CSS",
    "HTML",
    "STREAM_COMPRESSION_LEVEL",
    "FatalURLFetchingError",
    "FontConfiguration",
    "URLFetcher",
    "URLFetcherResponse",
    "compress_streams_faster",
    "harfbuzz_subset_active",
    "harfbuzz_version",
    "weasyprint_version",
]

STREAM_COMPRESSION_LEVEL = 6
"""Deflate level for PDF streams: zlib's default, instead of pydyf's hard-coded 9."""


class _Deflate:
    """What pydyf sees as ``zlib``: the real module, deflating at our level."""

    def __init__(self, level: int) -> None:
        self.level = level

    def compressobj(self, level: int = -1, *args: Any, **kwargs: Any) -> Any:
        return zlib.compressobj(self.level, *args, **kwargs)

    def compress(self, data: bytes, level: int = -1) -> bytes:
        return zlib.compress(data, self.level)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def compress_streams_faster(level: int = STREAM_COMPRESSION_LEVEL) -> bool:
    """Make pydyf (WeasyPrint's PDF writer) deflate streams at ``level``; True if it did.

    pydyf 0.13 compresses every stream at level 9. On our documents (text and subset
    fonts) level 6 writes a PDF 0.4% larger in 60% of the time: 5 ms less of ~110 for a
    two-page application (bench/istanza_pdf.py). pydyf exposes no setting, so its module
    reference to ``zlib`` is replaced; should a pydyf release stop using one, nothing is
    patched and the output is merely as slow as before.
    """
    current = getattr(pydyf, "zlib", None)
    if current is zlib or isinstance(current, _Deflate):
        pydyf.zlib = _Deflate(level)
        return True
    return False


def harfbuzz_subset_active() -> bool:
    """Whether WeasyPrint subsets fonts with HarfBuzz (fast) rather than fontTools (slow).

    The same test as ``weasyprint.pdf.fonts.Font.subset``: the library ``libharfbuzz-subset``
    could be loaded (Debian ``libharfbuzz-subset0``) and HarfBuzz is at least 4.1.0.
    """
    subset: Any = getattr(_ffi, "harfbuzz_subset", None)
    return subset is not None and bool(_ffi.harfbuzz.hb_version_atleast(4, 1, 0))


def harfbuzz_version() -> str:
    """The version of the system's HarfBuzz library ("unknown" if it cannot be asked)."""
    # WeasyPrint's cffi declarations do not include hb_version_string, so ask through ctypes
    # the same shared library the dynamic loader gives WeasyPrint.
    try:
        library = ctypes.CDLL("libharfbuzz.so.0")
    except OSError:
        return "unknown"
    library.hb_version_string.restype = ctypes.c_char_p
    return str(library.hb_version_string().decode())


def weasyprint_version() -> str:
    """The installed WeasyPrint version."""
    return str(weasyprint.__version__)
