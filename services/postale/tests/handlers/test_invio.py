"""Sending a raccomandata: the documents read and checked, the mailing composed and kept, the
print center asked once per command however often it is delivered, the acceptance slip kept,
the first step announced with the cost at the Ordine's tariffs."""

import hashlib
from dataclasses import replace
from decimal import Decimal

import pytest

from parcelle_contracts.common import BlobRef, FileRef
from parcelle_kit.bus.retry import TransientError, is_transient
from parcelle_kit.impostazioni import CopiaImpostazioni
from postale.domain.errori import DocumentoNonValidoError
from postale.handlers.invio import Invio

from ..conftest import Servizio
from ..finti import IMPOSTAZIONI, ORA, PDF, FintaAcquisizione, comando, documento


async def test_a_command_becomes_one_accepted_mailing_with_its_cost(servizio: Servizio) -> None:
    allegato = await documento(servizio.altrui)
    altro = await documento(servizio.altrui, "avvisi/2.pdf", b"%PDF altro")
    msg = comando(allegato, altri=[altro])

    await servizio.invio.invia(msg)

    [spedizione] = servizio.centro.ricevute
    assert spedizione.chiave == msg.message_id
    assert spedizione.nome == "Mario Rossi"
    assert spedizione.indirizzo == "Via Roma 10\n00100 Roma RM"
    assert spedizione.fogli == 3  # the letter and two one-page documents
    assert PDF in spedizione.pdf
    assert b"%PDF altro" in spedizione.pdf
    [lettera] = servizio.impaginatore.lettere
    assert lettera.allegati == ("avvio-procedimento-2026-000001.pdf",) * 2
    assert lettera.ordine == "Ordine degli Avvocati di Demo"
    assert lettera.messaggio == "avvio_procedimento"
    assert lettera.simulatore == "Centro di prova"  # the fake is a simulator: marked

    raccomandata = await servizio.raccomandata(msg.message_id)
    assert raccomandata.stato == "accettata"
    assert raccomandata.numero == "RR0000000001"
    assert raccomandata.costo == Decimal("6.96")  # 6.35 + 0.25 + 3 x 0.12
    assert raccomandata.plico is not None
    assert await servizio.blobs.get(raccomandata.plico.key) == spedizione.pdf
    [ricevuta] = raccomandata.ricevute
    assert ricevuta.tipo == "accettazione"
    distinta = await servizio.blobs.get(ricevuta.key)
    assert distinta == b"%PDF distinta RR0000000001"
    assert ricevuta.sha256 == hashlib.sha256(distinta).hexdigest()

    [evento] = await servizio.uscita()
    assert evento["routing_key"] == "postale.event.raccomandata_aggiornata"
    assert evento["stato"] == "accettata"
    assert evento["numero"] == "RR0000000001"
    assert evento["costo"] == "6.96"
    assert evento["ricevuta_id"] == ricevuta.id
    assert evento["simulata"] is True
    assert evento["causation_id"] == msg.message_id
    assert evento["comunicazione_id"] == "comunicazione-1"
    assert evento["raccomandata_id"] == msg.message_id


async def test_the_readers_the_command_names_are_kept_once_each(servizio: Servizio) -> None:
    msg = comando(await documento(servizio.altrui), lettori=["avv.bianchi", "avv.verdi"] * 2)
    await servizio.invio.invia(msg)
    raccomandata = await servizio.raccomandata(msg.message_id)
    assert raccomandata.lettori == ("avv.bianchi", "avv.verdi")


async def test_a_command_without_readers_keeps_none(servizio: Servizio) -> None:
    msg = comando(await documento(servizio.altrui))
    await servizio.invio.invia(msg)
    assert (await servizio.raccomandata(msg.message_id)).lettori == ()


