"""The AsyncAPI 3.0 document of the public case-status events, generated from the contract.

``python -m parcelle_contracts.asyncapi > docs/asyncapi/pubblico.json`` refreshes the copy kept
in the repository; a test fails when the two differ. The gateway serves the same document at
``/api/v1/asyncapi.json``.
"""

import json
import sys
from typing import Any, get_args

from parcelle_contracts.pubblici import PraticaStatoCambiato
from parcelle_contracts.vocabolario import Stato

VERSION = "1.0.0"


def document(exchange: str = "parcelle.public") -> dict[str, Any]:
    schema = PraticaStatoCambiato.model_json_schema(ref_template="#/components/schemas/{model}")
    definitions = schema.pop("$defs", {})
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Parcelle: eventi pubblici delle pratiche",
            "version": VERSION,
            "description": (
                "Every status change of a case (pratica), for external systems. Bind a queue "
                f"of yours to the topic exchange `{exchange}` with a routing key such as "
                "`pratica.ROMA.*` (one Ordine) or `pratica.*.depositata` (one status). The "
                "payload is minimal and versioned (`schema_version`); fields are only ever "
                "added. Messages are persistent; `message_id` is unique, so a consumer can "
                "discard the redeliveries that at-least-once delivery may bring."
            ),
        },
        "defaultContentType": "application/json",
        "channels": {
            "statoPratica": {
                "address": "pratica.{ordine}.{stato}",
                "title": "Stato della pratica",
                "parameters": {
                    "ordine": {"description": "Code of the Ordine (tenant), e.g. ROMA."},
                    "stato": {
                        "description": "The new status.",
                        "enum": list(get_args(Stato)),
                    },
                },
                "messages": {
                    "praticaStatoCambiato": {"$ref": "#/components/messages/PraticaStatoCambiato"}
                },
                "bindings": {
                    "amqp": {
                        "is": "routingKey",
                        "exchange": {
                            "name": exchange,
                            "type": "topic",
                            "durable": True,
                            "autoDelete": False,
                            "vhost": "/",
                        },
                        "bindingVersion": "0.3.0",
                    }
                },
            }
        },
        "operations": {
            "pubblicaStatoPratica": {
                "action": "send",
                "channel": {"$ref": "#/channels/statoPratica"},
                "summary": "Parcelle publishes one message per status change of a case.",
                "messages": [{"$ref": "#/channels/statoPratica/messages/praticaStatoCambiato"}],
            }
        },
        "components": {
            "messages": {
                "PraticaStatoCambiato": {
                    "name": "PraticaStatoCambiato",
                    "title": "Pratica: stato cambiato",
                    "contentType": "application/json",
                    "payload": {"$ref": "#/components/schemas/PraticaStatoCambiato"},
                    "bindings": {
                        "amqp": {"deliveryMode": 2, "bindingVersion": "0.3.0"},
                    },
                }
            },
            "schemas": {"PraticaStatoCambiato": schema, **definitions},
        },
    }


def render() -> str:
    return json.dumps(document(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
