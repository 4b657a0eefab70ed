"""The notice of start of proceedings (L. 241/1990 artt. 7-8): generated once a case is
acquired and has its relatore, kept with the case, and handed to the delivery services.

Run by the service's own ``PreparaAvvio`` command, after the clerk has had their answer: it
asks ``istanze`` for the client's PEC and address, renders the PDF, keeps it in the service's
blob area, then in one transaction records each delivery on the case as waiting
(``in_attesa``) and stages the commands to ``notifiche`` (PEC, e-mail) and ``postale``
(raccomandata A/R), which carry the notice as a claim check. A redelivery renders nothing
again (the PDF is found under the message's key) and records nothing twice.
"""

from datetime import datetime

from acquisizione.domain.comunicazioni import Comunicazione, Documento, Invio, invii_avvio
from acquisizione.domain.ordine import ImpostazioniOrdine
from acquisizione.domain.pratica import Pratica
from acquisizione.handlers.base import Handler, evento
from acquisizione.handlers.comandi import PreparaAvvio
from acquisizione.views import file_ref, recapiti
from parcelle_contracts.comunicazioni import DatiComunicazione, Destinatario, InviaComunicazione
from parcelle_contracts.envelope import Message
from parcelle_contracts.ids import new_id
from parcelle_contracts.istanze import Istanza
from parcelle_contracts.postale import InviaRaccomandata
from parcelle_kit.blob.writes import put_once
from parcelle_kit.consumer import Outcome
from parcelle_kit.logging import get_logger
from parcelle_kit.store.ports import Transaction

logger = get_logger(__name__)


class Avvio(Handler):
    """The notice, after the acquisition that made it due."""

    async def prepara(self, msg: PreparaAvvio) -> None:
        """Generate the notice of the case and order its delivery (once)."""
        pratica = await self.pratica(msg.istanza_id)
        if pratica.comunicazioni or pratica.stato != "acquisita" or pratica.relatore is None:
            logger.info("notice not due", istanza=pratica.istanza_id, stato=pratica.stato)
            return
        impostazioni = await self.leggi(lambda uow: self.regole(uow, pratica.ordine))
        istanza = await self.d.fascicoli.dettaglio(msg, msg.attore, pratica.istanza_id)
        ora = self.d.ora()
        documento = await self._avviso(msg, pratica, istanza, impostazioni, ora)
        cliente, avvocato = recapiti(istanza)
        invii, problemi = invii_avvio(cliente, avvocato)

        async def work(tx: Transaction) -> Outcome:
            registro = self.d.unit_of_work(tx).registro
            pratica = await registro.prendi(msg.istanza_id)
            if pratica.comunicazioni or pratica.stato != "acquisita":
                return Outcome()  # withdrawn meanwhile: the notice is kept, never sent
            comunicazioni = [
                Comunicazione(
                    id=new_id(),
                    tipo="avvio_procedimento",
                    ruolo=invio.ruolo,
                    destinatario=invio.destinatario(),
                    canale=invio.canale,
                    stato="in_attesa",
                    documento=documento,
                    aggiornata_il=ora,
                )
                for invio in invii
            ]
            pratica.registra_avvio(comunicazioni, problemi, ora)
            await registro.salva(pratica)
            comandi = [
                self._comando(msg, pratica, impostazioni, invio, comunicazione)
                for invio, comunicazione in zip(invii, comunicazioni, strict=True)
            ]
            return Outcome(events=comandi)

        await self.d.consumer.handle(msg, work)

    async def _avviso(
        self,
        msg: PreparaAvvio,
        pratica: Pratica,
        istanza: Istanza,
        impostazioni: ImpostazioniOrdine,
        ora: datetime,
    ) -> Documento:
        """The notice PDF in the service's area, under a key of this message's own."""
        assert pratica.registrazione is not None  # checked by the caller: the case is acquired
        key = f"avvisi/{pratica.istanza_id}/{msg.message_id}.pdf"
        info = await self.d.blobs.stat(key)
        if info is None:
            pdf = await self.d.documenti.avvio(pratica, istanza, impostazioni, generato_il=ora)
            info = await put_once(self.d.blobs, key, pdf, content_type="application/pdf")
        protocollo = pratica.registrazione.protocollo.replace("/", "-")
        return Documento(
            blob_key=key,
            sha256=info.sha256,
            dimensione=info.size,
            nome_file=f"avvio-procedimento-{protocollo}.pdf",
        )

    def _comando(
        self,
        msg: PreparaAvvio,
        pratica: Pratica,
        impostazioni: ImpostazioniOrdine,
        invio: Invio,
        comunicazione: Comunicazione,
    ) -> Message:
        recapito = invio.recapito
        allegato = file_ref(comunicazione.documento, self.d.area)
        if invio.canale == "raccomandata":
            return evento(
                InviaRaccomandata,
                msg,
                pratica,
                comunicazione_id=comunicazione.id,
                destinatario=Destinatario(
                    nome=recapito.nome, indirizzo="\n".join(recapito.indirizzo)
                ),
                documento=allegato,
            )
        return evento(
            InviaComunicazione,
            msg,
            pratica,
            comunicazione_id=comunicazione.id,
            canale=invio.canale,
            destinatario=Destinatario(
                nome=recapito.nome,
                pec=recapito.pec if invio.canale == "pec" else None,
                email=recapito.email if invio.canale == "email" else None,
            ),
            messaggio="avvio_procedimento",
            dati=DatiComunicazione(
                protocollo=pratica.registrazione.protocollo if pratica.registrazione else None,
                avvocato=pratica.avvocato.nome_completo(),
                cliente=recapito.nome if invio.ruolo == "cliente" else None,
                giorni=pratica.registrazione.giorni_osservazioni if pratica.registrazione else None,
            ),
            allegati=[allegato],
        )
