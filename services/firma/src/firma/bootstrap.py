"""Composition root of `firma`: ``parcelle run firma`` loads :data:`service` from here.

In development the demo PKI is created (once) at start, before the broker starts, so
``var/demo/ca.pem`` and the demo lawyer's ``.p12`` exist as soon as the service answers. In
production no demo PKI is ever created or trusted, and demo signing answers
``non_disponibile``.
"""

import asyncio

from faststream.rabbit import RabbitRouter

from firma.adapters.blobs import BlobAreas
from firma.adapters.demo_pki import DemoPkiFiles, FilesystemDemoPki
from firma.adapters.signer import Pkcs12Signer
from firma.adapters.trust import CachedRoots, TrustPolicy
from firma.adapters.verifier import PyhankoVerifier
from firma.config import FirmaSettings
from firma.entrypoints import build_router
from firma.ports import Dependencies
from parcelle_kit import demo
from parcelle_kit.service import Runtime, ServiceDefinition
from parcelle_kit.stores import build_blob_store


def demo_pki(settings: FirmaSettings) -> FilesystemDemoPki:
    return FilesystemDemoPki(
        settings.demo_directory(),
        password=demo.password(),
        avvocato=demo.AVVOCATO,
        ordine_nome=demo.ORDINE_NOME,
    )


def build_dependencies(runtime: Runtime[FirmaSettings]) -> Dependencies:
    """Adapters for the handlers, from the runtime's stores and the settings."""
    settings = runtime.settings
    demo_signer = None
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
    return Dependencies(
        verifier=PyhankoVerifier(policy),
        blobs=blobs,
        demo_signer=demo_signer,
        max_file_size=settings.max_file_size,
    )


def wire(runtime: Runtime[FirmaSettings]) -> RabbitRouter:
    return build_router(runtime, build_dependencies(runtime))


service = ServiceDefinition(name="firma", settings_cls=FirmaSettings, wire=wire)
