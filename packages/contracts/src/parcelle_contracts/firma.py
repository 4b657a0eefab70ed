"""Messages of the ``firma`` service: signature verification and (in development) demo signing."""

from typing import ClassVar, Literal

from pydantic import AwareDatetime, Field

from parcelle_contracts.common import BlobRef, Model
from parcelle_contracts.envelope import Command

ProblemaFirma = Literal[
    "formato_non_riconosciuto",
    "firma_assente",
    "firma_non_valida",
    "modificato_dopo_la_firma",
    "certificato_non_attendibile",
    "certificato_scaduto",
    "certificato_non_ancora_valido",
    "certificato_revocato",
    "firmatario_diverso",
    "documento_diverso",
]


class Originale(Model):
    """The fingerprint of the document that should have been signed."""

    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: int = Field(ge=1)


class VerificaFirma(Command):
    """Does ``firmato`` carry a valid signature by ``codice_fiscale`` over ``originale``?

    A PAdES file must be ``originale`` with signatures appended (incremental update) and nothing
    changed after signing; a CAdES (.p7m) envelope must contain exactly ``originale``.
    """

    owner: ClassVar[str] = "firma"
    name: ClassVar[str] = "verifica_firma"
    firmato: BlobRef
    originale: Originale
    codice_fiscale: str = Field(description="Tax code the signer's certificate must carry.")


class Problema(Model):
    codice: ProblemaFirma
    messaggio: str = Field(description="Italian text for the lawyer.")


class EsitoVerifica(Model):
    valida: bool
    tipo: Literal["pades", "cades"] | None = None
    firmatario: str | None = Field(default=None, description="Signer's common name.")
    codice_fiscale: str | None = Field(default=None, description="From the certificate subject.")
    emittente: str | None = Field(default=None, description="Issuer of the signer's certificate.")
    firmato_il: AwareDatetime | None = Field(default=None, description="Signing time.")
    problemi: list[Problema] = Field(default_factory=list)


class FirmaDemo(Command):
    """Development only: sign the PDF ``documento`` (PAdES) with the demo lawyer's certificate;
    the reply is the BlobRef of the signed PDF, left in the transfer area."""

    owner: ClassVar[str] = "firma"
    name: ClassVar[str] = "firma_demo"
    documento: BlobRef
