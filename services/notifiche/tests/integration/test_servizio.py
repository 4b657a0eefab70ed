"""`notifiche` as ``parcelle run notifiche`` runs it, on the real broker: a receipt pushed by a
provider (bytes in the transfer area, the command by request/reply) is verified against the
development CA the service made under ``var/``, kept, downloadable by the secretariat, and
``ricevuta_pec_registrata`` reaches a subscriber; a tampered one is refused with its code."""

import asyncio
import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from faststream.rabbit import RabbitRouter

from notifiche.adapters.archivio import Archivio
from notifiche.adapters.pec_simulato import TrasportoPecSimulato
from notifiche.adapters.pki_simulata import pki_simulata
from parcelle_contracts.common import TRANSFER_AREA, Attore, BlobRef, FileRef
from parcelle_contracts.comunicazioni import (
    FileRicevutaPec,
    RegistraRicevutaPec,
    RicevutaPecAccolta,
    RicevutaPecRegistrata,
)
from parcelle_kit.blob.writes import one_chunk
from parcelle_kit.bus import router
from parcelle_kit.requests import ask
from parcelle_kit.service import Runtime, ServiceDefinition
from parcelle_kit.settings import Settings
from parcelle_testing.fixtures import BusClient, StartServices

from ..pec import ORDINE, altera_daticert, invio, messaggio_pec

pytestmark = pytest.mark.integration
SEGRETERIA = Attore(username="segreteria.demo", ruolo="segreteria", ordine=ORDINE)


class Ascolto:
    """A subscriber of the receipts' event, as the case's timeline will be."""

    def __init__(self) -> None:
        self.eventi: list[RicevutaPecRegistrata] = []

    def wire(self, runtime: Runtime[Settings]) -> RabbitRouter:
        subscribers = router()
        coda = runtime.topology.queue(
            "ascolto", "ricevute", routing_key=RicevutaPecRegistrata.routing_key()
        )

        @subscribers.subscriber(coda, runtime.topology.exchange)
        async def registrata(message: RicevutaPecRegistrata) -> None:
            self.eventi.append(message)

        return subscribers


async def ricevute_firmate(var_dir: Path, cartella: Path) -> tuple[str, list[bytes]]:
    """A PEC message and its receipts, signed with the service's own development PKI."""
    messaggio = messaggio_pec()

    async def nessuna(_: bytes) -> object:
        return None

    trasporto = TrasportoPecSimulato(pki_simulata(var_dir / "pec-simulata"), cartella, nessuna)
    await trasporto.invia(messaggio)
    await trasporto.attendi()
    return str(messaggio["Message-ID"]), [
        p.read_bytes() for p in sorted((cartella / "ricevute").iterdir())
    ]


async def trasferisci(runtime: Runtime[Any], dati: bytes) -> BlobRef:
    key = f"uploads/{hashlib.sha256(dati).hexdigest()}"
    await runtime.transfer.put(key, one_chunk(dati), max_size=len(dati))
    return BlobRef(
        area=TRANSFER_AREA, key=key, sha256=hashlib.sha256(dati).hexdigest(), size=len(dati)
    )


async def test_a_pushed_receipt_is_kept_and_announced_on_the_bus(
    start_services: StartServices,
    bus_client: BusClient,
    settings_values: dict[str, Any],
    tmp_path: Path,
) -> None:
    ascolto = Ascolto()
    definizione = ServiceDefinition(name="ascolto", settings_cls=Settings, wire=ascolto.wire)
    ascoltatore = await Runtime.start(definizione, Settings(**settings_values))
    try:
        (notifiche,) = await start_services("notifiche")
        msgid, (accettazione, consegna) = await ricevute_firmate(
            settings_values["var_dir"], tmp_path / "prova"
        )
        voce = replace(invio(messaggio_pec()), message_id_mail=msgid)
        await notifiche.store.run(lambda tx: Archivio(tx).salva(voce))

        domanda = RegistraRicevutaPec(
            correlation_id="c", ordine=ORDINE, ricevuta=await trasferisci(notifiche, accettazione)
        )
        esito = await ask(bus_client.rpc, domanda, RicevutaPecAccolta, timeout=20)
        assert esito.ok, esito.errore
        assert esito.dati is not None
        assert esito.dati.tipo == "accettazione"
        assert esito.dati.simulata

        for _ in range(100):
            if ascolto.eventi:
                break
            await asyncio.sleep(0.1)
        (evento,) = ascolto.eventi
        assert evento.ricevuta_id == esito.dati.ricevuta_id
        assert evento.istanza_id == "istanza-1"
        assert evento.simulata

        domanda_file = FileRicevutaPec(
            correlation_id="c", ordine=ORDINE, attore=SEGRETERIA, ricevuta_id=evento.ricevuta_id
        )
        file = await ask(bus_client.rpc, domanda_file, FileRef, timeout=20)
        assert file.dati is not None
        assert await notifiche.blobs.get(file.dati.blob.key) == accettazione

        contraffatta = altera_daticert(consegna, b"<consegna>cliente@", b"<consegna>altro@")
        domanda = RegistraRicevutaPec(
            correlation_id="c", ordine=ORDINE, ricevuta=await trasferisci(notifiche, contraffatta)
        )
        rifiuto = await ask(bus_client.rpc, domanda, RicevutaPecAccolta, timeout=20)
        assert not rifiuto.ok
        assert rifiuto.errore is not None
        assert rifiuto.errore.codice == "firma_non_valida"
        await asyncio.sleep(0.5)
        assert len(ascolto.eventi) == 1
    finally:
        await ascoltatore.stop()
