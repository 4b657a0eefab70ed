"""Composition root of `istanze`: ``parcelle run`` loads :data:`service` from here.

The only place that builds objects: the PDF renderer (started with the service, closed at
stop), the application-code secret, the adapters of the ports, the dependency bundle and the
subscribers. Nothing happens at import time. The Ordini's settings are not seeded here: they
are ``acquisizione``'s, and reach this service by its announcements or its answer.
"""

from faststream.rabbit import RabbitRouter

from istanze.adapters.archivio import INDEXES, Archivio
from istanze.adapters.avvisi import PreferenzeAvvisi
from istanze.adapters.documenti import PACKAGE, DocumentiIstanza
from istanze.adapters.firma_remota import FirmaRemota
from istanze.adapters.pagopa import SenzaPagoPA
from istanze.config import IstanzeSettings
from istanze.entrypoints import build_router
from istanze.ports import Dependencies
from parcelle_contracts.envelope import utcnow
from parcelle_kit.codes import nuovo_codice
from parcelle_kit.impostazioni import AcquisizioneRemota, CopiaImpostazioni
from parcelle_kit.pdf import PdfRenderer
from parcelle_kit.pdf.inspection import check_pdf
from parcelle_kit.service import Runtime, ServiceDefinition


def build_dependencies(runtime: Runtime[IstanzeSettings]) -> Dependencies:
    """The adapters for the handlers, from the runtime's stores, bus and settings."""
    settings = runtime.settings
    renderer = PdfRenderer([PACKAGE], workers=settings.pdf_workers)

    async def start_renderer() -> None:
        renderer.start_soon()  # the service answers at once; the first PDF waits for warm-up

    runtime.on_start(start_renderer)
    runtime.on_stop(renderer.close)
    secret = settings.secret()
    return Dependencies(
        store=runtime.store,
        consumer=runtime.consumer,
        istanze=Archivio,
        impostazioni=CopiaImpostazioni,
        avvisi=PreferenzeAvvisi,
        pagopa=SenzaPagoPA(),
        blobs=runtime.blobs,
        area=runtime.name,
        transfer=runtime.transfer,
        firme=FirmaRemota(runtime.rpc),
        documenti=DocumentiIstanza(renderer),
        controllo_pdf=check_pdf,
        acquisizione=AcquisizioneRemota(
            runtime.rpc,
            timeout=settings.impostazioni_timeout,
            pausa=settings.impostazioni_pausa,
        ),
        codici=lambda ordine, anno: nuovo_codice(secret, ordine, anno),
        ora=utcnow,
        firma_demo=settings.env == "development",
    )


def wire(runtime: Runtime[IstanzeSettings]) -> RabbitRouter:
    """The service's subscribers, wired to its adapters."""
    return build_router(runtime.topology, runtime.name, build_dependencies(runtime))


service = ServiceDefinition(
    name="istanze", settings_cls=IstanzeSettings, wire=wire, indexes=INDEXES
)
