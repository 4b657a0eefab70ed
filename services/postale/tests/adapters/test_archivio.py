"""The mailings in the store: what is written reads back the same, its readers with it, and a
mailing stored before its readers were kept reads back with none."""

from decimal import Decimal

from parcelle_kit.store.ports import Transaction
from postale.adapters.archivio import RACCOMANDATE, Archivio, in_dizionario
from postale.domain.raccomandata import Raccomandata, Tariffe, nuova

from ..conftest import Servizio
from ..finti import ORA

TARIFFE = Tariffe(raccomandata_ar=Decimal("6.50"), foglio=Decimal("0.15"), busta=Decimal("0.30"))


def _raccomandata(id: str, lettori: tuple[str, ...] = ()) -> Raccomandata:
    return nuova(
        id=id,
        istanza_id="i1",
        comunicazione_id="c1",
        ordine="DEMO",
        correlation_id="i1",
        messaggio="avvio_procedimento",
        nome="Mario Rossi",
        indirizzo="Via Roma 10",
        plico=None,
        tariffe=TARIFFE,
        simulata=True,
        stato="rifiutata",
        il=ORA,
        numero=None,
        lettori=lettori,
    )


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
