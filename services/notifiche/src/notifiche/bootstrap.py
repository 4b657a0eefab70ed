"""Composition root of `notifiche`: ``parcelle run notifiche`` loads :data:`service` from here.

The only place that builds objects. Sending: the SMTP transports (the service's own servers,
the secrets from its own environment or secrets directory), the reader of the documents' blob
areas (closed at stop), the templates, the signed links, the owner of the Ordini's settings
over the bus. PEC receipts: the signature check (the trusted PEC provider CAs; in development
the simulated provider's CA, made on first run under ``var/``), the intake, the reading of the
Ordini's mailboxes (a task from start to stop). The two meet at the PEC channel: in
development the sender's PEC transport is the simulated provider, which keeps the message and
feeds its receipts to the intake; in production PEC goes over SMTP to the Ordine's provider.
Nothing happens at import time."""

import asyncio
import os
from pathlib import Path

from faststream.rabbit import RabbitRouter

from notifiche.adapters.archivio import INDEXES as INDEXES_INVII
from notifiche.adapters.archivio import Archivio
from notifiche.adapters.archivio_ricevute import INDEXES_RICEVUTE, ArchivioRicevute
from notifiche.adapters.casella_imap import casella_di
from notifiche.adapters.collegamenti import CollegamentiFirmati
from notifiche.adapters.documenti import DocumentiBlob
from notifiche.adapters.firma_smime import VerificaSmime
from notifiche.adapters.impostazioni import ImpostazioniNotifiche
from notifiche.adapters.modelli import ModelliJinja
from notifiche.adapters.pec_simulato import TrasportoPecSimulato
from notifiche.adapters.pki_simulata import pki_simulata
from notifiche.adapters.segreti import Segreti
from notifiche.adapters.smtp import Server, ServerPropri, SmtpTrasporti
from notifiche.config import NotificheSettings
from notifiche.entrypoints import build_router
from notifiche.handlers.caselle import leggi_sempre
from notifiche.handlers.ricevute import Ricevute
from notifiche.ports import Dependencies, RicevuteDependencies, Trasporti, Trasporto
from parcelle_contracts.envelope import utcnow
from parcelle_contracts.ordini import ImpostazioniPosta
from parcelle_contracts.vocabolario import CanalePosta
from parcelle_kit import demo
from parcelle_kit.impostazioni import AcquisizioneRemota, CopiaImpostazioni
from parcelle_kit.links import link_key
from parcelle_kit.service import Runtime, ServiceDefinition
from parcelle_kit.stores import build_blob_store

PASSWORD_PROPRIA = "PARCELLE_NOTIFICHE_SMTP_PASSWORD"
INDEXES = (*INDEXES_INVII, *INDEXES_RICEVUTE)


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


def build_ricevute(runtime: Runtime[NotificheSettings], chiavi: Segreti) -> Ricevute:
    """The intake of PEC receipts, and the reading of the Ordini's mailboxes from start to
    stop."""
    settings = runtime.settings
    autorita = settings.pec_autorita
    if autorita is None and settings.env == "development":
        autorita = settings.var_dir / "pec-simulata" / "ca.pem"
    d = RicevuteDependencies(
        store=runtime.store,
        invii=Archivio,
        ricevute=ArchivioRicevute,
        firma=VerificaSmime(autorita),
        blobs=runtime.blobs,
        area=runtime.name,
        transfer=runtime.transfer,
        sveglia=runtime.relay.wake,
        ora=utcnow,
        caselle=lambda posta: casella_di(posta, chiavi, tls=settings.pec_imap_tls),
        impostazioni=ImpostazioniNotifiche(
            runtime.store,
            AcquisizioneRemota(
                runtime.rpc,
                timeout=settings.impostazioni_timeout,
                pausa=settings.impostazioni_pausa,
            ),
        ),
    )
    ricevute = Ricevute(d)
    ordini = settings.pec_caselle
    if settings.env == "development" and demo.ORDINE not in ordini:
        ordini = (*ordini, demo.ORDINE)
    stop = asyncio.Event()
    tasks: list[asyncio.Task[None]] = []

    async def avvia() -> None:
        lettura = leggi_sempre(ricevute, ordini, settings.pec_imap_intervallo, stop)
        tasks.append(asyncio.create_task(lettura, name="caselle-pec"))

    async def ferma() -> None:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)

    runtime.on_start(avvia)
    runtime.on_stop(ferma)
    return ricevute


def build_trasporto_pec_simulato(
    runtime: Runtime[NotificheSettings], ricevute: Ricevute
) -> TrasportoPecSimulato:
    """The simulated PEC provider: the sending side's PEC transport in development. Its PKI
    is made on first run under ``var/pec-simulata``; messages and receipts are kept under
    ``var/mail/pec``; its receipts go through ``ricevute`` like any other."""
    settings = runtime.settings
    if settings.env == "production":
        raise RuntimeError("the simulated PEC provider is for development only")
    gestore = pki_simulata(settings.var_dir / "pec-simulata")

    async def consegna(grezza: bytes) -> object:
        return await ricevute.accogli(grezza, fonte="simulatore")

    trasporto = TrasportoPecSimulato(gestore, settings.var_dir / "mail" / "pec", consegna)
    runtime.on_stop(trasporto.chiudi)
    return trasporto


def con_pec_simulata(smtp: Trasporti, simulato: Trasporto) -> Trasporti:
    """The transports of development: PEC to the simulated provider, e-mail over SMTP."""

    def trasporto(posta: ImpostazioniPosta, canale: CanalePosta) -> Trasporto:
        return simulato if canale == "pec" else smtp(posta, canale)

    return trasporto


def build_dependencies(
    runtime: Runtime[NotificheSettings], chiavi: Segreti, ricevute: Ricevute
) -> Dependencies:
    settings = runtime.settings
    documenti = DocumentiBlob(lambda area: build_blob_store(settings, area))
    runtime.on_stop(documenti.close)
    trasporti: Trasporti = SmtpTrasporti(server_propri(settings), chiavi, settings.smtp_timeout)
    if settings.pec_simulata:
        trasporti = con_pec_simulata(trasporti, build_trasporto_pec_simulato(runtime, ricevute))
    return Dependencies(
        store=runtime.store,
        consumer=runtime.consumer,
        invii=Archivio,
        impostazioni=CopiaImpostazioni,
        trasporti=trasporti,
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
    chiavi = segreti(runtime.settings)
    ricevute = build_ricevute(runtime, chiavi)
    d = build_dependencies(runtime, chiavi, ricevute)
    return build_router(runtime.topology, runtime.name, d, ricevute)


service = ServiceDefinition(
    name="notifiche", settings_cls=NotificheSettings, wire=wire, indexes=INDEXES
)
