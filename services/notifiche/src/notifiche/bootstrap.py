"""Composition root of `notifiche`: ``parcelle run notifiche`` loads :data:`service` from here.

The only place that builds objects: the SMTP transports (the service's own servers, the
secrets from its own environment), the reader of the documents' blob areas (closed at stop),
the templates, the signed links, the owner of the Ordini's settings over the bus. Nothing
happens at import time."""

import os
from pathlib import Path

from faststream.rabbit import RabbitRouter

from notifiche.adapters.archivio import INDEXES, Archivio
from notifiche.adapters.collegamenti import CollegamentiFirmati
from notifiche.adapters.documenti import DocumentiBlob
from notifiche.adapters.modelli import ModelliJinja
from notifiche.adapters.segreti import Segreti
from notifiche.adapters.smtp import Server, ServerPropri, SmtpTrasporti
from notifiche.config import NotificheSettings
from notifiche.entrypoints import build_router
from notifiche.ports import Dependencies
from parcelle_contracts.envelope import utcnow
from parcelle_kit.impostazioni import AcquisizioneRemota, CopiaImpostazioni
from parcelle_kit.links import link_key
from parcelle_kit.service import Runtime, ServiceDefinition
from parcelle_kit.stores import build_blob_store

PASSWORD_PROPRIA = "PARCELLE_NOTIFICHE_SMTP_PASSWORD"


def server_propri(settings: NotificheSettings) -> ServerPropri:
    segreto = PASSWORD_PROPRIA if settings.smtp_password is not None else ""
    email = Server(
        settings.smtp_host,
        settings.smtp_port,
        settings.smtp_username,
        segreto,
        settings.smtp_tls,
    )
    pec = Server(
        settings.pec_smtp_host or settings.smtp_host,
        settings.pec_smtp_port or settings.smtp_port,
        settings.smtp_username,
        segreto,
        settings.smtp_tls,
    )
    return ServerPropri(email=email, pec=pec)


def segreti(settings: NotificheSettings) -> Segreti:
    ambiente = dict(os.environ)
    if settings.smtp_password is not None:
        ambiente[PASSWORD_PROPRIA] = settings.smtp_password.get_secret_value()
    cartella = os.environ.get("PARCELLE_SECRETS_DIR")
    return Segreti(ambiente, Path(cartella) if cartella else None)


def build_dependencies(runtime: Runtime[NotificheSettings]) -> Dependencies:
    settings = runtime.settings
    documenti = DocumentiBlob(lambda area: build_blob_store(settings, area))
    runtime.on_stop(documenti.close)
    return Dependencies(
        store=runtime.store,
        consumer=runtime.consumer,
        invii=Archivio,
        impostazioni=CopiaImpostazioni,
        trasporti=SmtpTrasporti(server_propri(settings), segreti(settings), settings.smtp_timeout),
        documenti=documenti,
        modelli=ModelliJinja(),
        collegamenti=CollegamentiFirmati(link_key(settings.link_key_secret()), settings.public_url),
        acquisizione=AcquisizioneRemota(
            runtime.rpc,
            timeout=settings.impostazioni_timeout,
            pausa=settings.impostazioni_pausa,
        ),
        ora=utcnow,
        mittente=settings.mittente,
    )


def wire(runtime: Runtime[NotificheSettings]) -> RabbitRouter:
    return build_router(runtime.topology, runtime.name, build_dependencies(runtime))


service = ServiceDefinition(
    name="notifiche", settings_cls=NotificheSettings, wire=wire, indexes=INDEXES
)
