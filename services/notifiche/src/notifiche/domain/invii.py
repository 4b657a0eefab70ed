"""A sent message as the receipts' side needs it: the record ``notifiche`` keeps of each mail it
sent (collection ``invii``), found by the Message-ID the provider's receipt quotes, and the
record of a receipt kept as proof."""

from dataclasses import dataclass
from datetime import datetime

from parcelle_contracts.vocabolario import CanalePosta, TipoRicevutaPec


@dataclass(frozen=True)
class Invio:
    """One mail sent (one recipient, one channel)."""

    message_id_mail: str
    """The Message-ID header of the sent mail, ``<...>``."""
    istanza_id: str
    comunicazione_id: str
    ordine: str
    canale: CanalePosta
    indirizzo: str
    correlation_id: str | None = None
    """The case's correlation id (the command's), when the sender recorded it."""


@dataclass(frozen=True)
class RicevutaRegistrata:
    """A receipt kept as proof: what it certifies, about which message, where its raw bytes
    lie (``blob_key``/``sha256``/``size`` in ``notifiche``'s own area)."""

    ricevuta_id: str
    chiave: str
    tipo: TipoRicevutaPec
    ordine: str
    istanza_id: str
    comunicazione_id: str
    message_id_mail: str
    destinatario: str | None
    ricevuta_il: datetime
    gestore: str
    identificativo: str
    errore: str
    errore_esteso: str | None
    simulata: bool
    fonte: str
    blob_key: str
    sha256: str
    size: int
    registrata_il: datetime
