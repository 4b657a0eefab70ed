"""What a delivery service's report means for the delivery it is about, told once for every
service that tracks deliveries (``acquisizione`` for the notice of start, ``istanze`` for the
order sent to the client): the delivery's new status, the words for its timeline, and when it
served the document on the recipient (the date of service, from which terms run)."""

from dataclasses import dataclass
from datetime import datetime

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
class Esito:
    stato: StatoInvio
    dettaglio: str
    quando: datetime
    notificata: bool
    """The report serves the document on its recipient (PEC delivered, letter delivered)."""


def esito(msg: Rapporto) -> Esito:
    """What ``msg`` means for its delivery."""
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
