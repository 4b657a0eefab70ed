"""The delivery records in a real document store: what is written reads back the same, by the
command's id and by the mail's Message-ID, and a record written before a field was added reads
with that field's default."""

from dataclasses import replace

from notifiche.adapters.archivio import INVII, Archivio, in_dizionario
from notifiche.domain.invio import Invio
from parcelle_kit.store.ports import Transaction

from ..conftest import Servizio
from ..domain.test_invio import invio_in_attesa


def _invio(lettori: tuple[str, ...] = ()) -> Invio:
    return replace(invio_in_attesa(), lettori=lettori)


async def test_the_readers_survive_being_stored_and_read_back(servizio: Servizio) -> None:
    invio = _invio(lettori=("avv.rossi", "avv.bianchi"))
    await servizio.store.run(lambda tx: Archivio(tx).salva(invio))

    assert await servizio.invio("m1") == invio
    per_mail = await servizio.store.run(
        lambda tx: Archivio(tx).per_message_id(invio.message_id_mail)
    )
    assert per_mail is not None
    assert per_mail.lettori == ("avv.rossi", "avv.bianchi")


async def test_a_record_stored_without_readers_reads_back_with_none(servizio: Servizio) -> None:
    vecchio = in_dizionario(_invio())
    del vecchio["lettori"]  # as records were written before the readers were kept

    async def scrivi(tx: Transaction) -> None:
        await tx.insert(INVII, vecchio)

    await servizio.store.run(scrivi)

    letto = await servizio.invio("m1")
    assert letto is not None
    assert letto.lettori == ()
    assert letto == _invio()