async def test_a_redelivered_command_submits_nothing_twice(servizio: Servizio) -> None:
    msg = comando(await documento(servizio.altrui))
    await servizio.invio.invia(msg)
    await servizio.invio.invia(msg)
    assert len(servizio.centro.ricevute) == 1
    assert len(await servizio.uscita()) == 1


async def test_a_crash_after_submitting_resubmits_with_the_same_key(servizio: Servizio) -> None:
    msg = comando(await documento(servizio.altrui))
    servizio.centro.guasti = 1
    with pytest.raises(TransientError) as passeggero:
        await servizio.invio.invia(msg)
    assert is_transient(passeggero.value)  # the platform retries it later
    assert await servizio.uscita() == []
    primo = await servizio.blobs.get(f"plichi/{msg.message_id}.pdf")

    await servizio.invio.invia(msg)  # the retry
    await servizio.invio.invia(msg)  # and a redelivery

    [spedizione] = servizio.centro.ricevute
    assert spedizione.pdf == primo  # the mailing kept by the first attempt
    assert len(servizio.impaginatore.lettere) == 1
    assert [e["stato"] for e in await servizio.uscita()] == ["accettata"]


async def test_a_refusal_is_recorded_and_announced(servizio: Servizio) -> None:
    servizio.centro.rifiuta = "Indirizzo non servito"
    msg = comando(await documento(servizio.altrui))
    await servizio.invio.invia(msg)
    raccomandata = await servizio.raccomandata(msg.message_id)
    assert raccomandata.stato == "rifiutata"
    assert not raccomandata.attiva
    [evento] = await servizio.uscita()
    assert (evento["stato"], evento["dettaglio"], evento["numero"]) == (
        "rifiutata",
        "Indirizzo non servito",
        None,
    )
    assert evento["raccomandata_id"] == msg.message_id


async def test_without_a_postal_address_nothing_is_printed(servizio: Servizio) -> None:
    msg = comando(await documento(servizio.altrui), indirizzo="  ")
    await servizio.invio.invia(msg)
    assert servizio.centro.ricevute == []
    assert servizio.impaginatore.lettere == []
    [evento] = await servizio.uscita()
    assert evento["stato"] == "rifiutata"
    assert "Indirizzo postale" in evento["dettaglio"]
    assert evento["raccomandata_id"] == msg.message_id


async def test_a_document_that_is_not_the_one_announced_is_not_sent(servizio: Servizio) -> None:
    vero = await documento(servizio.altrui)
    falso = FileRef(
        blob=BlobRef(area="acquisizione", key=vero.blob.key, sha256="f" * 64, size=len(PDF)),
        nome_file="x.pdf",
        content_type="application/pdf",
    )
    with pytest.raises(DocumentoNonValidoError):
        await servizio.invio.invia(comando(falso))
    assert servizio.centro.ricevute == []
    assert await servizio.uscita() == []


async def test_the_tariffs_are_the_ordine_s_read_copy(servizio: Servizio) -> None:
    await servizio.invio.invia(comando(await documento(servizio.altrui)))
    copia = await servizio.store.run(lambda tx: CopiaImpostazioni(tx).leggi("DEMO"))
    assert copia == IMPOSTAZIONI  # the owner's answer, kept as the read copy
    acquisizione = FintaAcquisizione()
    invio = Invio(replace(servizio.d, acquisizione=acquisizione))
    await invio.invia(comando(await documento(servizio.altrui)))
    assert acquisizione.domande == 0  # the copy served the second command


async def test_without_the_ordine_s_settings_the_default_tariffs_apply(
    servizio: Servizio,
) -> None:
    invio = Invio(replace(servizio.d, acquisizione=FintaAcquisizione(None)))
    msg = comando(await documento(servizio.altrui))
    await invio.invia(msg)
    raccomandata = await servizio.raccomandata(msg.message_id)
    assert raccomandata.costo == Decimal("7.10")  # 6.50 + 0.30 + 2 x 0.15
    assert raccomandata.creata_il == ORA
