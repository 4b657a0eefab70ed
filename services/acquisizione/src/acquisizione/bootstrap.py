"""Composition root of `acquisizione`: ``parcelle run`` loads :data:`service` from here.

The only place where objects are built: the PDF renderer, the secret that checks application
codes, the adapters of the ports, the :class:`~acquisizione.ports.Dependencies` of the handlers
and, in development, the demo Ordine's settings seeded at start. ``parcelle ordini`` (the
service's command line) takes its records from :func:`unit_of_work` too.
"""

import contextlib
from decimal import Decimal

from faststream.rabbit import RabbitRouter

from acquisizione.adapters.documenti import PACKAGE, DocumentiAcquisizione
from acquisizione.adapters.istanze import FascicoliIstanze
from acquisizione.adapters.registro import INDEXES
from acquisizione.adapters.unit_of_work import StoreUnitOfWork
from acquisizione.config import AcquisizioneSettings
from acquisizione.entrypoints import Handlers, build_router
from acquisizione.handlers.avvio import Avvio
from acquisizione.handlers.consegne import Consegne
from acquisizione.handlers.ingresso import Ingresso
from acquisizione.handlers.ordini import Ordini, seed_impostazioni
from acquisizione.handlers.relatori import Relatori
from acquisizione.handlers.segreteria import Segreteria
from acquisizione.handlers.sospensioni import Sospensioni
from acquisizione.ports import Dependencies, UnitOfWork
from parcelle_contracts.envelope import utcnow
from parcelle_contracts.ordini import (
    ImpostazioniOrdine,
    ImpostazioniPosta,
    RegoleDiritti,
    RegolePagamento,
    RegoleRevisione,
    Relatore,
)
from parcelle_kit import demo
from parcelle_kit.codes import verifica_codice
from parcelle_kit.pdf import PdfRenderer
from parcelle_kit.pdf.inspection import check_pdf
from parcelle_kit.service import Runtime, ServiceDefinition
from parcelle_kit.store.ports import DuplicateKeyError, Transaction

ORDINE_DEMO = ImpostazioniOrdine(
    codice=demo.ORDINE,
    nome=demo.ORDINE_NOME,
    indirizzo="Piazza della Giustizia 1, 00100 Demo",
    pec="segreteria@pec.ordine-demo.example.it",
    assegnazione_automatica=True,
    relatori=(
        Relatore(
            username=demo.CONSIGLIERE.username,
            nome=f"{demo.CONSIGLIERE.nome} {demo.CONSIGLIERE.cognome}",
        ),
    ),
    # The demo is walked at once: a decision does not wait for the client's observations.
    revisione=RegoleRevisione(
        attendi_osservazioni=False,
        diritti=RegoleDiritti(percentuale=Decimal("3"), percentuale_difesa_ufficio=Decimal("1")),
    ),
    # The signed order reaches the lawyer at once, attached to the mail; the fee is paid after.
    pagamento=RegolePagamento(prima_del_rilascio=False),
    posta=ImpostazioniPosta(
        mittente_email="segreteria@ordine-demo.example.it", provvedimento_allegato=True
    ),
)
"""The demo Ordine (development only): the default terms and application rules, automatic
assignment to the demo councillor, the order released without prior payment."""


def unit_of_work(tx: Transaction) -> UnitOfWork:
    """The service's records within ``tx``."""
    return StoreUnitOfWork(tx)


def build_dependencies(runtime: Runtime[AcquisizioneSettings]) -> Dependencies:
    """The handlers' dependencies, from the runtime's stores and the settings."""
    settings = runtime.settings
    # Warmed up by the first notice (DocumentiAcquisizione), not at start: notices are made
    # off the clerk's path, so a few seconds' wait there costs nobody anything, while every
    # replica warming WeasyPrint at start competes for the CPU with everything starting then.
    renderer = PdfRenderer([PACKAGE], workers=settings.pdf_workers)
    runtime.on_stop(renderer.close)
    secret = settings.secret()
    return Dependencies(
        store=runtime.store,
        unit_of_work=unit_of_work,
        consumer=runtime.consumer,
        blobs=runtime.blobs,
        area=runtime.name,
        transfer=runtime.transfer,
        fascicoli=FascicoliIstanze(runtime.rpc, timeout=settings.istanze_timeout),
        documenti=DocumentiAcquisizione(renderer),
        verifica_codice=lambda testo: verifica_codice(secret, testo),
        ora=utcnow,
        max_osservazioni=settings.max_osservazioni_mb * 1024 * 1024,
        controllo_pdf=check_pdf,
    )


async def seed_demo_ordine(runtime: Runtime[AcquisizioneSettings]) -> None:
    """Store and announce the demo Ordine's settings unless some are stored already (they may
    have been changed on purpose, and every replica runs this at start)."""
    # Another replica starting at the same moment may store them first.
    with contextlib.suppress(DuplicateKeyError):
        if await runtime.store.run(lambda tx: seed_impostazioni(unit_of_work(tx), ORDINE_DEMO)):
            runtime.relay.wake()


def wire(runtime: Runtime[AcquisizioneSettings]) -> RabbitRouter:
    """The service's subscribers over its handlers; the demo Ordine in development."""
    d = build_dependencies(runtime)
    if runtime.settings.env == "development":
        runtime.on_start(lambda: seed_demo_ordine(runtime))
    handlers = Handlers(
        segreteria=Segreteria(d),
        ingresso=Ingresso(d),
        avvio=Avvio(d),
        relatori=Relatori(d),
        ordini=Ordini(d),
        sospensioni=Sospensioni(d),
        consegne=Consegne(d),
    )
    return build_router(runtime, handlers)


service = ServiceDefinition(
    name="acquisizione", settings_cls=AcquisizioneSettings, wire=wire, indexes=INDEXES
)
