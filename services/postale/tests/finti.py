"""Fakes of the ports of `postale` for the use-case tests: a print center that records what it
was sent and reports what the test says, a maker of mailings that records its letters, the
Ordine's settings, a clock; and a command to send."""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from parcelle_contracts.common import BlobRef, FileRef
from parcelle_contracts.comunicazioni import Destinatario
from parcelle_contracts.envelope import Message
from parcelle_contracts.ordini import ImpostazioniOrdine, TariffePostali
from parcelle_contracts.postale import InviaRaccomandata
from parcelle_kit.blob.ports import BlobStore
from parcelle_kit.blob.writes import put_once
from parcelle_kit.bus.retry import TransientError
from postale.domain.errori import SpedizioneRifiutataError
from postale.ports import Accettazione, Aggiornamento, Lettera, Spedizione

ORA = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
IMPOSTAZIONI = ImpostazioniOrdine(
    codice="DEMO",
    versione=1,
    nome="Ordine degli Avvocati di Demo",
    indirizzo="Piazza della Giustizia 1, 00100 Demo",
    pec="segreteria@pec.ordine-demo.it",
    tariffe_postali=TariffePostali(
        raccomandata_ar=Decimal("6.35"), foglio=Decimal("0.12"), busta=Decimal("0.25")
    ),
)
PDF = b"%PDF-1.7 documento dell'Ordine"


class Orologio:
    def __init__(self, ora: datetime = ORA) -> None:
        self.ora = ora

    def __call__(self) -> datetime:
        return self.ora

    def avanti(self, **quanto: float) -> None:
        self.ora += timedelta(**quanto)


class FintaAcquisizione:
    def __init__(self, impostazioni: ImpostazioniOrdine | None = IMPOSTAZIONI) -> None:
        self.risposta = impostazioni
        self.domande = 0

    async def impostazioni(self, cause: Message, ordine: str) -> ImpostazioniOrdine | None:
        self.domande += 1
        return self.risposta


@dataclass
class FintoImpaginatore:
    """A mailing of one letter page plus one page per document."""

    lettere: list[Lettera] = field(default_factory=list)

    async def plico(self, lettera: Lettera, documenti: Sequence[bytes]) -> tuple[bytes, int]:
        self.lettere.append(lettera)
        return b"%PDF-plico\n" + b"\n".join(documenti), 1 + len(documenti)

    async def pagine(self, pdf: bytes) -> int:
        return 1 + pdf.count(b"\n")


class CentroGuasto(TransientError):
    pass


@dataclass
class FintoCentro:
    """Accepts each key once (the same key answers the first acceptance), after ``guasti``
    passing failures; refuses when told; reports the steps the test lists."""

    nome: str = "Centro di prova"
    simulato: bool = True
    guasti: int = 0
    rifiuta: str | None = None
    ricevute: list[Spedizione] = field(default_factory=list)
    accettate: dict[str, Accettazione] = field(default_factory=dict)
    passi: dict[str, list[Aggiornamento]] = field(default_factory=dict)
    muto: bool = False
    rotti: set[str] = field(default_factory=set)
    """Tracking numbers whose reports make the print center fail (not a passing failure)."""
    orologio: Orologio = field(default_factory=Orologio)

    async def invia(self, spedizione: Spedizione) -> Accettazione:
        if self.guasti:
            self.guasti -= 1
            raise CentroGuasto("centro stampa giù")
        if self.rifiuta is not None:
            raise SpedizioneRifiutataError(self.rifiuta)
        if spedizione.chiave not in self.accettate:
            self.ricevute.append(spedizione)
            numero = f"RR{len(self.accettate) + 1:010d}"
            self.accettate[spedizione.chiave] = Accettazione(
                numero=numero, il=self.orologio(), distinta=b"%PDF distinta " + numero.encode()
            )
        return self.accettate[spedizione.chiave]

    async def aggiornamenti(self, numero: str) -> Sequence[Aggiornamento]:
        if self.muto:
            raise CentroGuasto("tracciamento giù")
        if numero in self.rotti:
            raise RuntimeError(f"report of {numero} unreadable")
        return list(self.passi.get(numero, []))


async def documento(area: BlobStore, key: str = "avvisi/1.pdf", data: bytes = PDF) -> FileRef:
    """A document kept in another service's area, as its claim check names it."""
    await put_once(area, key, data, content_type="application/pdf")
    return FileRef(
        blob=BlobRef(
            area="acquisizione", key=key, sha256=hashlib.sha256(data).hexdigest(), size=len(data)
        ),
        nome_file="avvio-procedimento-2026-000001.pdf",
        content_type="application/pdf",
    )


def comando(
    file: FileRef,
    *,
    nome: str = "Mario Rossi",
    indirizzo: str | None = "Via Roma 10\n00100 Roma RM",
    altri: Sequence[FileRef] = (),
    lettori: Sequence[str] = (),
) -> InviaRaccomandata:
    return InviaRaccomandata(
        correlation_id="istanza-1",
        ordine="DEMO",
        istanza_id="istanza-1",
        comunicazione_id="comunicazione-1",
        destinatario=Destinatario(nome=nome, indirizzo=indirizzo),
        documento=file,
        altri_documenti=list(altri),
        lettori=list(lettori),
    )
