"""Attachment helpers: names fit to show, sizes said the Italian way."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from istanze.domain.allegati import mb, pulisci_nome_file
from parcelle_contracts.vocabolario import MB


@pytest.mark.parametrize(
    ("nome", "pulito"),
    [
        ("parcella.pdf", "parcella.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\avv\\Desktop\\notula 2024.pdf", "notula 2024.pdf"),
        ("fattura\r\nX-Header: 1.pdf", "fattura X-Header_ 1.pdf"),
        ('a<b>c:"d"|e?.pdf', "a_b_c__d__e_.pdf"),
        ("   ...   ", "allegato"),
        ("", "allegato"),
        ("ricevuta\u202epdf.exe", "ricevuta pdf.exe"),  # right-to-left override
    ],
)
def test_names_lose_paths_controls_and_reserved_characters(nome: str, pulito: str) -> None:
    assert pulisci_nome_file(nome) == pulito


def test_a_long_name_keeps_its_extension() -> None:
    pulito = pulisci_nome_file("a" * 400 + ".pdf")
    assert len(pulito) == 255
    assert pulito.endswith("aaa.pdf")


@given(st.text())
def test_any_name_becomes_a_short_safe_single_component(nome: str) -> None:
    pulito = pulisci_nome_file(nome)
    assert 0 < len(pulito) <= 255
    assert not set(pulito) & set('/\\:*?"<>|\r\n\t\x00')
    assert pulito == pulito.strip()


def test_sizes_in_megabytes_with_a_decimal_comma() -> None:
    assert mb(16 * MB) == "16"
    assert mb(100 * MB) == "100"
    assert mb(15 * MB + MB // 2) == "15,5"
    assert mb(0) == "0"
