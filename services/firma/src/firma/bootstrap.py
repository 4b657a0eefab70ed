"""Composition root of `firma`: ``parcelle run firma`` loads :data:`service` from here.

In development the demo PKI is created (once) at start, before the broker starts, so
``var/demo/ca.pem`` and the demo lawyer's ``.p12`` exist as soon as the service answers. In
production no demo PKI is ever created or trusted, and demo signing answers
``non_disponibile``.

The Ordine's signer (``PARCELLE_FIRMA_SIGNER``) is built here and opened at its first
signature: a PKCS#12 file, a PKCS#11 token, a CSC v2 service; unset, the demo Ordine's
``var/demo/ordine.p12`` in development and none in production.
"""

import asyncio

from faststream.rabbit import RabbitRouter
from pydantic import SecretStr
from pyhanko.sign.timestamps.aiohttp_client import HTTPTimeStamper

from firma.adapters.blobs import BlobAreas
from firma.adapters.csc import csc_opener
from firma.adapters.demo_pki import DemoPkiFiles, FilesystemDemoPki
from firma.adapters.keys import pkcs12_opener
from firma.adapters.pades_signer import Opener, PadesDocumentSigner
from firma.adapters.pkcs11 import pkcs11_opener
from firma.adapters.signer import Pkcs12Signer
from firma.adapters.trust import CachedRoots, TrustPolicy
from firma.adapters.verifier import PyhankoVerifier
from firma.config import FirmaSettings
from firma.entrypoints import build_router
from firma.ports import Dependencies
from parcelle_kit import demo
from parcelle_kit.service import Runtime, ServiceDefinition
from parcelle_kit.settings import ConfigurationError
from parcelle_kit.stores import build_blob_store


def demo_pki(settings: FirmaSettings) -> FilesystemDemoPki:
    return FilesystemDemoPki(
        settings.demo_directory(),
        password=demo.password(),
        avvocato=demo.AVVOCATO,
        ordine_nome=demo.ORDINE_NOME,
    )


def _secret(value: SecretStr | None) -> str | None:
    return None if value is None else value.get_secret_value()


def _opener(settings: FirmaSettings, pki: FilesystemDemoPki | None) -> Opener | None:
    problems = settings.signer_problems()
    if problems:
        raise ConfigurationError("the Ordine's signer cannot work: " + "; ".join(problems))
    if settings.signer == "pkcs12" and settings.pkcs12_file is not None:
        password = _secret(settings.pkcs12_password)
        if password is None and pki is not None:
            password = demo.password()  # development: a copy of a demo .p12
        return pkcs12_opener(settings.pkcs12_file, None if password is None else password.encode())
    # signer_problems() has made sure that the chosen signer's settings are all there.
    module, token, label = settings.pkcs11_module, settings.pkcs11_token, settings.pkcs11_key_label
    if settings.signer == "pkcs11" and module and token and label:
        return pkcs11_opener(
            module,
            token=token,
            key_label=label,
            pin=_secret(settings.pkcs11_pin) or "",
        )
    if settings.signer == "csc" and settings.csc_url:
        return csc_opener(
            settings.csc_url,
            token=_secret(settings.csc_token) or "",
            credential=settings.csc_credential,
            pin=_secret(settings.csc_pin),
            timeout=settings.csc_timeout,
        )
    if pki is None:
        return None  # production without a signer: signing answers non_disponibile
    return pkcs12_opener(pki.files.ordine, demo.password().encode(), ready=pki.ensure)


def build_document_signer(
    settings: FirmaSettings, pki: FilesystemDemoPki | None, policy: TrustPolicy
) -> PadesDocumentSigner | None:
    """The Ordine's signer as the settings say (see the module docstring), not yet opened."""
    opener = _opener(settings, pki)
    if opener is None:
        return None
    timestamper = None if settings.tsa_url is None else HTTPTimeStamper(settings.tsa_url)
    return PadesDocumentSigner(opener, timestamper=timestamper, trust=policy)


def build_dependencies(runtime: Runtime[FirmaSettings]) -> Dependencies:
    """Adapters for the handlers, from the runtime's stores and the settings."""
    settings = runtime.settings
    demo_signer = None
    pki = None
    roots = settings.trust_roots_file
    if settings.env == "development":
        pki = demo_pki(settings)
        runtime.on_start(lambda: asyncio.to_thread(pki.ensure))  # key generation blocks
        files = DemoPkiFiles.under(settings.demo_directory())
        demo_signer = Pkcs12Signer(files.avvocato, demo.password(), ready=pki.ensure)
        if settings.trust_roots is None:
            # Recreated if someone clears var/demo while the service runs.
            roots = lambda: pki.ensure().ca  # noqa: E731 - a one-line callable reads best here
    policy = TrustPolicy(
        CachedRoots(roots),
        revocation_mode=settings.effective_revocation_mode(),
        fetch=settings.revocation_fetch,
        timeout=settings.revocation_timeout,
    )
    blobs = BlobAreas(
        transfer=runtime.transfer,
        known={runtime.name: runtime.blobs},
        build=lambda area: build_blob_store(settings, area),
    )
    runtime.on_stop(blobs.close)
    document_signer = build_document_signer(settings, pki, policy)
    if document_signer is not None:
        runtime.on_stop(document_signer.close)
    return Dependencies(
        verifier=PyhankoVerifier(policy),
        blobs=blobs,
        demo_signer=demo_signer,
        max_file_size=settings.max_file_size,
        document_signer=document_signer,
    )


def wire(runtime: Runtime[FirmaSettings]) -> RabbitRouter:
    return build_router(runtime, build_dependencies(runtime))


service = ServiceDefinition(name="firma", settings_cls=FirmaSettings, wire=wire)
