"""The client's observations: a PDF by its content, copied from the transfer area into the
service's own, once; anything else refused and nothing kept."""

import io
from collections.abc import AsyncIterator

import pikepdf
import pytest

from acquisizione.domain.errori import DomainError
from parcelle_contracts.acquisizione import AggiungiOsservazioni
from parcelle_contracts.common import BlobRef
from parcelle_kit.pdf.inspection import PdfRefusedError
from parcelle_testing.avvocato import small_pdf

from ..conftest import Servizio
from ..finti import SEGRETERIA, ref

PDF = small_pdf("Le osservazioni del cliente")


async def trasferito(servizio: Servizio, data: bytes, key: str = "upload/1") -> BlobRef:
    async def uno() -> AsyncIterator[bytes]:
        yield data

    await servizio.transfer.put(key, uno(), max_size=len(data))
    return ref(data, key)


def aggiungi(istanza_id: str, file: BlobRef, nome: str = "memoria.pdf") -> AggiungiOsservazioni:
    return AggiungiOsservazioni(
        correlation_id="c",
        ordine="DEMO",
        attore=SEGRETERIA,
        istanza_id=istanza_id,
        file=file,
        nome_file=nome,
    )


async def acquisita(servizio: Servizio) -> str:
    (codice,) = await servizio.deposita()
    istanza_id: str = (await servizio.acquisisci(codice))["istanza_id"]
    return istanza_id


async def test_a_pdf_is_kept_with_the_case(servizio: Servizio) -> None:
    istanza_id = await acquisita(servizio)
    file = await trasferito(servizio, PDF)
    messaggio = aggiungi(istanza_id, file, "../Memoria del sig. Rossi")
    risposta = (await servizio.segreteria.aggiungi_osservazioni(messaggio)).model_dump(mode="json")
    (osservazione,) = risposta["osservazioni"]
    assert osservazione["nome_file"] == "Memoria del sig. Rossi.pdf"
    assert osservazione["blob"]["area"] == "acquisizione"
    assert osservazione["blob"]["sha256"] == file.sha256
    assert await servizio.blobs.get(osservazione["blob"]["key"]) == PDF
    assert await servizio.transfer.stat(file.key) is None  # taken out of the transfer area
    assert risposta["cronologia"][-1]["descrizione"] == (
        "Osservazioni del cliente aggiunte: Memoria del sig. Rossi.pdf"
    )
    # Redelivered: the same answer, one file.
    di_nuovo = await servizio.segreteria.aggiungi_osservazioni(messaggio)
    assert di_nuovo.model_dump(mode="json") == risposta
    # revisione hears it once: a decision waiting for the observations need wait no longer.
    annunci = [
        m for m in await servizio.uscita() if m["routing_key"].endswith("osservazioni_aggiunte")
    ]
    assert [m["istanza_id"] for m in annunci] == [istanza_id]


async def test_a_file_that_is_not_a_pdf_is_refused_whatever_its_name(servizio: Servizio) -> None:
    istanza_id = await acquisita(servizio)
    file = await trasferito(servizio, b"PK\x03\x04 a zip archive")
    messaggio = aggiungi(istanza_id, file)
    with pytest.raises(DomainError) as errore:
        await servizio.segreteria.aggiungi_osservazioni(messaggio)
    assert errore.value.codice == "tipo_non_ammesso"
    key = f"osservazioni/{istanza_id}/{messaggio.message_id}.pdf"
    assert await servizio.blobs.stat(key) is None


async def test_a_file_too_large_is_refused(servizio: Servizio) -> None:
    istanza_id = await acquisita(servizio)
    grande = PDF + b"0" * servizio.d.max_osservazioni
    file = await trasferito(servizio, grande)
    with pytest.raises(DomainError) as errore:
        await servizio.segreteria.aggiungi_osservazioni(aggiungi(istanza_id, file))
    assert errore.value.codice == "limite_superato"


async def test_only_to_an_acquired_case(servizio: Servizio) -> None:
    await servizio.deposita()
    (pratica,) = await servizio.store.run(lambda tx: tx.find("pratiche"))
    file = await trasferito(servizio, PDF)
    with pytest.raises(DomainError) as errore:
        await servizio.segreteria.aggiungi_osservazioni(aggiungi(pratica["_id"], file))
    assert errore.value.codice == "stato_non_valido"
    assert await servizio.transfer.stat(file.key) is not None  # nothing was taken


async def test_a_pdf_with_active_content_is_refused_and_nothing_is_kept(
    servizio: Servizio,
) -> None:
    istanza_id = await acquisita(servizio)
    documento = pikepdf.open(io.BytesIO(small_pdf("Osservazioni")))
    documento.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert(1)")
    attiva = io.BytesIO()
    documento.save(attiva)
    file = await trasferito(servizio, attiva.getvalue())
    messaggio = aggiungi(istanza_id, file)
    with pytest.raises(PdfRefusedError) as rifiuto:
        await servizio.segreteria.aggiungi_osservazioni(messaggio)
    assert "codice JavaScript" in rifiuto.value.messaggio
    chiave = f"osservazioni/{istanza_id}/{messaggio.message_id}.pdf"
    assert await servizio.blobs.stat(chiave) is None
