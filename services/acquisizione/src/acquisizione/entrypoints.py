"""FastStream subscribers of `acquisizione`: one request/reply subscriber per command and query
of the secretariat (and of the councillors' list), a plain subscriber for each event it follows
(deposits, withdrawals) and one for its own command that prepares the notice. Each hands the
decoded message to its use case."""

import contextlib

from faststream.rabbit import RabbitRouter

from acquisizione.adapters.documenti import PACKAGE, DocumentiAcquisizione
from acquisizione.adapters.istanze import FascicoliIstanze
from acquisizione.adapters.registro import Registro
from acquisizione.avvio import Avvio
from acquisizione.casi import Dipendenze
from acquisizione.comandi import PreparaAvvio
from acquisizione.config import AcquisizioneSettings
from acquisizione.domain.assegnazione import Relatore
from acquisizione.domain.ordine import ImpostazioniOrdine
from acquisizione.handlers import Segreteria
from acquisizione.ingresso import Ingresso
from acquisizione.relatori import Relatori
from parcelle_contracts import acquisizione as contratti
from parcelle_contracts.envelope import utcnow
from parcelle_contracts.istanze import IstanzaDepositata, IstanzaRinunciata
from parcelle_kit import demo
from parcelle_kit.bus import follow, router
from parcelle_kit.codes import verifica_codice
from parcelle_kit.pdf import PdfRenderer
from parcelle_kit.requests import answer_all
from parcelle_kit.service import Runtime
from parcelle_kit.store.ports import DuplicateKeyError

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
)
"""The demo Ordine (development only): the default terms, automatic assignment to the demo
councillor."""


def build_router(runtime: Runtime[AcquisizioneSettings]) -> RabbitRouter:
    """The subscribers of `acquisizione`, wired to the runtime's ports (ping is built in)."""
    settings = runtime.settings
    # Warmed up by the first notice (DocumentiAcquisizione), not at start: notices are made
    # off the clerk's path, so a few seconds' wait there costs nobody anything, while every
    # replica warming WeasyPrint at start competes for the CPU with everything starting then.
    renderer = PdfRenderer([PACKAGE], workers=settings.pdf_workers)
    runtime.on_stop(renderer.close)
    if settings.env == "development":
        runtime.on_start(lambda: seed_ordine_demo(runtime))
    secret = settings.secret()
    dipendenze = Dipendenze(
        store=runtime.store,
        consumer=runtime.consumer,
        blobs=runtime.blobs,
        area=runtime.name,
        transfer=runtime.transfer,
        fascicoli=FascicoliIstanze(runtime.rpc, timeout=settings.istanze_timeout),
        documenti=DocumentiAcquisizione(renderer),
        verifica_codice=lambda testo: verifica_codice(secret, testo),
        ora=utcnow,
        max_osservazioni=settings.max_osservazioni_mb * 1024 * 1024,
    )
    segreteria, ingresso, avvio = Segreteria(dipendenze), Ingresso(dipendenze), Avvio(dipendenze)
    relatori = Relatori(dipendenze)
    subscribers = router()
    answer_all(
        subscribers,
        runtime.topology,
        runtime.name,
        {
            contratti.AcquisisciPratica: segreteria.acquisisci,
            contratti.AssegnaRelatore: segreteria.assegna,
            contratti.AggiungiOsservazioni: segreteria.aggiungi_osservazioni,
            contratti.ElencoInAttesa: segreteria.elenco_in_attesa,
            contratti.DettaglioPratica: segreteria.dettaglio,
            contratti.ElencoScadenze: segreteria.scadenze,
            contratti.ElencoAssegnate: relatori.assegnate,
        },
    )
    follow(subscribers, runtime.topology, runtime.name, IstanzaDepositata, ingresso.depositata)
    follow(subscribers, runtime.topology, runtime.name, IstanzaRinunciata, ingresso.rinunciata)
    follow(subscribers, runtime.topology, runtime.name, PreparaAvvio, avvio.prepara)
    return subscribers


async def seed_ordine_demo(runtime: Runtime[AcquisizioneSettings]) -> None:
    """Store the demo Ordine's settings unless some are stored already (they may have been
    changed on purpose, and every replica runs this at start)."""
    # Another replica starting at the same moment may store them first.
    with contextlib.suppress(DuplicateKeyError):
        await runtime.store.run(
            lambda tx: Registro(tx).configura_ordine(ORDINE_DEMO, solo_se_assente=True)
        )
