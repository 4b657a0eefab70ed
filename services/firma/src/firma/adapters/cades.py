"""CAdES: the facts of a signed .p7m envelope (CMS SignedData, DER or base64/PEM), with pyhanko.

A .p7m with the document inside ("attached") is what Italian signing tools produce; the
content must be exactly the original PDF. An envelope with several signers (parallel
signatures) is examined for the applicant's signer, else the first.
"""

import base64
import binascii
import re
from collections.abc import Callable
from datetime import UTC, datetime

from asn1crypto import cms
from cryptography.hazmat.primitives import hashes
from pyhanko.sign.general import CMSExtractionError
from pyhanko.sign.validation import generic_cms
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import StandardCMSSignatureStatus
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from firma.adapters import trust
from firma.domain import codice_fiscale
from firma.domain.esame import Catena, Documento, EsameFirma, Impronta

_ARMOR = re.compile(rb"-----(BEGIN|END) [A-Z0-9 ]+-----")
_DETACHED = (
    "La firma CAdES non contiene il documento (firma separata): carica il file .p7m che "
    "include il PDF dell'istanza."
)
_KEY_USAGE = KeyUsageConstraints(key_usage=set(trust.SIGNING_KEY_USAGE))


def _der_signed_data(der: bytes) -> cms.SignedData | None:
    try:
        info = cms.ContentInfo.load(der, strict=True)
        if info["content_type"].native != "signed_data":
            return None
        signed_data = info["content"]
        signed_data["signer_infos"].native  # noqa: B018 - force parsing now, not mid-check
        signed_data["encap_content_info"]["content_type"].native  # noqa: B018
    except (ValueError, TypeError, KeyError, OverflowError):
        return None
    return signed_data


def parse(data: bytes) -> cms.SignedData | None:
    """The SignedData in a .p7m, DER or base64 (with or without PEM armour), or None."""
    if data[:1] == b"\x30":
        return _der_signed_data(data)
    text = _ARMOR.sub(b"", data)
    try:
        der = base64.b64decode(b"".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        return None
    return _der_signed_data(der) if der[:1] == b"\x30" else None


def _signer_cf(signed_data: cms.SignedData, signer: cms.SignerInfo) -> str | None:
    single = _alone(signed_data, signer)
    try:
        cert = generic_cms.extract_certs_for_validation(single).signer_cert
    except (SignatureValidationError, CMSExtractionError, ValueError, KeyError):
        return None
    return codice_fiscale.da_serial_number(cert.subject.native.get("serial_number"))


def _alone(signed_data: cms.SignedData, signer: cms.SignerInfo) -> cms.SignedData:
    """The same SignedData with only ``signer``: pyhanko validates one signer at a time."""
    single = signed_data.copy()
    single["signer_infos"] = cms.SignerInfos([signer])
    return single


def _digest(content: bytes) -> Callable[[str], bytes]:
    def digest(algorithm: str) -> bytes:
        hasher = hashes.Hash(get_pyca_cryptography_hash(algorithm))
        hasher.update(content)
        return hasher.finalize()

    return digest


async def _validate(
    signed_data: cms.SignedData, content: bytes, session: trust.TrustSession
) -> tuple[StandardCMSSignatureStatus, datetime, datetime | None]:
    """Validate now, or at the time of a trusted signature timestamp if there is one."""
    signer = signed_data["signer_infos"][0]
    timing = await generic_cms.collect_timing_info(
        signer, session.context(), raw_digest=_digest(content)
    )
    moment, stamped = datetime.now(UTC), None
    tst = timing.get("timestamp_validity")
    if tst is not None and tst.trusted:
        moment = stamped = tst.timestamp
    status = await generic_cms.async_validate_cms_signature(
        signed_data,
        status_cls=StandardCMSSignatureStatus,
        validation_context=session.context(stamped),
        status_kwargs=timing,
        key_usage_settings=_KEY_USAGE,
    )
    return status, moment, stamped


async def examine(
    signed_data: cms.SignedData, originale: Impronta, cf: str, policy: trust.TrustPolicy
) -> EsameFirma:
    """The facts of a .p7m envelope as a signed copy of ``originale`` by ``cf``."""
    signers = list(signed_data["signer_infos"])
    if not signers:
        return EsameFirma(tipo="cades")
    atteso = codice_fiscale.normalizza(cf)
    signer = next((s for s in signers if _signer_cf(signed_data, s) == atteso), signers[0])
    single = _alone(signed_data, signer)
    encapsulated = single["encap_content_info"]["content"]
    if encapsulated.native is None:
        return EsameFirma(tipo="cades", firmata=True, formato_dettaglio=_DETACHED)
    content = bytes(encapsulated)
    try:
        certs = generic_cms.extract_certs_for_validation(single)
        signer_cert, other_certs = certs.signer_cert, certs.other_certs
    except (SignatureValidationError, CMSExtractionError):
        return EsameFirma(tipo="cades", firmata=True)  # no signer certificate
    base = EsameFirma(tipo="cades", firmata=True, certificato=trust.certificato(signer_cert))
    async with policy.session() as session:
        try:
            status, moment, stamped = await _validate(single, content, session)
        except (SignatureValidationError, ValueError):
            return base  # a structure pyhanko refuses: not a valid signature
        intact = status.valid and status.intact
        catena = (
            await session.diagnose(status, other_certs, stamped)
            if intact
            else Catena.NON_VERIFICATA
        )
    return EsameFirma(
        tipo="cades",
        firmata=True,
        firma_integra=status.valid,
        contenuto_integro=status.intact,
        certificato=base.certificato,
        catena=catena,
        verificata_al=moment,
        marca_temporale=stamped,
        dichiarata_il=trust.aware(status.signer_reported_dt),
        documento=Documento.ORIGINALE if originale.corrisponde(content) else Documento.DIVERSO,
    )
