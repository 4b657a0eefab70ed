"""The delivery record and the mail as the standard library writes it."""

from datetime import UTC, datetime
from email import message_from_bytes, policy

from hypothesis import given
from hypothesis import strategies as st

from notifiche.domain import posta
from notifiche.domain.invio import Invio, message_id_mail

ORA = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def test_the_message_id_is_the_command_s_in_the_sender_s_domain() -> None:
    assert message_id_mail("0191-abc", "Segreteria@Ordine.Example") == "<0191-abc@ordine.example>"
    assert message_id_mail("0191-abc", "") == "<0191-abc@parcelle.invalid>"


def invio_in_attesa() -> Invio:
    return Invio(
        message_id="m1",
        comunicazione_id="c1",
        istanza_id="i1",
        ordine="ROMA",
        correlation_id="p1",
        messaggio="acquisizione",
        canale="email",
        destinatario="Avv. Rossi",
        indirizzo="r@example.it",
        message_id_mail="<m1@example.it>",
        stato="in_attesa",
        creato_il=ORA,
        aggiornato_il=ORA,
    )


def test_a_record_is_concluded_once_sent_or_given_up() -> None:
    invio = invio_in_attesa()
    assert not invio.concluso
    assert invio.spedito("Oggetto", ORA).concluso
    rifiutato = invio.non_consegnato("x" * 900, ORA)
    assert rifiutato.concluso
    assert rifiutato.stato == "non_consegnata"
    assert len(rifiutato.motivo or "") == 500


@given(dati=st.binary(max_size=5000), nome=st.text(min_size=1, max_size=40))
def test_attachments_arrive_byte_for_byte_whatever_their_name(dati: bytes, nome: str) -> None:
    busta = posta.Busta(
        "Ordine di Roma",
        "s@ordine.example",
        "Bianchi, S.r.l.",
        "b@example.it",
        "<m1@ordine.example>",
        ORA,
    )
    mail = posta.componi(
        busta,
        posta.Redazione("Oggetto \N{EN DASH} prova", "Testo è", "<p>Testo è</p>"),
        [posta.Allegato(nome, "application/pdf", dati)],
    )
    letta = message_from_bytes(bytes(mail), policy=policy.default)
    [allegato] = list(letta.iter_attachments())
    assert allegato.get_payload(decode=True) == dati
    assert letta["Message-ID"] == "<m1@ordine.example>"
    assert letta["To"].addresses[0].display_name == "Bianchi, S.r.l."
