"""Composition root of `postale`: ``parcelle run postale`` loads :data:`service` from here.

The only place that builds objects: the PDF renderer (closed at stop), the reader of other
services' areas, the print center (the local simulator, the only one until a provider's
contract exists), the dependency bundle, the subscribers and the tracking round. Nothing
happens at import time."""

from faststream.rabbit import RabbitRouter

from parcelle_contracts.envelope import utcnow
from parcelle_kit.impostazioni import AcquisizioneRemota, CopiaImpostazioni
from parcelle_kit.pdf import PdfRenderer
from parcelle_kit.service import Runtime, ServiceDefinition
from parcelle_kit.stores import build_blob_store
from postale.adapters import archivio, simulatore
from postale.adapters.documenti import PACKAGE, ImpaginatoreWeasyprint, LettoreDocumenti
from postale.config import PostaleSettings
from postale.entrypoints import Giro, build_router
from postale.ports import Dependencies


def build_dependencies(runtime: Runtime[PostaleSettings]) -> Dependencies:
    settings = runtime.settings
    renderer = PdfRenderer([PACKAGE], workers=settings.pdf_workers)
    runtime.on_stop(renderer.close)
    lettore = LettoreDocumenti(lambda area: build_blob_store(settings, area))
    runtime.on_stop(lettore.close)
    centro = simulatore.CentroStampaSimulato(
        runtime.store,
        renderer,
        utcnow,
        accelerazione=settings.simulatore_accelerazione,
        probabilita_guasto=settings.simulatore_probabilita_guasto,
        probabilita_giacenza=settings.simulatore_probabilita_giacenza,
    )
    return Dependencies(
        store=runtime.store,
        consumer=runtime.consumer,
        raccomandate=archivio.Archivio,
        impostazioni=CopiaImpostazioni,
        blobs=runtime.blobs,
        area=runtime.name,
        documenti=lettore,
        impaginatore=ImpaginatoreWeasyprint(renderer),
        centro=centro,
        acquisizione=AcquisizioneRemota(
            runtime.rpc,
            timeout=settings.impostazioni_timeout,
            pausa=settings.impostazioni_pausa,
        ),
        ora=utcnow,
        sveglia=runtime.relay.wake,
        fronte_retro=settings.fronte_retro,
    )


def wire(runtime: Runtime[PostaleSettings]) -> RabbitRouter:
    d = build_dependencies(runtime)
    giro = Giro(d, runtime.settings.tracciamento_ogni)
    runtime.on_start(giro.start)
    runtime.on_stop(giro.stop)
    return build_router(runtime.topology, runtime.name, d)


service = ServiceDefinition(
    name="postale",
    settings_cls=PostaleSettings,
    wire=wire,
    indexes=(*archivio.INDEXES, *simulatore.INDEXES),
)
