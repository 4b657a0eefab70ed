"""The public events' AsyncAPI document: in sync with the contract and with the committed copy."""

import json
import re
from pathlib import Path
from typing import get_args

from parcelle_contracts.asyncapi import document, render
from parcelle_contracts.pubblici import PraticaStatoCambiato
from parcelle_contracts.vocabolario import Stato

COMMITTED = Path(__file__).resolve().parents[3] / "docs" / "asyncapi" / "pubblico.json"


def test_the_committed_document_is_the_generated_one() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == render(), (
        "docs/asyncapi/pubblico.json is stale: run "
        "`uv run python -m parcelle_contracts.asyncapi > docs/asyncapi/pubblico.json`"
    )


def test_every_routing_key_matches_the_channel_address() -> None:
    channel = document()["channels"]["statoPratica"]
    assert channel["parameters"]["stato"]["enum"] == list(get_args(Stato))
    pattern = re.compile(
        "^"
        + re.escape(channel["address"])
        .replace(r"\{ordine\}", "[A-Z]+")
        .replace(r"\{stato\}", "(" + "|".join(get_args(Stato)) + ")")
        + "$"
    )
    for stato in get_args(Stato):
        event = PraticaStatoCambiato(
            correlation_id="c",
            ordine="ROMA",
            pratica_id="p",
            codice="ROMA-26-X-Y",
            protocollo=None,
            stato=stato,
            stato_precedente=None,
        )
        exchange, key = event.destination()
        assert exchange == "public"
        assert pattern.match(key), key


def test_the_public_payload_carries_no_personal_data_or_amounts() -> None:
    properties = set(document()["components"]["schemas"]["PraticaStatoCambiato"]["properties"])
    for forbidden in ("cliente", "avvocato", "nome", "codice_fiscale", "importo", "totale"):
        assert not any(forbidden in name for name in properties), forbidden


def test_the_document_is_plain_json_with_resolvable_references() -> None:
    text = render()
    parsed = json.loads(text)
    for reference in re.findall(r'"\$ref": "#/([^"]+)"', text):
        node = parsed
        for part in reference.split("/"):
            node = node[part]
        assert node
