"""Certificate trust with pyhanko-certvalidator: trust roots, validation contexts, diagnosis.

One :class:`TrustPolicy` per service holds the trust roots and the revocation settings, and
makes the validation contexts of one verification. The reference time decides everything:

- without a trusted signature timestamp the chain is validated now;
- with one, at the timestamp's time (point-in-time validation): a revocation dated after it
  does not count, and revocation information published later is accepted as evidence
  (``retroactive_revinfo``), since a CRL fetched today is the only one we can get.
"""

import contextlib
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from asn1crypto import crl, ocsp, pem, x509
from pyhanko.sign.validation.status import SignatureStatus
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import (
    ExpiredError,
    InsufficientRevinfoError,
    InvalidCertificateError,
    NotYetValidError,
    PathBuildingError,
    RevokedError,
    ValidationError,
)
from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend

from firma.domain.esame import Catena, Certificato

SIGNING_KEY_USAGE = frozenset({"non_repudiation"})
"""What a signer's certificate must allow: qualified signing certificates assert
non-repudiation (content commitment)."""


def load_roots(path: Path) -> list[x509.Certificate]:
    """Every certificate in a PEM bundle (or a single DER certificate).

    An empty bundle is a configuration error, not "trust nobody": it would turn every
    signature down with a misleading reason.
    """
    data = path.read_bytes()
    if pem.detect(data):
        roots = [
            x509.Certificate.load(der)
            for kind, _, der in pem.unarmor(data, multiple=True)
            if kind == "CERTIFICATE"
        ]
    else:
        roots = [x509.Certificate.load(data)] if data.strip() else []
    if not roots:
        raise ValueError(f"no certificate in the trust roots file {path}")
    return roots


class CachedRoots:
    """The trust roots from a file, read again only when the file changes."""

    def __init__(self, path: Callable[[], Path]) -> None:
        self._path = path
        self._seen: tuple[Path, int, int] | None = None
        self._roots: list[x509.Certificate] = []

    def __call__(self) -> list[x509.Certificate]:
        path = self._path()
        stat = path.stat()
        key = (path, stat.st_mtime_ns, stat.st_size)
        if key != self._seen:
            self._roots = load_roots(path)
            self._seen = key
        return self._roots


@dataclass(frozen=True)
class Revinfo:
    """Revocation data and certificates carried by the document itself (PAdES DSS)."""

    certs: tuple[x509.Certificate, ...] = ()
    crls: tuple[crl.CertificateList, ...] = ()
    ocsps: tuple[ocsp.OCSPResponse, ...] = ()


class TrustPolicy:
    """Trust roots and revocation settings: builds the validation contexts of a check."""

    def __init__(
        self,
        roots: Callable[[], list[x509.Certificate]],
        *,
        revocation_mode: str,
        fetch: bool,
        timeout: float,
    ) -> None:
        self._roots = roots
        self.revocation_mode = revocation_mode
        self._fetch = fetch
        self._timeout = timeout

    @contextlib.asynccontextmanager
    async def session(self, revinfo: Revinfo = Revinfo()) -> AsyncIterator["TrustSession"]:
        """Contexts for one verification, sharing one HTTP session closed at the end."""
        backend = AIOHttpFetcherBackend(per_request_timeout=self._timeout) if self._fetch else None
        try:
            yield TrustSession(self, self._roots(), revinfo, backend)
        finally:
            if backend is not None:
                await backend.close()  # type: ignore[no-untyped-call]  # pyhanko: unannotated


class TrustSession:
    """Makes validation contexts at a given reference time; see :class:`TrustPolicy`."""

    def __init__(
        self,
        policy: TrustPolicy,
        roots: list[x509.Certificate],
        revinfo: Revinfo,
        backend: AIOHttpFetcherBackend | None,
    ) -> None:
        self._policy = policy
        self._roots = roots
        self._revinfo = revinfo
        self._backend = backend

    def context(self, moment: datetime | None = None) -> ValidationContext:
        """A fresh context (they cache validated paths, so one per reference time)."""
        options: dict[str, Any] = {
            "trust_roots": self._roots,
            "other_certs": list(self._revinfo.certs),
            # Passing lists (even empty) tells certvalidator that revocation data may come from
            # here, so the "require" mode without fetching is not refused up front.
            "crls": list(self._revinfo.crls),
            "ocsps": list(self._revinfo.ocsps),
            "revocation_mode": self._policy.revocation_mode,
            "allow_fetching": self._backend is not None,
        }
        if self._backend is not None:
            options["fetcher_backend"] = self._backend
        if moment is not None:
            options.update(moment=moment, best_signature_time=moment, retroactive_revinfo=True)
        return ValidationContext(**options)

    async def diagnose(
        self,
        status: SignatureStatus,
        other_certs: Iterable[x509.Certificate],
        moment: datetime | None,
    ) -> Catena:
        """What the chain of a verified signature amounts to.

        pyhanko folds most chain failures into one AdES sub-indication; when the chain failed
        for a reason it does not name, validate the path again to learn the exact cause.
        """
        if status.trusted:
            return Catena.ATTENDIBILE
        if status.revocation_details is not None:
            return Catena.REVOCATO
        validator = CertificateValidator(
            status.signing_cert,
            intermediate_certs=list(other_certs),
            validation_context=self.context(moment),
        )
        try:
            await validator.async_validate_usage(  # type: ignore[no-untyped-call]
                set(SIGNING_KEY_USAGE)
            )
        except RevokedError:
            return Catena.REVOCATO
        except InsufficientRevinfoError:  # includes stale revocation information
            return Catena.REVOCA_NON_VERIFICABILE
        except (ExpiredError, NotYetValidError):
            return Catena.FUORI_VALIDITA
        except PathBuildingError:
            return Catena.NON_ATTENDIBILE
        except InvalidCertificateError:
            return Catena.USO_NON_CONSENTITO
        except ValidationError:
            return Catena.ALTRO
        return Catena.ALTRO  # the chain is fine on its own: what failed was the signature


def aware(moment: datetime | None) -> datetime | None:
    """``moment`` with a time zone: a PDF date may omit it (then it is taken as UTC)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _attribute(name: x509.Name, field: str) -> str | None:
    value = name.native.get(field)
    if isinstance(value, list):  # a multi-valued attribute: the first is the main one
        value = value[0] if value else None
    return str(value) if value is not None else None


def certificato(cert: x509.Certificate) -> Certificato:
    """The facts of a certificate the domain needs."""
    validity = cert["tbs_certificate"]["validity"]
    issuer = cert.issuer
    return Certificato(
        nome=_attribute(cert.subject, "common_name"),
        serial_number=_attribute(cert.subject, "serial_number"),
        emittente=_attribute(issuer, "common_name")
        or _attribute(issuer, "organization_name")
        or issuer.human_friendly,
        valido_dal=validity["not_before"].native,
        valido_al=validity["not_after"].native,
    )
