"""Use cases of the secretariat: acquire a case by its code, assign the relatore, add the
client's observations, and the lists and views the clerk works from.

Changes run through the idempotent consumer: one transaction holds the new state, the events
it causes (outbox) and the processed message id, so a redelivered request has no second
effect and gets the first answer again. The acquisition does nothing slow: it checks the code,
takes the number and records it in one transaction, and answers; the notice follows from the
``PreparaAvvio`` command it stages (see :mod:`acquisizione.handlers.avvio`).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from acquisizione.domain.assegnazione import Relatore, scegli_relatore
from acquisizione.domain.comunicazioni import Documento
from acquisizione.domain.elenco import ricerca
from acquisizione.domain.errori import (
    CodiceAltroOrdineError,
    CodiceNonValidoError,
    LimiteSuperatoError,
    NonTrovataError,
    TipoNonAmmessoError,
)
from acquisizione.domain.ordine import ImpostazioniOrdine
from acquisizione.domain.persone import Utente, verifica_segreteria
from acquisizione.domain.pratica import Osservazione, Pratica
from acquisizione.domain.protocollo import NumeroProtocollo, anno_del_registro, contatore
from acquisizione.domain.sportello import Ricevuti
from acquisizione.domain.tipi_file import TESTA_PDF, e_pdf, nome_pdf
from acquisizione.handlers.base import Handler, evento
from acquisizione.ports import FiltroAttesa, UnitOfWork
from acquisizione.views import in_attesa, utente
from parcelle_contracts import acquisizione as contratti
from parcelle_contracts.common import Pagina
from parcelle_contracts.envelope import Message
from parcelle_kit import codes
from parcelle_kit.blob.filenames import sanitise_filename
from parcelle_kit.blob.transfer import claim, head
from parcelle_kit.consumer import IdempotentConsumer, Outcome
from parcelle_kit.logging import get_logger
from parcelle_kit.store.ports import Transaction

NESSUNA_ISTANZA = "Nessuna istanza depositata con questo codice"
logger = get_logger(__name__)


@dataclass(frozen=True)
class Letto:
    """What an acquisition reads first: the answer already given to this very request, or
    the case and (when it is still to be acquired) its Ordine's settings."""

    risposta: dict[str, Any] | None = None
    pratica: Pratica | None = None
    impostazioni: ImpostazioniOrdine | None = None


