"""Messages of the ``firma`` service: signature verification, signing of the Ordine's documents
(PAdES) and, in development, demo signing."""

from typing import ClassVar, Literal

from pydantic import AwareDatetime, Field

from parcelle_contracts.common import BlobRef, Model
from parcelle_contracts.envelope import Command
from parcelle_contracts.vocabolario import LivelloFirma

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


class FirmaDocumento(Command):
    """Sign the PDF ``documento`` (PAdES, invisible signature, appended as an incremental update)
    with the Ordine's signing key, as configured in `firma` (PKCS#12 file, PKCS#11 token or a
    remote service over the CSC API); the Ordine is the envelope's ``ordine``.

    The reply is a :class:`FirmaApposta`. Idempotent: the result is kept under a key derived
    from ``message_id``, so a redelivered command answers with the file signed the first time
    and signs nothing again. Refusals: ``file_non_trovato``, ``file_non_corrispondente``,
    ``file_troppo_grande``, ``dati_non_validi`` (not a PDF that can be signed),
    ``livello_non_disponibile`` (a timestamped level without a timestamp authority configured),
    ``non_disponibile`` (no signer configured).
    """

    owner: ClassVar[str] = "firma"
    name: ClassVar[str] = "firma_documento"
    documento: BlobRef = Field(description="The PDF to sign, in the transfer area.")
    firmatario: str = Field(
        min_length=1,
        max_length=200,
        description="Who signs for the Ordine (the reporting councillor's name): the signature's "
        "/Name. The certificate is the Ordine's, whatever this says.",
    )
    motivo: str = Field(
        min_length=1, max_length=200, description="The signature's reason (/Reason)."
    )
    luogo: str | None = Field(
        default=None,
        max_length=200,
        description="The signature's location (/Location); default the Ordine's name.",
    )
    livello: LivelloFirma | None = Field(
        default=None,
        description="PAdES level wanted; default pades-b-t when a timestamp authority is "
        "configured in `firma`, else pades-b-b. The timestamped levels need that authority.",
    )


class FirmaApposta(Model):
    """The reply to :class:`FirmaDocumento`: where the signed PDF lies and what was applied."""

    documento: BlobRef = Field(
        description="The signed PDF, in the transfer area, with its SHA-256."
    )
    certificato: str = Field(
        description="Subject of the signer's certificate (RFC 4514), e.g. "
        "``CN=Ordine degli Avvocati di Demo,O=Ordine degli Avvocati di Demo,C=IT``."
    )
    livello: LivelloFirma = Field(description="The PAdES level applied.")
