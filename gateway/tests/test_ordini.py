"""The Ordine's name on the pages comes from its settings' owner: read once, kept a minute,
read again after; when the owner does not answer, a name made from the code, asked again
shortly; the header of every page of a logged-in user shows it."""

import pytest

from gateway.ordini import FRESCO, RIPROVA, NomiOrdini

from .fake_acquisizione import FakeAcquisizione
from .web.pagine import Browser


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_the_name_is_read_from_the_owner_and_kept_a_minute() -> None:
    acquisizione, clock = FakeAcquisizione(), Clock()
    nomi = NomiOrdini(acquisizione, clock)
    assert await nomi.nome("ROMA") == "Ordine degli Avvocati di Roma"
    assert await nomi.nome("ROMA") == "Ordine degli Avvocati di Roma"
    assert len(acquisizione.chiamate_di("impostazioni")) == 1
    clock.now += FRESCO
    await nomi.nome("ROMA")
    assert len(acquisizione.chiamate_di("impostazioni")) == 2


async def test_an_owner_that_does_not_answer_gives_a_provisional_name_asked_again_soon() -> None:
    acquisizione, clock = FakeAcquisizione(), Clock()
    nomi = NomiOrdini(acquisizione, clock)
    acquisizione.assenti.add("impostazioni")
    assert await nomi.nome("DEMO") == "Ordine degli Avvocati (DEMO)"
    clock.now += RIPROVA
    await nomi.nome("DEMO")
    assert len(acquisizione.chiamate_di("impostazioni")) == 2


@pytest.mark.parametrize("username", ["avvocato.demo", "segreteria.demo"])
async def test_the_pages_header_prints_the_owners_name(browser: Browser, username: str) -> None:
    await browser.accedi(username)
    area = "/avvocato" if username.startswith("avvocato") else "/segreteria"
    pagina = await browser.pagina(area)
    assert "Ordine degli Avvocati di Demo" in pagina.testo  # as the owner names it
