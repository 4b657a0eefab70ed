"""Sending a raccomandata A/R: read the documents the command names (their SHA-256 checked),
compose the mailing (cover letter for a window envelope, then the documents), keep it, submit
it to the print center, keep the acceptance slip and announce the first step with the cost.

A redelivered command submits nothing twice: the print center takes the command's message id
as idempotency key (a repeated key answers the first acceptance), the mailing and the slip are
kept under keys of the command's own (write-once; a repeat takes the first copy), and the
record and its event are written once through the idempotent consumer. A print center that
cannot answer now raises a ``TransientError``: the platform retries the command later."""

from parcelle_contracts.postale import InviaRaccomandata
from parcelle_kit.blob.writes import put_once
from parcelle_kit.consumer import Outcome
from parcelle_kit.logging import get_logger
from parcelle_kit.store.ports import Transaction
from postale import views
from postale.domain.errori import SpedizioneRifiutataError
from postale.domain.raccomandata import Plico, Raccomandata, Ricevuta, fogli, nuova
from postale.handlers.base import Handler, annuncio
from postale.ports import Lettera, Spedizione

logger = get_logger(__name__)
SENZA_INDIRIZZO = "Indirizzo postale del destinatario mancante: la raccomandata non è stampata."


class Invio(Handler):
    async def invia(self, msg: InviaRaccomandata) -> None:
        """Print and send the documents of ``msg`` by raccomandata A/R (once)."""
        gia = await self.d.store.run(lambda tx: self.d.consumer.processed(tx, msg))
        if gia is not None:
            logger.info("raccomandata already sent", raccomandata=msg.message_id)
            return
        impostazioni = await self._impostazioni(msg, msg.ordine)
        tariffe = views.tariffe(impostazioni.tariffe_postali)
        indirizzo = (msg.destinatario.indirizzo or "").strip()
        comuni = views.dati_nuova(msg, simulata=self.d.centro.simulato)
        ora = self.d.ora()
        if not indirizzo:
            raccomandata = nuova(
                **comuni,
                plico=None,
                tariffe=tariffe,
                stato="rifiutata",
                il=ora,
                numero=None,
                dettaglio=SENZA_INDIRIZZO,
            )
            await self._registra(msg, raccomandata, None)
            return
        centro = self.d.centro
        simulatore = centro.nome if centro.simulato else None
        lettera = views.lettera(msg, impostazioni, ora, simulatore)
        plico, pdf = await self._plico(msg, lettera)
        spedizione = Spedizione(
            chiave=msg.message_id,
            ordine=msg.ordine,
            mittente=views.mittente(impostazioni),
            nome=msg.destinatario.nome,
            indirizzo=indirizzo,
            pdf=pdf,
            fogli=plico.fogli,
        )
        try:
            accettazione = await self.d.centro.invia(spedizione)
        except SpedizioneRifiutataError as rifiuto:
            raccomandata = nuova(
                **comuni,
                plico=plico,
                tariffe=tariffe,
                stato="rifiutata",
                il=self.d.ora(),
                numero=None,
                dettaglio=str(rifiuto),
            )
            await self._registra(msg, raccomandata, None)
            return
        ricevuta = await self._conserva(
            msg.message_id, "accettazione", accettazione.distinta, accettazione.il
        )
        raccomandata = nuova(
            **comuni,
            plico=plico,
            tariffe=tariffe,
            stato="accettata",
            il=accettazione.il,
            numero=accettazione.numero,
            ricevuta=ricevuta,
        )
        await self._registra(msg, raccomandata, ricevuta)

    async def _plico(self, msg: InviaRaccomandata, lettera: Lettera) -> tuple[Plico, bytes]:
        """The mailing's PDF under the command's own key: an earlier attempt's copy is the one
        submitted again (the print center knows that one by this command's id)."""
        chiave = f"plichi/{msg.message_id}.pdf"
        info = await self.d.blobs.stat(chiave)
        if info is not None:
            pdf = await self.d.blobs.get(chiave)
            pagine = await self.d.impaginatore.pagine(pdf)
        else:
            documenti = [msg.documento, *msg.altri_documenti]
            contenuti = [await self.d.documenti.leggi(documento) for documento in documenti]
            pdf, pagine = await self.d.impaginatore.plico(lettera, contenuti)
            info = await put_once(self.d.blobs, chiave, pdf, content_type="application/pdf")
        plico = Plico(
            key=chiave,
            sha256=info.sha256,
            size=info.size,
            pagine=pagine,
            fogli=fogli(pagine, fronte_retro=self.d.fronte_retro),
        )
        return plico, pdf

    async def _registra(
        self, msg: InviaRaccomandata, raccomandata: Raccomandata, ricevuta: Ricevuta | None
    ) -> None:
        async def work(tx: Transaction) -> Outcome:
            await self.d.raccomandate(tx).salva(raccomandata)
            return Outcome(events=[annuncio(raccomandata, ricevuta, primo=True)])

        await self.d.consumer.handle(msg, work)
        logger.info(
            "raccomandata recorded",
            raccomandata=raccomandata.id,
            stato=raccomandata.stato,
            numero=raccomandata.numero,
        )
