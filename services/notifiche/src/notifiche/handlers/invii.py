"""Sending one message: the command names the message and carries its data; the mail is
written from the templates, signed for the Ordine, and handed to the server of its channel.

Once per command: the delivery record is written first (``in_attesa``, with the Message-ID
derived from the command's id), the mail is sent, then in one transaction the record says
``inviata`` and ``ComunicazioneSpedita`` is staged. A redelivery of a concluded command sends
nothing. A crash between the server's acceptance and that transaction leaves the record
``in_attesa``: the redelivery sends the same mail again, with the same Message-ID (the one
duplicate the design allows, recognisable as such by the recipient's mail system).

A permanent refusal (SMTP 5xx, no address for the channel) concludes the record
``non_consegnata`` and stages ``ComunicazioneNonRecapitata``; a transient failure is raised
for the platform's delayed retries, and a command given up on (retries spent, or a failure
that will not pass) reaches :meth:`Invii.abbandonato` from the dead letters."""

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Final

from notifiche.domain.errori import RecapitoRifiutatoError
from notifiche.domain.invio import Invio, message_id_mail
from notifiche.domain.posta import Allegato, Busta, Redazione, componi
from notifiche.handlers.base import Handler
from notifiche.views import contesto, non_recapitata, spedita
from parcelle_contracts.comunicazioni import InviaComunicazione
from parcelle_contracts.ordini import ImpostazioniOrdine
from parcelle_contracts.vocabolario import Messaggio
from parcelle_kit.bus.retry import TransientError
from parcelle_kit.consumer import Outcome
from parcelle_kit.logging import get_logger
from parcelle_kit.store.ports import DuplicateKeyError, Transaction

logger = get_logger(__name__)

ESITO: Final = "esito"
"""The step of the idempotent consumer that concludes a command: sent, refused or given up,
only one of them ever happens."""
PROVVEDIMENTO: Final[frozenset[Messaggio]] = frozenset(
    {"provvedimento_emesso", "provvedimento_al_cliente"}
)
"""The messages whose documents travel as links when the Ordine does not attach the order."""
Esito = Callable[[Invio, datetime], Invio]
"""How a record concludes, at a given time."""
SENZA_INDIRIZZO: Final = "Il destinatario non ha un indirizzo per il canale scelto."


