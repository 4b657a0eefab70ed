"""The owner of the settings over the bus: its answer is the settings; a refusal or no answer
is ``None``, and after no answer the Ordine is not asked again for a pause."""

import json
from typing import Any, cast

from parcelle_contracts.envelope import Message
from parcelle_contracts.istanze import ElencoIstanze
from parcelle_kit.bus import RequestTimeoutError, RpcClient
from parcelle_kit.impostazioni import AcquisizioneRemota

from ..finti import AVVOCATO, IMPOSTAZIONI

CAUSA: Message = ElencoIstanze(correlation_id="x", ordine="DEMO", attore=AVVOCATO)


class FintoRpc:
    """The bus: answers with ``risposta`` (``None``: the request times out); records routing."""

    def __init__(self, risposta: dict[str, Any] | None) -> None:
        self.risposta = risposta
        self.richieste: list[tuple[str, dict[str, Any]]] = []

    async def request(self, body: dict[str, Any], *, routing_key: str, **_: Any) -> bytes:
        self.richieste.append((routing_key, body))
        if self.risposta is None:
            raise RequestTimeoutError(routing_key)
        return json.dumps(self.risposta).encode()


def remota(rpc: FintoRpc, pausa: float = 60.0) -> AcquisizioneRemota:
    return AcquisizioneRemota(cast(RpcClient, rpc), timeout=0.1, pausa=pausa)


async def test_the_answer_is_the_ordines_settings() -> None:
    rpc = FintoRpc({"ok": True, "dati": IMPOSTAZIONI.model_dump(mode="json"), "errore": None})
    assert await remota(rpc).impostazioni(CAUSA, "DEMO") == IMPOSTAZIONI
    ((routing_key, corpo),) = rpc.richieste
    assert routing_key == "acquisizione.query.leggi_impostazioni_ordine"
    assert corpo["ordine"] == "DEMO"
    assert corpo["causation_id"] == CAUSA.message_id


async def test_a_refusal_is_no_settings() -> None:
    errore = {"codice": "non_trovata", "messaggio": "Ordine sconosciuto", "campi": {}}
    rpc = FintoRpc({"ok": False, "dati": None, "errore": errore})
    assert await remota(rpc).impostazioni(CAUSA, "DEMO") is None


async def test_after_no_answer_the_ordine_is_not_asked_again_for_a_pause() -> None:
    rpc = FintoRpc(None)
    acquisizione = remota(rpc)
    assert await acquisizione.impostazioni(CAUSA, "DEMO") is None
    assert await acquisizione.impostazioni(CAUSA, "DEMO") is None
    assert len(rpc.richieste) == 1


async def test_once_the_pause_is_over_the_owner_is_asked_again() -> None:
    rpc = FintoRpc(None)
    acquisizione = remota(rpc, pausa=0.0)
    assert await acquisizione.impostazioni(CAUSA, "DEMO") is None
    rpc.risposta = {"ok": True, "dati": IMPOSTAZIONI.model_dump(mode="json"), "errore": None}
    assert await acquisizione.impostazioni(CAUSA, "DEMO") == IMPOSTAZIONI
    assert len(rpc.richieste) == 2
