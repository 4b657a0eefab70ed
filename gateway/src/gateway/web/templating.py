"""Rendering pages: one Jinja2 environment (autoescape on, undefined names are errors), the
Italian filters, the context every page shares, and the security headers of every page."""

from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

from gateway.auth import WebUser
from gateway.config import GatewaySettings
from gateway.web import campi, etichette, formato
from parcelle_contracts import vocabolario

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
SPRITES = "/static/vendor/bootstrap-italia/svg/sprites.svg"

# Everything the pages load comes from this origin: no CDN, no inline script or style.
# Bootstrap Italia's stylesheet embeds small SVG images and a font as data: URIs.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        euro=formato.euro,
        importo_campo=formato.importo_da_modificare,
        importo_o_nulla=formato.importo_o_nulla,
        percentuale=formato.percentuale,
        data_ora=formato.data_ora,
        data=formato.data_it,
        data_iso=formato.data_iso,
        dimensione=formato.dimensione,
        impronta=formato.impronta_breve,
        stato=etichette.stato,
        badge=etichette.badge,
    )
    env.globals.update(
        SPRITES=SPRITES,
        STATI=vocabolario.STATI,
        PROCEDIMENTI=vocabolario.PROCEDIMENTI,
        FASI=vocabolario.FASI,
        CATEGORIE_ALLEGATO=vocabolario.CATEGORIE_ALLEGATO,
        TIPI_CLIENTE=vocabolario.TIPI_CLIENTE,
        TIPI_FIRMA=vocabolario.TIPI_FIRMA,
        CANALI=vocabolario.CANALI,
        METODI_PAGAMENTO=vocabolario.METODI_PAGAMENTO,
        RUOLI_DESTINATARIO=vocabolario.RUOLI_DESTINATARIO,
        STATI_INVIO=vocabolario.STATI_INVIO,
        TIPI_COMUNICAZIONE=vocabolario.TIPI_COMUNICAZIONE,
        MESSAGGI=vocabolario.MESSAGGI,
        BADGE_INVIO=etichette.BADGE_INVIO,
        GENERI_FIRMA=vocabolario.GENERI_FIRMA,
        DATI_ISTANZA=vocabolario.DATI_ISTANZA,
        NON_INDICATO=vocabolario.NON_INDICATO,
        autore=etichette.autore,
        via=etichette.via,
        id_campo=campi.id_campo,
        id_opzione=campi.id_opzione,
        ETICHETTE=campi.ETICHETTE,
    )
    return env


ENV = _environment()


def settings_of(request: Request) -> GatewaySettings:
    settings: GatewaySettings = request.app.state.settings
    return settings


def sviluppo(request: Request) -> bool:
    return settings_of(request).env == "development"


def pagina(
    request: Request,
    nome: str,
    contesto: dict[str, Any] | None = None,
    *,
    utente: WebUser | None = None,
    stato: int = 200,
) -> HTMLResponse:
    """Render ``templates/<nome>`` with the shared context and the security headers."""
    valori: dict[str, Any] = {
        "utente": utente,
        "csrf": utente.session.csrf if utente else "",
        # Read from the settings' owner when the user was authenticated (gateway.ordini);
        # pages before login name no Ordine.
        "ordine_nome": getattr(request.state, "ordine_nome", "Ordine degli Avvocati"),
        "sviluppo": sviluppo(request),
        "percorso": request.url.path,
        **(contesto or {}),
    }
    html = ENV.get_template(nome).render(valori)
    return HTMLResponse(html, status_code=stato, headers=SECURITY_HEADERS)


def frammento(request: Request, nome: str, contesto: dict[str, Any]) -> HTMLResponse:
    """A part of a page alone (``templates/<nome>``), for a page that updates itself
    (``static/js/aggiorna.js``): the same markup the page carries, the same headers."""
    valori: dict[str, Any] = {"sviluppo": sviluppo(request), **contesto}
    html = ENV.get_template(nome).render(valori)
    return HTMLResponse(html, headers=SECURITY_HEADERS)
