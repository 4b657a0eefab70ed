"""Fakes of the ports of `acquisizione` and the messages the tests send: ``istanze`` answering
with a canned application, a PDF maker that records what it was asked, a settable clock."""

import hashlib
from datetime import datetime
from decimal import Decimal
from typing import Any

from acquisizione.adapters.documenti import contesto_avvio
from acquisizione.domain.ordine import ImpostazioniOrdine
from acquisizione.domain.pratica import Pratica
from parcelle_contracts import istanze
from parcelle_contracts.acquisizione import AcquisisciPratica
from parcelle_contracts.common import TRANSFER_AREA, Attore, BlobRef
from parcelle_contracts.envelope import Message
from parcelle_contracts.esempi import ESEMPIO
from parcelle_contracts.vocabolario import TipoFirma
from parcelle_kit import demo

from .fabbrica import ACQUISITA, DEPOSITATA, ORDINE

SECRET = "test-secret-of-the-acquisizione-tests-0123456789"

SEGRETERIA = Attore(
    username=demo.SEGRETERIA.username,
    ruolo="segreteria",
    ordine=ORDINE,
    nome=demo.SEGRETERIA.nome,
    cognome=demo.SEGRETERIA.cognome,
)
"""The demo clerk, at their web area."""
STAZIONE = SEGRETERIA.model_copy(update={"tramite": "stazione", "stazione": "banco-1"})
"""The demo clerk scanning at the station ``banco-1``."""
AVVOCATO = Attore(
    username=demo.AVVOCATO.username,
    ruolo="avvocato",
    ordine=ORDINE,
    nome=demo.AVVOCATO.nome,
    cognome=demo.AVVOCATO.cognome,
    codice_fiscale=demo.AVVOCATO.codice_fiscale,
    pec=demo.AVVOCATO.pec,
    email=demo.AVVOCATO.email,
)
CONSIGLIERE = Attore(username=demo.CONSIGLIERE.username, ruolo="consigliere", ordine=ORDINE)


def depositata(
    istanza_id: str, codice: str, *, firma: TipoFirma = "pades", **altro: Any
) -> istanze.IstanzaDepositata:
    """The event `istanze` publishes at deposit."""
    valori: dict[str, Any] = {
        "correlation_id": f"corr-{istanza_id}",
        "ordine": codice.split("-")[0],
        "istanza_id": istanza_id,
        "codice": codice,
        "avvocato": AVVOCATO,
        "cliente": "Mario Rossi",
        "importo_richiesto": Decimal("7616.00"),
        "firma": firma,
        "depositata_il": DEPOSITATA,
        **altro,
    }
    return istanze.IstanzaDepositata.model_validate(valori)


def scansione(codice: str, attore: Attore = STAZIONE, **altro: Any) -> AcquisisciPratica:
    """The request the gateway sends when a station scans ``codice`` (the clerk acts through
    it)."""
    valori: dict[str, Any] = {"origine": "scanner", **altro}
    return AcquisisciPratica(
        correlation_id="richiesta", ordine=attore.ordine, attore=attore, codice=codice, **valori
    )


def vista_istanza(
    istanza_id: str, codice: str, *, cliente: dict[str, Any] | None = None
) -> istanze.Istanza:
    """The application as `istanze` shows it to the Ordine's secretariat."""
    contenuto = dict(ESEMPIO)
    if cliente is not None:
        contenuto["cliente"] = cliente
    return istanze.Istanza(
        id=istanza_id,
        codice=codice,
        ordine=codice.split("-")[0],
        stato="acquisita",
        avvocato=AVVOCATO,
        contenuto=istanze.ContenutoIstanza.model_validate(contenuto),
        totali=istanze.Totali(
            compenso=Decimal("7616.00"),
            spese_generali=Decimal("1142.40"),
            cpa=Decimal("350.34"),
            iva=Decimal("2003.92"),
            spese=Decimal("0.00"),
            totale=Decimal("11112.66"),
        ),
        mancanti=[],
        azioni=[],
        allegati=[],
        documento_pronto=True,
        creata_il=DEPOSITATA,
        aggiornata_il=ACQUISITA,
        firma_richiesta=True,
        cronologia=[],
    )


class FintiFascicoli:
    """`istanze`: answers with the views it holds, records who asked."""

    def __init__(self) -> None:
        self.viste: dict[str, istanze.Istanza] = {}
        self.domande: list[tuple[str, Attore]] = []

    async def dettaglio(self, causa: Message, attore: Attore, istanza_id: str) -> istanze.Istanza:
        self.domande.append((istanza_id, attore))
        return self.viste[istanza_id]


class FintiDocumenti:
    """Makes a small fake PDF from the real template context (so the context is exercised)."""

    def __init__(self) -> None:
        self.contesti: list[dict[str, Any]] = []

    async def avvio(
        self,
        pratica: Pratica,
        istanza: istanze.Istanza,
        impostazioni: ImpostazioniOrdine,
        *,
        generato_il: datetime,
    ) -> bytes:
        contesto = contesto_avvio(pratica, istanza, impostazioni, generato_il=generato_il)
        self.contesti.append(contesto)
        return f"%PDF-1.7 avviso {contesto['protocollo']}".encode()


class Orologio:
    def __init__(self, ora: datetime) -> None:
        self.ora = ora

    def __call__(self) -> datetime:
        return self.ora


def ref(data: bytes, key: str) -> BlobRef:
    return BlobRef(
        area=TRANSFER_AREA, key=key, sha256=hashlib.sha256(data).hexdigest(), size=len(data)
    )
