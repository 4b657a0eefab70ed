"""Sending a message once: the mail the templates write, to the channel's address, with the
documents byte for byte (or as signed links); redeliveries, refusals, failures that pass and
commands given up on."""

import asyncio

import pytest

from notifiche.domain.errori import AllegatoNonValidoError, RecapitoRifiutatoError
from parcelle_contracts.common import Attore
from parcelle_contracts.comunicazioni import Destinatario, ElencoNonRecapitate
from parcelle_contracts.ordini import ImpostazioniPosta
from parcelle_kit.bus.retry import TransientError, is_transient
from parcelle_kit.links import verifica_link

from ..conftest import CHIAVE, Servizio
from ..finti import IMPOSTAZIONI, ORA, comando, metti

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


async def test_the_mail_is_written_signed_and_sent_once_with_its_event(
    servizio: Servizio,
) -> None:
    documento = await metti(servizio.area, "acquisizione", PDF, "avvio-2026-000123.pdf")
    msg = comando("avvio_procedimento", "pec", [documento], giorni=10)

    await servizio.invii.invia(msg)
    await servizio.invii.invia(msg)  # redelivered

    [(mail, canale)] = servizio.trasporto.inviati
    assert canale == "pec"
    [a] = mail["To"].addresses
    assert (a.display_name, a.addr_spec) == ("Avv. Maria Rossi", "maria.rossi@pec.example")
    [da] = mail["From"].addresses
    assert (da.display_name, da.addr_spec) == (IMPOSTAZIONI.nome, IMPOSTAZIONI.pec)
    assert mail["Message-ID"] == f"<{msg.message_id}@pec.ordine-roma.example>"
    assert "prot. n. 2026/000123" in mail["Subject"]
    testo = mail.get_body(("plain",))
    assert testo is not None
    assert "entro 10 giorni" in testo.get_content()
    assert f"La Segreteria \N{EN DASH} {IMPOSTAZIONI.nome}" in testo.get_content()
    [allegato] = list(mail.iter_attachments())
    assert allegato.get_filename() == "avvio-2026-000123.pdf"
    assert allegato.get_payload(decode=True) == PDF
    [evento] = await servizio.uscita()
    assert evento["routing_key"] == "notifiche.event.comunicazione_spedita"
    assert evento["comunicazione_id"] == msg.comunicazione_id
    assert evento["indirizzo"] == "maria.rossi@pec.example"
    assert evento["message_id_mail"] == mail["Message-ID"]
    invio = await servizio.invio(msg.message_id)
    assert invio is not None
    assert invio.stato == "inviata"
    assert invio.oggetto == mail["Subject"]


async def test_e_mail_goes_from_the_ordine_s_sender_to_the_e_mail_address(
    servizio: Servizio,
) -> None:
    await servizio.invii.invia(comando("acquisizione", "email"))

    [(mail, canale)] = servizio.trasporto.inviati
    assert canale == "email"
    assert mail["To"].addresses[0].addr_spec == "maria.rossi@example.it"
    assert mail["From"].addresses[0].addr_spec == "segreteria@ordine-roma.example"
    assert servizio.trasporto.chiamate == [IMPOSTAZIONI.posta]


async def test_the_readers_the_command_names_are_kept_with_its_record(
    servizio: Servizio,
) -> None:
    lettori = ["avv.rossi", "avv.bianchi"]
    spedito = comando("provvedimento_al_cliente", "pec").model_copy(update={"lettori": lettori})
    abbandonato = comando("provvedimento_al_cliente", "pec").model_copy(update={"lettori": lettori})
    senza = comando("provvedimento_al_cliente", "pec")

    await servizio.invii.invia(spedito)
    await servizio.invii.abbandonato(abbandonato, "server irraggiungibile")
    await servizio.invii.invia(senza)

    letti = [await servizio.invio(m.message_id) for m in (spedito, abbandonato, senza)]
    assert [(i.stato, i.lettori) for i in letti if i is not None] == [
        ("inviata", ("avv.rossi", "avv.bianchi")),
        ("non_consegnata", ("avv.rossi", "avv.bianchi")),
        ("inviata", ()),
    ]


async def test_a_server_refusal_concludes_the_delivery_and_tells_the_secretariat(
    servizio: Servizio,
) -> None:
    servizio.trasporto.guasti.append(RecapitoRifiutatoError("550 5.1.1 utente sconosciuto"))
    msg = comando("provvedimento_emesso")

    await servizio.invii.invia(msg)
    await servizio.invii.invia(msg)  # redelivered: not tried again

    assert servizio.trasporto.inviati == []
    [evento] = await servizio.uscita()
    assert evento["routing_key"] == "notifiche.event.comunicazione_non_recapitata"
    assert "550 5.1.1" in evento["motivo"]
    assert evento["indirizzo"] == "maria.rossi@example.it"
    pagina = await servizio.elenchi.non_recapitate(_elenco())
    [voce] = pagina.items
    assert voce.comunicazione_id == msg.comunicazione_id
    assert voce.oggetto is not None
    assert "Provvedimento" in voce.oggetto


