"""What the asking user may do with a case now: the owner decides, the pages show exactly
these buttons (nobody else keeps a copy of the rules)."""

from typing import Literal

from istanze.domain.persone import Utente
from istanze.domain.stati import RINUNCIABILI
from parcelle_contracts.vocabolario import Stato

Azione = Literal["modifica", "allega", "firma", "deposita", "rinuncia", "integra"]
"""The same values as ``parcelle_contracts.istanze.Azione`` (a test keeps them equal)."""


def consentite(
    utente: Utente, *, ordine: str, titolare: str, stato: Stato, completa: bool
) -> list[Azione]:
    """The actions of ``utente`` on the case of lawyer ``titolare`` in ``ordine``.

    Only the owning lawyer acts on a case: in a draft they edit and attach; once the draft is
    complete and valid they may have its document signed and deposit it (the signed file may
    come with the deposit); after the deposit they may withdraw until the council decides, and
    answer a request for integration.
    The Ordine's staff see the case but none of the lawyer's actions.
    """
    if utente.ruolo != "avvocato" or utente.ordine != ordine or utente.username != titolare:
        return []
    if stato == "bozza":
        return ["modifica", "allega", "firma", "deposita"] if completa else ["modifica", "allega"]
    if stato == "integrazione_richiesta":
        return ["integra", "rinuncia"] if stato in RINUNCIABILI else ["integra"]
    if stato in RINUNCIABILI:
        return ["rinuncia"]
    return []
