"""Attachments of an application: what each is for, what we know of its file, and the
Ordine's limits on them."""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Final

from istanze.domain.errori import (
    DatiNonValidiError,
    FileTroppoGrandeError,
    SpazioEsauritoError,
    TipoNonAmmessoError,
    TroppiAllegatiError,
)
from istanze.domain.regole import RegoleOrdine
from istanze.domain.tipi_file import TIPI_FILE
from parcelle_contracts.vocabolario import CATEGORIE_ALLEGATO, MB, CategoriaAllegato, TipoFile

SHA256_HEX: Final = re.compile(r"^[0-9a-f]{64}$")
_RISERVATI = re.compile(r'[\\/:*?"<>|]')
_MAX_NOME = 255


@dataclass(frozen=True, kw_only=True)
class Allegato:
    """An attached file. ``tipo`` and ``content_type`` come from its content, sniffed by us;
    ``nome_file`` is the uploader's name, cleaned, for display only."""

    id: str
    categoria: CategoriaAllegato
    nome_file: str
    content_type: str
    tipo: TipoFile
    dimensione: int
    sha256: str
    blob_key: str
    caricato_il: datetime


def pulisci_nome_file(nome: str) -> str:
    """A file name fit to show: no directories, control characters or reserved characters.

    The name is never used to find or store the file (blobs live under generated keys); this
    only keeps a crafted name from misleading on screen or in a download.
    """
    nome = unicodedata.normalize("NFC", nome).replace("\\", "/").rsplit("/", 1)[-1]
    nome = "".join(" " if unicodedata.category(c).startswith("C") else c for c in nome)
    nome = " ".join(_RISERVATI.sub("_", nome).split()).strip(". ")
    if len(nome) > _MAX_NOME:
        radice, punto, estensione = nome.rpartition(".")
        if punto and 0 < len(estensione) <= 10:
            nome = radice[: _MAX_NOME - len(estensione) - 1] + "." + estensione
        else:
            nome = nome[:_MAX_NOME]
    return nome or "allegato"


def verifica_nuovo_allegato(
    presenti: Sequence[Allegato],
    *,
    categoria: str,
    tipo: TipoFile | None,
    dimensione: int,
    regole: RegoleOrdine,
) -> None:
    """Raise the refusal, if any, of adding a file to the attachments ``presenti``."""
    if categoria not in CATEGORIE_ALLEGATO:
        raise DatiNonValidiError(
            "Categoria di allegato non prevista", {"categoria": "Scegli il tipo di documento"}
        )
    if dimensione <= 0:
        raise DatiNonValidiError("Il file è vuoto", {"file": "Il file è vuoto"})
    if tipo is None or tipo not in regole.tipi_ammessi:
        ammessi = ", ".join(t for t in TIPI_FILE if t in regole.tipi_ammessi)
        raise TipoNonAmmessoError(
            f"Il contenuto del file non è di un tipo ammesso ({ammessi}): il tipo si riconosce "
            "dal contenuto, non dal nome del file"
        )
    if dimensione > regole.max_dimensione_file:
        raise FileTroppoGrandeError(
            f"Il file supera il limite di {mb(regole.max_dimensione_file)} MB per allegato"
        )
    if len(presenti) >= regole.max_allegati:
        raise TroppiAllegatiError(
            f"Puoi allegare al massimo {regole.max_allegati} file per istanza"
        )
    occupato = sum(a.dimensione for a in presenti)
    if occupato + dimensione > regole.max_dimensione_pratica:
        raise SpazioEsauritoError(
            f"Con questo file gli allegati supererebbero il limite di "
            f"{mb(regole.max_dimensione_pratica)} MB per istanza (già usati {mb(occupato)} MB)"
        )


def mb(byte: int) -> str:
    """Bytes as MB for a message: ``16`` or ``15,5`` (Italian decimal comma)."""
    valore = (Decimal(byte) / MB).quantize(Decimal("0.1"))
    if valore == valore.to_integral_value():
        return format(valore.to_integral_value(), "f")
    return str(valore).replace(".", ",")
