"""After the decision: the council fee's payment, the order's release to the lawyer, and the
order sent to the client and to any other obligor, each delivery with its status.

The secretariat registers the payment (date, method, reference); where the Ordine requires
payment before release, the signed order is the lawyer's to download only once it is paid.
The lawyer or a clerk sends the order to recipients they choose, each through one channel
(e-mail, PEC, raccomandata A/R); the delivery services report back and each delivery moves
from waiting to sent, delivered or not delivered. A delivery to the client under art. 7
L. 49/2023 records the date of service, from which the 40-day opposition period runs.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Final, Literal
from zoneinfo import ZoneInfo

from istanze.domain.errori import DatiNonValidiError, StatoNonValidoError
from parcelle_contracts.vocabolario import (
    PROGRESSO_INVIO,
    Canale,
    MetodoPagamento,
    RuoloDestinatario,
    StatoInvio,
)

MAX_DESTINATARI: Final = 10
ROMA: Final = ZoneInfo("Europe/Rome")


@dataclass(frozen=True, kw_only=True)
class FileProvvedimento:
    """Where the signed decision is kept by its owner (``revisione``): the claim check that
    the delivery services read it by."""

    area: str
    key: str
    sha256: str
    dimensione: int
    nome_file: str


@dataclass(frozen=True, kw_only=True)
class AvvisoPagoPA:
    """A pagoPA payment notice for the council fee, as the Ordine's payment intermediary
    issued it: the 18-digit notice number the lawyer pays with (home banking, PSP, app IO)."""

    codice_avviso: str
    ente: str
    """The Ordine's tax code, the creditor."""
    importo: Decimal


@dataclass(frozen=True, kw_only=True)
class Pagamento:
    """The council fee, paid."""

    data: date
    metodo: MetodoPagamento
    riferimento: str
    importo: Decimal
    registrato_il: datetime
    registrato_da: str


@dataclass(frozen=True, kw_only=True)
class Recapito:
    """Where one recipient is reached through the chosen channel."""

    nome: str
    ruolo: RuoloDestinatario
    canale: Canale
    indirizzo: str
    """A PEC or e-mail address, or the postal address (lines separated by newlines)."""


@dataclass(frozen=True, kw_only=True)
class Prova:
    """A receipt of a delivery, kept as proof by the service that made it (``notifiche`` for
    PEC, ``postale`` for a raccomandata)."""

    id: str
    servizio: Literal["notifiche", "postale"]
    raccomandata_id: str | None = None
    descrizione: str
    il: datetime


@dataclass(frozen=True, kw_only=True)
class Consegna:
    """The order on its way to one recipient."""

    id: str
    recapito: Recapito
    stato: StatoInvio
    richiesta_il: datetime
    richiesta_da: str
    aggiornata_il: datetime
    dettaglio: str = ""
    notificata_il: date | None = None
    """The date of service (PEC delivered, raccomandata delivered), once known."""
    prove: tuple[Prova, ...] = ()
    """Its receipts, in the order they came."""

    def avanza(
        self,
        stato: StatoInvio,
        ora: datetime,
        dettaglio: str,
        notificata_il: date | None,
        prova: Prova | None = None,
    ) -> "Consegna":
        """The delivery as a new report leaves it: its status never moves back, and a receipt
        is kept even when it comes late (a receipt already kept is not kept twice)."""
        prove = self.prove
        if prova is not None and all(p.id != prova.id for p in prove):
            prove = (*prove, prova)
        if PROGRESSO_INVIO[stato] < PROGRESSO_INVIO[self.stato]:
            return replace(self, prove=prove)
        return replace(
            self,
            stato=stato,
            aggiornata_il=ora,
            dettaglio=dettaglio or self.dettaglio,
            notificata_il=self.notificata_il or notificata_il,
            prove=prove,
        )


def pulito(recapito: Recapito) -> Recapito:
    """The recipient as typed, tidied: one space between words, one line per part of a postal
    address (whatever line endings the browser or the client sent)."""
    righe = [" ".join(riga.split()) for riga in recapito.indirizzo.splitlines()]
    return Recapito(
        nome=" ".join(recapito.nome.split()),
        ruolo=recapito.ruolo,
        canale=recapito.canale,
        indirizzo="\n".join(riga for riga in righe if riga),
    )


def verifica_recapito(recapito: Recapito) -> dict[str, str]:
    """What is wrong with a recipient as given, field by field (empty: nothing)."""
    errori: dict[str, str] = {}
    if not recapito.nome.strip():
        errori["nome"] = "Indica il nome del destinatario"
    indirizzo = recapito.indirizzo.strip()
    if recapito.canale == "raccomandata":
        if len([r for r in indirizzo.splitlines() if r.strip()]) < 2:
            errori["indirizzo"] = "Indica l'indirizzo postale: via e numero, poi CAP e città"
    elif "@" not in indirizzo or " " in indirizzo or indirizzo.startswith("@"):
        errori["indirizzo"] = "Indica un indirizzo di posta valido (nome@dominio.it)"
    return errori


def nuove_consegne(
    recapiti: Sequence[Recapito], ids: Sequence[str], ora: datetime, chi: str
) -> list[Consegna]:
    """The deliveries of one sending, each waiting for its channel's report; every mistake in
    the recipients at once, field by field."""
    if not recapiti or len(recapiti) > MAX_DESTINATARI:
        raise DatiNonValidiError(
            f"Indica da 1 a {MAX_DESTINATARI} destinatari", {"destinatari": "Indica chi"}
        )
    puliti = [pulito(recapito) for recapito in recapiti]
    errori = {
        f"destinatari.{i}.{campo}": testo
        for i, recapito in enumerate(puliti)
        for campo, testo in verifica_recapito(recapito).items()
    }
    if errori:
        raise DatiNonValidiError("Correggi i destinatari indicati", errori)
    return [
        Consegna(
            id=consegna_id,
            recapito=recapito,
            stato="in_attesa",
            richiesta_il=ora,
            richiesta_da=chi,
            aggiornata_il=ora,
        )
        for consegna_id, recapito in zip(ids, puliti, strict=True)
    ]


def inviata_al_cliente_il(consegne: Sequence[Consegna]) -> datetime | None:
    """When the order was first sent to the client, if it was."""
    return min((c.richiesta_il for c in consegne if c.recapito.ruolo == "cliente"), default=None)


def gia_inviata(consegne: Sequence[Consegna]) -> None:
    """Refuse a first sending to the client that is not the first."""
    inviata = inviata_al_cliente_il(consegne)
    if inviata is not None:
        giorno = inviata.astimezone(ROMA)
        raise StatoNonValidoError(
            f"Il provvedimento è già stato inviato al cliente il {giorno:%d/%m/%Y}: "
            "per inviarlo di nuovo usa la pagina della pratica"
        )
