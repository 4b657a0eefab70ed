"""A stable fingerprint of what the application document shows, so the service knows whether
a stored PDF still matches the data.

The canonical form is JSON with sorted keys and no spaces; amounts are written by value (so
``1701``, ``1701.0`` and ``1701.00`` are the same amount and the same fingerprint), times in
UTC. A version prefix lets the form change one day without old fingerprints matching new ones.
"""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import fields, is_dataclass
from datetime import UTC, date, datetime
from decimal import Context, Decimal
from typing import Final

from istanze.domain.allegati import Allegato
from istanze.domain.contenuto import ContenutoIstanza
from istanze.domain.persone import Avvocato

VERSIONE: Final = b"parcelle/istanza/fingerprint/v1\n"
# normalize() rounds to the context's precision: use our own, whatever the caller's thread set.
_CONTESTO = Context(prec=60)


def canonico(valore: object) -> object:
    """``valore`` (dataclasses, dicts, tuples, Decimal, dates, plain values) as JSON-ready
    data."""
    if valore is None or isinstance(valore, str | bool | int):
        return valore
    if isinstance(valore, Decimal):
        return format(valore.normalize(_CONTESTO), "f") if valore.is_finite() else str(valore)
    if isinstance(valore, datetime):
        if valore.tzinfo is None:
            raise ValueError("naive datetime in a fingerprint")
        return valore.astimezone(UTC).isoformat()
    if isinstance(valore, date):
        return valore.isoformat()
    if isinstance(valore, list | tuple):
        return [canonico(elemento) for elemento in valore]
    if isinstance(valore, dict):
        return {str(chiave): canonico(elemento) for chiave, elemento in valore.items()}
    if is_dataclass(valore) and not isinstance(valore, type):
        return {campo.name: canonico(getattr(valore, campo.name)) for campo in fields(valore)}
    raise TypeError(f"cannot fingerprint a {type(valore).__name__}")


def fingerprint(dati: object) -> str:
    """The SHA-256 (hex) of the canonical form of ``dati``."""
    testo = json.dumps(canonico(dati), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(VERSIONE + testo.encode()).hexdigest()


def fingerprint_istanza(
    *,
    codice: str,
    ordine: str,
    avvocato: Avvocato,
    contenuto: ContenutoIstanza,
    allegati: Sequence[Allegato],
) -> str:
    """The fingerprint of what an application document shows: who asks, for what, with which
    files. Attachments count because the document lists them with their SHA-256 (so the
    signature covers them); where the bytes are stored (the blob key) does not."""
    return fingerprint(
        {
            "codice": codice,
            "ordine": ordine,
            "avvocato": avvocato,
            "contenuto": contenuto,
            "allegati": [
                {
                    "id": a.id,
                    "categoria": a.categoria,
                    "nome_file": a.nome_file,
                    "tipo": a.tipo,
                    "dimensione": a.dimensione,
                    "sha256": a.sha256,
                    "caricato_il": a.caricato_il,
                }
                for a in allegati
            ],
        }
    )
