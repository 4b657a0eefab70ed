"""Signing the Ordine's documents: which PAdES level applies, and what the signature says.

A timestamped level (B-T, B-LT, B-LTA) needs a timestamp authority; without a level asked for,
the strongest that needs nothing else applies: B-T when an authority is configured, else B-B.
"""

from dataclasses import dataclass
from typing import Final

from firma.domain.errors import RichiestaRifiutata
from parcelle_contracts.vocabolario import LIVELLI_FIRMA, LivelloFirma

MARCATI: Final[frozenset[LivelloFirma]] = frozenset({"pades-b-t", "pades-b-lt", "pades-b-lta"})
"""Levels whose signature carries a timestamp."""
CON_DATI_DI_VALIDAZIONE: Final[frozenset[LivelloFirma]] = frozenset({"pades-b-lt", "pades-b-lta"})
"""Levels that add the certificates and revocation data to the document (DSS)."""


@dataclass(frozen=True)
class DatiFirma:
    """What the signature says besides the certificate: the signature dictionary's entries."""

    firmatario: str
    """/Name: who signs for the Ordine."""
    motivo: str
    """/Reason."""
    luogo: str
    """/Location."""
    livello: LivelloFirma


def livello_applicato(richiesto: LivelloFirma | None, *, marca_temporale: bool) -> LivelloFirma:
    """The level to apply, given what was asked and whether a timestamp authority is known."""
    if richiesto is None:
        return "pades-b-t" if marca_temporale else "pades-b-b"
    if richiesto in MARCATI and not marca_temporale:
        raise RichiestaRifiutata(
            "livello_non_disponibile",
            f"{LIVELLI_FIRMA[richiesto]} richiede un servizio di marca temporale, non configurato.",
            {"livello": "Livello non disponibile senza marca temporale."},
        )
    return richiesto
