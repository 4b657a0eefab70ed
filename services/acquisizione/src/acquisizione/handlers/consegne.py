"""The notice of start of proceedings on its way: ``notifiche`` and ``postale`` report each
delivery (sent, PEC receipts, raccomandata steps, failures) and the case's delivery of the
notice moves on, with a line in the timeline. Reports about other messages of the case (the
lawyer's own mails, the order sent to the client) are not this service's and change nothing.
When the notice reaches the client, ``AvvioNotificato`` says so: the client's observations term
runs from then."""

from acquisizione.handlers.base import Handler
from parcelle_contracts.acquisizione import AvvioNotificato
from parcelle_contracts.rapporti import Rapporto, esito
from parcelle_kit.consumer import Outcome
from parcelle_kit.store.ports import Transaction


class Consegne(Handler):
    async def rapporto(self, msg: Rapporto) -> None:
        e = esito(msg)

        async def work(tx: Transaction) -> Outcome:
            registro = self.d.unit_of_work(tx).registro
            pratica = await registro.trova(msg.istanza_id)
            if pratica is None:
                return Outcome()
            if not pratica.aggiorna_comunicazione(
                msg.comunicazione_id, e.stato, e.quando, e.dettaglio
            ):
                return Outcome()
            await registro.salva(pratica)
            al_cliente = any(
                c.id == msg.comunicazione_id and c.ruolo == "cliente" for c in pratica.comunicazioni
            )
            if not (e.notificata and al_cliente):
                return Outcome()
            notificato = AvvioNotificato.caused_by(
                msg, istanza_id=pratica.istanza_id, notificato_il=e.quando
            )
            return Outcome(events=[notificato])

        await self.d.consumer.handle(msg, work)
