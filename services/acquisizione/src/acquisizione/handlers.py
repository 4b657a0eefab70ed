"""Use cases of the secretariat: acquire a case by its code, assign the relatore, add the
client's observations, and the lists and views the clerk works from.

Changes run through the idempotent consumer: one transaction holds the new state, the events
it causes (outbox) and the processed message id, so a redelivered request has no second
effect and gets the first answer again. The acquisition does nothing slow: it checks the code,
takes the number and records it in one transaction, and answers; the notice follows from the
``PreparaAvvio`` command it stages (see :mod:`acquisizione.avvio`).
"""

from collections.abc import Sequence
from typing import Any

from acquisizione.adapters.registro import Registro
from acquisizione.casi import Casi, evento
from acquisizione.domain.assegnazione import scegli_relatore
from acquisizione.domain.comunicazioni import Documento
from acquisizione.domain.elenco import corrisponde
from acquisizione.domain.errori import (
    CodiceAltroOrdineError,
    CodiceNonValidoError,
    LimiteSuperatoError,
    NonTrovataError,
    TipoNonAmmessoError,
)
from acquisizione.domain.ordine import ImpostazioniOrdine
from acquisizione.domain.persone import Utente, verifica_segreteria
from acquisizione.domain.pratica import API, WEB, Osservazione, Pratica
from acquisizione.domain.protocollo import NumeroProtocollo, anno_del_registro, contatore
from acquisizione.domain.sportello import Ricevuti
from acquisizione.domain.tipi_file import TESTA_PDF, e_pdf, nome_pdf
from acquisizione.mapping import in_attesa, utente_da_attore
from parcelle_contracts import acquisizione as contratti
from parcelle_contracts.envelope import Message
from parcelle_kit import codes
from parcelle_kit.blob.filenames import sanitise_filename
from parcelle_kit.blob.transfer import claim, head
from parcelle_kit.consumer import IdempotentConsumer, Outcome
from parcelle_kit.logging import get_logger
from parcelle_kit.store.ports import Transaction

NESSUNA_ISTANZA = "Nessuna istanza depositata con questo codice"
Letto = tuple[dict[str, Any] | None, Pratica | None, ImpostazioniOrdine | None]
"""What an acquisition reads first: the answer already given, or the case and its Ordine's
settings."""
logger = get_logger(__name__)


