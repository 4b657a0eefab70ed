"""The read copy of each Ordine's settings that a service keeps, and the question to their
owner when it has none yet.

``acquisizione`` owns the settings (docs/architecture.md). A service that needs them keeps a
copy in its own document store, written only from the owner's announcements
(``ImpostazioniOrdineCambiate``) or its answer to ``LeggiImpostazioniOrdine``; a copy is
replaced only by one with a higher ``versione``, so an old announcement arriving late changes
nothing. When the owner does not answer in time, it is not asked again about that Ordine for a
pause: every request meanwhile takes the defaults at once instead of waiting out the timeout
again (one slow page, not all of them, while the owner is down).
"""

import time
from collections.abc import Callable
from contextlib import suppress
from typing import Final, Protocol

from parcelle_contracts.envelope import Message
from parcelle_contracts.ordini import ImpostazioniOrdine, LeggiImpostazioniOrdine
from parcelle_kit.bus import RequestTimeoutError, RpcClient
from parcelle_kit.logging import get_logger
from parcelle_kit.requests import ask
from parcelle_kit.store.ports import DocumentStore, DuplicateKeyError, Transaction

IMPOSTAZIONI: Final = "impostazioni_ordini"

logger = get_logger(__name__)


class CopiaImpostazioni:
    """The settings copies within one unit of work."""

    def __init__(self, tx: Transaction) -> None:
        self._tx = tx

    async def leggi(self, ordine: str) -> ImpostazioniOrdine | None:
        documento = await self._tx.get(IMPOSTAZIONI, ordine)
        if documento is None:
            return None
        campi = {k: v for k, v in documento.items() if not k.startswith("_")}
        return ImpostazioniOrdine.model_validate(campi)

    async def sostituisci(self, impostazioni: ImpostazioniOrdine) -> bool:
        """Keep ``impostazioni`` unless the copy is as recent already; whether it was kept."""
        documento = await self._tx.get(IMPOSTAZIONI, impostazioni.codice)
        nuovo = {"_id": impostazioni.codice, **impostazioni.model_dump(mode="json")}
        if documento is None:
            await self._tx.insert(IMPOSTAZIONI, nuovo)
            return True
        if impostazioni.versione <= documento["versione"]:
            return False
        await self._tx.update(IMPOSTAZIONI, {**nuovo, "_v": documento["_v"]})
        return True


class AcquisizioneRemota:
    """Asks ``acquisizione`` with a short timeout: a case's page must not hang on it."""

    def __init__(self, rpc: RpcClient, *, timeout: float, pausa: float) -> None:
        self._rpc = rpc
        self._timeout = timeout
        self._pausa = pausa
        self._muto_fino: dict[str, float] = {}
        """Ordine -> monotonic time until which the owner is not asked again."""

    async def impostazioni(self, cause: Message, ordine: str) -> ImpostazioniOrdine | None:
        if time.monotonic() < self._muto_fino.get(ordine, 0.0):
            return None
        domanda = LeggiImpostazioniOrdine.caused_by(cause, ordine=ordine)
        try:
            esito = await ask(self._rpc, domanda, ImpostazioniOrdine, timeout=self._timeout)
        except RequestTimeoutError:
            self._muto_fino[ordine] = time.monotonic() + self._pausa
            return None
        self._muto_fino.pop(ordine, None)
        if not esito.ok or esito.dati is None:
            motivo = esito.errore.messaggio if esito.errore else "risposta vuota"
            logger.warning("acquisizione refused the Ordine's settings", reason=motivo)
            return None
        return esito.dati


class Copia(Protocol):
    async def leggi(self, ordine: str) -> ImpostazioniOrdine | None: ...

    async def sostituisci(self, impostazioni: ImpostazioniOrdine) -> bool: ...


class Proprietario(Protocol):
    async def impostazioni(self, cause: Message, ordine: str) -> ImpostazioniOrdine | None: ...


async def impostazioni_ordine(
    store: DocumentStore,
    copia: Callable[[Transaction], Copia],
    proprietario: Proprietario,
    causa: Message,
    ordine: str,
) -> ImpostazioniOrdine:
    """The Ordine's settings: the read copy; without one, the owner's answer (kept as the
    copy); without an answer in time, the defaults, for this request only."""
    letta = await store.run(lambda tx: copia(tx).leggi(ordine))
    if letta is not None:
        return letta
    risposta = await proprietario.impostazioni(causa, ordine)
    if risposta is None:
        logger.warning("no settings of the Ordine: the defaults apply", ordine=ordine)
        return ImpostazioniOrdine(codice=ordine)
    # A concurrent request (or the owner's announcement) may have stored a copy first.
    with suppress(DuplicateKeyError):
        await store.run(lambda tx: copia(tx).sostituisci(risposta))
    return risposta
