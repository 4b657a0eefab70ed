"""The notices about a case and how each recipient is reached.

The notice of start of proceedings (L. 241/1990 artt. 7-8) goes to the client, the
counter-party ("controinteressato"), and to the applicant. The client is reached at their
digital domicile (PEC) when they have one, otherwise by registered mail with return receipt
(raccomandata A/R) at their address; the lawyer by PEC (or, lacking one, ordinary e-mail). A
recipient who cannot be reached at all is reported, not silently skipped.
"""

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from parcelle_contracts.vocabolario import PROGRESSO_INVIO, Canale, StatoInvio, TipoComunicazione

Parte = Literal["cliente", "avvocato"]
"""Who a notice is for: the client (the counter-party) or the applicant."""


@dataclass(frozen=True, kw_only=True)
class Recapito:
    """Where a person can be reached; ``indirizzo`` is the postal address, one line a part."""

    nome: str
    pec: str | None = None
    email: str | None = None
    indirizzo: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Invio:
    """One delivery to make: to whom, in which role, by which channel."""

    ruolo: Parte
    recapito: Recapito
    canale: Canale

    def destinatario(self) -> str:
        """How the case shows the recipient."""
        if self.ruolo == "cliente":
            return f"{self.recapito.nome} (cliente, controinteressato)"
        return f"avv. {self.recapito.nome} (richiedente)"


@dataclass(frozen=True, kw_only=True)
class Documento:
    """A document kept in the service's blob area, with its fingerprint."""

    blob_key: str
    sha256: str
    dimensione: int
    nome_file: str


@dataclass(frozen=True, kw_only=True)
class Comunicazione:
    id: str
    tipo: TipoComunicazione
    ruolo: Parte
    destinatario: str
    canale: Canale
    stato: StatoInvio
    documento: Documento
    aggiornata_il: datetime


def invii_avvio(cliente: Recapito | None, avvocato: Recapito) -> tuple[list[Invio], list[str]]:
    """The deliveries of the notice of start of proceedings, and the Italian reason for each
    recipient who cannot be reached."""
    invii: list[Invio] = []
    problemi: list[str] = []
    if cliente is None:
        problemi.append("L'istanza non indica il cliente: l'avviso non può essergli inviato")
    elif cliente.pec:
        invii.append(Invio(ruolo="cliente", recapito=cliente, canale="pec"))
    elif cliente.indirizzo:
        invii.append(Invio(ruolo="cliente", recapito=cliente, canale="raccomandata"))
    else:
        problemi.append(
            f"Il cliente {cliente.nome} non ha PEC né indirizzo: l'avviso va inviato a mano"
        )
    if avvocato.pec:
        invii.append(Invio(ruolo="avvocato", recapito=avvocato, canale="pec"))
    elif avvocato.email:
        invii.append(Invio(ruolo="avvocato", recapito=avvocato, canale="email"))
    else:
        problemi.append(f"L'avv. {avvocato.nome} non ha PEC né e-mail: avviso non inviato")
    return invii, problemi


def avanza(
    comunicazioni: tuple[Comunicazione, ...],
    comunicazione_id: str,
    stato: StatoInvio,
    ora: datetime,
) -> tuple[tuple[Comunicazione, ...], Comunicazione] | None:
    """The deliveries after a report on one of them, and that one as it was; ``None`` when the
    report changes nothing (unknown delivery, or a step back: receipts arrive late or twice)."""
    for i, comunicazione in enumerate(comunicazioni):
        if comunicazione.id != comunicazione_id:
            continue
        if PROGRESSO_INVIO[stato] < PROGRESSO_INVIO[comunicazione.stato]:
            return None
        if stato == comunicazione.stato and ora <= comunicazione.aggiornata_il:
            return None
        nuova = replace(comunicazione, stato=stato, aggiornata_il=ora)
        return (*comunicazioni[:i], nuova, *comunicazioni[i + 1 :]), comunicazione
    return None