async def test_a_failure_that_may_pass_is_raised_for_a_retry_with_the_same_message_id(
    servizio: Servizio,
) -> None:
    servizio.trasporto.guasti.append(TransientError("451 riprovare più tardi"))
    msg = comando("cambio_relatore", relatore="Avv. Giulio Verdi")

    with pytest.raises(TransientError) as errore:
        await servizio.invii.invia(msg)
    assert is_transient(errore.value)
    assert await servizio.uscita() == []
    prima = await servizio.invio(msg.message_id)
    assert prima is not None
    assert prima.stato == "in_attesa"

    await servizio.invii.invia(msg)  # the retry

    [(mail, _)] = servizio.trasporto.inviati
    assert mail["Message-ID"] == prima.message_id_mail
    assert len(await servizio.uscita()) == 1


async def test_a_command_given_up_on_tells_the_secretariat_once(servizio: Servizio) -> None:
    servizio.trasporto.guasti.append(TransientError("connessione rifiutata"))
    msg = comando("integrazione_richiesta", testo="Si chiede la nota spese firmata.")
    with pytest.raises(TransientError):
        await servizio.invii.invia(msg)

    await servizio.invii.abbandonato(msg, "retries spent (3)")
    await servizio.invii.abbandonato(msg, "retries spent (3)")  # the copy redelivered
    await servizio.invii.invia(msg)  # a replay from the dead letters changes nothing

    [evento] = await servizio.uscita()
    assert evento["routing_key"] == "notifiche.event.comunicazione_non_recapitata"
    assert "retries spent" in evento["motivo"]
    assert servizio.trasporto.inviati == []


async def test_a_command_given_up_on_after_it_was_sent_changes_nothing(
    servizio: Servizio,
) -> None:
    msg = comando("pagamento_registrato")
    await servizio.invii.invia(msg)
    await servizio.invii.abbandonato(msg, "whatever")

    [evento] = await servizio.uscita()
    assert evento["routing_key"] == "notifiche.event.comunicazione_spedita"


async def test_no_address_for_the_channel_is_a_refusal(servizio: Servizio) -> None:
    msg = comando("ricevuta_deposito", "pec").model_copy(
        update={"destinatario": Destinatario(nome="Bianchi S.r.l.", email="b@example.it")}
    )
    await servizio.invii.invia(msg)

    assert servizio.trasporto.inviati == []
    [evento] = await servizio.uscita()
    assert evento["indirizzo"] is None
    assert "indirizzo" in evento["motivo"]


async def test_an_altered_document_is_never_attached(servizio: Servizio) -> None:
    documento = await metti(servizio.area, "acquisizione", PDF)
    altro = documento.model_copy(
        update={"blob": documento.blob.model_copy(update={"sha256": "0" * 64})}
    )
    with pytest.raises(AllegatoNonValidoError):
        await servizio.invii.invia(comando("provvedimento_emesso", allegati=[altro]))
    assert servizio.trasporto.inviati == []


async def test_the_order_travels_as_a_signed_expiring_link_when_the_ordine_says_so(
    servizio: Servizio,
) -> None:
    posta = ImpostazioniPosta(provvedimento_allegato=False, giorni_link=15)
    servizio.acquisizione.impostazioni_ordine = IMPOSTAZIONI.model_copy(update={"posta": posta})
    documento = await metti(servizio.area, "acquisizione", PDF, "provvedimento.pdf")

    await servizio.invii.invia(comando("provvedimento_al_cliente", allegati=[documento]))

    [(mail, _)] = servizio.trasporto.inviati
    assert list(mail.iter_attachments()) == []
    testo = mail.get_body(("plain",))
    assert testo is not None
    [riga] = [r for r in testo.get_content().splitlines() if "/documenti/link/" in r]
    token = riga.rsplit("/documenti/link/", 1)[1].strip()
    collegamento = verifica_link(CHIAVE, token, ORA)
    assert collegamento.documento == documento
    assert (collegamento.scade_il - ORA).days == 15
    assert "validi fino al 17/03/2026" in testo.get_content()


async def test_the_settings_asked_once_are_kept_as_the_read_copy(servizio: Servizio) -> None:
    await servizio.invii.invia(comando())
    await servizio.invii.invia(comando())
    assert servizio.acquisizione.domande == 1


def _elenco() -> ElencoNonRecapitate:
    attore = Attore(username="segreteria.demo", ruolo="segreteria", ordine="ROMA")
    return ElencoNonRecapitate(correlation_id="c", ordine="ROMA", attore=attore)


async def test_two_deliveries_of_one_command_at_once_send_one_mail(servizio: Servizio) -> None:
    servizio.trasporto.lento = asyncio.Event()
    msg = comando("cambio_relatore", relatore="Avv. Giulio Verdi")
    primo = asyncio.create_task(servizio.invii.invia(msg))
    await asyncio.sleep(0.05)  # the first holds the record and waits on the server
    with pytest.raises(TransientError):  # the second comes back later
        await servizio.invii.invia(msg)
    servizio.trasporto.lento.set()
    await primo
    await servizio.invii.invia(msg)  # back later: it was sent, nothing more happens
    assert len(servizio.trasporto.inviati) == 1
    assert len(await servizio.uscita()) == 1
