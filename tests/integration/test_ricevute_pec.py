"""A PEC provider pushes receipts through the gateway to the real `notifiche`, on the real
broker: the one signed by the provider development trusts is kept (201), and again is a
duplicate (200); a forged one is refused (422), one about no message of the Ordine is not
found (404); the secretariat downloads what was kept, byte for byte."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from notifiche.adapters.archivio import Archivio
from notifiche.adapters.pec_simulato import TrasportoPecSimulato
from notifiche.adapters.pki_simulata import pki_simulata
from notifiche.domain.invio import Invio
from parcelle_contracts.envelope import utcnow
from parcelle_kit import demo
from parcelle_testing.avvocato import token
from parcelle_testing.fixtures import StartServices
from parcelle_testing.pec import altera_daticert, messaggio_pec

from .conftest import GatewayClient

pytestmark = pytest.mark.integration
URL = "/api/v1/pec/ricevute"
CHIAVE = "chiave-del-gestore-pec"


@dataclass(frozen=True)
class Ricevute:
    msgid: str
    accettazione: bytes
    consegna: bytes


async def ricevute(var_dir: Path, cartella: Path) -> Ricevute:
    """A PEC message's receipts, from a provider signing with the development PKI."""
    messaggio = messaggio_pec()

    async def nessuna(_: bytes) -> object:
        return None

    trasporto = TrasportoPecSimulato(pki_simulata(var_dir / "pec-simulata"), cartella, nessuna)
    await trasporto.invia(messaggio)
    await trasporto.attendi()
    accettazione, consegna = [p.read_bytes() for p in sorted((cartella / "ricevute").iterdir())]
    return Ricevute(str(messaggio["Message-ID"]), accettazione, consegna)


def push(http: httpx.AsyncClient, corpo: bytes) -> Any:
    headers = {"X-Chiave-Gestore-Pec": CHIAVE, "Content-Type": "message/rfc822"}
    return http.post(URL, content=corpo, headers=headers)


async def test_a_provider_pushes_receipts_through_the_gateway(
    start_services: StartServices,
    gateway_client: GatewayClient,
    settings_values: dict[str, Any],
    tmp_path: Path,
) -> None:
    (notifiche,) = await start_services("notifiche")
    inviato = await ricevute(settings_values["var_dir"], tmp_path / "gestore")
    ora = utcnow()
    invio = Invio(  # the record notifiche's sending side keeps of the message
        message_id="comando-1",
        comunicazione_id="comunicazione-1",
        istanza_id="istanza-1",
        ordine=demo.ORDINE,
        correlation_id="pratica-1",
        messaggio="provvedimento_al_cliente",
        canale="pec",
        destinatario="Cliente",
        indirizzo="cliente@pec.example.it",
        message_id_mail=inviato.msgid,
        stato="inviata",
        creato_il=ora,
        aggiornato_il=ora,
    )
    await notifiche.store.run(lambda tx: Archivio(tx).salva(invio))
    altro = await ricevute(settings_values["var_dir"], tmp_path / "altro")

    chiavi = {demo.ORDINE: SecretStr(CHIAVE)}
    async with gateway_client(pec_chiavi_gestori=chiavi) as gateway:
        http = gateway.http
        kept = await push(http, inviato.consegna)
        assert kept.status_code == 201, kept.text
        assert kept.json()["tipo"] == "avvenuta-consegna"
        assert kept.json()["simulata"] is True
        again = await push(http, inviato.consegna)
        assert again.status_code == 200, again.text
        assert again.json()["ricevuta_id"] == kept.json()["ricevuta_id"]

        forged = altera_daticert(inviato.accettazione, b'tipo="accettazione"', b'tipo="x"')
        refused = await push(http, forged)
        assert refused.status_code == 422, refused.text
        assert refused.json()["error"] == "firma_non_valida"
        unknown = await push(http, altro.accettazione)
        assert unknown.status_code == 404, unknown.text
        assert unknown.json()["error"] == "invio_non_trovato"

        headers = {"Authorization": f"Bearer {await token(http, demo.SEGRETERIA.username)}"}
        ricevuta_id = kept.json()["ricevuta_id"]
        download = await http.get(f"/api/v1/segreteria/ricevute-pec/{ricevuta_id}", headers=headers)
        assert download.status_code == 200, download.text
        assert download.content == inviato.consegna
