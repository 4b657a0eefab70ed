"""Who may see and change a case. The gateway authenticates and filters already; the owning
service checks again, because it alone knows whose each case is."""

from istanze.domain.errori import NonAutorizzataError, NonTrovataError
from istanze.domain.persone import Utente
from parcelle_contracts.vocabolario import Stato

NON_TROVATA = "Istanza non trovata"


def verifica_lettura(utente: Utente, *, ordine: str, titolare: str, stato: Stato) -> None:
    """Raise :class:`NonTrovataError` unless ``utente`` may see the case of lawyer ``titolare``
    in ``ordine``, now in ``stato``.

    A lawyer sees only their own cases; the Ordine's staff see the cases deposited with it,
    never drafts. Whoever may not see a case is told it does not exist, not that it is
    someone else's.
    """
    if utente.ordine != ordine:
        raise NonTrovataError(NON_TROVATA)
    if utente.ruolo == "avvocato":
        if utente.username != titolare:
            raise NonTrovataError(NON_TROVATA)
    elif stato == "bozza":
        raise NonTrovataError(NON_TROVATA)


def verifica_titolare(utente: Utente, *, ordine: str, titolare: str, stato: Stato) -> None:
    """Raise unless ``utente`` is the lawyer who owns the case (who alone may change it)."""
    verifica_lettura(utente, ordine=ordine, titolare=titolare, stato=stato)
    if utente.ruolo != "avvocato":
        raise NonAutorizzataError("Solo l'avvocato che ha presentato l'istanza può modificarla")
