"""The Ordini's names as the pages print them, read from their owner.

An Ordine's settings belong to ``acquisizione`` (docs/architecture.md); the gateway holds no
copy of its own. It asks the owner the first time a page of an Ordine is rendered and keeps
the name for a minute, so a name changed with ``parcelle ordini imposta`` shows within a
minute on every page, and a page never waits on the owner more than once a minute. When the
owner does not answer, the pages print a name made from the code and ask again shortly.
"""

import time
from collections.abc import Callable

from gateway.bus import RichiestaRifiutataError, ServiceUnavailableError
from gateway.ports import AcquisizionePort
from parcelle_kit.logging import get_logger

FRESCO = 60.0
"""Seconds a name read from the owner is used before it is read again."""
RIPROVA = 5.0
"""Seconds before asking again an owner that did not answer."""

logger = get_logger(__name__)


def nome_provvisorio(codice: str) -> str:
    return f"Ordine degli Avvocati ({codice})"


class NomiOrdini:
    """The display name of each Ordine, read from ``acquisizione`` and kept briefly."""

    def __init__(
        self, acquisizione: AcquisizionePort, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._acquisizione = acquisizione
        self._clock = clock
        self._nomi: dict[str, tuple[str, float]] = {}

    async def nome(self, codice: str) -> str:
        noto = self._nomi.get(codice)
        if noto is not None and noto[1] > self._clock():
            return noto[0]
        try:
            impostazioni = await self._acquisizione.impostazioni(codice)
        except (ServiceUnavailableError, RichiestaRifiutataError) as error:
            logger.warning("ordine settings not read", ordine=codice, error=str(error))
            nome = noto[0] if noto is not None else nome_provvisorio(codice)
            self._nomi[codice] = (nome, self._clock() + RIPROVA)
            return nome
        nome = impostazioni.nome_esteso()
        self._nomi[codice] = (nome, self._clock() + FRESCO)
        return nome
