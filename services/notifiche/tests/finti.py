"""Fakes of the ports of `notifiche` for the use-case tests: a transport that keeps the mails
it is given (and fails as a test tells it to), the owner of the settings, a clock."""

import asyncio
import hashlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

from parcelle_contracts.common import BlobRef, FileRef
from parcelle_contracts.comunicazioni import DatiComunicazione, Destinatario, InviaComunicazione
from parcelle_contracts.envelope import Message
from parcelle_contracts.ids import new_id
from parcelle_contracts.ordini import ImpostazioniOrdine, ImpostazioniPosta
from parcelle_contracts.vocabolario import CanalePosta, Messaggio
from parcelle_kit.blob.ports import BlobStore

ORA = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
ORDINE = "ROMA"
IMPOSTAZIONI = ImpostazioniOrdine(
    codice=ORDINE,
    versione=1,
    nome="Ordine degli Avvocati di Roma",
    indirizzo="Piazza Cavour, 00193 Roma",
    pec="segreteria@pec.ordine-roma.example",
    posta=ImpostazioniPosta(mittente_email="segreteria@ordine-roma.example"),
)


@dataclass
class FintoTrasporto:
    """Keeps what it is asked to send; ``guasti`` are raised in turn, one per call."""

    inviati: list[tuple[EmailMessage, CanalePosta]] = field(default_factory=list)
    guasti: list[BaseException] = field(default_factory=list)
    chiamate: list[ImpostazioniPosta] = field(default_factory=list)

    canale: CanalePosta = "email"
    lento: asyncio.Event | None = None
    """While set to an unset event, a send waits for it (a slow server)."""

    def __call__(self, posta: ImpostazioniPosta, canale: CanalePosta) -> "FintoTrasporto":
        self.chiamate.append(posta)
        self.canale = canale
        return self

    async def invia(self, messaggio: EmailMessage) -> None:
        if self.guasti:
            raise self.guasti.pop(0)
        if self.lento is not None:
            await self.lento.wait()
        self.inviati.append((messaggio, self.canale))


@dataclass
class FintaAcquisizione:
    impostazioni_ordine: ImpostazioniOrdine | None = IMPOSTAZIONI
    domande: int = 0

    async def impostazioni(self, cause: Message, ordine: str) -> ImpostazioniOrdine | None:
        self.domande += 1
        return self.impostazioni_ordine


@dataclass
class Orologio:
    ora: datetime = ORA

    def __call__(self) -> datetime:
        return self.ora

    def avanza(self, **quanto: float) -> None:
        self.ora += timedelta(**quanto)


async def metti(store: BlobStore, area: str, dati: bytes, nome: str = "documento.pdf") -> FileRef:
    """``dati`` in ``store`` (the area ``area``), as a claim check."""

    async def uno() -> AsyncIterator[bytes]:
        yield dati

    key = f"doc/{new_id()}"
    await store.put(key, uno(), max_size=len(dati), content_type="application/pdf")
    blob = BlobRef(area=area, key=key, sha256=hashlib.sha256(dati).hexdigest(), size=len(dati))
    return FileRef(blob=blob, nome_file=nome, content_type="application/pdf")


def comando(
    messaggio: Messaggio = "avvio_procedimento",
    canale: CanalePosta = "email",
    allegati: list[FileRef] | None = None,
    **dati: object,
) -> InviaComunicazione:
    return InviaComunicazione(
        correlation_id="pratica-1",
        ordine=ORDINE,
        istanza_id="istanza-1",
        comunicazione_id=new_id(),
        messaggio=messaggio,
        canale=canale,
        destinatario=Destinatario(
            nome="Avv. Maria Rossi", email="maria.rossi@example.it", pec="maria.rossi@pec.example"
        ),
        dati=DatiComunicazione.model_validate(
            {"protocollo": "2026/000123", "avvocato": "Maria Rossi", **dati}
        ),
        allegati=allegati or [],
    )
