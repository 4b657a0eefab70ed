"""FastStream subscribers of `istanze`: one request/reply subscriber per command and query,
each handing the decoded message to its use case."""

from faststream.rabbit import RabbitRouter

from istanze.acquisizione import registra_acquisizione
from istanze.adapters.archivio import Archivio
from istanze.adapters.documenti import PACKAGE, DocumentiIstanza
from istanze.adapters.firma_remota import FirmaRemota
from istanze.casi import Dipendenze
from istanze.config import IstanzeSettings
from istanze.deposito import Deposito
from istanze.handlers import Istanze
from parcelle_contracts import istanze as contratti
from parcelle_contracts.acquisizione import PraticaAcquisita
from parcelle_contracts.envelope import utcnow
from parcelle_kit import demo
from parcelle_kit.bus import follow, router
from parcelle_kit.codes import nuovo_codice
from parcelle_kit.pdf import PdfRenderer
from parcelle_kit.requests import answer_all
from parcelle_kit.service import Runtime


def build_router(runtime: Runtime[IstanzeSettings]) -> RabbitRouter:
    """The subscribers of `istanze`, wired to the runtime's ports (ping is built in)."""
    settings = runtime.settings
    renderer = PdfRenderer([PACKAGE], workers=settings.pdf_workers)

    async def start_renderer() -> None:
        renderer.start_soon()  # the service answers at once; the first PDF waits for warm-up

    runtime.on_start(start_renderer)
    runtime.on_stop(renderer.close)
    if settings.env == "development":
        runtime.on_start(lambda: _ordine_demo(runtime))
    secret = settings.secret()
    dipendenze = Dipendenze(
        store=runtime.store,
        consumer=runtime.consumer,
        blobs=runtime.blobs,
        area=runtime.name,
        transfer=runtime.transfer,
        firme=FirmaRemota(runtime.rpc),
        documenti=DocumentiIstanza(renderer),
        codici=lambda ordine, anno: nuovo_codice(secret, ordine, anno),
        ora=utcnow,
        firma_demo=settings.env == "development",
    )
    istanze, deposito = Istanze(dipendenze), Deposito(dipendenze)
    subscribers = router()
    answer_all(
        subscribers,
        runtime.topology,
        runtime.name,
        {
            contratti.ElencoIstanze: istanze.elenco,
            contratti.DettaglioIstanza: istanze.dettaglio,
            contratti.FileIstanza: istanze.file,
            contratti.CreaBozza: istanze.crea_bozza,
            contratti.AggiornaBozza: istanze.aggiorna_bozza,
            contratti.AggiungiAllegato: istanze.aggiungi_allegato,
            contratti.RimuoviAllegato: istanze.rimuovi_allegato,
            contratti.RinunciaIstanza: istanze.rinuncia,
            contratti.PreparaDocumento: deposito.prepara_documento,
            contratti.FirmaDemoIstanza: deposito.firma_demo,
            contratti.DepositaIstanza: deposito.deposita,
        },
    )
    follow(
        subscribers,
        runtime.topology,
        runtime.name,
        PraticaAcquisita,
        lambda message: registra_acquisizione(runtime.consumer, message),
    )
    return subscribers


async def _ordine_demo(runtime: Runtime[IstanzeSettings]) -> None:
    """The demo Ordine's display name (its rules are the defaults)."""
    await runtime.store.run(
        lambda tx: Archivio(tx).configura_ordine(demo.ORDINE, nome=demo.ORDINE_NOME)
    )
