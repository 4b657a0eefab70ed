"""Fakes of the ports of `revisione` for the use-case tests: ``istanze`` answering one
application, ``firma`` "signing" by appending bytes (as an incremental update would),
``acquisizione`` with the Ordine's settings, a PDF maker that records what it made, a clock."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from parcelle_compensi import calcola_totali
from parcelle_contracts.common import Attore, BlobRef
from parcelle_contracts.envelope import Message
from parcelle_contracts.esempi import ESEMPIO
from parcelle_contracts.firma import FirmaApposta
from parcelle_contracts.istanze import Istanza
from parcelle_contracts.ordini import ImpostazioniOrdine, RegoleRevisione, Relatore
from parcelle_kit.blob.filesystem import FilesystemBlobStore
from parcelle_kit.blob.writes import put_once
from parcelle_kit.bus.retry import TransientError
from revisione.domain.errori import NonTrovataError
from revisione.domain.revisione import Revisione

ORA = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
ACQUISITA = ORA - timedelta(days=20)
RELATORE = Attore(
    username="consigliere", ruolo="consigliere", ordine="DEMO", nome="Anna", cognome="Verdi"
)
AVVOCATO = Attore(
    username="avvocato",
    ruolo="avvocato",
    ordine="DEMO",
    nome="Giulia",
    cognome="Bianchi",
    codice_fiscale="BNCGLI85M41H501Y",
)
IMPOSTAZIONI = ImpostazioniOrdine(
    codice="DEMO",
    versione=1,
    nome="Ordine degli Avvocati di Demo",
    indirizzo="Piazza della Giustizia 1, 00100 Demo",
    relatori=(Relatore(username="consigliere", nome="Anna Verdi"),),
    revisione=RegoleRevisione.model_validate({"diritti": {"percentuale": "2"}}),
)


def istanza(istanza_id: str = "istanza-1") -> Istanza:
    totali = calcola_totali([Decimal(v["importo"]) for v in ESEMPIO["voci"]])
    voci = [{**v, "id": v["fase"]} for v in ESEMPIO["voci"]]
    return Istanza.model_validate(
        {
            "id": istanza_id,
            "codice": "DEMO-26-ABCD-EFGH-X",
            "ordine": "DEMO",
            "stato": "acquisita",
            "avvocato": AVVOCATO,
            "contenuto": {**ESEMPIO, "voci": voci},
            "totali": {k: str(getattr(totali, k)) for k in totali.__dataclass_fields__},
            "mancanti": [],
            "allegati": [],
            "documento_pronto": True,
            "protocollo": "2026/000001",
            "creata_il": ORA - timedelta(days=30),
            "aggiornata_il": ORA - timedelta(days=20),
            "firma_richiesta": True,
            "cronologia": [],
            "azioni": [],
        }
    )


def revisione(istanza_id: str = "istanza-1", relatore: str | None = "consigliere") -> Revisione:
    return Revisione(
        istanza_id=istanza_id,
        ordine="DEMO",
        correlation_id="corr-1",
        codice="DEMO-26-ABCD-EFGH-X",
        protocollo="2026/000001",
        acquisita_il=ACQUISITA,
        relatore=relatore,
    )


@dataclass
class FintaIstanze:
    istanze: dict[str, Istanza] = field(default_factory=lambda: {"istanza-1": istanza()})
    giu: bool = False
    chiesti: list[tuple[str, str]] = field(default_factory=list)

    async def dettaglio(self, cause: Message, istanza_id: str, attore: Attore) -> Istanza:
        self.chiesti.append((istanza_id, attore.username))
        if self.giu:
            raise TransientError("istanze non risponde")
        if istanza_id not in self.istanze:
            raise NonTrovataError("Pratica non trovata")
        return self.istanze[istanza_id]


@dataclass
class FintaFirma:
    transfer: FilesystemBlobStore
    giu: bool = False
    firmati: list[str] = field(default_factory=list)

    async def firma(
        self, cause: Message, message_id: str, documento: BlobRef, firmatario: str, motivo: str
    ) -> FirmaApposta:
        if self.giu:
            raise TransientError("firma non risponde")
        self.firmati.append(message_id)
        data = await self.transfer.get(documento.key) + f"\n%firma {firmatario}\n".encode()
        info = await put_once(
            self.transfer, f"firma/{message_id}.pdf", data, content_type="application/pdf"
        )
        ref = BlobRef(area="transfer", key=info.key, sha256=info.sha256, size=info.size)
        return FirmaApposta(documento=ref, certificato="CN=Ordine DEMO", livello="pades-b-b")


@dataclass
class FintaAcquisizione:
    impostazioni_: ImpostazioniOrdine | None = IMPOSTAZIONI

    async def impostazioni(self, cause: Message, ordine: str) -> ImpostazioniOrdine | None:
        return self.impostazioni_


@dataclass
class FintiDocumenti:
    fatti: list[dict[str, Any]] = field(default_factory=list)

    async def provvedimento(
        self, revisione: Revisione, istanza: Istanza, impostazioni: ImpostazioniOrdine
    ) -> bytes:
        self.fatti.append({"istanza": istanza.id, "ordine": impostazioni.nome})
        return b"%PDF-1.7\n% provvedimento " + revisione.istanza_id.encode() + b"\n%%EOF\n"


@dataclass
class Orologio:
    ora: datetime

    def __call__(self) -> datetime:
        return self.ora
