"""Attachments of an application: what is accepted, the Ordine's limits, each refusal its
own message, and only while the application is a draft."""

import copy

import pytest

from istanze.domain.errori import (
    FileTroppoGrandeError,
    LimiteSuperatoError,
    SpazioEsauritoError,
    TroppiAllegatiError,
)
from istanze.domain.istanza import Istanza
from istanze.domain.regole import RegoleOrdine
from parcelle_contracts.vocabolario import MB, TipoFile

from .fabbrica import (
    DOPO,
    allega,
    bozza,
    depositata,
    pronta,
    rifiutata,
    sha,
)


def aggiungi(istanza: Istanza, tipo: TipoFile | None = "PDF", dimensione: int = 1000) -> None:
    istanza.aggiungi_allegato(
        id=f"a{len(istanza.allegati)}",
        categoria="atti",
        nome_file="atto.pdf",
        tipo=tipo,
        dimensione=dimensione,
        sha256=sha(str(len(istanza.allegati))),
        blob_key="k",
        ora=DOPO,
    )


def test_an_attachment_takes_its_type_from_the_content_and_a_clean_name() -> None:
    istanza = bozza()
    allegato = istanza.aggiungi_allegato(
        id="a1",
        categoria="parcella",
        nome_file="C:\\Documenti\\parcella\x00 finale.exe",
        tipo="PDF firmato",
        dimensione=2048,
        sha256=sha("parcella"),
        blob_key="istanze/a1",
        ora=DOPO,
    )
    assert allegato.content_type == "application/pdf"
    assert allegato.tipo == "PDF firmato"
    assert allegato.nome_file == "parcella finale.exe"
    assert allegato.caricato_il == DOPO
    assert istanza.allegati == (allegato,)


def test_a_repeated_attachment_is_not_attached_twice() -> None:
    istanza = bozza()
    allega(istanza)
    prima = copy.deepcopy(istanza)
    allegato = istanza.allegati[0]
    ripetuto = istanza.aggiungi_allegato(
        id=allegato.id,
        categoria="parcella",
        nome_file="x",
        tipo="PDF",
        dimensione=1,
        sha256=allegato.sha256,
        blob_key=allegato.blob_key,
        ora=DOPO,
    )
    assert ripetuto == allegato
    assert istanza == prima
    with rifiutata(istanza, "dati_non_validi"):
        istanza.aggiungi_allegato(
            id=allegato.id,
            categoria="parcella",
            nome_file="x",
            tipo="PDF",
            dimensione=1,
            sha256=sha("altro"),
            blob_key="altra",
            ora=DOPO,
        )


@pytest.mark.parametrize("tipo", [None, "JPEG"])
def test_a_type_the_ordine_does_not_accept_is_refused(tipo: TipoFile | None) -> None:
    istanza = bozza()
    regole = RegoleOrdine(tipi_ammessi=("PDF", "PDF firmato"))
    with rifiutata(istanza, "tipo_non_ammesso") as errori:
        istanza.aggiungi_allegato(
            id="a1",
            categoria="atti",
            nome_file="foto.pdf",
            tipo=tipo,
            dimensione=10,
            sha256=sha("x"),
            blob_key="k",
            ora=DOPO,
            regole=regole,
        )
    assert "PDF, PDF firmato" in errori[0].messaggio
    assert "non dal nome" in errori[0].messaggio


def test_a_file_above_the_per_file_limit_is_refused() -> None:
    istanza = bozza()
    aggiungi(istanza, dimensione=16 * MB)  # exactly at the limit: fine
    with rifiutata(istanza, "limite_superato") as errori:
        aggiungi(istanza, dimensione=16 * MB + 1)
    assert isinstance(errori[0], FileTroppoGrandeError)
    assert errori[0].messaggio == "Il file supera il limite di 16 MB per allegato"


def test_the_number_of_attachments_is_limited() -> None:
    istanza = bozza()
    for _ in range(50):
        aggiungi(istanza, dimensione=1)
    with rifiutata(istanza, "limite_superato") as errori:
        aggiungi(istanza, dimensione=1)
    assert isinstance(errori[0], TroppiAllegatiError)
    assert errori[0].messaggio == "Puoi allegare al massimo 50 file per istanza"


def test_the_size_of_a_case_is_limited() -> None:
    istanza = bozza()
    for _ in range(6):
        aggiungi(istanza, dimensione=16 * MB)
    with rifiutata(istanza, "limite_superato") as errori:
        aggiungi(istanza, dimensione=4 * MB + 1)
    assert isinstance(errori[0], SpazioEsauritoError)
    assert isinstance(errori[0], LimiteSuperatoError)
    assert errori[0].limite == "dimensione_pratica"
    assert "100 MB per istanza (già usati 96 MB)" in errori[0].messaggio
    aggiungi(istanza, dimensione=4 * MB)  # exactly up to the limit: fine


def test_an_empty_file_is_refused() -> None:
    istanza = bozza()
    with rifiutata(istanza, "dati_non_validi") as errori:
        aggiungi(istanza, dimensione=0)
    assert errori[0].campi == {"file": "Il file è vuoto"}


def test_attachments_change_only_in_a_draft() -> None:
    istanza = depositata()
    with rifiutata(istanza, "stato_non_valido"):
        aggiungi(istanza)
    with rifiutata(istanza, "stato_non_valido"):
        istanza.rimuovi_allegato(istanza.allegati[0].id, DOPO)


def test_removing_an_attachment_returns_it_and_invalidates_the_document() -> None:
    istanza = pronta()
    primo = istanza.allegati[0]
    assert istanza.rimuovi_allegato(primo.id, DOPO) == primo
    assert primo not in istanza.allegati
    assert istanza.documento is None
    with rifiutata(istanza, "non_trovata") as errori:
        istanza.rimuovi_allegato(primo.id, DOPO)
    assert errori[0].messaggio == "Allegato non trovato"