class Segreteria(Handler):
    """What the clerk does and sees."""

    # --- acquisition ----------------------------------------------------------------------------

    async def acquisisci(self, msg: contratti.AcquisisciPratica) -> contratti.Pratica:
        """Acquire the case whose code was scanned, typed or clicked.

        A case acquired already is answered as it is, with ``gia_acquisita``: scanning twice
        never gives a second number. Otherwise one transaction takes the next number of the
        Ordine's register for this year, records the acquisition, assigns the relatore when
        the Ordine's rule says so, and stages the events and the notice.
        """
        chi = utente(msg.attore)
        verifica_segreteria(chi)
        codice = self._codice(msg.codice, chi)
        ricevuti = Ricevuti(originale=msg.originale_ricevuto, bollo=msg.bollo_ricevuto)
        letto = await self.d.store.run(lambda tx: self._prima_lettura(tx, msg, codice))
        if letto.risposta is not None:
            return contratti.Pratica.model_validate(letto.risposta)
        pratica = letto.pratica
        if pratica is None:
            raise NonTrovataError(NESSUNA_ISTANZA, {"codice": NESSUNA_ISTANZA})
        if pratica.gia_acquisita:  # the common re-scan: answered without writing anything
            return self.vista(pratica, gia_acquisita=True)
        assert letto.impostazioni is not None  # read with every case not yet acquired
        # Refused here, before the transaction holds the register's counter.
        pratica.verifica_acquisibile(chi, ricevuti, letto.impostazioni)
        istanza_id = pratica.istanza_id

        async def work(tx: Transaction) -> Outcome:
            return await self._registra(self.d.unit_of_work(tx), msg, chi, ricevuti, istanza_id)

        fatto = await self.d.consumer.handle(msg, work)
        risposta = contratti.Pratica.model_validate(fatto.reply)
        if not fatto.duplicate and not risposta.gia_acquisita:
            logger.info("case acquired", istanza=istanza_id, protocollo=risposta.protocollo)
        return risposta

    async def _prima_lettura(
        self, tx: Transaction, msg: contratti.AcquisisciPratica, codice: str
    ) -> Letto:
        # A redelivery of the request that acquired the case gets that first answer.
        gia_fatta = await IdempotentConsumer.processed(tx, msg)
        if gia_fatta is not None:
            return Letto(risposta=gia_fatta.get("reply"))
        uow = self.d.unit_of_work(tx)
        pratica = await uow.registro.per_codice(codice)
        if pratica is None or pratica.gia_acquisita:
            return Letto(pratica=pratica)
        return Letto(pratica=pratica, impostazioni=await self.regole(uow, pratica.ordine))

    async def _registra(
        self,
        uow: UnitOfWork,
        msg: contratti.AcquisisciPratica,
        chi: Utente,
        ricevuti: Ricevuti,
        istanza_id: str,
    ) -> Outcome:
        """The acquisition's transaction: the number, the registration, the relatore by the
        rule, the events."""
        pratica = await uow.registro.prendi(istanza_id)
        if pratica.gia_acquisita:  # a concurrent scan of the same code got there first
            risposta = self.vista(pratica, gia_acquisita=True)
            return Outcome(reply=risposta.model_dump(mode="json"))
        impostazioni = await self.regole(uow, pratica.ordine)
        # Chosen before the number is taken: the counter stays held as briefly as can be.
        relatore = await self._relatore_automatico(uow, pratica.ordine, impostazioni)
        # Taken inside the transaction, so the register's times follow its numbers.
        ora = self.d.ora()
        anno = anno_del_registro(ora)
        progressivo = await uow.registro.prossimo_numero(contatore(pratica.ordine, anno))
        protocollo = str(NumeroProtocollo(anno, progressivo))
        pratica.acquisisci(
            protocollo=protocollo,
            ora=ora,
            chi=chi,
            letto_il=msg.letto_il,
            ricevuti=ricevuti,
            impostazioni=impostazioni,
        )
        await uow.registro.registra_protocollo(pratica)
        eventi: list[Message] = [
            evento(
                contratti.PraticaAcquisita,
                msg,
                pratica,
                codice=pratica.codice,
                protocollo=protocollo,
                acquisita_il=ora,
                acquisita_da=msg.attore,
            )
        ]
        if relatore is not None:
            eventi += await self.assegna_relatore(
                uow, msg, msg.attore, pratica, relatore, ora=ora, da=None
            )
        await uow.registro.salva(pratica)
        return Outcome(events=eventi, reply=self.vista(pratica).model_dump(mode="json"))

    @staticmethod
    async def _relatore_automatico(
        uow: UnitOfWork, ordine: str, impostazioni: ImpostazioniOrdine
    ) -> Relatore | None:
        """The councillor the Ordine's rule gives the case to; None where it assigns by hand."""
        if not impostazioni.assegnazione_automatica:
            return None
        carichi = await uow.registro.carichi(ordine, impostazioni.relatori)
        return scegli_relatore(impostazioni.relatori, carichi)

    def _codice(self, testo: str, chi: Utente) -> str:
        """The canonical code of what was read, if genuine and of the clerk's Ordine."""
        try:
            codice = self.d.verifica_codice(testo)
        except codes.CodiceNonValidoError as errore:
            raise CodiceNonValidoError(
                "controllo" if errore.motivo == "controllo" else "formato"
            ) from None
        ordine = codes.ordine_del_codice(codice)
        if ordine != chi.ordine:
            raise CodiceAltroOrdineError(ordine)
        return codice

    # --- the relatore ---------------------------------------------------------------------------

    async def assegna(self, msg: contratti.AssegnaRelatore) -> contratti.Pratica:
        """Assign (or reassign, with a reason) the case to one of the Ordine's councillors."""
        chi = utente(msg.attore)
        verifica_segreteria(chi)

        async def cambio(pratica: Pratica, uow: UnitOfWork) -> Sequence[Message]:
            pratica.verifica_lettura(chi)
            relatore = (await self.regole(uow, pratica.ordine)).relatore(msg.relatore)
            return await self.assegna_relatore(
                uow,
                msg,
                msg.attore,
                pratica,
                relatore,
                ora=self.d.ora(),
                da=chi,
                motivo=msg.motivo,
            )

        return await self.cambia(msg, msg.istanza_id, cambio)

    # --- the client's observations --------------------------------------------------------------

    async def aggiungi_osservazioni(self, msg: contratti.AggiungiOsservazioni) -> contratti.Pratica:
        """Add the client's observations: a PDF (by its content) from the transfer area,
        copied into the service's own area, where the relatore reads it."""
        chi = utente(msg.attore)
        verifica_segreteria(chi)
        pratica = await self.pratica(msg.istanza_id)
        pratica.verifica_lettura(chi)
        pratica.verifica_osservazioni(chi)
        if msg.file.size > self.d.max_osservazioni:
            mb = self.d.max_osservazioni // (1024 * 1024)
            raise LimiteSuperatoError(f"Il file supera il limite di {mb} MB")
        key = f"osservazioni/{pratica.istanza_id}/{msg.message_id}.pdf"
        if await self.d.blobs.stat(key) is None:  # else copied by an earlier delivery
            if not e_pdf(await head(self.d.transfer, msg.file, TESTA_PDF)):
                raise TipoNonAmmessoError(
                    "Le osservazioni si allegano in PDF: il file caricato non è un PDF"
                )
            # Opened whole by a real parser: active content is refused, naming what it is.
            await self.d.controllo_pdf(await self.d.transfer.get(msg.file.key))
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

        async def cambio(pratica: Pratica, _: UnitOfWork) -> Sequence[Message]:
            pratica.verifica_lettura(chi)
            osservazione = Osservazione(
                id=msg.message_id, documento=documento, aggiunte_il=ora, da=chi.username
            )
            pratica.aggiungi_osservazioni(osservazione, chi)
            return [evento(contratti.OsservazioniAggiunte, msg, pratica, aggiunte_il=ora)]

        return await self.cambia(msg, msg.istanza_id, cambio, annulla=key)

    # --- queries --------------------------------------------------------------------------------

    async def elenco_in_attesa(
        self, msg: contratti.ElencoInAttesa
    ) -> Pagina[contratti.PraticaInAttesa]:
        """A page of the Ordine's deposited cases not yet acquired, the oldest first, narrowed
        by ``cerca`` (the start of a code or of the lawyer's family name) and ``firma``."""
        chi = utente(msg.attore)
        verifica_segreteria(chi)
        filtro = FiltroAttesa(ricerca=ricerca(msg.cerca), firma=msg.firma)
        pagina = await self.leggi(
            lambda uow: uow.registro.in_attesa(chi.ordine, filtro, msg.limit, msg.cursor)
        )
        return Pagina[contratti.PraticaInAttesa](
            items=[in_attesa(riga) for riga in pagina.righe], next=pagina.next
        )

    async def riepilogo_in_attesa(
        self, msg: contratti.RiepilogoInAttesa
    ) -> contratti.RiepilogoAttesa:
        """How many cases wait, by kind of signature, and whether a hand-signed one needs the
        stamp duty."""
        chi = utente(msg.attore)
        verifica_segreteria(chi)

        async def lettura(uow: UnitOfWork) -> tuple[tuple[int, int], ImpostazioniOrdine]:
            return await uow.registro.conta_in_attesa(chi.ordine), await self.regole(
                uow, chi.ordine
            )

        (totale, autografe), impostazioni = await self.leggi(lettura)
        return contratti.RiepilogoAttesa(
            totale=totale,
            firmate_digitalmente=totale - autografe,
            con_firma_autografa=autografe,
            marca_da_bollo=impostazioni.marca_da_bollo,
        )

    async def dettaglio(self, msg: contratti.DettaglioPratica) -> contratti.Pratica:
        """The case, to the Ordine's secretariat or its current relatore."""
        pratica = await self.pratica(msg.istanza_id)
        pratica.verifica_lettura(utente(msg.attore))
        return self.vista(pratica)

    async def scadenze(self, msg: contratti.ElencoScadenze) -> Pagina[contratti.Pratica]:
        """A page of the Ordine's acquired cases whose running term ends within ``giorni``
        days or has ended, the most urgent first."""
        chi = utente(msg.attore)
        verifica_segreteria(chi)
        entro = self.oggi() + timedelta(days=msg.giorni)
        pagina = await self.leggi(
            lambda uow: uow.registro.per_scadenza(
                chi.ordine, entro, None, ricerca(msg.cerca), msg.limit, msg.cursor
            )
        )
        return Pagina[contratti.Pratica](
            items=[self.vista(p) for p in pagina.righe], next=pagina.next
        )