class Segreteria(Casi):
    """What the clerk does and sees."""

    # --- acquisition ----------------------------------------------------------------------------

    async def acquisisci(self, msg: contratti.AcquisisciPratica) -> dict[str, Any] | None:
        """Acquire the case whose code was scanned, typed or clicked.

        A case acquired already is answered as it is, with ``gia_acquisita``: scanning twice
        never gives a second number. Otherwise one transaction takes the next number of the
        Ordine's register for this year, records the acquisition, assigns the relatore when
        the Ordine's rule says so, and stages the events and the notice.
        """
        utente = utente_da_attore(msg.attore)
        verifica_segreteria(utente)
        codice = self._codice(msg.codice, utente)

        ricevuti = Ricevuti(originale=msg.originale_ricevuto, bollo=msg.bollo_ricevuto)

        async def leggi(tx: Transaction) -> Letto:
            # A redelivery of the request that acquired the case gets that first answer.
            gia_fatta = await IdempotentConsumer.processed(tx, msg)
            if gia_fatta is not None:
                return gia_fatta.get("reply"), None, None
            registro = Registro(tx)
            pratica = await registro.per_codice(codice)
            if pratica is None or pratica.gia_acquisita:
                return None, pratica, None
            return None, pratica, await registro.impostazioni(pratica.ordine)

        risposta, pratica, impostazioni = await self.d.store.run(leggi)
        if risposta is not None:
            return risposta
        if pratica is None:
            raise NonTrovataError(NESSUNA_ISTANZA, {"codice": NESSUNA_ISTANZA})
        if pratica.gia_acquisita:  # the common re-scan: answered without writing anything
            return self.json_vista(pratica, gia_acquisita=True)
        assert impostazioni is not None  # read with every case not yet acquired
        pratica.verifica_acquisibile(utente, ricevuti, impostazioni)
        istanza_id = pratica.istanza_id

        async def work(tx: Transaction) -> Outcome:
            registro = Registro(tx)
            pratica = await registro.prendi(istanza_id)
            if pratica.gia_acquisita:  # a concurrent scan of the same code got there first
                return Outcome(reply=self.json_vista(pratica, gia_acquisita=True))
            impostazioni = await registro.impostazioni(pratica.ordine)
            relatore = None
            if impostazioni.assegnazione_automatica:
                # Read before the number is taken: the counter stays held as briefly as can be.
                carichi = await registro.carichi(pratica.ordine, impostazioni.relatori)
                relatore = scegli_relatore(impostazioni.relatori, carichi)
            # Taken inside the transaction, so the register's times follow its numbers.
            ora = self.d.ora()
            anno = anno_del_registro(ora)
            progressivo = await tx.next_value(contatore(pratica.ordine, anno))
            protocollo = str(NumeroProtocollo(anno, progressivo))
            pratica.acquisisci(
                protocollo=protocollo,
                ora=ora,
                chi=utente,
                dove=msg.stazione or (API if msg.origine == "api" else WEB),
                letto_il=msg.letto_il,
                ricevuti=ricevuti,
                impostazioni=impostazioni,
            )
            await registro.registra_protocollo(pratica)
            eventi: list[Message] = [
                evento(
                    contratti.PraticaAcquisita,
                    msg,
                    pratica,
                    codice=pratica.codice,
                    protocollo=protocollo,
                    acquisita_il=ora,
                    acquisita_da=msg.attore,
                    stazione=msg.stazione,
                )
            ]
            if relatore is not None:
                eventi += await self._assegna(
                    registro, msg, msg.attore, pratica, relatore, ora=ora, da=None
                )
            await registro.salva(pratica)
            return Outcome(events=eventi, reply=self.json_vista(pratica))

        fatto = await self.d.consumer.handle(msg, work)
        if fatto.reply is not None and not fatto.duplicate and not fatto.reply["gia_acquisita"]:
            logger.info("case acquired", istanza=istanza_id, protocollo=fatto.reply["protocollo"])
        return fatto.reply

    def _codice(self, testo: str, utente: Utente) -> str:
        """The canonical code of what was read, if genuine and of the clerk's Ordine."""
        try:
            codice = self.d.verifica_codice(testo)
        except codes.CodiceNonValidoError as errore:
            raise CodiceNonValidoError(
                "controllo" if errore.motivo == "controllo" else "formato"
            ) from None
        ordine = codes.ordine_del_codice(codice)
        if ordine != utente.ordine:
            raise CodiceAltroOrdineError(ordine)
        return codice

    # --- the relatore ---------------------------------------------------------------------------

    async def assegna(self, msg: contratti.AssegnaRelatore) -> dict[str, Any] | None:
        """Assign (or reassign, with a reason) the case to one of the Ordine's councillors."""
        utente = utente_da_attore(msg.attore)
        verifica_segreteria(utente)

        async def cambio(pratica: Pratica, registro: Registro) -> Sequence[Message]:
            pratica.verifica_lettura(utente)
            impostazioni = await registro.impostazioni(pratica.ordine)
            relatore = impostazioni.relatore(msg.relatore)
            return await self._assegna(
                registro,
                msg,
                msg.attore,
                pratica,
                relatore,
                ora=self.d.ora(),
                da=utente,
                motivo=msg.motivo,
            )

        return await self._cambia(msg, msg.istanza_id, cambio)

    # --- the client's observations --------------------------------------------------------------

    async def aggiungi_osservazioni(
        self, msg: contratti.AggiungiOsservazioni
    ) -> dict[str, Any] | None:
        """Add the client's observations: a PDF (by its content) from the transfer area,
        copied into the service's own area, where the relatore reads it."""
        utente = utente_da_attore(msg.attore)
        verifica_segreteria(utente)
        pratica = await self._leggi(msg.istanza_id)
        pratica.verifica_lettura(utente)
        pratica.verifica_osservazioni(utente)
        if msg.file.size > self.d.max_osservazioni:
            mb = self.d.max_osservazioni // (1024 * 1024)
            raise LimiteSuperatoError(f"Il file supera il limite di {mb} MB")
        key = f"osservazioni/{pratica.istanza_id}/{msg.message_id}.pdf"
        if await self.d.blobs.stat(key) is None:  # else copied by an earlier delivery
            if not e_pdf(await head(self.d.transfer, msg.file, TESTA_PDF)):
                raise TipoNonAmmessoError(
                    "Le osservazioni si allegano in PDF: il file caricato non è un PDF"
                )
            await claim(
                self.d.transfer, msg.file, self.d.blobs, key, content_type="application/pdf"
            )
        documento = Documento(
            blob_key=key,
            sha256=msg.file.sha256,
            dimensione=msg.file.size,
            nome_file=nome_pdf(sanitise_filename(msg.nome_file), "osservazioni.pdf"),
        )
        ora = self.d.ora()

        async def cambio(pratica: Pratica, _: Registro) -> Sequence[Message]:
            pratica.verifica_lettura(utente)
            osservazione = Osservazione(
                id=msg.message_id, documento=documento, aggiunte_il=ora, da=utente.username
            )
            pratica.aggiungi_osservazioni(osservazione, utente, WEB)
            return ()

        return await self._cambia(msg, msg.istanza_id, cambio, annulla=key)

    # --- queries --------------------------------------------------------------------------------

    async def elenco_in_attesa(self, msg: contratti.ElencoInAttesa) -> contratti.ElencoAttesa:
        """The Ordine's deposited cases not yet acquired, oldest first, filtered by ``cerca``
        (code or name) and ``firma``; the counts are of the whole pending list."""
        utente = utente_da_attore(msg.attore)
        verifica_segreteria(utente)

        async def leggi(tx: Transaction) -> tuple[list[Pratica], ImpostazioniOrdine]:
            registro = Registro(tx)
            pratiche = await registro.nello_stato(utente.ordine, "depositata")
            return pratiche, await registro.impostazioni(utente.ordine)

        pratiche, impostazioni = await self.d.store.run(leggi)
        autografe = sum(1 for p in pratiche if p.firma == "autografa")
        return contratti.ElencoAttesa(
            righe=[
                in_attesa(p)
                for p in pratiche
                if corrisponde(p, msg.cerca) and msg.firma in (None, p.firma)
            ],
            totale=len(pratiche),
            firmate_digitalmente=len(pratiche) - autografe,
            con_firma_autografa=autografe,
            marca_da_bollo=impostazioni.marca_da_bollo,
        )

    async def dettaglio(self, msg: contratti.DettaglioPratica) -> contratti.Pratica:
        pratica = await self._leggi(msg.istanza_id)
        pratica.verifica_lettura(utente_da_attore(msg.attore))
        return self.vista(pratica)

    async def scadenze(self, msg: contratti.ElencoScadenze) -> list[contratti.Pratica]:
        """The Ordine's acquired cases whose deadline is within ``giorni`` days or past,
        the most urgent first."""
        utente = utente_da_attore(msg.attore)
        verifica_segreteria(utente)
        oggi = self.oggi()
        pratiche = await self.d.store.run(
            lambda tx: Registro(tx).nello_stato(utente.ordine, "acquisita")
        )
        urgenti = [
            (fine, p)
            for p in pratiche
            if (fine := p.scadenza(oggi)) is not None
            and p.stato_termine(oggi, msg.giorni) in ("vicino", "scaduto")
        ]
        urgenti.sort(key=lambda coppia: (coppia[0], coppia[1].depositata_il))
        return [self.vista(p) for _, p in urgenti]
