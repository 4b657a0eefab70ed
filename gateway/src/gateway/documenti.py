"""A case's documents through the gateway, for the secretariat's REST API and pages and for
the councillor's pages alike: the notices and the client's observations of a case, to whoever
the owning service lets read the case, and the PDF uploads of the secretariat."""

from fastapi import Response, UploadFile

from gateway.errors import ApiError
from gateway.files import GatewayFiles
from gateway.ports import AcquisizionePort
from parcelle_contracts.common import Attore, BlobRef

PDF_MAGIC = b"%PDF-"
PDF_HEAD = 1024  # a PDF's header may follow up to 1 KB of other bytes


async def ricevi_pdf(files: GatewayFiles, upload: UploadFile) -> BlobRef:
    """A PDF upload into the transfer area; 415 when the content is not a PDF, 422 if empty."""
    testa = await upload.read(PDF_HEAD)
    await upload.seek(0)
    if not testa:
        raise ApiError(422, "dati_non_validi", "Il file è vuoto.", {"file": "Il file è vuoto."})
    if PDF_MAGIC not in testa:
        messaggio = "Il file non è un PDF: allega le osservazioni in formato PDF."
        raise ApiError(415, "tipo_non_ammesso", messaggio, {"file": messaggio})
    return await files.receive(upload)


async def invia_comunicazione(
    acquisizione: AcquisizionePort,
    files: GatewayFiles,
    attore: Attore,
    istanza_id: str,
    comunicazione_id: str,
    *,
    apri: bool = False,
) -> Response:
    """One of the case's notices, to whoever may read the case (the service decides); opened
    in the browser when ``apri``, else downloaded."""
    pratica = await acquisizione.dettaglio(attore, istanza_id)
    for voce in pratica.comunicazioni:
        if voce.id == comunicazione_id:
            return await files.send(voce.documento, inline=apri)
    raise ApiError(404, "non_trovata", "Comunicazione non trovata.")


async def invia_osservazioni(
    acquisizione: AcquisizionePort,
    files: GatewayFiles,
    attore: Attore,
    istanza_id: str,
    numero: int,
    *,
    apri: bool = False,
) -> Response:
    """The ``numero``-th observations file of the case (1 is the first received)."""
    pratica = await acquisizione.dettaglio(attore, istanza_id)
    if not 1 <= numero <= len(pratica.osservazioni):
        raise ApiError(404, "non_trovata", "Osservazioni non trovate.")
    return await files.send(pratica.osservazioni[numero - 1], inline=apri)
