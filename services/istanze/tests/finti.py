"""Fakes of the ports of `istanze` and the requests the tests send: ``firma`` answering as a
valid signature by the case's lawyer, a PDF maker that builds the real template contexts and
records them, ``acquisizione`` answering (or not) with an Ordine's settings, a settable
clock."""

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pikepdf

from istanze.adapters.contesti import contesto_istanza, contesto_ricevuta
from parcelle_contracts import istanze as contratti
from parcelle_contracts.common import TRANSFER_AREA, Attore, BlobRef, FileRef
from parcelle_contracts.envelope import Message
from parcelle_contracts.esempi import ESEMPIO
from parcelle_contracts.firma import EsitoVerifica, Originale
from parcelle_contracts.ordini import ImpostazioniOrdine, RegoleIstanze
from parcelle_kit.blob.ports import BlobStore
from parcelle_kit.blob.writes import one_chunk

SECRET = "test-secret-of-the-istanze-tests-0123456789"
ORDINE = "DEMO"
ORA = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

AVVOCATO = Attore(
    username="gbianchi",
    ruolo="avvocato",
    ordine=ORDINE,
    nome="Giulia",
    cognome="Bianchi",
    codice_fiscale="BNCGLI85M41H501Y",
    pec="giulia.bianchi@pec.example.it",
)
API = AVVOCATO.model_copy(update={"tramite": "api"})
"""The same lawyer, through the REST API."""
ALTRO_AVVOCATO = Attore(username="mverdi", ruolo="avvocato", ordine=ORDINE)
SEGRETERIA = Attore(
    username="segreteria1", ruolo="segreteria", ordine=ORDINE, nome="Anna", cognome="Neri"
)
SCANNER = SEGRETERIA.model_copy(update={"tramite": "stazione", "stazione": "Sportello 2"})

IMPOSTAZIONI = ImpostazioniOrdine(
    codice=ORDINE, versione=3, nome="Ordine degli Avvocati di Demo", pec="ordine@pec.example.it"
)


def pdf(testo: str = "Parcella", cambia: Callable[[pikepdf.Pdf], None] | None = None) -> bytes:
    """A real one-page PDF saying ``testo`` (so different texts make different files);
    ``cambia`` may add to it what a test needs (an action, an attachment)."""
    documento = pikepdf.new()
    documento.add_blank_page()
    documento.pages[0].Contents = documento.make_stream(f"BT ({testo}) Tj ET".encode())
    if cambia is not None:
        cambia(documento)
    out = io.BytesIO()
    documento.save(out)
    return out.getvalue()


PDF = pdf()


def impostazioni(versione: int, nome: str, **regole: Any) -> ImpostazioniOrdine:
    """The settings of the test Ordine at ``versione``."""
    return IMPOSTAZIONI.model_copy(
        update={"versione": versione, "nome": nome, "istanze": RegoleIstanze(**regole)}
    )


def crea(attore: Attore = AVVOCATO, istanza_id: str = "istanza-1") -> contratti.CreaBozza:
    """The request for a complete draft (the DM worked example)."""
    return contratti.CreaBozza(
        correlation_id=istanza_id,
        ordine=attore.ordine,
        attore=attore,
        istanza_id=istanza_id,
        contenuto=contratti.ContenutoIstanza.model_validate(ESEMPIO),
    )


def ref(data: bytes, key: str) -> BlobRef:
    return BlobRef(
        area=TRANSFER_AREA, key=key, sha256=hashlib.sha256(data).hexdigest(), size=len(data)
    )


@dataclass
class FintaFirma:
    """``firma``: every signed file is a valid PAdES signature by the case's lawyer."""

    blobs: BlobStore
    transfer: BlobStore
    verifiche: list[Originale] = field(default_factory=list)

    async def verifica(
        self, cause: Message, firmato: BlobRef, originale: Originale, codice_fiscale: str
    ) -> EsitoVerifica:
        self.verifiche.append(originale)
        return EsitoVerifica(
            valida=True,
            tipo="pades",
            firmatario=f"{AVVOCATO.nome} {AVVOCATO.cognome}",
            codice_fiscale=codice_fiscale,
            emittente="Test CA",
            firmato_il=ORA,
        )

    async def firma_demo(self, cause: Message, documento: BlobRef) -> BlobRef:
        firmato = await self.blobs.get(documento.key) + b"%firmato\n"
        key = f"firmati/{cause.message_id}"
        await self.transfer.put(key, one_chunk(firmato), max_size=len(firmato))
        return ref(firmato, key)


@dataclass
class FintiDocumenti:
    """Makes a small fake PDF from the real template contexts (so the contexts are
    exercised) and records them."""

    contesti: list[dict[str, Any]] = field(default_factory=list)

    async def istanza(
        self,
        istanza: contratti.Istanza,
        *,
        ordine_nome: str,
        generata_il: datetime,
        luogo: str | None = None,
        firma_autografa: bool | None = None,
    ) -> bytes:
        contesto = contesto_istanza(
            istanza,
            ordine_nome=ordine_nome,
            generata_il=generata_il,
            luogo=luogo,
            firma_autografa=firma_autografa,
        )
        self.contesti.append(contesto)
        return PDF + f"% istanza {istanza.codice} {len(self.contesti)}\n".encode()

    async def ricevuta(
        self,
        istanza: contratti.Istanza,
        *,
        ordine_nome: str,
        depositata_il: datetime,
        generata_il: datetime,
        file_firmato: FileRef | None = None,
    ) -> bytes:
        contesto = contesto_ricevuta(
            istanza,
            ordine_nome=ordine_nome,
            depositata_il=depositata_il,
            generata_il=generata_il,
            file_firmato=file_firmato,
        )
        self.contesti.append(contesto)
        return PDF + f"% ricevuta {istanza.codice} {len(self.contesti)}\n".encode()


@dataclass
class FintaAcquisizione:
    """``acquisizione``: answers with ``risposta`` (``None``: it does not answer in time)."""

    risposta: ImpostazioniOrdine | None = None
    domande: list[str] = field(default_factory=list)

    async def impostazioni(self, cause: Message, ordine: str) -> ImpostazioniOrdine | None:
        self.domande.append(ordine)
        return self.risposta


class Orologio:
    def __init__(self, ora: datetime) -> None:
        self.ora = ora

    def __call__(self) -> datetime:
        return self.ora
