"""An in-memory :class:`gateway.ports.NotifichePort`, standing in for the client of
``notifiche`` in the page and API tests: it reads a pushed receipt from the transfer area (as
the service does) and answers as the service is specified to: a receipt it was told to refuse
is refused with that code (:meth:`rifiuta`), the same bytes twice are a duplicate; a kept
receipt's file is for the secretariat of its Ordine (to anyone else it does not exist). It
lists the undelivered messages a test gives it, only to the secretariat of their Ordine, and
can be told not to answer."""

from dataclasses import dataclass, field
from typing import ClassVar

from gateway.bus import ServiceUnavailableError
from gateway.files import GatewayFiles
from parcelle_contracts.common import LIMITE_PAGINA, Attore, BlobRef, FileRef, Pagina
from parcelle_contracts.comunicazioni import InvioNonRecapitato, RicevutaPecAccolta
from parcelle_contracts.ids import new_id
from parcelle_kit.blob.writes import one_chunk

from .finto import Registro, errore

GESTORE = Attore(username="gestore-pec", ruolo="segreteria", ordine="DEMO", tramite="api")
"""Who the record names for a provider's push (it is no user: the key says the Ordine)."""


@dataclass
class FakeNotifiche(Registro):
    servizio: ClassVar[str] = "notifiche"
    files: GatewayFiles | None = None
    ricevute: dict[bytes, tuple[str, RicevutaPecAccolta, FileRef]] = field(default_factory=dict)
    non_recapitati: dict[str, list[InvioNonRecapitato]] = field(default_factory=dict)
    """Ordine -> its undelivered messages, the newest first."""
    muto: bool = False

    async def registra_ricevuta(self, ordine: str, ricevuta: BlobRef) -> RicevutaPecAccolta:
        assert self.files is not None
        grezza = await self.files.transfer.get(ricevuta.key)
        await self.files.transfer.delete(ricevuta.key)
        self._entra(
            "registra_ricevuta", GESTORE.model_copy(update={"ordine": ordine}), ricevuta=ricevuta
        )
        if grezza in self.ricevute:
            gia = self.ricevute[grezza][1]
            return gia.model_copy(update={"duplicata": True})
        key = f"notifiche-finte/{new_id()}"
        info = await self.files.transfer.put(key, one_chunk(grezza), max_size=len(grezza))
        accolta = RicevutaPecAccolta(
            ricevuta_id=new_id(),
            tipo="accettazione",
            istanza_id="istanza-1",
            comunicazione_id="comunicazione-1",
            duplicata=False,
        )
        file = FileRef(
            blob=BlobRef(area="transfer", key=key, sha256=info.sha256, size=info.size),
            nome_file=f"ricevuta-pec-accettazione-{accolta.ricevuta_id}.eml",
            content_type="message/rfc822",
        )
        self.ricevute[grezza] = (ordine, accolta, file)
        return accolta

    async def file_ricevuta(self, attore: Attore, ricevuta_id: str) -> FileRef:
        self._entra("file_ricevuta", attore, ricevuta_id=ricevuta_id)
        for ordine, accolta, file in self.ricevute.values():
            mia = ordine == attore.ordine and attore.ruolo == "segreteria"
            if accolta.ricevuta_id == ricevuta_id and mia:
                return file
        raise errore("non_trovata", "La ricevuta non esiste.")

    async def non_recapitate(
        self, attore: Attore, *, limit: int = LIMITE_PAGINA, cursor: str | None = None
    ) -> Pagina[InvioNonRecapitato]:
        if self.muto:
            raise ServiceUnavailableError("notifiche", "no answer")
        if attore.ruolo != "segreteria":
            raise errore("non_autorizzata", "Non consentito.")
        voci = self.non_recapitati.get(attore.ordine, [])
        inizio = int(cursor or 0)
        pezzo = voci[inizio : inizio + limit]
        seguente = str(inizio + limit) if inizio + limit < len(voci) else None
        return Pagina(items=pezzo, next=seguente)
