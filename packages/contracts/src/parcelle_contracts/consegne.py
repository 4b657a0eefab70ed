"""After the decision, as ``istanze`` keeps it: the council fee's payment, whether the lawyer
may download the signed order, and the order sent to the client and other obligors with each
delivery's status (and, under art. 7 L. 49/2023, the end of the opposition period).

The requests come from the gateway (request/reply, answered with the case's view): the
secretariat registers a payment; the lawyer or a clerk sends the order to recipients."""

from datetime import date
from typing import ClassVar, Literal

from pydantic import AwareDatetime, Field

from parcelle_contracts.common import Attore, Model
from parcelle_contracts.denaro import Importo
from parcelle_contracts.envelope import Command, Event
from parcelle_contracts.vocabolario import Canale, MetodoPagamento, RuoloDestinatario, StatoInvio


class Pagamento(Model):
    data: date = Field(description="Day of payment.")
    metodo: MetodoPagamento
    riferimento: str = Field(min_length=1, max_length=140, description="IUV, CRO or receipt.")
    importo: Importo
    registrato_il: AwareDatetime
    registrato_da: str


class Recapito(Model):
    nome: str = Field(min_length=1, max_length=200)
    ruolo: RuoloDestinatario = "cliente"
    canale: Canale
    indirizzo: str = Field(
        min_length=1,
        max_length=400,
        description="PEC or e-mail address; for a raccomandata the postal address, one line "
        "per part (street and number, then postcode and town).",
    )


class Prova(Model):
    """A receipt kept as proof of a delivery by the service that made it, downloadable from
    the case by its secretariat and by the lawyer who sent the order."""

    id: str = Field(description="The receipt's id in its service.")
    servizio: Literal["notifiche", "postale"]
    raccomandata_id: str | None = Field(default=None, description="For a raccomandata's.")
    descrizione: str
    il: AwareDatetime


class Consegna(Model):
    id: str
    recapito: Recapito
    stato: StatoInvio
    richiesta_il: AwareDatetime
    richiesta_da: str
    aggiornata_il: AwareDatetime
    dettaglio: str = ""
    notificata_il: date | None = Field(default=None, description="Date of service, once known.")
    prove: list[Prova] = Field(default_factory=list, description="Its receipts, oldest first.")


class Seguito(Model):
    """What follows the decision, in the case's view."""

    rilasciato: bool = Field(description="The lawyer may download the signed decision now.")
    pagamento_richiesto: bool = Field(
        description="The Ordine releases the order only once the council fee is paid."
    )
    avviso_pagopa: str | None = Field(
        default=None, description="The 18-digit pagoPA notice number the fee is paid with."
    )
    pagamento: Pagamento | None = None
    consegne: list[Consegna] = Field(default_factory=list)
    opposizione_entro: date | None = Field(
        default=None,
        description="Last day of the art. 7 L. 49/2023 opposition (40 days from service).",
    )


class ProvvedimentoRilasciato(Event):
    """The signed decision is the lawyer's to download now: at once where the Ordine does not
    ask for the council fee first, else when its payment is registered. ``revisione``, which
    serves the file, refuses the lawyer until then."""

    owner: ClassVar[str] = "istanze"
    name: ClassVar[str] = "provvedimento_rilasciato"
    istanza_id: str
    rilasciato_il: AwareDatetime


class _Richiesta(Command):
    owner: ClassVar[str] = "istanze"
    attore: Attore
    istanza_id: str


class RegistraPagamento(_Richiesta):
    """The secretariat registers the council fee's payment."""

    name: ClassVar[str] = "registra_pagamento"
    data: date
    metodo: MetodoPagamento
    riferimento: str = Field(min_length=1, max_length=140)


class InviaProvvedimento(_Richiesta):
    """Send the signed order to the recipients given, each through their channel."""

    name: ClassVar[str] = "invia_provvedimento"
    destinatari: list[Recapito] = Field(min_length=1, max_length=10)
    solo_prima_volta: bool = False
    """Refuse if the order was already sent to the client: many orders at once are sent
    this way, so that a second click, or a colleague's, sends nothing twice."""