class Invii(Handler):
    async def invia(self, msg: InviaComunicazione) -> None:
        """Send the message of ``msg`` once."""
        impostazioni = await self._impostazioni(msg, msg.ordine)
        mittente = self._mittente(msg, impostazioni)
        invio = await self._apri(msg, mittente)
        if invio.concluso:
            logger.info("message already concluded", stato=invio.stato)
            return
        if not invio.indirizzo:
            await self._concludi(msg, lambda i, ora: i.non_consegnato(SENZA_INDIRIZZO, ora))
            return
        oggetto: str | None = None
        try:
            testi, mail = await self._scrivi(msg, impostazioni, invio, mittente)
            oggetto = testi.oggetto
            await self.d.trasporti(impostazioni.posta, msg.canale).invia(mail)
        except RecapitoRifiutatoError as rifiuto:
            motivo = rifiuto.motivo
            logger.warning("message refused by the server", motivo=motivo)
            await self._concludi(msg, lambda i, ora: i.non_consegnato(motivo, ora), oggetto)
            return
        except BaseException:
            await self._rilascia(msg)  # not sent: the next delivery may try at once
            raise
        await self._concludi(msg, lambda i, ora: i.spedito(testi.oggetto, ora))

    async def abbandonato(self, msg: InviaComunicazione, motivo: str) -> None:
        """The platform gave up on ``msg`` (retries spent, or a failure that will not pass):
        the record says so and the secretariat is told, unless it was concluded already."""
        testo = f"Invio non riuscito dopo i tentativi previsti ({motivo})"
        await self._concludi(msg, lambda i, ora: i.non_consegnato(testo, ora))

    def _mittente(self, msg: InviaComunicazione, impostazioni: ImpostazioniOrdine) -> str:
        posta = impostazioni.posta
        if msg.canale == "pec":
            return posta.pec_utente or impostazioni.pec or posta.mittente_email or self.d.mittente
        return posta.mittente_email or self.d.mittente

    def _nuovo(self, msg: InviaComunicazione, mittente: str) -> Invio:
        ora = self.d.ora()
        destinatario = msg.destinatario
        return Invio(
            message_id=msg.message_id,
            comunicazione_id=msg.comunicazione_id,
            istanza_id=msg.istanza_id,
            ordine=msg.ordine,
            correlation_id=msg.correlation_id,
            messaggio=msg.messaggio,
            canale=msg.canale,
            destinatario=destinatario.nome,
            indirizzo=destinatario.pec if msg.canale == "pec" else destinatario.email,
            message_id_mail=message_id_mail(msg.message_id, mittente),
            stato="in_attesa",
            creato_il=ora,
            aggiornato_il=ora,
            protocollo=msg.dati.protocollo,
            lettori=tuple(msg.lettori),
        )

    async def _apri(self, msg: InviaComunicazione, mittente: str) -> Invio:
        """The record of ``msg``, written before anything is sent and held by this delivery
        while it sends; another delivery sending it now makes this one come back later."""

        async def work(tx: Transaction) -> Invio:
            invii = self.d.invii(tx)
            ora = self.d.ora()
            trovato = await invii.trova(msg.message_id)
            if trovato is not None and trovato.concluso:
                return trovato
            if trovato is not None and trovato.preso(ora):
                raise TransientError("another delivery of this command is sending it")
            preso = (trovato or self._nuovo(msg, mittente)).prendi(ora)
            await invii.salva(preso)
            return preso

        try:
            return await self.d.store.run(work)
        except DuplicateKeyError:  # two deliveries raced: the other one wrote it
            return await self.d.store.run(work)

    async def _scrivi(
        self,
        msg: InviaComunicazione,
        impostazioni: ImpostazioniOrdine,
        invio: Invio,
        mittente: str,
    ) -> tuple[Redazione, EmailMessage]:
        """The message's texts and the mail that carries them."""
        assert invio.indirizzo is not None
        testi, allegati = await self._redigi(msg, impostazioni)
        busta = Busta(
            mittente_nome=impostazioni.nome_esteso(),
            mittente=mittente,
            destinatario_nome=msg.destinatario.nome,
            destinatario=invio.indirizzo,
            message_id_mail=invio.message_id_mail,
            data=self.d.ora(),
        )
        return testi, componi(busta, testi, allegati)

    async def _rilascia(self, msg: InviaComunicazione) -> None:
        async def work(tx: Transaction) -> None:
            invii = self.d.invii(tx)
            invio = await invii.trova(msg.message_id)
            if invio is not None and not invio.concluso:
                await invii.salva(replace(invio, in_corso_fino=None))

        await self.d.store.run(work)

    async def _concludi(
        self,
        msg: InviaComunicazione,
        esito: Esito,
        oggetto: str | None = None,
    ) -> None:
        """Apply ``esito`` to the record and stage its event, once per command."""

        async def work(tx: Transaction) -> Outcome:
            invii = self.d.invii(tx)
            invio = await invii.trova(msg.message_id) or self._nuovo(msg, self.d.mittente)
            if invio.concluso:
                return Outcome()
            if oggetto is not None:
                invio = replace(invio, oggetto=oggetto)
            concluso = esito(invio, self.d.ora())
            await invii.salva(concluso)
            evento = spedita(msg, concluso) if concluso.stato == "inviata" else None
            return Outcome(events=[evento or non_recapitata(msg, concluso)])

        await self.d.consumer.handle(msg, work, step=ESITO)

    async def _redigi(
        self, msg: InviaComunicazione, impostazioni: ImpostazioniOrdine
    ) -> tuple[Redazione, list[Allegato]]:
        """The texts from the templates, and the documents attached or linked."""
        posta = impostazioni.posta
        come_link = msg.messaggio in PROVVEDIMENTO and not posta.provvedimento_allegato
        allegati: list[Allegato] = []
        collegamenti: list[tuple[str, str]] = []
        scade_il: datetime | None = None
        for documento in msg.allegati:
            if come_link:
                scade_il = self.d.ora() + timedelta(days=posta.giorni_link)
                url = self.d.collegamenti.link(
                    documento, istanza_id=msg.istanza_id, ordine=msg.ordine, scade_il=scade_il
                )
                collegamenti.append((documento.nome_file, url))
            else:
                dati = await self.d.documenti.leggi(documento)
                allegati.append(Allegato(documento.nome_file, documento.content_type, dati))
        testi = self.d.modelli.scrivi(
            msg.messaggio,
            contesto(
                msg,
                impostazioni,
                collegamenti=collegamenti,
                link_scade_il=scade_il,
                allegati=[a.nome_file for a in allegati],
            ),
        )
        return testi, allegati
