"""The data file's schema: every table says where it was read, every bracket lists its phases."""

from decimal import Decimal, InvalidOperation
from typing import Any, get_args

import pytest

from parcelle_compensi.tabelle import leggi_dati
from parcelle_contracts.vocabolario import Procedimento

DATI = leggi_dati()
TABELLE: list[dict[str, Any]] = DATI["tabelle"]


def _importo(testo: object) -> Decimal:
    assert isinstance(testo, str), f"amounts are strings, never JSON numbers: {testo!r}"
    try:
        valore = Decimal(testo)
    except InvalidOperation:  # pragma: no cover - the assertion below reports it
        pytest.fail(f"not an amount: {testo!r}")
    assert valore > 0
    assert valore.as_tuple().exponent == -2, f"two decimal places: {testo!r}"
    return valore


def test_the_decree_is_cited_with_its_gazzetta() -> None:
    decreto = DATI["decreto"]
    assert "236" in decreto["pubblicazione"]
    assert "8 ottobre 2022" in decreto["pubblicazione"]
    assert decreto["in_vigore_dal"] == "2022-10-23"
    assert decreto["url"].startswith("https://www.gazzettaufficiale.it/")


def test_every_source_has_a_title_and_a_kind() -> None:
    for codice, fonte in DATI["fonti"].items():
        assert fonte["titolo"], codice
        assert fonte["tipo"], codice
        assert fonte["url"] == "" or fonte["url"].startswith(("http://", "https://")), codice


@pytest.mark.parametrize("voce", TABELLE, ids=[t["codice"] for t in TABELLE])
def test_every_table_names_two_published_sources_and_how_they_were_compared(
    voce: dict[str, Any],
) -> None:
    pubblicate = [f for f in voce["fonti"] if DATI["fonti"][f]["url"]]
    assert len(set(pubblicate)) >= 2, "a table is cross-checked against a second source"
    assert voce["verifica"]
    assert voce["numero"]
    assert voce["titolo"]


@pytest.mark.parametrize("voce", TABELLE, ids=[t["codice"] for t in TABELLE])
def test_every_bracket_has_exactly_the_tables_phases(voce: dict[str, Any]) -> None:
    fasi = voce["fasi"]
    assert fasi
    assert len(set(fasi)) == len(fasi)
    assert set(fasi) <= {"studio", "introduttiva", "istruttoria", "decisionale", "unica"}
    assert fasi == ["unica"] or "unica" not in fasi, "a single fee is the table's only phase"
    assert set(voce.get("nomi_fasi", {})) <= set(fasi)
    assert set(voce.get("confronto", {})) <= set(voce["fonti"])
    limiti = [_importo(s["fino_a"]) for s in voce["scaglioni"]]
    assert limiti == sorted(set(limiti)), "brackets strictly increasing"
    for grezzo in voce["scaglioni"]:
        assert list(grezzo["medi"]) == fasi
        for medio in grezzo["medi"].values():
            _importo(medio)


def test_the_brackets_are_the_annexs() -> None:
    standard = ["1100.00", "5200.00", "26000.00", "52000.00", "260000.00", "520000.00"]
    for voce in TABELLE:
        limiti = [s["fino_a"] for s in voce["scaglioni"]]
        # Tabella 8 (monitori) has no bracket up to 1,100: its first one runs to 5,200.
        inizio = 1 if voce["numero"] == "8" else 0
        assert limiti == standard[inizio : inizio + len(limiti)], voce["codice"]


def test_table_codes_are_unique() -> None:
    codici = [voce["codice"] for voce in TABELLE]
    assert len(codici) == len(set(codici))


def test_every_kind_of_proceeding_of_the_contracts_is_mapped_and_only_those() -> None:
    # Plain strings in the data: the package does not import the contracts, the test checks
    # that both still speak of the same kinds.
    assert set(DATI["procedimenti"]) == set(get_args(Procedimento))
    codici = {voce["codice"] for voce in TABELLE}
    for kind, tabelle in DATI["procedimenti"].items():
        assert set(tabelle) <= codici, kind


def test_every_rule_names_its_article_and_sources() -> None:
    for nome, regola in DATI["regole"].items():
        assert regola["articolo"], nome
        assert regola["testo"], nome
        assert regola["fonti"], nome
        assert set(regola["fonti"]) <= set(DATI["fonti"]), nome
    variazione = DATI["regole"]["variazione"]
    assert (variazione["minimo_percentuale"], variazione["massimo_percentuale"]) == ("50", "150")


def test_missing_tables_are_listed_with_a_reason() -> None:
    assert DATI["mancanti"]
    for voce in DATI["mancanti"]:
        assert voce["tabella"]
        assert voce["motivo"]
