"""The rules of the procedure after the deposit: withdrawal, acquisition by the secretariat and
the later steps other services report. The aggregate applies them; they live here so each
reads as the regulations do."""

from typing import Final

from istanze.domain.errori import DatiNonValidiError, NonAutorizzataError, StatoNonValidoError
from istanze.domain.persone import Utente
from istanze.domain.stati import RINUNCIABILI, verifica_transizione
from parcelle_contracts.vocabolario import STATI, Stato

MOTIVO_MINIMO: Final = 3
"""Characters a withdrawal's reason needs at least (as the contracts ask)."""

# States entered only through their own operation, which records the facts that go with them
# (the deposit, the withdrawal's reason, the protocol number).
_CON_OPERAZIONE_PROPRIA: Final[frozenset[Stato]] = frozenset({"depositata", "rinunciata"})


def verifica_rinuncia(stato: Stato, motivo: str) -> str:
    """The reason, tidied, if a case in ``stato`` may be withdrawn; else the refusal."""
    motivo = " ".join(motivo.split())
    if len(motivo) < MOTIVO_MINIMO:
        messaggio = "Indica il motivo della rinuncia"
        raise DatiNonValidiError(messaggio, {"motivo": messaggio})
    if stato == "bozza":
        raise StatoNonValidoError(
            "L'istanza non è stata depositata: non serve rinunciare, basta non depositarla"
        )
    if stato == "rinunciata":
        raise StatoNonValidoError("Si è già rinunciato a questa istanza")
    if stato not in RINUNCIABILI:
        raise StatoNonValidoError(
            f"Non si può rinunciare a un'istanza nello stato «{STATI[stato]}»: il "
            "Consiglio ha già deciso"
        )
    return motivo


def verifica_acquisizione(stato: Stato, protocollo: str | None, numero: str, chi: Utente) -> str:
    """The protocol number, tidied, if ``chi`` may acquire a case in ``stato`` that has
    ``protocollo`` already (or ``None``); else the refusal."""
    if chi.ruolo != "segreteria":
        raise NonAutorizzataError("Solo la segreteria dell'Ordine può protocollare un'istanza")
    numero = numero.strip()
    if not numero:
        messaggio = "Indicare il numero di protocollo"
        raise DatiNonValidiError(messaggio, {"protocollo": messaggio})
    if protocollo is not None:
        raise StatoNonValidoError(f"L'istanza è già stata acquisita con protocollo n. {protocollo}")
    if stato != "depositata":
        raise StatoNonValidoError(f"Un'istanza nello stato «{STATI[stato]}» non si può acquisire")
    return numero


def verifica_cambio_stato(da: Stato, a: Stato, protocollo: str | None) -> None:
    """Raise unless a later step of the procedure may move a case from ``da`` to ``a``."""
    if a in _CON_OPERAZIONE_PROPRIA or (a == "acquisita" and protocollo is None):
        raise StatoNonValidoError(
            f"Lo stato «{STATI[a]}» si raggiunge solo con l'operazione apposita"
        )
    verifica_transizione(da, a)
