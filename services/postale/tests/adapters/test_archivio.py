"""The mailings in the store: what is written reads back the same, its readers with it, and a
mailing stored before its readers were kept reads back with none."""

from dataclasses import replace

from parcelle_kit.store.ports import Transaction
from postale.adapters.archivio import RACCOMANDATE, Archivio, in_dizionario
from postale.domain.raccomandata import Raccomandata

from ..conftest import Servizio
from ..domain.test_raccomandata import accettata


def _raccomandata(id: str, lettori: tuple[str, ...] = ()) -> Raccomandata:
    return replace(accettata(), id=id, lettori=lettori)


async def test_the_readers_survive_the_store(servizio: Servizio) -> None:
    scritta = _raccomandata("r1", ("avv.bianchi", "avv.verdi"))
    await servizio.store.run(lambda tx: Archivio(tx).salva(scritta))
    letta = await servizio.raccomandata("r1")
    assert letta.lettori == ("avv.bianchi", "avv.verdi")
    assert letta == scritta


async def test_a_mailing_stored_without_readers_reads_back_with_none(servizio: Servizio) -> None:
    documento = in_dizionario(_raccomandata("r2", ("avv.bianchi",)))
    del documento["lettori"]  # as written before the readers were kept

    async def scrivi(tx: Transaction) -> None:
        await tx.insert(RACCOMANDATE, documento)

    await servizio.store.run(scrivi)
    letta = await servizio.raccomandata("r2")
    assert letta.lettori == ()
    assert letta.id == "r2"
    assert not letta.leggibile_da("DEMO", "avvocato", "avv.bianchi")
