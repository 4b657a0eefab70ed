"""Builders of applications in the shapes tests need: a complete draft, one ready to deposit,
one deposited. Real-looking Italian data; the tax codes are the project's demo ones."""

import copy
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from istanze.domain.contenuto import Cliente, ContenutoIstanza, DatiPratica, Indirizzo, Voce
from istanze.domain.deposito import Firma
from istanze.domain.errori import DomainError
from istanze.domain.istanza import Istanza
from istanze.domain.persone import Avvocato, Utente
from istanze.domain.regole import REGOLE_PREDEFINITE, RegoleOrdine
from parcelle_contracts.vocabolario import CategoriaAllegato

ORDINE = "DEMO"
ORA = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
MINUTO = timedelta(minutes=1)
DOPO = ORA + 10 * MINUTO
DOPO_DEPOSITO = ORA + 20 * MINUTO

AVVOCATO = Avvocato(
    username="gbianchi",
    nome="Giulia",
    cognome="Bianchi",
    codice_fiscale="BNCGLI85M41H501Y",
    pec="giulia.bianchi@pec.example.it",
    email="giulia.bianchi@example.it",
)
TITOLARE = Utente(username="gbianchi", ruolo="avvocato", ordine=ORDINE, nome="Giulia")
ALTRO_AVVOCATO = Utente(username="mverdi", ruolo="avvocato", ordine=ORDINE)
SEGRETERIA = Utente(username="segreteria1", ruolo="segreteria", ordine=ORDINE, nome="Anna")
CONSIGLIERE = Utente(username="relatore1", ruolo="consigliere", ordine=ORDINE)
ALTRO_ORDINE = Utente(username="gbianchi", ruolo="avvocato", ordine="ROMA")

CLIENTE = Cliente(
    tipo="persona_fisica",
    nome="Mario",
    cognome="Rossi",
    codice_fiscale="RSSMRA80A01H501U",
    indirizzo=Indirizzo(via="Via Roma 1", cap="00184", comune="Roma", provincia="RM"),
    pec="mario.rossi@pec.example.it",
)
PRATICA = DatiPratica(
    autorita="Tribunale di Roma",
    procedimento="tribunale_cognizione",
    numero_rg="12345/2024",
    valore=Decimal("30000.00"),
    numero_parti=2,
    mandato_concluso=True,
    difesa_ufficio=False,
    equo_compenso_art7=False,
)
# DM 147/2022, Tabella 2, 26,000.01-52,000, medium values: the worked example's 7,616.
VOCI = (
    Voce(fase="studio", importo=Decimal("1701.00")),
    Voce(fase="introduttiva", importo=Decimal("1204.00")),
    Voce(fase="istruttoria", importo=Decimal("1806.00")),
    Voce(fase="decisionale", importo=Decimal("2905.00")),
)
CONTENUTO = ContenutoIstanza(cliente=CLIENTE, pratica=PRATICA, voci=VOCI)


def sha(testo: str) -> str:
    """A SHA-256 to stand for a file's."""
    return hashlib.sha256(testo.encode()).hexdigest()


def bozza(contenuto: ContenutoIstanza = CONTENUTO, id: str = "istanza-1") -> Istanza:
    return Istanza.crea(
        id=id,
        codice="DEMO-26-7K3Q9XAB-4FZP",
        ordine=ORDINE,
        avvocato=AVVOCATO,
        ora=ORA,
        contenuto=contenuto,
    )


def allega(
    istanza: Istanza,
    categoria: CategoriaAllegato = "parcella",
    dimensione: int = 1000,
    regole: RegoleOrdine = REGOLE_PREDEFINITE,
) -> str:
    """Attach a PDF of ``categoria``; returns its id."""
    numero = len(istanza.allegati) + 1
    allegato = istanza.aggiungi_allegato(
        id=f"allegato-{numero}-{categoria}",
        categoria=categoria,
        nome_file=f"{categoria}.pdf",
        tipo="PDF",
        dimensione=dimensione,
        sha256=sha(f"{categoria}-{numero}"),
        blob_key=f"istanze/allegati/{numero}",
        ora=ORA + MINUTO,
        regole=regole,
    )
    return allegato.id


def genera_documento(istanza: Istanza, nome: str = "documento") -> None:
    istanza.registra_documento(
        blob_key=f"istanze/{nome}.pdf",
        sha256=sha(f"{nome}-{istanza.fingerprint()}"),
        dimensione=5000,
        fingerprint=istanza.fingerprint(),
        ora=ORA + 2 * MINUTO,
    )


def firma_digitale(istanza: Istanza) -> Firma:
    """A PAdES signature by the owner over the current document."""
    assert istanza.documento is not None
    return Firma(
        tipo="pades",
        firmatario="Giulia Bianchi",
        codice_fiscale=AVVOCATO.codice_fiscale,
        emittente="Test CA",
        firmato_il=ORA + 3 * MINUTO,
        documento_sha256=istanza.documento.sha256,
    )


def firma(istanza: Istanza, firma: Firma | None = None) -> None:
    """Propose a signed file for the current document."""
    firma = firma or firma_digitale(istanza)
    istanza.proponi_firmato(
        blob_key="istanze/firmato.pdf",
        sha256=sha("firmato"),
        dimensione=6000,
        firma=firma,
        ora=ORA + 3 * MINUTO,
    )


def pronta(contenuto: ContenutoIstanza = CONTENUTO) -> Istanza:
    """A draft with everything a deposit needs: attachments, document, signed file."""
    istanza = bozza(contenuto)
    allega(istanza, "parcella")
    allega(istanza, "prova_invio")
    genera_documento(istanza)
    firma(istanza)
    return istanza


def depositata() -> Istanza:
    istanza = pronta()
    istanza.deposita(ORA + 4 * MINUTO)
    return istanza


@contextmanager
def rifiutata(istanza: Istanza, codice: str) -> Iterator[list[DomainError]]:
    """Expect a refusal with ``codice`` that leaves ``istanza`` exactly as it was."""
    prima = copy.deepcopy(istanza)
    errori: list[DomainError] = []
    with pytest.raises(DomainError) as rifiuto:
        yield errori
    errori.append(rifiuto.value)
    assert rifiuto.value.codice == codice, rifiuto.value
    assert istanza == prima, "a refused operation changed the aggregate"
