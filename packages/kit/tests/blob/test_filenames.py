"""Download file names: whatever a user uploaded, the offered name is safe and faithful."""

import unicodedata
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcelle_kit.blob.filenames import content_disposition, sanitise_filename


@pytest.mark.parametrize(
    ("given_name", "expected"),
    [
        ("parcella.pdf", "parcella.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\avv\\nota spese.pdf", "nota spese.pdf"),
        ("a\r\nContent-Type: text.pdf", "a Content-Type_ text.pdf"),
        ('fattura "n. 3"; x=1.pdf', "fattura _n. 3__ x=1.pdf"),
        ("  ..nascosto..  ", "nascosto"),
        ("e\u0301", "\u00e9"),  # decomposed accents are composed (NFC)
        ("", "download"),
        ("...", "download"),
        ("x" * 300 + ".pdf", "x" * 146 + ".pdf"),
    ],
)
def test_sanitise_filename(given_name: str, expected: str) -> None:
    assert sanitise_filename(given_name) == expected


def test_content_disposition_has_an_ascii_fallback_and_the_exact_utf8_name() -> None:
    assert content_disposition("Parcella n\u00b0 12 \u2013 Milano.pdf") == (
        'attachment; filename="Parcella n_ 12 _ Milano.pdf"; '
        "filename*=UTF-8''Parcella%20n%C2%B0%2012%20%E2%80%93%20Milano.pdf"
    )


@given(st.text())
def test_any_name_becomes_a_safe_one(name: str) -> None:
    safe = sanitise_filename(name)

    assert 0 < len(safe) <= 150
    assert not set(safe) & set('/\\:*?"<>|;')
    assert not any(unicodedata.category(ch).startswith("C") for ch in safe)
    assert safe == safe.strip(". ")


@given(st.text())
def test_any_name_makes_a_header_that_decodes_back_to_the_safe_name(name: str) -> None:
    header = content_disposition(name)

    assert header.isascii()
    assert header.isprintable()
    encoded = header.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded, errors="strict") == sanitise_filename(name)
