"""The term of the procedure stops while the lawyer owes an integration (L. 241/1990 art. 2
c.7): ``revisione`` announces the request, ``istanze`` the lawyer's answer. Each runs through
the idempotent consumer; a request for a term already suspended, or an answer to a term that is
not, changes nothing (logged)."""

from acquisizione.domain.errori import StatoNonValidoError
from acquisizione.handlers.base import Handler
from parcelle_contracts.integrazioni import IntegrazioneFornita
from parcelle_contracts.revisione import IntegrazioneRichiesta
from parcelle_kit.consumer import Outcome
from parcelle_kit.logging import get_logger
from parcelle_kit.store.ports import Transaction

logger = get_logger(__name__)


class Sospensioni(Handler):
    async def integrazione_richiesta(self, msg: IntegrazioneRichiesta) -> None:
        """Suspend the term from the request."""

        async def work(tx: Transaction) -> Outcome:
            registro = self.d.unit_of_work(tx).registro
            pratica = await registro.trova(msg.istanza_id)
            if pratica is None:
                logger.warning("integration asked for an unknown case", istanza=msg.istanza_id)
                return Outcome()
            try:
                pratica.sospendi(msg.richiesta_il, "integrazione richiesta dal relatore")
            except StatoNonValidoError as error:
                logger.info("term not suspended", istanza=msg.istanza_id, reason=str(error))
                return Outcome()
            await registro.salva(pratica)
            return Outcome()

        await self.d.consumer.handle(msg, work)

    async def integrazione_fornita(self, msg: IntegrazioneFornita) -> None:
        """The term runs again from the lawyer's answer."""

        async def work(tx: Transaction) -> Outcome:
            registro = self.d.unit_of_work(tx).registro
            pratica = await registro.trova(msg.istanza_id)
            if pratica is None:
                return Outcome()
            try:
                pratica.riprendi(msg.fornita_il)
            except StatoNonValidoError as error:
                logger.info("term not resumed", istanza=msg.istanza_id, reason=str(error))
                return Outcome()
            await registro.salva(pratica)
            return Outcome()

        await self.d.consumer.handle(msg, work)
