"""What the secretariat reads: its Ordine's mailings, the newest first, a page at a time, of
one case or all, and the receipts; nobody else reads them."""

import pytest

from parcelle_contracts.common import Attore
from parcelle_contracts.postale import ElencoRaccomandate, FileRicevutaPostale
from postale.domain.errori import NonAutorizzataError, NonTrovataError

from ..conftest import Servizio
from ..finti import comando, documento

SEGRETERIA = Attore(username="segreteria", ruolo="segreteria", ordine="DEMO")


async def test_pages_of_the_newest_first(servizio: Servizio) -> None:
    ids = []
    for n in range(3):
        msg = comando(await documento(servizio.altrui, f"avvisi/{n}.pdf"))
        await servizio.invio.invia(msg)
        ids.append(msg.message_id)
        servizio.orologio.avanti(minutes=1)
    prima = await servizio.consultazione.elenco(
        ElencoRaccomandate(correlation_id="x", ordine="DEMO", attore=SEGRETERIA, limit=2)
    )
    assert prima.simulatore is True
    assert prima.centro_stampa == "Centro di prova"
    assert len(prima.items) == 2
    assert prima.next is not None
    seconda = await servizio.consultazione.elenco(
        ElencoRaccomandate(
            correlation_id="x", ordine="DEMO", attore=SEGRETERIA, limit=2, cursor=prima.next
        )
    )
    visti = [r.id for r in prima.items + seconda.items]
    assert visti == ids[::-1]
    assert seconda.next is None
    voce = prima.items[0]
    assert voce.ricevute[0].file.blob.area == "postale"
    assert voce.fogli == 2


async def test_one_case_only(servizio: Servizio) -> None:
    await servizio.invio.invia(comando(await documento(servizio.altrui)))
    altra = await servizio.consultazione.elenco(
        ElencoRaccomandate(correlation_id="x", ordine="DEMO", attore=SEGRETERIA, istanza_id="altra")
    )
    assert altra.items == []


async def test_a_receipt_for_the_secretariat_only(servizio: Servizio) -> None:
    msg = comando(await documento(servizio.altrui))
    await servizio.invio.invia(msg)

    def domanda(attore: Attore, ricevuta: str) -> FileRicevutaPostale:
        return FileRicevutaPostale(
            correlation_id="x",
            ordine="DEMO",
            attore=attore,
            raccomandata_id=msg.message_id,
            ricevuta_id=ricevuta,
        )

    file = await servizio.consultazione.file(domanda(SEGRETERIA, f"{msg.message_id}-accettazione"))
    assert await servizio.blobs.get(file.blob.key) == b"%PDF distinta RR0000000001"
    assert file.content_type == "application/pdf"
    with pytest.raises(NonTrovataError):
        await servizio.consultazione.file(domanda(SEGRETERIA, "altra"))
    avvocato = Attore(username="avv", ruolo="avvocato", ordine="DEMO")
    with pytest.raises(NonAutorizzataError):
        await servizio.consultazione.file(domanda(avvocato, f"{msg.message_id}-accettazione"))
    altro_ordine = Attore(username="s", ruolo="segreteria", ordine="ROMA")
    with pytest.raises(NonTrovataError):
        await servizio.consultazione.file(domanda(altro_ordine, f"{msg.message_id}-accettazione"))
