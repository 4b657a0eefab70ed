"""Drafts, attachments, withdrawal and the lawyer's queries: each takes a request and answers
with the case's view (or a list, or a file's claim check).

Changes run through the idempotent consumer: one transaction holds the new state, the events
it causes (outbox) and the processed message id, so a redelivered request has no second
effect and gets the first answer again. Work that cannot sit inside a transaction (reading a
file) happens before it, and the aggregate's own rules are checked again inside it, where they
are authoritative.
"""

import copy
from collections.abc import Sequence

from istanze import views
from istanze.domain.allegati import mb
from istanze.domain.errori import FileTroppoGrandeError, NonAutorizzataError
from istanze.domain.istanza import Istanza
from istanze.domain.regole import RegoleOrdine
from istanze.domain.tipi_file import CONTENT_TYPE, riconosci
from istanze.handlers.base import Handler, rifiuta_campi_errati, stato_cambiato
from parcelle_contracts import istanze as contratti
from parcelle_contracts.common import FileRef, Pagina
from parcelle_contracts.envelope import Message
from parcelle_kit.consumer import Outcome
from parcelle_kit.store.ports import Transaction


class Istanze(Handler):
    """Drafts, attachments, withdrawal and the lawyer's queries."""

    # --- queries ---

    async def elenco(self, msg: contratti.ElencoIstanze) -> Pagina[contratti.IstanzaSintesi]:
        """A page of the asking lawyer's cases; for the Ordine's staff, its cases in the state
        asked (never drafts: they are the lawyer's alone)."""
        attore, filtro = msg.attore, views.filtro_elenco(msg)
        if attore.ruolo != "avvocato":
            stato = filtro.stato
            if stato is None or stato == "bozza":
                return Pagina[contratti.IstanzaSintesi](items=[])
            pagina = await self.d.store.run(
                lambda tx: self.d.istanze(tx).elenco_dell_ordine(
                    attore.ordine, stato, filtro, msg.limit, msg.cursor
                )
            )
        else:
            pagina = await self.d.store.run(
                lambda tx: self.d.istanze(tx).elenco_dell_avvocato(
                    attore.ordine, attore.username, filtro, msg.limit, msg.cursor
                )
            )
        return Pagina[contratti.IstanzaSintesi](
            items=[views.sintesi(riga) for riga in pagina.righe], next=pagina.next
        )

    async def dettaglio(self, msg: contratti.DettaglioIstanza) -> contratti.Istanza:
        """The case as the asking user may see it."""
        utente = views.utente(msg.attore)
        istanza, regole = await self._leggi(msg, msg.istanza_id)
        istanza.verifica_lettura(utente)
        return views.vista(istanza, regole, utente)

    async def file(self, msg: contratti.FileIstanza) -> FileRef:
        """Where one of the case's files lies."""
        istanza, _ = await self._leggi(msg, msg.istanza_id)
        istanza.verifica_lettura(views.utente(msg.attore))
        return views.file_di(istanza, self.d.area, msg.quale, msg.allegato_id)

    # --- the draft ---

    async def crea_bozza(self, msg: contratti.CreaBozza) -> contratti.Istanza:
        """A new draft of the asking lawyer's, with its application code."""
        if msg.attore.ruolo != "avvocato":
            raise NonAutorizzataError("Solo un avvocato può presentare un'istanza")
        utente = views.utente(msg.attore)
        ora = self.d.ora()
        contenuto = views.contenuto(msg.contenuto)
        ordine = msg.attore.ordine
        fuori = views.regole(await self._impostazioni(msg, ordine))

        async def work(tx: Transaction) -> Outcome:
            istanze = self.d.istanze(tx)
            copia = await self.d.impostazioni(tx).leggi(ordine)
            regole = views.regole(copia) if copia is not None else fuori
            istanza = await istanze.trova(msg.istanza_id)
            if istanza is None:
                istanza = Istanza.crea(
                    id=msg.istanza_id,
                    codice=self.d.codici(ordine, ora.year),
                    ordine=ordine,
                    avvocato=views.avvocato(msg.attore),
                    ora=ora,
                    contenuto=contenuto,
                    autore=utente,
                )
                rifiuta_campi_errati(istanza)
                await istanze.aggiungi(istanza)
            else:  # the same request, sent again
                istanza.verifica_lettura(utente)
            return Outcome(reply=views.vista(istanza, regole, utente).model_dump(mode="json"))

        processed = await self.d.consumer.handle(msg, work)
        return contratti.Istanza.model_validate(processed.reply)

    async def aggiorna_bozza(self, msg: contratti.AggiornaBozza) -> contratti.Istanza:
        """Replace parts of a draft's content. Wrong values are saved as written (nothing
        typed is lost) and the reply names every one of them in ``errori``."""
        utente = views.utente(msg.attore)
        contenuto = views.contenuto(msg.contenuto)
        non_letti = views.non_letti(msg.non_letti)
        ora = self.d.ora()

        def cambia(istanza: Istanza, _: RegoleOrdine) -> Sequence[Message]:
            istanza.verifica_titolare(utente)
            istanza.aggiorna(msg.parti, contenuto, ora, non_letti)
            return ()

        return await self._cambia(msg, utente, msg.istanza_id, cambia)

    async def aggiungi_allegato(self, msg: contratti.AggiungiAllegato) -> contratti.Istanza:
        """Attach a file the gateway left in the transfer area (its type sniffed here)."""
        gia = await self._risposta_data(msg)
        if gia is not None:
            return gia
        utente = views.utente(msg.attore)
        istanza, regole = await self._leggi(msg, msg.istanza_id)
        istanza.verifica_titolare(utente)
        if msg.file.size > regole.max_dimensione_file:
            raise FileTroppoGrandeError(
                f"Il file supera il limite di {mb(regole.max_dimensione_file)} MB per allegato"
            )
        # The whole file, checked against its SHA-256: a signature sits at a PDF's end.
        data = await self.d.transfer.get(msg.file.key)
        tipo = riconosci(data)
        if tipo in ("PDF", "PDF firmato"):
            await self.d.controllo_pdf(data)  # unreadable or active content: refused, named
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
        return await self._cambia(msg, utente, msg.istanza_id, aggiungi, annulla=key)

    async def rimuovi_allegato(self, msg: contratti.RimuoviAllegato) -> contratti.Istanza:
        """Remove an attachment from a draft, and its file."""
        utente = views.utente(msg.attore)
        rimossi: list[str] = []

        def rimuovi(istanza: Istanza, _: RegoleOrdine) -> Sequence[Message]:
            rimossi.clear()  # a transaction may run more than once
            istanza.verifica_titolare(utente)
            rimossi.append(istanza.rimuovi_allegato(msg.allegato_id, self.d.ora()).blob_key)
            return ()

        vista = await self._cambia(msg, utente, msg.istanza_id, rimuovi)
        for key in rimossi:
            await self.d.blobs.delete(key)
        return vista

    async def rinuncia(self, msg: contratti.RinunciaIstanza) -> contratti.Istanza:
        """The owning lawyer withdraws a deposited application."""
        utente = views.utente(msg.attore)
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
                    rinunciata_da=msg.attore,
                ),
                stato_cambiato(msg, istanza, precedente),
            )

        return await self._cambia(msg, utente, msg.istanza_id, rinuncia)
