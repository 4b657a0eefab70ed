"""``parcelle dlq list|show|replay|purge SERVICE [ID]``: a service's dead letters, for an
operator.

``list`` shows one line per dead letter (id, type, when, attempts, queue, reason); ``show ID``
the whole message; ``replay ID`` sends it back to the queue it came from with its message id,
so the idempotent consumer still gives one effect; ``purge ID`` deletes it. ``replay`` and
``purge`` act on every dead letter of the service only with ``--tutti``. The broker and the
namespace come from the environment (``PARCELLE_AMQP_URL``, ``PARCELLE_BUS_NAMESPACE``).
"""

import argparse
import asyncio
import json
import re
from typing import TYPE_CHECKING

from parcelle_kit.cli.terminale import Terminale

if TYPE_CHECKING:
    from parcelle_kit.bus.dead_letters import DeadLetter, DeadLetters

    from . import Subcommands

out = Terminale("dlq")


def add_parser(commands: "Subcommands", services: list[str]) -> None:
    dlq = commands.add_parser("dlq", help="show, replay or delete a service's dead letters")
    dlq.add_argument("azione", choices=("list", "show", "replay", "purge"))
    dlq.add_argument("servizio", type=_servizio, metavar="SERVICE", help=", ".join(services))
    dlq.add_argument("id", nargs="?", help="the message id (for show; for replay and purge)")
    dlq.add_argument(
        "--tutti", action="store_true", help="replay or purge every dead letter of the service"
    )


def _servizio(testo: str) -> str:
    if not re.fullmatch(r"[a-z][a-z0-9_-]{0,31}", testo):
        raise argparse.ArgumentTypeError(f"«{testo}» non è il nome di un servizio")
    return testo


def esegui(args: argparse.Namespace) -> int:
    if args.azione == "show" and not args.id:
        out.errore("indica l'id del messaggio da mostrare")
        return 2
    if args.azione in ("replay", "purge") and bool(args.id) == bool(args.tutti):
        out.errore("indica l'id di un messaggio oppure --tutti (non entrambi)")
        return 2
    return asyncio.run(_esegui(args))


async def _esegui(args: argparse.Namespace) -> int:
    import aiormq

    from parcelle_kit.bus import topology_of
    from parcelle_kit.bus.dead_letters import DeadLetters
    from parcelle_kit.settings import Settings

    settings = Settings()
    coda = DeadLetters(settings.amqp_url.get_secret_value(), topology_of(settings), args.servizio)
    try:
        return await _azione(coda, args)
    except aiormq.exceptions.ChannelNotFoundEntity:
        out.errore(f"il servizio {args.servizio} non ha ancora una coda dei messaggi non gestiti")
        return 1
    except (OSError, aiormq.exceptions.AMQPConnectionError) as error:
        out.errore(f"RabbitMQ non risponde ({error})")
        return 1


async def _azione(coda: "DeadLetters", args: argparse.Namespace) -> int:
    ids = None if args.tutti else [args.id] if args.id else None
    if args.azione == "list":
        lettere = await coda.elenco()
        for lettera in lettere:
            out.uscita(_riga(lettera))
        out.info(f"{len(lettere)} messaggi in {coda.queue_name}")
        return 0
    if args.azione == "show":
        trovate = [lettera for lettera in await coda.elenco() if lettera.message_id == args.id]
        if not trovate:
            out.errore(f"nessun messaggio {args.id} in {coda.queue_name}")
            return 1
        lettera = trovate[0]
        out.uscita(
            json.dumps(
                {"headers": lettera.headers, "body": lettera.payload()},
                ensure_ascii=False,
                indent=2,
                default=str,
            )
        )
        return 0
    fatte = await (coda.rimetti(ids) if args.azione == "replay" else coda.elimina(ids))
    if ids and not fatte:
        out.errore(f"nessun messaggio {args.id} in {coda.queue_name}")
        return 1
    verbo = "rimessi nella loro coda" if args.azione == "replay" else "eliminati"
    for lettera in fatte:
        out.uscita(_riga(lettera))
    out.info(f"{len(fatte)} messaggi {verbo}")
    return 0


def _riga(lettera: "DeadLetter") -> str:
    return "\t".join(
        (
            lettera.message_id,
            lettera.message_type or "-",
            lettera.failed_at or "-",
            str(lettera.attempts),
            lettera.queue or "-",
            lettera.reason or "-",
        )
    )
