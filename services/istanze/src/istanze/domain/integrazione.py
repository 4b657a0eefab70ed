"""What the relatore asked the lawyer to add to a case, and by when (the term is suspended
meanwhile): reported by ``revisione``, answered by the lawyer with a note and documents."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class IntegrazioneAttesa:
    testo: str
    scadenza: datetime
    richiesta_il: datetime
