"""What a delivery service's report means for the delivery it is about, told once for every
service that tracks deliveries (``acquisizione`` for the notice of start, ``istanze`` for the
order sent to the client): the delivery's new status, the words for its timeline, and when it
served the document on the recipient (the date of service, from which terms run)."""

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from parcelle_contracts.comunicazioni import (
    ComunicazioneNonRecapitata,
    ComunicazioneSpedita,
    RicevutaPecRegistrata,
)
from parcelle_contracts.postale import RaccomandataAggiornata
from parcelle_contracts.vocabolario import RICEVUTE_PEC, STATI_RACCOMANDATA, StatoInvio

Rapporto = (
    ComunicazioneSpedita
    | RicevutaPecRegistrata
    | ComunicazioneNonRecapitata
    | RaccomandataAggiornata
)


@dataclass(frozen=True)
class Ricevuta:
    """A receipt a report names, kept by the service that reported it."""

    servizio: Literal["notifiche", "postale"]
    id: str
    raccomandata_id: str | None = None


@dataclass(frozen=True)
class Esito:
    stato: StatoInvio
    dettaglio: str
    quando: datetime
    notificata: bool
    """The report serves the document on its recipient (PEC delivered, letter delivered)."""
    ricevuta: Ricevuta | None = None


def esito(msg: Rapporto) -> Esito:
    """What ``msg`` means for its delivery."""
    return replace(_passo(msg), ricevuta=_ricevuta(msg))


def _ricevuta(msg: Rapporto) -> Ricevuta | None:
    """The receipt ``msg`` names, if any: the proof of its step."""
    if isinstance(msg, RicevutaPecRegistrata):
        return Ricevuta("notifiche", msg.ricevuta_id)
    if isinstance(msg, RaccomandataAggiornata) and msg.ricevuta_id:
        return Ricevuta("postale", msg.ricevuta_id, msg.raccomandata_id)
    return None


def _passo(msg: Rapporto) -> Esito:
    if isinstance(msg, ComunicazioneSpedita):
        return Esito("inviata", f"inviata a {msg.indirizzo}", msg.spedita_il, False)
    if isinstance(msg, ComunicazioneNonRecapitata):
        return Esito("non_consegnata", f"non recapitata: {msg.motivo}", msg.il, False)
    if isinstance(msg, RicevutaPecRegistrata):
        parole = RICEVUTE_PEC[msg.tipo] + (" (simulata)" if msg.simulata else "")
        if msg.tipo == "avvenuta-consegna":
            return Esito("consegnata", parole, msg.ricevuta_il, True)
        if msg.tipo in ("non-accettazione", "errore-consegna"):
            return Esito("non_consegnata", parole, msg.ricevuta_il, False)
        return Esito("inviata", parole, msg.ricevuta_il, False)
    parole = STATI_RACCOMANDATA[msg.stato]
    if msg.numero:
        parole += f", raccomandata n. {msg.numero}"
    if msg.simulata:
        parole += " (simulatore)"
    if msg.stato in ("consegnata", "ricevuta_ritorno"):
        return Esito("consegnata", parole, msg.il, msg.stato == "consegnata")
    if msg.stato in ("restituita", "non_recapitabile", "rifiutata"):
        return Esito("non_consegnata", parole, msg.il, False)
    return Esito("inviata", parole, msg.il, False)
