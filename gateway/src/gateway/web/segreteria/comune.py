"""What every page of ``/segreteria`` shares: the area's menu and the scan field on top (with
the red banner of a refused code, or the request to confirm a hand-signed original)."""

from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from gateway.auth import WebUser
from gateway.web import campi
from gateway.web.templating import pagina

SERVIZIO_ASSENTE = "Il servizio della segreteria non risponde in questo momento: riprova tra poco."


@dataclass(frozen=True)
class Rifiuto:
    """A code that was not acquired: what was read and why (the red banner)."""

    codice: str
    messaggio: str


@dataclass(frozen=True)
class ConfermaOriginale:
    """A hand-signed deposit was scanned: the clerk must confirm what is at hand, the signed
    original and, where the Ordine asks for it, the stamp duty (the refusal's fields name
    which: ``originale_ricevuto``, ``bollo_ricevuto``)."""

    codice: str
    messaggio: str
    chiede_originale: bool = True
    chiede_bollo: bool = False


def base_pratica(istanza_id: str) -> str:
    return f"/segreteria/pratiche/{istanza_id}"


def pagina_segreteria(
    request: Request,
    user: WebUser,
    nome: str,
    contesto: dict[str, Any],
    *,
    sezione: str,
    rifiuto: Rifiuto | None = None,
    conferma: ConfermaOriginale | None = None,
    stato: int = 200,
) -> HTMLResponse:
    """Render ``templates/segreteria/<nome>`` with the menu and the scan field."""
    errori = contesto.get("errori") or {}
    valori: dict[str, Any] = {
        "sezione": sezione,
        "rifiuto": rifiuto,
        "conferma": conferma,
        "valori": {},
        "errori": errori,
        "riepilogo_errori": campi.riepilogo_errori(errori),
        "errore_generale": None,
        **contesto,
    }
    return pagina(request, f"segreteria/{nome}", valori, utente=user, stato=stato)
