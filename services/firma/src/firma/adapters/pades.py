"""PAdES: the facts of a signed PDF, found with pyhanko.

Which signature: the applicant's (the one whose certificate carries the expected tax code),
else the first, so that a file signed by someone else is reported as such. Its integrity,
chain and timestamp come from pyhanko's validation; what was signed comes from
:mod:`firma.adapters.revisions`; what happened after it from pyhanko's difference analysis,
where only DSS and document timestamp updates (``LTA_UPDATES``) are accepted.
"""

import io
from datetime import UTC, datetime

from asn1crypto import crl as asn1_crl
from asn1crypto import ocsp as asn1_ocsp
from pyhanko.pdf_utils import misc
from pyhanko.pdf_utils.decode_limits import DecodePurpose
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.errors import NoDSSFoundError, SignatureValidationError
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel

from firma.adapters import trust
from firma.adapters.revisions import only_signature_added, original_revisions
from firma.domain import codice_fiscale
from firma.domain.esame import Catena, Documento, EsameFirma, Impronta

_ILLEGIBLE = "Il PDF è danneggiato o non leggibile: carica di nuovo il file firmato."
_ENCRYPTED = "Il PDF è protetto da password: firma il PDF dell'istanza senza cifrarlo."
_KEY_USAGE = KeyUsageConstraints(key_usage=set(trust.SIGNING_KEY_USAGE))


def _cf(signature: EmbeddedPdfSignature) -> str | None:
    try:
        subject = signature.signer_cert.subject.native
    except (SignatureValidationError, ValueError, KeyError):
        return None
    return codice_fiscale.da_serial_number(subject.get("serial_number"))


def _choose(signatures: list[EmbeddedPdfSignature], cf: str) -> EmbeddedPdfSignature:
    atteso = codice_fiscale.normalizza(cf)
    return next((s for s in signatures if _cf(s) == atteso), signatures[0])


def _revinfo(reader: PdfFileReader) -> trust.Revinfo:
    """Certificates and revocation data kept in the document's DSS (PAdES B-LT)."""
    try:
        dss = DocumentSecurityStore.read_dss(reader)
        return trust.Revinfo(
            certs=tuple(dss.load_certs()),
            crls=tuple(
                asn1_crl.CertificateList.load(ref.get_object().read_data(DecodePurpose.CRL))
                for ref in dss.crls
            ),
            ocsps=tuple(
                asn1_ocsp.OCSPResponse.load(ref.get_object().read_data(DecodePurpose.OCSP_RESPONSE))
                for ref in dss.ocsps
            ),
        )
    except NoDSSFoundError:
        return trust.Revinfo()
    except (misc.PdfError, ValueError, KeyError, TypeError):
        # A damaged DSS only loses its evidence: revocation is then fetched or not, per policy.
        return trust.Revinfo()


def _modified_after(status: PdfSignatureStatus) -> bool:
    if status.coverage is None or status.coverage < SignatureCoverageLevel.ENTIRE_REVISION:
        return True
    level = status.modification_level
    return level is None or level > ModificationLevel.LTA_UPDATES


async def examine(
    data: bytes, originale: Impronta, cf: str, policy: trust.TrustPolicy
) -> EsameFirma:
    """The facts of the PDF ``data`` as a signed copy of ``originale`` by ``cf``."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=True)
        if reader.encrypted:
            return EsameFirma(tipo="pades", formato_dettaglio=_ENCRYPTED)
        signatures = reader.embedded_regular_signatures
    except (misc.PdfError, ValueError, KeyError, TypeError, IndexError):
        return EsameFirma(tipo="pades", formato_dettaglio=_ILLEGIBLE)
    if not signatures:
        return EsameFirma(tipo="pades")
    signature = _choose(signatures, cf)
    try:
        signer_cert, other_certs = signature.signer_cert, signature.other_embedded_certs
    except SignatureValidationError:
        return EsameFirma(tipo="pades", firmata=True)  # no signer certificate in the signature
    certificato = trust.certificato(signer_cert)
    base = EsameFirma(tipo="pades", firmata=True, certificato=certificato)

    async with policy.session(_revinfo(reader)) as session:
        try:
            now = datetime.now(UTC)
            status = await async_validate_pdf_signature(
                signature, session.context(), key_usage_settings=_KEY_USAGE
            )
            moment, stamped = now, None
            tst = status.timestamp_validity
            if tst is not None and tst.trusted and status.valid and status.intact:
                # Validate again at the time the timestamp proves the signature existed.
                moment = stamped = tst.timestamp
                status = await async_validate_pdf_signature(
                    signature,
                    session.context(moment),
                    session.context(),
                    key_usage_settings=_KEY_USAGE,
                )
        except (SignatureValidationError, misc.PdfError, ValueError):
            # A signature pyhanko refuses to evaluate (structure, algorithms) is not a valid
            # one; the reason is in pyhanko's log, the lawyer reads "firma non valida".
            return base
        intact = status.valid and status.intact
        catena = (
            await session.diagnose(status, other_certs, stamped)
            if intact
            else Catena.NON_VERIFICATA
        )

    documento = Documento.IGNOTO
    if status.intact:
        revisions = original_revisions(reader, data, originale)
        documento = (
            Documento.ORIGINALE
            if revisions is not None
            and only_signature_added(reader, revisions, signature.signed_revision)
            else Documento.DIVERSO
        )
    return EsameFirma(
        tipo="pades",
        firmata=True,
        firma_integra=status.valid,
        contenuto_integro=status.intact,
        certificato=certificato,
        catena=catena,
        verificata_al=moment,
        marca_temporale=stamped,
        dichiarata_il=trust.aware(status.signer_reported_dt),
        documento=documento,
        modificata_dopo=status.intact and _modified_after(status),
    )
