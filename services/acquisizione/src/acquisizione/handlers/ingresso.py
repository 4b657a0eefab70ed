"""What `acquisizione` learns from `istanze`: a deposit puts a case on the pending list, a
withdrawal takes it off (or marks an acquired case withdrawn).

Both run through the idempotent consumer, so a redelivered event has no second effect. The two
events travel on different queues, so a withdrawal may arrive before its deposit: it is then
kept aside and applied when the deposit arrives.
"""

from acquisizione.domain.pratica import Pratica
from acquisizione.handlers.base import Handler
from acquisizione.views import richiedente
from parcelle_contracts.istanze import IstanzaDepositata, IstanzaRinunciata
from parcelle_kit.consumer import Outcome
from parcelle_kit.logging import get_logger
from parcelle_kit.store.ports import Transaction

logger = get_logger(__name__)


class Ingresso(Handler):
    """What `istanze` announces about the cases."""

    async def depositata(self, msg: IstanzaDepositata) -> None:
        """A new deposit: the case joins the Ordine's pending list."""

        async def work(tx: Transaction) -> Outcome:
            registro = self.d.unit_of_work(tx).registro
            if await registro.trova(msg.istanza_id) is not None:
                return Outcome()  # the same deposit, announced again
            pratica = Pratica.deposita(
                istanza_id=msg.istanza_id,
                codice=msg.codice,
                ordine=msg.ordine,
                correlation_id=msg.correlation_id,
                avvocato=richiedente(msg.avvocato),
                cliente=msg.cliente,
                importo_richiesto=msg.importo_richiesto,
                firma=msg.firma,
                depositata_il=msg.depositata_il,
                tramite=msg.avvocato.tramite,
            )
            rinuncia = await registro.rinuncia_anticipata(msg.istanza_id)
            if rinuncia is not None:
                pratica.registra_rinuncia(rinuncia.motivo, rinuncia.rinunciata_il)
            await registro.aggiungi(pratica)
            return Outcome()

        await self.d.consumer.handle(msg, work)

    async def rinunciata(self, msg: IstanzaRinunciata) -> None:
        """The lawyer withdrew: the case leaves the pending list, or an acquired case is
        marked withdrawn (its protocol number stays its own)."""

        async def work(tx: Transaction) -> Outcome:
            registro = self.d.unit_of_work(tx).registro
            pratica = await registro.trova(msg.istanza_id)
            if pratica is None:
                logger.info("withdrawal before its deposit: kept for it", istanza=msg.istanza_id)
                await registro.annota_rinuncia(msg.istanza_id, msg.motivo, msg.rinunciata_il)
            elif pratica.registra_rinuncia(
                msg.motivo, msg.rinunciata_il, msg.rinunciata_da.tramite
            ):
                await registro.salva(pratica)
            return Outcome()

        await self.d.consumer.handle(msg, work)
