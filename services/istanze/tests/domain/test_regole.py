"""Per-Ordine rules: the defaults of DOMAIN.md, and misconfigurations found at start-up."""

import pytest

from istanze.domain.regole import REGOLE_PREDEFINITE, REQUISITI, RegoleOrdine
from istanze.domain.requisiti import ETICHETTE, VERIFICHE
from parcelle_contracts.vocabolario import MB


def test_the_defaults_are_those_of_domain_md() -> None:
    regole = RegoleOrdine()
    assert regole.max_dimensione_file == 16 * 1024 * 1024
    assert regole.max_dimensione_pratica == 100 * MB
    assert regole.firma_digitale_obbligatoria is True
    assert regole.tipi_ammessi == ("PDF", "PDF firmato", "CAdES (p7m)", "JPEG", "PNG")
    assert regole.max_allegati == 50
    assert regole == REGOLE_PREDEFINITE


def test_the_rules_are_frozen() -> None:
    with pytest.raises(AttributeError):
        REGOLE_PREDEFINITE.max_allegati = 3  # type: ignore[misc]


def test_every_requirement_has_a_label_and_a_check() -> None:
    assert set(ETICHETTE) == set(VERIFICHE) == set(REQUISITI)


@pytest.mark.parametrize(
    "sbagliate",
    [
        {"max_dimensione_file": 0},
        {"max_allegati": 0},
        {"max_dimensione_file": 200 * MB},  # above the case's limit
        {"tipi_ammessi": ()},
        {"tipi_ammessi": ("ZIP",)},
        {"requisiti": ("cliente", "firma_del_notaio")},
    ],
)
def test_a_misconfigured_ordine_is_refused(sbagliate: dict[str, object]) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 -- each case has its own message
        RegoleOrdine(**sbagliate)  # type: ignore[arg-type]


def test_an_ordine_may_accept_hand_signed_originals_and_fewer_types() -> None:
    regole = RegoleOrdine(firma_digitale_obbligatoria=False, tipi_ammessi=("PDF",))
    assert not regole.firma_digitale_obbligatoria
    assert regole.tipi_ammessi == ("PDF",)
