"""What the secretariat reads: its Ordine's mailings, the newest first, a page at a time, of
one case or all, and the receipts; the lawyers a mailing's command named read its receipts too;
to anyone else a mailing is not found, as one that does not exist."""

from datetime import timedelta

import pytest

from parcelle_contracts.common import Attore
from parcelle_contracts.postale import ElencoRaccomandate, FileRicevutaPostale
from parcelle_contracts.vocabolario import StatoRaccomandata
from postale.domain.errori import NonAutorizzataError, NonTrovataError
from postale.ports import Aggiornamento

from ..conftest import Servizio
from ..finti import ORA, comando, documento

SEGRETERIA = Attore(username="segreteria", ruolo="segreteria", ordine="DEMO")
LETTORE = "avv.bianchi"
AVVOCATO = Attore(username=LETTORE, ruolo="avvocato", ordine="DEMO")
CONSIGLIERE = Attore(username="cons", ruolo="consigliere", ordine="DEMO")


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


async def test_the_listing_is_for_the_secretariat_only(servizio: Servizio) -> None:
    await servizio.invio.invia(comando(await documento(servizio.altrui), lettori=[LETTORE]))
    for attore in (AVVOCATO, CONSIGLIERE):
        with pytest.raises(NonAutorizzataError):
            await servizio.consultazione.elenco(
                ElencoRaccomandate(correlation_id="x", ordine="DEMO", attore=attore)
            )


async def _inviata(servizio: Servizio) -> str:
    msg = comando(await documento(servizio.altrui), lettori=[LETTORE])
    await servizio.invio.invia(msg)
    return msg.message_id


def _domanda(attore: Attore, raccomandata_id: str, ricevuta_id: str) -> FileRicevutaPostale:
    return FileRicevutaPostale(
        correlation_id="x",
        ordine=attore.ordine,
        attore=attore,
        raccomandata_id=raccomandata_id,
        ricevuta_id=ricevuta_id,
    )


async def test_the_secretariat_reads_a_receipt(servizio: Servizio) -> None:
    raccomandata_id = await _inviata(servizio)
    file = await servizio.consultazione.file(
        _domanda(SEGRETERIA, raccomandata_id, f"{raccomandata_id}-accettazione")
    )
    assert await servizio.blobs.get(file.blob.key) == b"%PDF distinta RR0000000001"
    assert file.blob.area == "postale"
    assert file.content_type == "application/pdf"
    with pytest.raises(NonTrovataError, match="Ricevuta non trovata"):
        await servizio.consultazione.file(_domanda(SEGRETERIA, raccomandata_id, "altra"))


async def test_the_lawyer_the_command_named_reads_its_receipts(servizio: Servizio) -> None:
    raccomandata_id = await _inviata(servizio)
    stati: list[StatoRaccomandata] = ["stampata", "spedita", "consegnata", "ricevuta_ritorno"]
    servizio.centro.passi["RR0000000001"] = [
        Aggiornamento(
            stato,
            ORA + timedelta(seconds=n + 1),
            scansione=b"%PDF cartolina" if stato == "ricevuta_ritorno" else None,
        )
        for n, stato in enumerate(stati)
    ]
    assert await servizio.tracciamento.avanza() == 4
    distinta = await servizio.consultazione.file(
        _domanda(AVVOCATO, raccomandata_id, f"{raccomandata_id}-accettazione")
    )
    assert await servizio.blobs.get(distinta.blob.key) == b"%PDF distinta RR0000000001"
    cartolina = await servizio.consultazione.file(
        _domanda(AVVOCATO, raccomandata_id, f"{raccomandata_id}-ricevuta_ritorno")
    )
    assert await servizio.blobs.get(cartolina.blob.key) == b"%PDF cartolina"
    with pytest.raises(NonTrovataError, match="Ricevuta non trovata"):
        await servizio.consultazione.file(_domanda(AVVOCATO, raccomandata_id, "altra"))


@pytest.mark.parametrize(
    "attore",
    [
        Attore(username="avv.verdi", ruolo="avvocato", ordine="DEMO"),
        Attore(username=LETTORE, ruolo="avvocato", ordine="ROMA"),
        Attore(username="s", ruolo="segreteria", ordine="ROMA"),
        CONSIGLIERE,
        Attore(username=LETTORE, ruolo="consigliere", ordine="DEMO"),
    ],
    ids=[
        "another-lawyer",
        "a-reader-s-name-in-another-ordine",
        "another-ordine-s-secretariat",
        "a-councillor",
        "a-councillor-with-a-reader-s-name",
    ],
)
async def test_anyone_else_finds_no_such_mailing(servizio: Servizio, attore: Attore) -> None:
    raccomandata_id = await _inviata(servizio)
    with pytest.raises(NonTrovataError) as rifiuto:
        await servizio.consultazione.file(
            _domanda(attore, raccomandata_id, f"{raccomandata_id}-accettazione")
        )
    with pytest.raises(NonTrovataError) as inesistente:
        await servizio.consultazione.file(
            _domanda(SEGRETERIA, "inesistente", "inesistente-accettazione")
        )
    # the same answer as a mailing that does not exist: nothing tells that it does
    assert (rifiuto.value.codice, rifiuto.value.messaggio, rifiuto.value.campi) == (
        inesistente.value.codice,
        inesistente.value.messaggio,
        inesistente.value.campi,
    )


async def test_a_mailing_without_readers_is_the_secretariat_s_only(servizio: Servizio) -> None:
    msg = comando(await documento(servizio.altrui))
    await servizio.invio.invia(msg)
    ricevuta_id = f"{msg.message_id}-accettazione"
    with pytest.raises(NonTrovataError):
        await servizio.consultazione.file(_domanda(AVVOCATO, msg.message_id, ricevuta_id))
    assert await servizio.consultazione.file(_domanda(SEGRETERIA, msg.message_id, ricevuta_id))
