"""What `revisione` learns from the others: ``acquisizione`` registered a case, assigned (or
reassigned) its relatore and received the client's observations; ``istanze`` says the lawyer
answered an integration or withdrew the application; the Ordine's settings changed. Each runs
through the idempotent consumer; a review is created by whichever of the acquisition, the
assignment and the observations arrives first (they may arrive in any order)."""

from collections.abc import Callable

from parcelle_contracts.acquisizione import (
    AvvioNotificato,
    OsservazioniAggiunte,
    PraticaAcquisita,
    RelatoreAssegnato,
)
from parcelle_contracts.consegne import ProvvedimentoRilasciato
from parcelle_contracts.envelope import Message
from parcelle_contracts.integrazioni import IntegrazioneFornita
from parcelle_contracts.istanze import IstanzaRinunciata
from parcelle_contracts.ordini import ImpostazioniOrdineCambiate
from parcelle_kit.consumer import Outcome
from parcelle_kit.logging import get_logger
from parcelle_kit.store.ports import Transaction
from revisione.domain.revisione import Revisione
from revisione.ports import Dependencies, RevisioneRepository

logger = get_logger(__name__)


async def _della_pratica(
    revisioni: RevisioneRepository, msg: Message, istanza_id: str
) -> Revisione:
    trovata = await revisioni.trova(istanza_id)
    if trovata is not None:
        return trovata
    return Revisione(istanza_id=istanza_id, ordine=msg.ordine, correlation_id=msg.correlation_id)


async def registra_acquisizione(d: Dependencies, msg: PraticaAcquisita) -> None:
    async def work(tx: Transaction) -> Outcome:
        revisioni = d.revisioni(tx)
        revisione = await _della_pratica(revisioni, msg, msg.istanza_id)
        revisione.registra_acquisizione(msg.codice, msg.protocollo, msg.acquisita_il)
        await revisioni.salva(revisione)
        return Outcome()

    await d.consumer.handle(msg, work)


async def registra_relatore(d: Dependencies, msg: RelatoreAssegnato) -> None:
    """The current relatore; a reassignment replaces the previous one (not after a decision)."""

    async def work(tx: Transaction) -> Outcome:
        revisioni = d.revisioni(tx)
        trovata = await revisioni.trova(msg.istanza_id)
        revisione = trovata or await _della_pratica(revisioni, msg, msg.istanza_id)
        if revisione.assegna(msg.relatore) or trovata is None:
            await revisioni.salva(revisione)
        return Outcome()

    await d.consumer.handle(msg, work)


async def _segna(
    d: Dependencies, msg: Message, istanza_id: str, cambio: Callable[[Revisione], bool]
) -> None:
    """Record a fact another service reports about the case, once; saved only if it changed."""

    async def work(tx: Transaction) -> Outcome:
        revisioni = d.revisioni(tx)
        revisione = await _della_pratica(revisioni, msg, istanza_id)
        if cambio(revisione):
            await revisioni.salva(revisione)
        return Outcome()

    await d.consumer.handle(msg, work)


async def registra_osservazioni(d: Dependencies, msg: OsservazioniAggiunte) -> None:
    """The client's observations reached the case (a decision need not wait any longer)."""
    await _segna(d, msg, msg.istanza_id, lambda r: r.osservazioni_ricevute(msg.aggiunte_il))


async def registra_notifica(d: Dependencies, msg: AvvioNotificato) -> None:
    """The notice of start reached the client: the observations term runs from then."""
    await _segna(d, msg, msg.istanza_id, lambda r: r.avvio_notificato(msg.notificato_il))


async def registra_rilascio(d: Dependencies, msg: ProvvedimentoRilasciato) -> None:
    """The signed decision is the lawyer's to download now (``istanze`` says so)."""
    await _segna(d, msg, msg.istanza_id, lambda r: r.rilascia(msg.rilasciato_il))


async def registra_integrazione(d: Dependencies, msg: IntegrazioneFornita) -> None:
    async def work(tx: Transaction) -> Outcome:
        revisioni = d.revisioni(tx)
        revisione = await revisioni.trova(msg.istanza_id)
        if revisione is None or not revisione.integrazione_fornita(msg.nota, msg.fornita_il):
            logger.info("integration answer changes nothing here", istanza=msg.istanza_id)
            return Outcome()
        await revisioni.salva(revisione)
        return Outcome()

    await d.consumer.handle(msg, work)


async def registra_rinuncia(d: Dependencies, msg: IstanzaRinunciata) -> None:
    """The lawyer withdrew the application: the review ends undecided (if not decided yet)."""

    async def work(tx: Transaction) -> Outcome:
        revisioni = d.revisioni(tx)
        revisione = await revisioni.trova(msg.istanza_id)
        if revisione is not None and revisione.rinuncia():
            await revisioni.salva(revisione)
        return Outcome()

    await d.consumer.handle(msg, work)


async def registra_impostazioni(d: Dependencies, msg: ImpostazioniOrdineCambiate) -> None:
    async def work(tx: Transaction) -> Outcome:
        await d.impostazioni(tx).sostituisci(msg.impostazioni)
        return Outcome()

    await d.consumer.handle(msg, work)
