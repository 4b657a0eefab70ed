"""The receipts of the order's deliveries (a PEC's receipts, kept by ``notifiche``; a
raccomandata's acceptance slip and scanned return receipt, kept by ``postale``), for the pages
and the API alike: ``istanze`` says which receipts the case has and that the user may read it;
the service that keeps the file checks again (the owning lawyer is among the readers ``istanze``
named when it sent the order; the secretariat reads its Ordine's)."""

from gateway.errors import ApiError
from gateway.ports import IstanzePort, NotifichePort, PostalePort
from parcelle_contracts.common import Attore, FileRef


async def file_prova(
    istanze: IstanzePort,
    notifiche: NotifichePort,
    postale: PostalePort,
    attore: Attore,
    istanza_id: str,
    prova_id: str,
) -> FileRef:
    """Where the receipt ``prova_id`` of a delivery of the case lies."""
    istanza = await istanze.dettaglio(attore, istanza_id)
    consegne = istanza.seguito.consegne if istanza.seguito else []
    prova = next((p for c in consegne for p in c.prove if p.id == prova_id), None)
    if prova is None or (prova.servizio == "postale" and prova.raccomandata_id is None):
        raise ApiError(404, "non_trovata", "Ricevuta non trovata.")
    if prova.raccomandata_id is not None:
        return await postale.file_ricevuta(attore, prova.raccomandata_id, prova.id)
    return await notifiche.file_ricevuta(attore, prova.id)
