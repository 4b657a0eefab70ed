"""The SMTP transport against a real SMTP server: the Ordine's server or the service's own,
what a refusal and a temporary failure become, a server that is not there."""

from datetime import UTC, datetime

import pytest

from notifiche.adapters.segreti import Segreti
from notifiche.adapters.smtp import (
    Server,
    ServerPropri,
    SmtpTrasporti,
    TrasportoNonDisponibileError,
    server_di,
)
from notifiche.domain.errori import RecapitoRifiutatoError, SegretoMancanteError
from notifiche.domain.posta import Busta, Redazione, componi
from parcelle_contracts.ordini import ImpostazioniPosta
from parcelle_kit.bus.retry import is_transient

from ..server_smtp import porta_libera, server_smtp

pytestmark = pytest.mark.integration

MAIL = componi(
    Busta(
        "Ordine",
        "s@ordine.example",
        "Avv. Rossi",
        "r@example.it",
        "<m1@ordine.example>",
        datetime(2026, 3, 2, tzinfo=UTC),
    ),
    Redazione("Oggetto", "Testo", "<p>Testo</p>"),
    [],
)


def _trasporti(porta: int, pec_porta: int | None = None) -> SmtpTrasporti:
    propri = ServerPropri(
        email=Server("127.0.0.1", porta, tls="none"),
        pec=Server("127.0.0.1", pec_porta or porta, tls="none"),
    )
    return SmtpTrasporti(propri, Segreti({}, None), timeout=5)


async def test_the_service_s_own_servers_take_what_the_ordine_does_not_route() -> None:
    async with server_smtp() as email, server_smtp() as pec:
        trasporti = _trasporti(email.porta, pec.porta)
        await trasporti(ImpostazioniPosta(), "email").invia(MAIL)
        await trasporti(ImpostazioniPosta(), "pec").invia(MAIL)
        assert [r.destinatari for r in email.gestore.ricevuti] == [["r@example.it"]]
        assert len(pec.gestore.ricevuti) == 1
        assert pec.gestore.ricevuti[0].mail()["Message-ID"] == "<m1@ordine.example>"


async def test_the_ordine_s_own_server_is_used_when_set() -> None:
    async with server_smtp() as proprio, server_smtp() as ordine:
        posta = ImpostazioniPosta(smtp_host="127.0.0.1", smtp_porta=ordine.porta)
        await _trasporti(proprio.porta)(posta, "email").invia(MAIL)
        assert len(ordine.gestore.ricevuti) == 1
        assert proprio.gestore.ricevuti == []


async def test_a_5xx_is_a_refusal_and_a_4xx_may_pass() -> None:
    async with server_smtp() as server:
        server.gestore.risposte = ["550 5.1.1 Mailbox unavailable", "451 4.3.0 Try later"]
        trasporto = _trasporti(server.porta)(ImpostazioniPosta(), "email")
        with pytest.raises(RecapitoRifiutatoError, match=r"550 5\.1\.1"):
            await trasporto.invia(MAIL)
        with pytest.raises(TrasportoNonDisponibileError) as temporaneo:
            await trasporto.invia(MAIL)
        assert is_transient(temporaneo.value)
        assert server.gestore.ricevuti == []


async def test_a_server_that_is_not_there_may_come_back() -> None:
    trasporto = _trasporti(porta_libera())(ImpostazioniPosta(), "pec")
    with pytest.raises(TrasportoNonDisponibileError) as errore:
        await trasporto.invia(MAIL)
    assert is_transient(errore.value)


async def test_a_secret_the_environment_lacks_is_no_passing_failure() -> None:
    posta = ImpostazioniPosta(smtp_host="127.0.0.1", smtp_utente="u", smtp_segreto="MANCA")
    with pytest.raises(SegretoMancanteError) as errore:
        await _trasporti(porta_libera())(posta, "email").invia(MAIL)
    assert not is_transient(errore.value)


def test_implicit_tls_on_465_and_starttls_with_credentials() -> None:
    propri = ServerPropri(Server("a", 1), Server("b", 2))
    assert server_di(ImpostazioniPosta(pec_smtp_host="pec.example"), propri, "pec").tls == "tls"
    con_utente = ImpostazioniPosta(smtp_host="smtp.example", smtp_utente="u", smtp_porta=587)
    assert server_di(con_utente, propri, "email").tls == "starttls"
    assert server_di(ImpostazioniPosta(), propri, "email") == propri.email
