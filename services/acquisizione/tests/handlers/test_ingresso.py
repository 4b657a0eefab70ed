"""Deposits and withdrawals from `istanze`, idempotently and in either order; the deadlines
list."""

from datetime import timedelta
from typing import Any

import pytest

from acquisizione.domain.errori import DomainError
from parcelle_contracts.acquisizione import DettaglioPratica, ElencoInAttesa, ElencoScadenze
from parcelle_contracts.istanze import IstanzaRinunciata
from parcelle_kit.codes import nuovo_codice

from ..conftest import Servizio
from ..fabbrica import ACQUISITA, IMPOSTAZIONI
from ..finti import AVVOCATO, SECRET, SEGRETERIA, depositata


def rinuncia(istanza_id: str, codice: str) -> IstanzaRinunciata:
    return IstanzaRinunciata(
        correlation_id=f"corr-{istanza_id}",
        ordine="DEMO",
        istanza_id=istanza_id,
        codice=codice,
        motivo="Il cliente ha pagato",
        rinunciata_il=ACQUISITA,
        rinunciata_da=AVVOCATO,
    )


async def in_attesa(servizio: Servizio) -> list[str]:
    elenco = await servizio.segreteria.elenco_in_attesa(
        ElencoInAttesa(correlation_id="c", ordine="DEMO", attore=SEGRETERIA)
    )
    return [riga.codice for riga in elenco.items]


async def dettaglio(servizio: Servizio, istanza_id: str) -> dict[str, Any]:
    vista = await servizio.segreteria.dettaglio(
        DettaglioPratica(
            correlation_id="c", ordine="DEMO", attore=SEGRETERIA, istanza_id=istanza_id
        )
    )
    return vista.model_dump(mode="json")


async def test_a_deposit_announced_twice_is_one_pending_case(servizio: Servizio) -> None:
    codice = nuovo_codice(SECRET, "DEMO", 2026)
    messaggio = depositata("i1", codice)
    await servizio.ingresso.depositata(messaggio)
    await servizio.ingresso.depositata(messaggio)  # redelivered
    await servizio.ingresso.depositata(depositata("i1", codice))  # published again
    assert await in_attesa(servizio) == [codice]
    vista = await dettaglio(servizio, "i1")
    assert vista["stato"] == "depositata"
    assert vista["avvocato"] == "Giulia Bianchi"
    assert vista["protocollo"] is None
    assert vista["scadenza"] is None


async def test_a_withdrawal_takes_a_pending_case_off_the_list(servizio: Servizio) -> None:
    codice = nuovo_codice(SECRET, "DEMO", 2026)
    await servizio.ingresso.depositata(depositata("i1", codice))
    await servizio.ingresso.rinunciata(rinuncia("i1", codice))
    assert await in_attesa(servizio) == []
    vista = await dettaglio(servizio, "i1")
    assert vista["stato"] == "rinunciata"
    assert vista["cronologia"][-1]["descrizione"] == (
        "Rinuncia dell'avvocato: Il cliente ha pagato"
    )


async def test_a_withdrawal_before_its_deposit_is_kept_for_it(servizio: Servizio) -> None:
    codice = nuovo_codice(SECRET, "DEMO", 2026)
    await servizio.ingresso.rinunciata(rinuncia("i1", codice))
    await servizio.ingresso.depositata(depositata("i1", codice))
    assert await in_attesa(servizio) == []
    assert (await dettaglio(servizio, "i1"))["stato"] == "rinunciata"


async def test_an_acquired_case_withdrawn_keeps_its_number(servizio: Servizio) -> None:
    (codice,) = await servizio.deposita()
    acquisita = await servizio.acquisisci(codice)
    await servizio.ingresso.rinunciata(rinuncia(acquisita["istanza_id"], codice))
    vista = await dettaglio(servizio, acquisita["istanza_id"])
    assert (vista["stato"], vista["protocollo"]) == ("rinunciata", "2026/000001")
    # Scanning it opens it as it is: no second number, nothing changed.
    di_nuovo = await servizio.acquisisci(codice)
    assert (di_nuovo["gia_acquisita"], di_nuovo["stato"]) == (True, "rinunciata")


async def test_deadlines_near_or_past_the_most_urgent_first(servizio: Servizio) -> None:
    await servizio.configura(IMPOSTAZIONI.model_copy(update={"termine_giorni": 30}))
    codici = await servizio.deposita(3)
    viste = []
    for giorni, codice in zip((0, 5, 20), codici, strict=True):
        servizio.orologio.ora = ACQUISITA + timedelta(days=giorni)
        viste.append(await servizio.acquisisci(codice))
    # Acquired on 3, 8 and 23 March with 30 days: last days 2 April, 7 April, 22 April.
    assert [v["scadenza"][:10] for v in viste] == ["2026-04-02", "2026-04-07", "2026-04-22"]
    servizio.orologio.ora = ACQUISITA + timedelta(days=31)  # 3 April: the first one is past

    async def scadenze(giorni: int, cerca: str | None = None) -> list[str]:
        elenco = await servizio.segreteria.scadenze(
            ElencoScadenze(
                correlation_id="c", ordine="DEMO", attore=SEGRETERIA, giorni=giorni, cerca=cerca
            )
        )
        return [p.codice for p in elenco.items]

    assert await scadenze(0) == [codici[0]]
    assert await scadenze(4) == codici[:2]
    assert await scadenze(30) == codici
    assert await scadenze(30, cerca=codici[1][:14]) == [codici[1]]
    assert await scadenze(30, cerca="nessuno") == []
    with pytest.raises(DomainError) as errore:
        await servizio.segreteria.scadenze(
            ElencoScadenze(correlation_id="c", ordine="DEMO", attore=AVVOCATO)
        )
    assert errore.value.codice == "non_autorizzata"
