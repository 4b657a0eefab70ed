"""A raccomandata's course survives a restart of `postale`: the simulator's schedule and the
mailings are in the service's store, so a new process (new stores, new simulator, new
handlers over the same files) takes the course up where it was and records every step once."""

from pathlib import Path

import pytest

from parcelle_kit.blob.filesystem import FilesystemBlobStore
from parcelle_kit.impostazioni import CopiaImpostazioni
from parcelle_kit.pdf import PdfRenderer
from parcelle_testing.locali import in_uscita, locali
from postale.adapters import archivio, simulatore
from postale.adapters.documenti import LettoreDocumenti
from postale.adapters.simulatore import CentroStampaSimulato
from postale.handlers.invio import Invio
from postale.handlers.tracciamento import Tracciamento
from postale.ports import Dependencies

from ..conftest import INDEXES
from ..finti import FintaAcquisizione, FintoImpaginatore, Orologio, comando, documento

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_the_course_goes_on_after_a_restart(tmp_path: Path, renderer: PdfRenderer) -> None:
    orologio = Orologio()
    msg = None
    for giro in range(2):  # two lives of the service over the same files
        async with locali(tmp_path, "postale", INDEXES) as stores:
            lettore = LettoreDocumenti(lambda area: FilesystemBlobStore(tmp_path / area))
            d = Dependencies(
                store=stores.store,
                consumer=stores.consumer,
                raccomandate=archivio.Archivio,
                impostazioni=CopiaImpostazioni,
                blobs=stores.blobs,
                area="postale",
                documenti=lettore,
                impaginatore=FintoImpaginatore(),
                centro=CentroStampaSimulato(stores.store, renderer, orologio),
                acquisizione=FintaAcquisizione(),
                ora=orologio,
                sveglia=lambda: None,
            )
            if msg is None:
                altrui = FilesystemBlobStore(tmp_path / "acquisizione")
                await altrui.open()
                msg = comando(await documento(altrui))
                await Invio(d).invia(msg)
                orologio.avanti(seconds=10)  # printed and posted, not yet delivered
            else:
                await Invio(d).invia(msg)  # redelivered after the restart: nothing new
                orologio.avanti(seconds=25)
            await Tracciamento(d).avanza()
            await Tracciamento(d).avanza()
            stati = [e["stato"] for e in await in_uscita(stores.store)]
            spedizioni = await stores.store.run(lambda tx: tx.find(simulatore.SPEDIZIONI))
            assert len(spedizioni) == 1
            await lettore.close()
        if giro == 0:
            assert stati == ["accettata", "stampata", "spedita"]
    assert stati == ["accettata", "stampata", "spedita", "consegnata", "ricevuta_ritorno"]
