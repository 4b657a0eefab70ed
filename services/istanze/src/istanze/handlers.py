"""Use cases of `istanze`: each takes a request and answers with the case's view.

Changes run through the idempotent consumer: one transaction holds the new state, the events
it causes (outbox) and the processed message id, so a redelivered request has no second
effect and gets the first answer again. Work that cannot sit inside a transaction (reading a
file, rendering a PDF, asking ``firma``) happens before it, and the aggregate's own rules are
checked again inside it, where they are authoritative.
"""

import copy
from collections.abc import Sequence
from typing import Any

from istanze.adapters.archivio import Archivio
from istanze.casi import (
    Casi,
    json_vista,
    rifiuta_campi_errati,
    stato_cambiato,
)
from istanze.domain.allegati import mb
from istanze.domain.errori import (
    FileTroppoGrandeError,
    NonAutorizzataError,
)
from istanze.domain.istanza import Istanza
from istanze.domain.regole import RegoleOrdine
from istanze.domain.tipi_file import CONTENT_TYPE, riconosci
from istanze.mapping import (
    avvocato_da_attore,
    contenuto_dal_messaggio,
    sintesi,
    utente_da_attore,
    vista,
)
from istanze.riferimenti import file_di
from parcelle_contracts import istanze as contratti
from parcelle_contracts.common import FileRef
from parcelle_contracts.envelope import Message
from parcelle_kit.consumer import Outcome
from parcelle_kit.store.ports import Transaction


class Istanze(Casi):
    """Drafts, attachments, withdrawal and the lawyer's queries."""

    # --- queries ---

    async def elenco(self, msg: contratti.ElencoIstanze) -> list[contratti.IstanzaSintesi]:
        if msg.attore.ruolo != "avvocato":
            return []

        async def leggi(tx: Transaction) -> list[Istanza]:
            return await Archivio(tx).dell_avvocato(msg.attore.ordine, msg.attore.username)

        istanze = await self.d.store.run(leggi)
        return [sintesi(i) for i in istanze if msg.stato is None or i.stato == msg.stato]

    async def dettaglio(self, msg: contratti.DettaglioIstanza) -> contratti.Istanza:
        istanza, regole = await self._leggi(msg.istanza_id)
        istanza.verifica_lettura(utente_da_attore(msg.attore))
        return vista(istanza, regole)

    async def file(self, msg: contratti.FileIstanza) -> FileRef:
        istanza, _ = await self._leggi(msg.istanza_id)
        istanza.verifica_lettura(utente_da_attore(msg.attore))
        return file_di(istanza, self.d.area, msg.quale, msg.allegato_id)

    # --- the draft ---

    async def crea_bozza(self, msg: contratti.CreaBozza) -> dict[str, Any] | None:
        if msg.attore.ruolo != "avvocato":
            raise NonAutorizzataError("Solo un avvocato può presentare un'istanza")
        ora = self.d.ora()
        contenuto = contenuto_dal_messaggio(msg.contenuto)

        async def work(tx: Transaction) -> Outcome:
            archivio = Archivio(tx)
            regole = await archivio.regole(msg.attore.ordine)
            istanza = await archivio.trova(msg.istanza_id)
            if istanza is not None:  # the same request, sent again
                istanza.verifica_lettura(utente_da_attore(msg.attore))
                return Outcome(reply=json_vista(vista(istanza, regole)))
            istanza = Istanza.crea(
                id=msg.istanza_id,
                codice=self.d.codici(msg.attore.ordine, ora.year),
                ordine=msg.attore.ordine,
                avvocato=avvocato_da_attore(msg.attore),
                ora=ora,
                contenuto=contenuto,
            )
            rifiuta_campi_errati(istanza)
            await archivio.aggiungi(istanza)
            return Outcome(reply=json_vista(vista(istanza, regole)))

        return (await self.d.consumer.handle(msg, work)).reply

    async def aggiorna_bozza(self, msg: contratti.AggiornaBozza) -> dict[str, Any] | None:
        utente = utente_da_attore(msg.attore)
        contenuto = contenuto_dal_messaggio(msg.contenuto)
        ora = self.d.ora()

        def cambia(istanza: Istanza, _: RegoleOrdine) -> Sequence[Message]:
            istanza.verifica_titolare(utente)
            istanza.aggiorna(msg.parti, contenuto, ora)
            rifiuta_campi_errati(istanza)
            return ()

        return await self._cambia(msg, msg.istanza_id, cambia)

    async def aggiungi_allegato(self, msg: contratti.AggiungiAllegato) -> dict[str, Any] | None:
        utente = utente_da_attore(msg.attore)
        istanza, regole = await self._leggi(msg.istanza_id)
        istanza.verifica_titolare(utente)
        if msg.file.size > regole.max_dimensione_file:
            raise FileTroppoGrandeError(
                f"Il file supera il limite di {mb(regole.max_dimensione_file)} MB per allegato"
            )
        # The whole file, checked against its SHA-256: a signature sits at a PDF's end.
        tipo = riconosci(await self.d.transfer.get(msg.file.key))
        key = f"allegati/{istanza.id}/{msg.message_id}"
        ora = self.d.ora()

        def aggiungi(istanza: Istanza, regole: RegoleOrdine) -> Sequence[Message]:
            istanza.aggiungi_allegato(
                id=msg.message_id,
                categoria=msg.categoria,
                nome_file=msg.nome_file,
                tipo=tipo,
                dimensione=msg.file.size,
                sha256=msg.file.sha256,
                blob_key=key,
                ora=ora,
                regole=regole,
            )
            return ()

        aggiungi(copy.deepcopy(istanza), regole)  # refuse before copying anything
        assert tipo is not None  # the aggregate refused unknown types
        await self._prendi(msg.file, key, CONTENT_TYPE[tipo])
        return await self._cambia(msg, msg.istanza_id, aggiungi, annulla=key)

    async def rimuovi_allegato(self, msg: contratti.RimuoviAllegato) -> dict[str, Any] | None:
        utente = utente_da_attore(msg.attore)
        rimossi: list[str] = []

        def rimuovi(istanza: Istanza, _: RegoleOrdine) -> Sequence[Message]:
            istanza.verifica_titolare(utente)
            rimossi.append(istanza.rimuovi_allegato(msg.allegato_id, self.d.ora()).blob_key)
            return ()

        reply = await self._cambia(msg, msg.istanza_id, rimuovi)
        for key in rimossi:
            await self.d.blobs.delete(key)
        return reply

    async def rinuncia(self, msg: contratti.RinunciaIstanza) -> dict[str, Any] | None:
        utente = utente_da_attore(msg.attore)
        ora = self.d.ora()

        def rinuncia(istanza: Istanza, _: RegoleOrdine) -> Sequence[Message]:
            precedente = istanza.stato
            istanza.rinuncia(msg.motivo, ora, utente)
            return (
                contratti.IstanzaRinunciata.caused_by(
                    msg,
                    istanza_id=istanza.id,
                    codice=istanza.codice,
                    motivo=msg.motivo,
                    rinunciata_il=ora,
                ),
                stato_cambiato(msg, istanza, precedente),
            )

        return await self._cambia(msg, msg.istanza_id, rinuncia)
