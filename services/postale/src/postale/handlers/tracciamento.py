"""Following a raccomandata along its course: ask the print center what it reports for each
mailing still moving, keep the receipts that came with a step (the scan of the return receipt)
and record each new step with its event.

Run by the service's periodic task, so the course survives a restart: what is due is found
again from the stored mailings and the print center's reports. Every step is idempotent: a
step already recorded (or not on the course from where the mailing is) changes nothing, a
receipt is kept under a key of its own (write-once; a repeat takes the first copy), and each
step is recorded with its event in one transaction."""

from parcelle_kit.bus.retry import is_transient
from parcelle_kit.logging import get_logger
from parcelle_kit.outbox import stage
from parcelle_kit.store.ports import Transaction
from postale.domain.raccomandata import Raccomandata, Ricevuta, raggiungibile
from postale.handlers.base import Handler, annuncio
from postale.ports import Aggiornamento

logger = get_logger(__name__)
PER_GIRO = 1000
"""Mailings asked about in one round (the least recently updated first)."""


class Tracciamento(Handler):
    async def avanza(self) -> int:
        """One round over the mailings still moving; how many steps it recorded."""
        attive = await self.d.store.run(lambda tx: self.d.raccomandate(tx).attive(PER_GIRO))
        passi = 0
        for raccomandata in attive:
            if raccomandata.numero is None:
                continue
            try:
                passi += await self._segui(raccomandata, raccomandata.numero)
            except Exception as errore:  # one mailing's trouble never stops the others
                if not is_transient(errore):
                    logger.exception("tracking failed", raccomandata=raccomandata.id)
                else:
                    logger.warning("print center not answering", numero=raccomandata.numero)
        if passi:
            self.d.sveglia()
        return passi

    async def _segui(self, raccomandata: Raccomandata, numero: str) -> int:
        passi = 0
        for aggiornamento in await self.d.centro.aggiornamenti(numero):
            if await self._applica(raccomandata, aggiornamento):
                passi += 1
        return passi

    async def _applica(self, raccomandata: Raccomandata, aggiornamento: Aggiornamento) -> bool:
        stato = aggiornamento.stato
        if stato == raccomandata.stato or not raggiungibile(raccomandata.stato, stato):
            return False
        ricevuta: Ricevuta | None = None
        if aggiornamento.scansione is not None:
            ricevuta = await self._conserva(
                raccomandata.id, "ricevuta_ritorno", aggiornamento.scansione, aggiornamento.il
            )

        async def work(tx: Transaction) -> bool:
            raccomandate = self.d.raccomandate(tx)
            corrente = await raccomandate.trova(raccomandata.id)
            if corrente is None or not corrente.avanza(
                stato, aggiornamento.il, dettaglio=aggiornamento.dettaglio, ricevuta=ricevuta
            ):
                return False
            await raccomandate.salva(corrente)
            await stage(tx, [annuncio(corrente, ricevuta)])
            raccomandata.avanza(stato, aggiornamento.il)  # the caller's copy follows
            return True

        fatto = await self.d.store.run(work)
        if fatto:
            logger.info("raccomandata step", raccomandata=raccomandata.id, stato=stato)
        return fatto
