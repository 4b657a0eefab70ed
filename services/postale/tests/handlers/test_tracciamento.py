"""Following the mailings still moving: each new step the print center reports is recorded
once with its event, the return receipt's scan is kept with its SHA-256, a silent print center
changes nothing, and a mailing at the end of its course is asked about no more."""

import hashlib
from datetime import timedelta

from postale.ports import Aggiornamento

from ..conftest import Servizio
from ..finti import ORA, comando, documento

SCANSIONE = b"%PDF cartolina"


async def _inviata(servizio: Servizio) -> str:
    msg = comando(await documento(servizio.altrui))
    await servizio.invio.invia(msg)
    return msg.message_id


def _passi(*stati: str) -> list[Aggiornamento]:
    return [
        Aggiornamento(
            stato,  # type: ignore[arg-type]
            ORA + timedelta(seconds=n + 1),
            f"passo {stato}",
            SCANSIONE if stato == "ricevuta_ritorno" else None,
        )
        for n, stato in enumerate(stati)
    ]


async def test_each_step_is_recorded_once_with_its_event(servizio: Servizio) -> None:
    raccomandata_id = await _inviata(servizio)
    numero = "RR0000000001"
    servizio.centro.passi[numero] = _passi("stampata", "spedita")
    assert await servizio.tracciamento.avanza() == 2
    assert await servizio.tracciamento.avanza() == 0  # the same reports again
    servizio.centro.passi[numero] = _passi("stampata", "spedita", "consegnata", "ricevuta_ritorno")
    assert await servizio.tracciamento.avanza() == 2

    raccomandata = await servizio.raccomandata(raccomandata_id)
    assert raccomandata.stato == "ricevuta_ritorno"
    assert not raccomandata.attiva
    ricevuta = raccomandata.ricevuta(f"{raccomandata_id}-ricevuta_ritorno")
    assert ricevuta is not None
    assert await servizio.blobs.get(ricevuta.key) == SCANSIONE
    assert ricevuta.sha256 == hashlib.sha256(SCANSIONE).hexdigest()

    eventi = await servizio.uscita()
    assert [e["stato"] for e in eventi] == [
        "accettata",
        "stampata",
        "spedita",
        "consegnata",
        "ricevuta_ritorno",
    ]
    assert [e["costo"] for e in eventi] == ["6.84", None, None, None, None]
    assert eventi[-1]["ricevuta_id"] == ricevuta.id
    assert eventi[2]["dettaglio"] == "passo spedita"
    assert all(e["numero"] == numero and e["simulata"] for e in eventi)
    assert all(e["raccomandata_id"] == raccomandata_id for e in eventi)
    assert len(servizio.sveglie) == 2  # the relay woken after each round that recorded

    servizio.centro.muto = True  # a final mailing is not asked about any more
    assert await servizio.tracciamento.avanza() == 0


async def test_a_silent_print_center_changes_nothing(servizio: Servizio) -> None:
    raccomandata_id = await _inviata(servizio)
    servizio.centro.muto = True
    assert await servizio.tracciamento.avanza() == 0
    assert (await servizio.raccomandata(raccomandata_id)).stato == "accettata"
    servizio.centro.muto = False
    servizio.centro.passi["RR0000000001"] = _passi("stampata")
    assert await servizio.tracciamento.avanza() == 1


async def test_held_then_returned(servizio: Servizio) -> None:
    raccomandata_id = await _inviata(servizio)
    servizio.centro.passi["RR0000000001"] = _passi(
        "stampata", "spedita", "in_giacenza", "restituita"
    )
    assert await servizio.tracciamento.avanza() == 4
    raccomandata = await servizio.raccomandata(raccomandata_id)
    assert raccomandata.stato == "restituita"
    assert [r.tipo for r in raccomandata.ricevute] == ["accettazione"]


async def test_one_mailing_s_trouble_does_not_stop_the_others(servizio: Servizio) -> None:
    await _inviata(servizio)
    seconda = await _inviata(servizio)
    servizio.centro.rotti = {"RR0000000001"}
    servizio.centro.passi["RR0000000002"] = _passi("stampata")
    assert await servizio.tracciamento.avanza() == 1
    assert (await servizio.raccomandata(seconda)).stato == "stampata"
