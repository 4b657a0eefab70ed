"""What ``revisione`` reports about a case `istanze` owns: the relatore asked for integration
(``integrazione_richiesta``), the signed order exists (``provvedimento_emesso``) or the signed
decision that the fee is not liquidable (``non_liquidabile``). Each runs through the idempotent
consumer and announces the public ``PraticaStatoCambiato`` in the same transaction, with the
messages the lawyer must get (the signed decision attached once it is theirs to have; the
council fee due). A report that no longer applies (the lawyer withdrew meanwhile) is logged
and acknowledged."""

from collections.abc import Callable, Sequence

from istanze import views
from istanze.domain.consegne import AvvisoPagoPA, FileProvvedimento
from istanze.domain.errori import StatoNonValidoError
from istanze.domain.istanza import Istanza
from istanze.domain.regole import REGOLE_PREDEFINITE
from istanze.handlers.avvisi import all_avvocato
from istanze.handlers.base import stato_cambiato
from istanze.ports import Dependencies
from parcelle_contracts.common import BlobRef, FileRef
from parcelle_contracts.comunicazioni import DatiComunicazione
from parcelle_contracts.consegne import ProvvedimentoRilasciato
from parcelle_contracts.envelope import Message
from parcelle_contracts.revisione import (
    IntegrazioneRichiesta,
    PraticaNonLiquidabile,
    ProvvedimentoEmesso,
)
from parcelle_contracts.vocabolario import CanalePosta, Messaggio, Stato
from parcelle_kit.consumer import Outcome
from parcelle_kit.logging import get_logger
from parcelle_kit.store.ports import Transaction

logger = get_logger(__name__)

Avvisi = Callable[[Istanza, Sequence[CanalePosta] | None, bool], list[Message]]
"""The messages to the lawyer after a change: the case, their channels, whether the signed
decision is theirs to download now."""


async def _riporta(
    d: Dependencies,
    msg: Message,
    istanza_id: str,
    cambio: Callable[[Istanza], bool],
    avvisi: Avvisi,
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
        copia = await d.impostazioni(tx).leggi(istanza.ordine)
        rilasciato = istanza.rilasciato(views.regole(copia) if copia else REGOLE_PREDEFINITE)
        canali = await d.avvisi(tx).leggi(istanza.ordine, istanza.avvocato.username)
        eventi = [stato_cambiato(msg, istanza, precedente), *avvisi(istanza, canali, rilasciato)]
        if rilasciato and istanza.provvedimento_sha256 is not None:
            eventi.append(rilascio(msg, istanza))
        return Outcome(events=eventi)

    await d.consumer.handle(msg, work)


async def registra_integrazione_richiesta(d: Dependencies, msg: IntegrazioneRichiesta) -> None:
    def cambio(istanza: Istanza) -> bool:
        istanza.richiedi_integrazione(msg.testo, msg.scadenza, msg.richiesta_il)
        return True

    def avvisi(istanza: Istanza, canali: Sequence[CanalePosta] | None, _: bool) -> list[Message]:
        dati = DatiComunicazione(testo=msg.testo, scadenza=msg.scadenza.date(), giorni=msg.giorni)
        return all_avvocato(msg, istanza, "integrazione_richiesta", canali, dati=dati)

    await _riporta(d, msg, msg.istanza_id, cambio, avvisi)


def rilascio(causa: Message, istanza: Istanza) -> Message:
    """The announcement that the lawyer may now download the signed decision."""
    return ProvvedimentoRilasciato.caused_by(
        causa, istanza_id=istanza.id, rilasciato_il=istanza.aggiornata_il
    )


def file_provvedimento(ref: FileRef | None) -> FileProvvedimento | None:
    """The claim check of a signed decision, as the case keeps it."""
    if ref is None:
        return None
    return FileProvvedimento(
        area=ref.blob.area,
        key=ref.blob.key,
        sha256=ref.blob.sha256,
        dimensione=ref.blob.size,
        nome_file=ref.nome_file,
    )


def allegato(istanza: Istanza) -> list[FileRef]:
    """The signed decision as an attachment, when the case knows where it is."""
    file = istanza.provvedimento_file
    if file is None:
        return []
    blob = BlobRef(area=file.area, key=file.key, sha256=file.sha256, size=file.dimensione)
    return [FileRef(blob=blob, nome_file=file.nome_file, content_type="application/pdf")]


def _decisione(msg: ProvvedimentoEmesso | PraticaNonLiquidabile) -> Avvisi:
    esito: Messaggio = (
        "provvedimento_emesso" if isinstance(msg, ProvvedimentoEmesso) else "non_liquidabile"
    )

    def avvisi(
        istanza: Istanza, canali: Sequence[CanalePosta] | None, rilasciato: bool
    ) -> list[Message]:
        liquidato = msg.totali.totale if isinstance(msg, ProvvedimentoEmesso) else None
        dati = DatiComunicazione(
            liquidato=liquidato,
            diritti=msg.diritti,
            testo=msg.motivi if isinstance(msg, PraticaNonLiquidabile) else None,
        )
        allegati = allegato(istanza) if rilasciato else []
        comandi = all_avvocato(msg, istanza, esito, canali, dati=dati, allegati=allegati)
        if msg.diritti and istanza.pagamento is None:
            if istanza.avviso_pagopa is not None:
                codice = istanza.avviso_pagopa.codice_avviso
                dati = dati.model_copy(update={"pagamento": f"avviso pagoPA n. {codice}"})
            comandi += all_avvocato(msg, istanza, "diritti_dovuti", canali, dati=dati)
        return comandi

    return avvisi


async def _avviso_pagopa(
    d: Dependencies, msg: ProvvedimentoEmesso | PraticaNonLiquidabile
) -> AvvisoPagoPA | None:
    """The pagoPA notice of the council fee, when one is due and the Ordine has an
    intermediary (asked before the transaction: it is a call outside the service)."""
    if not msg.diritti:
        return None
    istanza = await d.store.run(lambda tx: d.istanze(tx).trova(msg.istanza_id))
    if istanza is None or istanza.avviso_pagopa is not None:
        return istanza.avviso_pagopa if istanza else None
    debitore = istanza.avvocato.nome_completo()
    return await d.pagopa.avviso(msg.ordine, msg.istanza_id, msg.diritti, debitore)


def _decisa(
    stato: Stato,
    msg: ProvvedimentoEmesso | PraticaNonLiquidabile,
    descrizione: str,
    pagopa: AvvisoPagoPA | None,
) -> Callable[[Istanza], bool]:
    """The case with its signed decision (and the pagoPA notice of its council fee)."""

    def cambio(istanza: Istanza) -> bool:
        file = file_provvedimento(msg.documento)
        if not istanza.registra_provvedimento(
            stato, msg.sha256, msg.emesso_il, descrizione, msg.diritti, file
        ):
            return False
        istanza.avviso_pagopa = istanza.avviso_pagopa or pagopa
        return True

    return cambio


async def registra_provvedimento(d: Dependencies, msg: ProvvedimentoEmesso) -> None:
    descrizione = "Provvedimento di liquidazione emesso"
    cambio = _decisa("provvedimento_emesso", msg, descrizione, await _avviso_pagopa(d, msg))
    await _riporta(d, msg, msg.istanza_id, cambio, _decisione(msg))


async def registra_non_liquidabile(d: Dependencies, msg: PraticaNonLiquidabile) -> None:
    descrizione = f"Compenso non liquidabile: {msg.motivi}"
    cambio = _decisa("non_liquidabile", msg, descrizione, await _avviso_pagopa(d, msg))
    await _riporta(d, msg, msg.istanza_id, cambio, _decisione(msg))
