"""The secretariat acquired a case: ``acquisizione`` registered it with a protocol number, and
the case, which `istanze` owns, becomes ``acquisita`` with that number.

A plain subscriber of ``PraticaAcquisita`` (an event: nobody waits for a reply). It runs
through the idempotent consumer, so a redelivery has no second effect, and it publishes the
public ``PraticaStatoCambiato`` in the same transaction (outbox). An acquisition that can no
longer apply, because the lawyer withdrew the application while the clerk was acquiring it, is
logged and acknowledged: the withdrawal reached ``acquisizione`` too, which marks the case
withdrawn there. The lawyer is told the protocol number (by the channels they chose).
Anything else that refuses it (another Ordine's clerk, a different number for a case already
registered) is an inconsistency between services: it raises, and the message
ends in the dead-letter queue for an operator.
"""

from istanze import views
from istanze.handlers.avvisi import all_avvocato
from istanze.handlers.base import stato_cambiato
from istanze.ports import Dependencies
from parcelle_contracts.acquisizione import PraticaAcquisita, RelatoreAssegnato
from parcelle_contracts.comunicazioni import DatiComunicazione
from parcelle_kit.consumer import Outcome
from parcelle_kit.logging import get_logger
from parcelle_kit.store.ports import Transaction

logger = get_logger(__name__)


async def registra_acquisizione(d: Dependencies, msg: PraticaAcquisita) -> None:
    """Move the case to ``acquisita`` with the protocol number, once; the timeline names the
    clerk and through what they acted (a scanner station, their web area, the API)."""

    async def work(tx: Transaction) -> Outcome:
        istanze = d.istanze(tx)
        istanza = await istanze.prendi(msg.istanza_id)
        if istanza.protocollo == msg.protocollo:
            return Outcome()  # registered already (the same fact, announced again)
        if istanza.protocollo is None and istanza.stato == "rinunciata":
            logger.warning(
                "acquisition of a withdrawn application ignored",
                istanza=istanza.id,
                protocollo=msg.protocollo,
            )
            return Outcome()
        precedente = istanza.stato
        istanza.registra_protocollo(
            msg.protocollo, msg.acquisita_il, views.utente(msg.acquisita_da)
        )
        await istanze.salva(istanza)
        canali = await d.avvisi(tx).leggi(istanza.ordine, istanza.avvocato.username)
        avvisi = all_avvocato(msg, istanza, "acquisizione", canali)
        return Outcome(events=[stato_cambiato(msg, istanza, precedente), *avvisi])

    await d.consumer.handle(msg, work)


async def registra_relatore(d: Dependencies, msg: RelatoreAssegnato) -> None:
    """Keep the case's relatore; when the notice of start has gone out already (a relatore
    was assigned before), tell the lawyer of the change."""

    async def work(tx: Transaction) -> Outcome:
        istanze = d.istanze(tx)
        istanza = await istanze.trova(msg.istanza_id)
        if istanza is None or istanza.relatore == msg.relatore:
            return Outcome()
        precedente, istanza.relatore = istanza.relatore, msg.relatore
        await istanze.salva(istanza)
        if precedente is None:
            return Outcome()
        canali = await d.avvisi(tx).leggi(istanza.ordine, istanza.avvocato.username)
        dati = DatiComunicazione(relatore=msg.relatore_nome or msg.relatore)
        return Outcome(events=all_avvocato(msg, istanza, "cambio_relatore", canali, dati=dati))

    await d.consumer.handle(msg, work)
