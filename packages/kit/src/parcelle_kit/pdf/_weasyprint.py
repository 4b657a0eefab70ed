"""The one place that imports WeasyPrint, and what it can tell about its speed.

Only worker processes (and tests) import this module: WeasyPrint takes over a second to
import, which the process running the event loop should not pay.
"""

import ctypes
import warnings
from typing import Any

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
    "FatalURLFetchingError",
    "FontConfiguration",
    "URLFetcher",
    "URLFetcherResponse",
    "harfbuzz_subset_active",
    "harfbuzz_version",
    "weasyprint_version",
]


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
