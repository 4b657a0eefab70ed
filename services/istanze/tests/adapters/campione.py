"""A realistic application, built the way the service builds its view: from the JSON body the
API accepts, plus attachments, totals and the applicant.

The totals are computed here the simple way (DM 55/2014 art. 2 and the CPA/IVA rates, each
step rounded half-up to the cent), independently of the domain's calculator: for the DM
worked example (fee 7,616.00, spese generali 15%) they must come to 11,112.66.
"""

import hashlib
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from parcelle_contracts.common import Attore, BlobRef, FileRef
from parcelle_contracts.esempi import ESEMPIO
from parcelle_contracts.istanze import Allegato, ContenutoIstanza, Firma, Istanza, Totali

CODICE = "ROMA-26-7K3Q9XAB-4FZP"
ORDINE_NOME = "Ordine degli Avvocati di Roma"
GENERATA_IL = datetime(2026, 3, 12, 9, 41, tzinfo=UTC)
DEPOSITATA_IL = datetime(2026, 3, 12, 23, 5, tzinfo=UTC)  # 13 March, 00:05 in Rome
CENT = Decimal("0.01")

CORPO = ESEMPIO

AVVOCATO = Attore(
    username="avv.dangelo",
    ruolo="avvocato",
    ordine="ROMA",
    nome="Niccolò",
    cognome="D'Angelo",
    codice_fiscale="DNGNCC80A01H501U",
    pec="niccolo.dangelo@pec.example.it",
    email="studio@dangelo.example.it",
)


def _centesimi(valore: Decimal) -> Decimal:
    return valore.quantize(CENT, rounding=ROUND_HALF_UP)


def totali(contenuto: ContenutoIstanza) -> Totali:
    """Fee, spese generali, CPA 4% on both, IVA 22% on all that, plus expenses."""
    compenso = sum((voce.importo for voce in contenuto.voci or []), Decimal("0.00"))
    spese_generali = _centesimi(compenso * contenuto.spese_generali_percentuale / 100)
    cpa = _centesimi((compenso + spese_generali) * Decimal("0.04"))
    iva = _centesimi((compenso + spese_generali + cpa) * Decimal("0.22"))
    spese = contenuto.spese or Decimal("0.00")
    totale = compenso + spese_generali + cpa + iva + spese
    return Totali(
        compenso=compenso,
        spese_generali=spese_generali,
        cpa=cpa,
        iva=iva,
        spese=spese,
        totale=totale,
    )


def allegato(numero: int, categoria: str, nome_file: str, dimensione: int) -> Allegato:
    return Allegato.model_validate(
        {
            "id": f"0192f0c1-0000-7000-8000-00000000000{numero}",
            "categoria": categoria,
            "nome_file": nome_file,
            "content_type": "application/pdf",
            "tipo": "PDF",
            "dimensione": dimensione,
            "sha256": hashlib.sha256(nome_file.encode()).hexdigest(),
            "caricato_il": GENERATA_IL,
        }
    )


ALLEGATI = [
    allegato(1, "parcella", "notula_rossi_2024.pdf", 184_311),
    allegato(2, "prova_invio", "ricevuta_consegna_pec_notula.pdf", 61_027),
    allegato(3, "relazione", "relazione_attivita_svolta.pdf", 402_118),
    allegato(4, "atti", "atto_di_citazione_e_comparse.pdf", 3_145_728),
    allegato(5, "procura", "procura_alle_liti.pdf", 98_304),
]


def istanza(corpo: dict[str, Any] | None = None, **campi: Any) -> Istanza:
    """The sample application (or ``corpo`` as its content), ready to deposit."""
    contenuto = ContenutoIstanza.model_validate(CORPO if corpo is None else corpo)
    valori: dict[str, Any] = {
        "id": "0192f0c1-7a2b-7c3d-8e4f-5a6b7c8d9e0f",
        "codice": CODICE,
        "ordine": "ROMA",
        "stato": "bozza",
        "avvocato": AVVOCATO,
        "contenuto": contenuto,
        "totali": totali(contenuto),
        "mancanti": [],
        "allegati": ALLEGATI,
        "documento_pronto": True,
        "documento_sha256": "a" * 64,
        "creata_il": GENERATA_IL,
        "aggiornata_il": GENERATA_IL,
        "firma_richiesta": True,
        "cronologia": [],
        "azioni": [],
    }
    valori.update(campi)
    return Istanza.model_validate(valori)


FIRMA_PADES = Firma(
    tipo="pades",
    firmatario="Niccolò D'Angelo",
    codice_fiscale="DNGNCC80A01H501U",
    emittente="Parcelle Demo Qualified CA",
    firmato_il=datetime(2026, 3, 12, 22, 58, tzinfo=UTC),
    sha256="b" * 64,
)
FIRMA_AUTOGRAFA = Firma(tipo="autografa")


def file_firmato(
    nome_file: str = "istanza_firmata.pdf", sha256: str = "b" * 64, dimensione: int = 212_345
) -> FileRef:
    """The signed file a digital deposit lists on its receipt."""
    blob = BlobRef(area="istanze", key="firmati/x", sha256=sha256, size=dimensione)
    return FileRef(blob=blob, nome_file=nome_file, content_type="application/pdf")
