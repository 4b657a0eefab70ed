"""The secretariat's acquisition reaches the case: ``PraticaAcquisita`` makes it ``acquisita``
with its protocol number, once, and the public status event goes out with the change."""

from datetime import timedelta
from typing import Any

import pytest

from istanze.adapters.archivio import Archivio
from istanze.domain.errori import StatoNonValidoError
from istanze.domain.istanza import Istanza
from istanze.handlers.acquisizione import registra_acquisizione
from parcelle_contracts.acquisizione import PraticaAcquisita
from parcelle_contracts.common import Attore

from ..conftest import Servizio
from ..domain.fabbrica import ORA, TITOLARE, depositata

ACQUISITA_IL = ORA + timedelta(days=1)
CLERK = Attore(
    username="segreteria1",
    ruolo="segreteria",
    ordine="DEMO",
    nome="Anna",
    cognome="Neri",
    tramite="stazione",
    stazione="banco-1",
)


async def salva(servizio: Servizio, istanza: Istanza) -> None:
    await servizio.store.run(lambda tx: Archivio(tx).aggiungi(istanza))


def acquisita(protocollo: str = "2026/000001", **altro: Any) -> PraticaAcquisita:
    valori: dict[str, Any] = {
        "correlation_id": "corr-istanza-1",
        "ordine": "DEMO",
        "istanza_id": "istanza-1",
        "codice": "DEMO-26-7K3Q9XAB-4FZP",
        "protocollo": protocollo,
        "acquisita_il": ACQUISITA_IL,
        "acquisita_da": CLERK,
        **altro,
    }
    return PraticaAcquisita.model_validate(valori)


async def test_the_case_becomes_acquired_with_its_number_and_the_public_hears_it(
    servizio: Servizio,
) -> None:
    await salva(servizio, depositata())
    await registra_acquisizione(servizio.d, acquisita())

    istanza = await servizio.caso()
    assert (istanza.stato, istanza.protocollo) == ("acquisita", "2026/000001")
    ultimo = istanza.cronologia[-1]
    assert ultimo.descrizione == "Istanza acquisita con protocollo n. 2026/000001"
    assert (ultimo.chi, ultimo.quando) == ("Anna Neri", ACQUISITA_IL)
    assert (ultimo.ruolo, ultimo.tramite, ultimo.stazione) == ("segreteria", "stazione", "banco-1")
    corpo, *avvisi = await servizio.uscita()
    assert corpo["routing_key"] == "pratica.DEMO.acquisita"
    assert {(a["messaggio"], a["canale"]) for a in avvisi} == {
        ("acquisizione", "pec"),
        ("acquisizione", "email"),
    }
    assert {a["dati"]["protocollo"] for a in avvisi} == {"2026/000001"}
    assert (corpo["stato"], corpo["stato_precedente"], corpo["protocollo"]) == (
        "acquisita",
        "depositata",
        "2026/000001",
    )
    assert corpo["correlation_id"] == "corr-istanza-1"


async def test_the_same_acquisition_twice_has_one_effect(
    servizio: Servizio,
) -> None:
    await salva(servizio, depositata())
    evento = acquisita()
    await registra_acquisizione(servizio.d, evento)
    await registra_acquisizione(servizio.d, evento)  # redelivered
    await registra_acquisizione(servizio.d, acquisita())  # published again by a relay
    pubblici = [e for e in await servizio.uscita() if e["routing_key"].startswith("pratica.")]
    assert len(pubblici) == 1
    assert [e.stato for e in (await servizio.caso()).cronologia].count("acquisita") == 1


async def test_a_case_withdrawn_meanwhile_stays_withdrawn(
    servizio: Servizio,
) -> None:
    istanza = depositata()
    istanza.rinuncia("Accordo con il cliente", ORA + timedelta(hours=1), TITOLARE)
    await salva(servizio, istanza)
    await registra_acquisizione(servizio.d, acquisita())
    assert (await servizio.caso()).stato == "rinunciata"
    assert await servizio.uscita() == []


async def test_another_number_for_a_registered_case_is_an_inconsistency(
    servizio: Servizio,
) -> None:
    await salva(servizio, depositata())
    await registra_acquisizione(servizio.d, acquisita())
    with pytest.raises(StatoNonValidoError):
        await registra_acquisizione(servizio.d, acquisita("2026/000002"))
    assert (await servizio.caso()).protocollo == "2026/000001"
