"""What a verifier found in a signed file: facts only, no judgement.

The adapters (pyhanko) fill an :class:`EsameFirma`; :mod:`firma.domain.verdetto` turns it
into the problems the lawyer reads. Keeping the facts apart from the rules means the rules can
be tested with hand-made facts, in microseconds, for every combination.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Literal

Tipo = Literal["pades", "cades"]


class Catena(Enum):
    """What validating the signer's certificate chain at the reference time said."""

    ATTENDIBILE = "attendibile"
    """A path to a trust root, every certificate in force, none revoked, usage allowed."""
    NON_ATTENDIBILE = "non_attendibile"
    """No path from the certificate to any of the configured trust roots."""
    REVOCATO = "revocato"
    """The signer's certificate, or one of its CAs, was revoked before the reference time."""
    REVOCA_NON_VERIFICABILE = "revoca_non_verificabile"
    """Revocation information was required but could not be obtained or was stale."""
    USO_NON_CONSENTITO = "uso_non_consentito"
    """The certificate's key usage does not allow signing documents (non-repudiation)."""
    FUORI_VALIDITA = "fuori_validita"
    """A certificate of the chain was not in force at the reference time."""
    NON_VERIFICATA = "non_verificata"
    """The chain was not examined (the signature itself is broken)."""
    ALTRO = "altro"
    """Any other failure of the chain (constraints, algorithms, malformed certificates)."""


class Documento(Enum):
    """How what was signed compares with the original application PDF."""

    ORIGINALE = "originale"
    """Exactly the original was signed (PAdES: plus the signature's own incremental update)."""
    DIVERSO = "diverso"
    """Another document was signed, or the original was changed before signing."""
    IGNOTO = "ignoto"
    """It cannot be told, e.g. because the signed bytes are no longer those in the file."""


@dataclass(frozen=True)
class Impronta:
    """The fingerprint of the original application PDF: SHA-256 (hex) and size in bytes."""

    sha256: str
    size: int

    def corrisponde(self, dati: bytes) -> bool:
        """Whether ``dati`` are exactly the original."""
        return len(dati) == self.size and hashlib.sha256(dati).hexdigest() == self.sha256

    def inizia(self, dati: bytes) -> bool:
        """Whether ``dati`` start with the original (a PAdES signature is appended to it)."""
        return len(dati) >= self.size and self.corrisponde(dati[: self.size])


@dataclass(frozen=True)
class Certificato:
    """The facts of the signer's certificate the rules and the reply need."""

    nome: str | None
    """Subject common name."""
    serial_number: str | None
    """Subject ``serialNumber`` attribute (where qualified certificates put the tax code)."""
    emittente: str | None
    """Issuer, as a readable name."""
    valido_dal: datetime
    valido_al: datetime


@dataclass(frozen=True)
class EsameFirma:
    """Everything a verifier found in one signed file (times are timezone-aware)."""

    tipo: Tipo | None
    """None when the file is neither a PDF nor a CMS (.p7m) envelope."""
    formato_dettaglio: str | None = None
    """Why the format was not recognised or cannot be used, in Italian, when it matters."""
    firmata: bool = False
    """A signature is present (a PDF signature field filled, a CMS signer)."""
    firma_integra: bool = False
    """The signature value verifies against the certificate's key."""
    contenuto_integro: bool = False
    """The digest the signer signed matches the bytes now in the file."""
    certificato: Certificato | None = None
    catena: Catena = Catena.NON_VERIFICATA
    verificata_al: datetime | None = None
    """The reference time at which the chain was validated."""
    marca_temporale: datetime | None = None
    """Time of a trusted signature timestamp, if the signature carries one."""
    dichiarata_il: datetime | None = None
    """Signing time claimed by the signer (CMS signingTime or PDF /M): proves nothing."""
    documento: Documento = Documento.IGNOTO
    modificata_dopo: bool = False
    """PAdES: the file changed after the signature in more than DSS or document timestamps."""
