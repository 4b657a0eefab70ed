"""Composition root of `notifiche`: ``parcelle run notifiche`` loads :data:`service` from here.

The receipts' side: the signature check (the trusted PEC provider CAs; in development the
simulated provider's CA, made on first run under ``var/``), the intake, the reading of the
Ordini's mailboxes (a task from start to stop) and the simulated PEC provider the sending side
plugs in as its PEC transport."""

import asyncio

from faststream.rabbit import RabbitRouter

from notifiche.adapters.archivio_ricevute import INDEXES_RICEVUTE, ArchivioRicevute, Invii
from notifiche.adapters.casella_imap import casella_di
from notifiche.adapters.firma_smime import VerificaSmime
from notifiche.adapters.impostazioni import ImpostazioniNotifiche
from notifiche.adapters.pec_simulato import TrasportoPecSimulato
from notifiche.adapters.pki_simulata import pki_simulata
from notifiche.config import NotificheSettings
from notifiche.entrypoints import answer_ricevute, build_router
from notifiche.handlers.caselle import leggi_sempre
from notifiche.handlers.ricevute import Ricevute
from notifiche.ports import RicevuteDependencies
from parcelle_contracts.comunicazioni import InviaComunicazione
from parcelle_contracts.envelope import utcnow
from parcelle_kit import demo
from parcelle_kit.impostazioni import AcquisizioneRemota
from parcelle_kit.service import Runtime, ServiceDefinition


def build_ricevute(runtime: Runtime[NotificheSettings]) -> Ricevute:
    """The intake of PEC receipts, and the reading of the Ordini's mailboxes from start to
    stop."""
    settings = runtime.settings
    autorita = settings.pec_autorita
    if autorita is None and settings.env == "development":
        autorita = settings.var_dir / "pec-simulata" / "ca.pem"
    d = RicevuteDependencies(
        store=runtime.store,
        invii=Invii,
        ricevute=ArchivioRicevute,
        firma=VerificaSmime(autorita),
        blobs=runtime.blobs,
        area=runtime.name,
        transfer=runtime.transfer,
        sveglia=runtime.relay.wake,
        ora=utcnow,
        caselle=lambda posta: casella_di(posta, tls=settings.pec_imap_tls),
        impostazioni=ImpostazioniNotifiche(
            runtime.store, AcquisizioneRemota(runtime.rpc, timeout=2.0, pausa=30.0)
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


def wire(runtime: Runtime[NotificheSettings]) -> RabbitRouter:
    ricevute = build_ricevute(runtime)
    if runtime.settings.pec_simulata:
        build_trasporto_pec_simulato(runtime, ricevute)  # makes the dev PKI the intake trusts
    subscribers = build_router(runtime)
    answer_ricevute(subscribers, runtime.topology, runtime.name, ricevute)
    return subscribers


service = ServiceDefinition(
    name="notifiche",
    settings_cls=NotificheSettings,
    wire=wire,
    indexes=INDEXES_RICEVUTE,
    # No handler yet: these commands wait in their durable queue, declared at start.
    waiting=(InviaComunicazione,),
)
