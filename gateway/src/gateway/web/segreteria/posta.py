"""``/segreteria/posta``: in development, the mail the local SMTP sink of ``parcelle up`` kept
under ``var/mail`` (every message sent, PEC included), the newest first, a page at a time; each
can be read as text or downloaded as the ``.eml`` it is. Without the sink (production) the page
says it is not available. And the alert of ``/segreteria``: the messages of the Ordine that
``notifiche`` could not send."""

import asyncio
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from gateway.auth import WebUser
from gateway.bus import RichiestaRifiutataError, ServiceUnavailableError
from gateway.web.dependencies import SegreteriaWeb
from gateway.web.segreteria.comune import pagina_segreteria
from parcelle_contracts.common import Pagina
from parcelle_contracts.comunicazioni import InvioNonRecapitato
from parcelle_kit.blob.filenames import content_disposition
from parcelle_kit.logging import get_logger

router = APIRouter(include_in_schema=False)
logger = get_logger(__name__)

PER_PAGINA = 25
AVVISI = 5
"""Undelivered messages the alert names (the newest)."""
TESTA = 64 * 1024
"""Enough of a kept message to read its headers."""


@dataclass(frozen=True)
class Messaggio:
    """A kept message as the list shows it."""

    id: str
    """Its path under the sink's directory: the address of its page."""
    oggetto: str
    destinatari: str
    data: datetime | None


def cartella(request: Request) -> Path | None:
    posta: Path | None = request.app.state.settings.posta_locale
    return posta


def _elenco(radice: Path) -> list[Path]:
    """The kept messages (subfolders too), the newest first."""
    if not radice.is_dir():
        return []
    return sorted(radice.rglob("*.eml"), key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


def _intestazioni(radice: Path, percorso: Path) -> Messaggio:
    with percorso.open("rb") as file:
        testa = file.read(TESTA)
    mail = BytesParser(policy=policy.default).parsebytes(testa, headersonly=True)
    try:
        data = mail["Date"].datetime if mail["Date"] else None
    except (AttributeError, ValueError):
        data = None
    return Messaggio(
        id=percorso.relative_to(radice).as_posix(),
        oggetto=str(mail["Subject"] or "(senza oggetto)"),
        destinatari=str(mail["To"] or ""),
        data=data,
    )


def _file(radice: Path, id: str) -> Path:
    """The kept message ``id``, never a file outside the sink's directory."""
    if not id.endswith(".eml") or "\x00" in id:
        raise HTTPException(404)
    percorso = (radice / id).resolve()
    if not percorso.is_relative_to(radice.resolve()) or not percorso.is_file():
        raise HTTPException(404)
    return percorso


@router.get("/segreteria/posta")
async def posta(request: Request, user: SegreteriaWeb) -> Response:
    radice = cartella(request)
    testo = request.query_params.get("pagina", "1")
    numero = int(testo) if testo.isdigit() and 0 < int(testo) < 100_000 else 1
    messaggi: list[Messaggio] = []
    totale = 0
    if radice is not None:
        tutti = await asyncio.to_thread(_elenco, radice)
        totale = len(tutti)
        pezzo = tutti[(numero - 1) * PER_PAGINA : numero * PER_PAGINA]
        messaggi = [await asyncio.to_thread(_intestazioni, radice, p) for p in pezzo]
    return pagina_segreteria(
        request,
        user,
        "posta.html",
        {
            "disponibile": radice is not None,
            "messaggi": messaggi,
            "totale": totale,
            "numero": numero,
            "precedente": numero - 1 if numero > 1 else None,
            "seguente": numero + 1 if numero * PER_PAGINA < totale else None,
        },
        sezione="posta",
    )


@router.get("/segreteria/posta/messaggio/{id:path}")
async def messaggio(request: Request, user: SegreteriaWeb, id: str) -> Response:
    radice = cartella(request)
    if radice is None:
        raise HTTPException(404)
    percorso = _file(radice, id)
    dati = await asyncio.to_thread(percorso.read_bytes)
    if request.query_params.get("scarica"):
        return Response(
            dati,
            media_type="message/rfc822",
            headers={
                "Content-Disposition": content_disposition(percorso.name, "attachment"),
                "X-Content-Type-Options": "nosniff",
                "Cache-Control": "private, no-store",
            },
        )
    mail = BytesParser(policy=policy.default).parsebytes(dati)
    assert isinstance(mail, EmailMessage)  # policy.default parses to EmailMessage
    corpo = mail.get_body(("plain",))
    allegati = [
        (parte.get_filename() or "(senza nome)", len(parte.get_payload(decode=True) or b""))
        for parte in mail.iter_attachments()
    ]
    return pagina_segreteria(
        request,
        user,
        "posta_messaggio.html",
        {
            "messaggio": _intestazioni(radice, percorso),
            "mittente": str(mail["From"] or ""),
            "message_id": str(mail["Message-ID"] or ""),
            "testo": corpo.get_content() if isinstance(corpo, EmailMessage) else "",
            "allegati": allegati,
        },
        sezione="posta",
    )


async def non_recapitate(request: Request, user: WebUser) -> Pagina[InvioNonRecapitato] | None:
    """The newest undelivered messages of the Ordine for the alert, or None when ``notifiche``
    does not answer (the page is shown without the alert)."""
    try:
        pagina: Pagina[
            InvioNonRecapitato
        ] = await request.app.state.clients.notifiche.non_recapitate(user.attore, limit=AVVISI)
    except (ServiceUnavailableError, RichiestaRifiutataError):
        logger.warning("no answer from notifiche: the undelivered alert is not shown")
        return None
    return pagina
