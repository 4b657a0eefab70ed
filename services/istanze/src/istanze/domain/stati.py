"""The states of a case (pratica) and the moves the procedure allows between them.

From the published regulations (DOMAIN.md): the lawyer deposits a draft; the secretariat
acquires and registers it; the council may ask for integrations (answered, the case is back
under examination), then issues the liquidation order or finds the request inadmissible; the
case is then closed. The lawyer may withdraw (rinuncia) until the council has decided.
The states and their Italian words are the shared vocabulary
(:mod:`parcelle_contracts.vocabolario`); the moves between them are this service's rules.
"""

from collections.abc import Mapping
from typing import Final

from istanze.domain.errori import StatoNonValidoError
from parcelle_contracts.vocabolario import STATI, Stato

TRANSIZIONI: Final[Mapping[Stato, frozenset[Stato]]] = {
    "bozza": frozenset({"depositata"}),
    "depositata": frozenset({"acquisita", "rinunciata"}),
    "acquisita": frozenset(
        {"integrazione_richiesta", "provvedimento_emesso", "non_liquidabile", "rinunciata"}
    ),
    # Once the lawyer answers, the case is back under examination (acquisita).
    "integrazione_richiesta": frozenset(
        {"acquisita", "provvedimento_emesso", "non_liquidabile", "rinunciata"}
    ),
    "provvedimento_emesso": frozenset({"chiusa"}),
    "non_liquidabile": frozenset({"chiusa"}),
    "rinunciata": frozenset({"chiusa"}),
    "chiusa": frozenset(),
}
"""The states each state may move to."""

RINUNCIABILI: Final[frozenset[Stato]] = frozenset(
    stato for stato, successivi in TRANSIZIONI.items() if "rinunciata" in successivi
)
"""Where the lawyer may still withdraw: deposited, but not yet decided."""

FINALI: Final[frozenset[Stato]] = frozenset(
    stato for stato, successivi in TRANSIZIONI.items() if not successivi
)


def ammessa(da: Stato, a: Stato) -> bool:
    """Whether the procedure allows moving from ``da`` to ``a``."""
    return a in TRANSIZIONI[da]


def verifica_transizione(da: Stato, a: Stato) -> None:
    """Raise :class:`StatoNonValidoError` unless the procedure allows ``da`` -> ``a``."""
    if not ammessa(da, a):
        raise StatoNonValidoError(
            f"Un'istanza nello stato «{STATI[da]}» non può passare allo stato «{STATI[a]}»"
        )
