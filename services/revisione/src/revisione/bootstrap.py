"""Composition root of `revisione`: ``parcelle run revisione`` loads :data:`service` from here.

The only place that builds objects: the PDF renderer (closed at stop), the peers over the bus,
the adapters of the ports, the dependency bundle and the subscribers. Nothing happens at
import time. The Ordini's settings are acquisizione's and reach this service by its
announcements or its answer."""

from faststream.rabbit import RabbitRouter

from parcelle_contracts.envelope import utcnow
from parcelle_kit.impostazioni import AcquisizioneRemota, CopiaImpostazioni
from parcelle_kit.pdf import PdfRenderer
from parcelle_kit.service import Runtime, ServiceDefinition
from revisione.adapters.archivio import INDEXES, Archivio, Fascicoli
from revisione.adapters.documenti import PACKAGE, DocumentiRevisione
from revisione.adapters.pari import FirmaRemota, IstanzeRemote
from revisione.config import RevisioneSettings
from revisione.entrypoints import build_router
from revisione.ports import Dependencies


def build_dependencies(runtime: Runtime[RevisioneSettings]) -> Dependencies:
    settings = runtime.settings
    renderer = PdfRenderer([PACKAGE], workers=settings.pdf_workers)
    runtime.on_stop(renderer.close)
    return Dependencies(
        store=runtime.store,
        consumer=runtime.consumer,
        revisioni=Archivio,
        fascicoli=Fascicoli,
        impostazioni=CopiaImpostazioni,
        blobs=runtime.blobs,
        area=runtime.name,
        transfer=runtime.transfer,
        istanze=IstanzeRemote(runtime.rpc, timeout=settings.istanze_timeout),
        firme=FirmaRemota(runtime.rpc, timeout=settings.firma_timeout),
        acquisizione=AcquisizioneRemota(
            runtime.rpc,
            timeout=settings.impostazioni_timeout,
            pausa=settings.impostazioni_pausa,
        ),
        documenti=DocumentiRevisione(renderer),
        ora=utcnow,
    )


def wire(runtime: Runtime[RevisioneSettings]) -> RabbitRouter:
    return build_router(runtime.topology, runtime.name, build_dependencies(runtime))


service = ServiceDefinition(
    name="revisione", settings_cls=RevisioneSettings, wire=wire, indexes=INDEXES
)
