"""What ``revisione`` reports about a case `istanze` owns: the relatore asked for integration
(``integrazione_richiesta``), the signed order exists (``provvedimento_emesso``) or the signed
decision that the fee is not liquidable (``non_liquidabile``). Each runs through the idempotent
consumer and announces the public ``PraticaStatoCambiato`` in the same transaction. A report
that no longer applies (the lawyer withdrew meanwhile) is logged and acknowledged."""

from collections.abc import Callable

from istanze.domain.errori import StatoNonValidoError
from istanze.domain.istanza import Istanza
from istanze.handlers.base import stato_cambiato
from istanze.ports import Dependencies
from parcelle_contracts.envelope import Message
from parcelle_contracts.revisione import (
    IntegrazioneRichiesta,
    PraticaNonLiquidabile,
    ProvvedimentoEmesso,
)
from parcelle_kit.consumer import Outcome
from parcelle_kit.logging import get_logger
from parcelle_kit.store.ports import Transaction

logger = get_logger(__name__)


async def _riporta(
    d: Dependencies, msg: Message, istanza_id: str, cambio: Callable[[Istanza], bool]
) -> None:
    async def work(tx: Transaction) -> Outcome:
        istanze = d.istanze(tx)
        istanza = await istanze.prendi(istanza_id)
        precedente = istanza.stato
        try:
            if not cambio(istanza):
                return Outcome()
        except StatoNonValidoError as error:
            logger.warning("report of revisione ignored", istanza=istanza_id, reason=str(error))
            return Outcome()
        await istanze.salva(istanza)
        return Outcome(events=[stato_cambiato(msg, istanza, precedente)])

    await d.consumer.handle(msg, work)


async def registra_integrazione_richiesta(d: Dependencies, msg: IntegrazioneRichiesta) -> None:
    def cambio(istanza: Istanza) -> bool:
        istanza.richiedi_integrazione(msg.testo, msg.scadenza, msg.richiesta_il)
        return True

    await _riporta(d, msg, msg.istanza_id, cambio)


async def registra_provvedimento(d: Dependencies, msg: ProvvedimentoEmesso) -> None:
    await _riporta(
        d,
        msg,
        msg.istanza_id,
        lambda istanza: istanza.registra_provvedimento(
            "provvedimento_emesso",
            msg.sha256,
            msg.emesso_il,
            "Provvedimento di liquidazione emesso",
            msg.diritti,
        ),
    )


async def registra_non_liquidabile(d: Dependencies, msg: PraticaNonLiquidabile) -> None:
    await _riporta(
        d,
        msg,
        msg.istanza_id,
        lambda istanza: istanza.registra_provvedimento(
            "non_liquidabile",
            msg.sha256,
            msg.emesso_il,
            f"Compenso non liquidabile: {msg.motivi}",
            msg.diritti,
        ),
    )
