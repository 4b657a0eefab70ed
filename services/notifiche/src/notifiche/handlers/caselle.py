"""Reading the Ordini's PEC mailboxes: each round takes the messages not handled yet from each
Ordine's mailbox (its settings name the server; the password is a secret), passes each to the
one intake, then archives the receipts kept and marks the refused ones, so that each message is
read once. A receipt whose message is not found yet, or a failure on our side, leaves the
message where it is for the next round."""

import asyncio
from contextlib import suppress
from dataclasses import dataclass

from notifiche.domain.errori import InvioNonTrovatoError, RicevutaRifiutataError
from notifiche.handlers.ricevute import Ricevute
from parcelle_kit.logging import get_logger

logger = get_logger(__name__)
PER_GIRO = 50
"""Messages read from one mailbox per round."""


@dataclass(frozen=True)
class Giro:
    """What one round did with one mailbox."""

    archiviate: int = 0
    scartate: int = 0
    rimaste: int = 0


async def leggi_casella(ricevute: Ricevute, ordine: str) -> Giro:
    """One round on the PEC mailbox of ``ordine`` (nothing when it has none set)."""
    d = ricevute.d
    impostazioni = await d.impostazioni(ordine)
    casella = None if impostazioni is None else d.caselle(impostazioni.posta)
    if casella is None:
        return Giro()
    archiviate: list[str] = []
    scartate: list[str] = []
    rimaste = 0
    for uid, grezza in await casella.nuove(PER_GIRO):
        try:
            await ricevute.accogli(grezza, fonte="imap", ordine=ordine)
        except RicevutaRifiutataError:
            scartate.append(uid)
        except InvioNonTrovatoError:
            rimaste += 1
        except Exception:
            logger.exception("PEC receipt left in the mailbox for the next round", ordine=ordine)
            rimaste += 1
        else:
            archiviate.append(uid)
    if archiviate or scartate:
        await casella.concludi(archiviate, scartate)
    return Giro(archiviate=len(archiviate), scartate=len(scartate), rimaste=rimaste)


async def leggi_sempre(
    ricevute: Ricevute,
    ordini: tuple[str, ...],
    intervallo: float,
    stop: asyncio.Event,
    *,
    primo: float = 2.0,
) -> None:
    """A round on every Ordine's mailbox every ``intervallo`` seconds until ``stop``, the first
    ``primo`` seconds after start (the bus is connected by then: the Ordine's settings may
    have to be asked)."""
    with suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), min(primo, intervallo))
    while not stop.is_set():
        for ordine in ordini:
            try:
                await leggi_casella(ricevute, ordine)
            except Exception:
                logger.exception("PEC mailbox not read this round", ordine=ordine)
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), intervallo)
