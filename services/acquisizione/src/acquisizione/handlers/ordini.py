"""An Ordine's settings, which `acquisizione` owns (``parcelle_contracts.ordini``): changing them,
seeding them, answering who asks for them.

Every change stores the whole settings with the next ``versione`` and, in the same transaction,
stages :class:`ImpostazioniOrdineCambiate` carrying them, so a change is never stored without
being announced nor announced without being stored; the outbox relay of the running service
publishes it (within a second when the change came from the command line, which writes the
store directly). The application rules (``istanze``) are stored and announced whole; this
service does not interpret them.
"""

from collections.abc import Mapping
from typing import Any

from acquisizione.domain.errori import DatiNonValidiError
from acquisizione.handlers.base import Handler, impostazioni_ordine
from acquisizione.ports import UnitOfWork
from parcelle_contracts.ordini import (
    ImpostazioniOrdine,
    ImpostazioniOrdineCambiate,
    LeggiImpostazioniOrdine,
)
from parcelle_kit.codes import ordine_valido

CAMPO_REGOLE = "istanze"
"""The nested application rules: a change names only the rules it changes."""
CAMPO_REVISIONE = "revisione"
"""The nested review rules (with the council fee's under ``diritti``): likewise."""


async def imposta(uow: UnitOfWork, ordine: str, cambi: Mapping[str, Any]) -> ImpostazioniOrdine:
    """Change the settings named in ``cambi`` (field -> value; under ``istanze``, the
    application rules that change), keep the others, and announce the result with the next
    version. Invalid settings raise ``ValueError`` (pydantic's) and nothing is written."""
    prima = await impostazioni_ordine(uow, ordine)
    dati = prima.model_dump()
    regole = {**dati[CAMPO_REGOLE], **cambi.get(CAMPO_REGOLE, {})}
    cambi_revisione = dict(cambi.get(CAMPO_REVISIONE, {}))
    diritti = {**dati[CAMPO_REVISIONE]["diritti"], **cambi_revisione.pop("diritti", {})}
    revisione = {**dati[CAMPO_REVISIONE], **cambi_revisione, "diritti": diritti}
    dopo = ImpostazioniOrdine.model_validate(
        {
            **dati,
            **cambi,
            CAMPO_REGOLE: regole,
            CAMPO_REVISIONE: revisione,
            "versione": prima.versione + 1,
        }
    )
    await _salva_e_annuncia(uow, dopo)
    return dopo


async def seed_impostazioni(uow: UnitOfWork, impostazioni: ImpostazioniOrdine) -> bool:
    """Store and announce ``impostazioni`` as the Ordine's first version, unless it has some
    already (they may have been changed on purpose); whether it did."""
    if await uow.impostazioni.leggi(impostazioni.codice) is not None:
        return False
    prime = ImpostazioniOrdine.model_validate({**impostazioni.model_dump(), "versione": 1})
    await _salva_e_annuncia(uow, prime)
    return True


async def _salva_e_annuncia(uow: UnitOfWork, impostazioni: ImpostazioniOrdine) -> None:
    await uow.impostazioni.salva(impostazioni)
    await uow.annuncia(
        [
            ImpostazioniOrdineCambiate(
                # Every announcement about one Ordine's settings shares one correlation id.
                correlation_id=f"impostazioni-{impostazioni.codice}",
                ordine=impostazioni.codice,
                impostazioni=impostazioni,
            )
        ]
    )


class Ordini(Handler):
    """What other services ask about an Ordine's settings."""

    async def leggi_impostazioni(self, msg: LeggiImpostazioniOrdine) -> ImpostazioniOrdine:
        """The settings of the envelope's Ordine; the defaults (version 0) where it set none."""
        if not ordine_valido(msg.ordine):
            messaggio = f"«{msg.ordine}» non è il codice di un Ordine"
            raise DatiNonValidiError(messaggio, {"ordine": messaggio})
        return await self.leggi(lambda uow: impostazioni_ordine(uow, msg.ordine))
