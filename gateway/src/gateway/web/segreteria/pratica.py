"""``/segreteria/pratiche/{id}``: the case as the clerk handles it: registration (protocol,
date, clerk, station), status and parties, the relatore and the history of assignments with
the (re)assignment form, the case file (every document, with its SHA-256 and the signature)
and the amounts requested per phase, the notice of start of proceedings and its sending, the
client's observations (upload), the legal deadline and the timeline."""

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from gateway.auth import WebUser
from gateway.bus import RichiestaRifiutataError, ServiceUnavailableError
from gateway.dependencies import Files, Servizi
from gateway.documenti import ricevi_pdf
from gateway.errors import ApiError, status_of
from gateway.ports import AcquisizionePort, Clients, RevisionePort
from gateway.web import fascicolo, presentazione
from gateway.web.dependencies import (
    CSRF_FIELD,
    RIFIUTI_DA_PAGINA,
    Identificativo,
    SegreteriaWeb,
    campi_modulo,
    verifica_csrf,
)
from gateway.web.segreteria.comune import (
    SERVIZIO_ASSENTE,
    base_pratica,
    pagina_segreteria,
)
from parcelle_contracts.acquisizione import Pratica
from parcelle_contracts.common import FileRef
from parcelle_kit.blob.filenames import sanitise_filename

router = APIRouter(include_in_schema=False)

ESITI = {
    "acquisita": "Istanza acquisita",
    "gia_acquisita": "Istanza già acquisita",
    "assegnata": "Relatore assegnato.",
    "osservazioni": "Osservazioni aggiunte alla pratica.",
}
MOTIVO_MAX = 500


def indirizzo_pratica(istanza_id: str, esito: str | None) -> str:
    """The case page's own address (the page may also be the answer to an acquisition)."""
    return base_pratica(istanza_id) + (f"?esito={esito}" if esito in ESITI else "")


async def _relatori(acquisizione: AcquisizionePort, user: WebUser) -> dict[str, str]:
    """The Ordine's reporting councillors, to choose from (username -> how the list shows
    them), as ``acquisizione``, which owns the Ordine's settings, names them. Empty when it
    names none or does not answer: the page then asks for a username."""
    try:
        impostazioni = await acquisizione.impostazioni(user.account.ordine)
    except ServiceUnavailableError:
        return {}
    return {r.username: f"{r.nome} ({r.username})" for r in impostazioni.relatori}


async def _provvedimento(
    revisione: RevisionePort, user: WebUser, istanza_id: str
) -> FileRef | None:
    """The signed order of a decided case, to link from the case file (None when ``revisione``
    does not answer: the page still opens)."""
    try:
        return await revisione.file_provvedimento(user.attore, istanza_id)
    except (ServiceUnavailableError, RichiestaRifiutataError):
        return None


async def pagina_pratica(
    request: Request,
    user: WebUser,
    servizi: Clients,
    pratica: Pratica,
    *,
    valori: dict[str, str] | None = None,
    errori: dict[str, str] | None = None,
    errore_generale: str | None = None,
    esito: str | None = None,
    stato: int = 200,
) -> Response:
    """The case page; ``esito`` (else the address's) says what was just done."""
    esito = esito or request.query_params.get("esito")
    base = base_pratica(pratica.istanza_id)
    consiglieri, istanza = await asyncio.gather(
        _relatori(servizi.acquisizione, user),
        fascicolo.istanza_del_fascicolo(servizi.istanze, user.attore, pratica.istanza_id),
    )
    provvedimento = None
    if istanza is not None and istanza.provvedimento:
        provvedimento = await _provvedimento(servizi.revisione, user, pratica.istanza_id)
    contesto: dict[str, Any] = {
        **presentazione.contesto_pratica(pratica, base),
        **fascicolo.contesto(istanza, pratica, base, provvedimento),
        "indirizzo": indirizzo_pratica(pratica.istanza_id, esito),
        "esito": esito if esito in ESITI and not errori and not errore_generale else None,
        "ESITI": ESITI,
        "consiglieri": consiglieri,
        "assegnazioni": list(reversed(pratica.assegnazioni)),
        "valori": valori or {},
        "errori": errori or {},
        "errore_generale": errore_generale,
    }
    return pagina_segreteria(
        request, user, "pratica.html", contesto, sezione="pratica", stato=stato
    )


@router.get("/segreteria/pratiche/{istanza_id}")
async def mostra(
    request: Request,
    istanza_id: Identificativo,
    user: SegreteriaWeb,
    servizi: Servizi,
) -> Response:
    pratica = await servizi.acquisizione.dettaglio(user.attore, istanza_id)
    return await pagina_pratica(request, user, servizi, pratica)


@router.post("/segreteria/pratiche/{istanza_id}/assegnazione")
async def assegna(
    request: Request,
    istanza_id: Identificativo,
    user: SegreteriaWeb,
    servizi: Servizi,
) -> Response:
    acquisizione = servizi.acquisizione
    async with request.form() as form:
        campi = campi_modulo(form, user)
    relatore = campi.get("assegnazione.relatore", "").strip()
    motivo = " ".join(campi.get("assegnazione.motivo", "").split())
    valori = {"assegnazione.relatore": relatore, "assegnazione.motivo": motivo}
    errori: dict[str, str] = {}
    if not relatore:
        errori["assegnazione.relatore"] = "Indica il consigliere relatore."
    elif len(relatore) > 64:
        errori["assegnazione.relatore"] = "Nome utente troppo lungo (al massimo 64 caratteri)."
    if campi.get("riassegnazione") == "si" and not motivo:
        errori["assegnazione.motivo"] = "Indica il motivo della riassegnazione."
    elif len(motivo) > MOTIVO_MAX:
        errori["assegnazione.motivo"] = f"Al massimo {MOTIVO_MAX} caratteri."
    generale: str | None = None
    stato = 422
    if not errori:
        try:
            await acquisizione.assegna(user.attore, istanza_id, relatore, motivo or None)
        except RichiestaRifiutataError as rifiuto:
            errore = rifiuto.errore
            if errore.codice in RIFIUTI_DA_PAGINA:
                raise
            stato = status_of(errore)
            if errore.codice == "relatore_non_valido" or "relatore" in errore.campi:
                errori["assegnazione.relatore"] = errore.campi.get("relatore", errore.messaggio)
            elif "motivo" in errore.campi:
                errori["assegnazione.motivo"] = errore.campi["motivo"]
            else:
                generale = errore.messaggio
        except ServiceUnavailableError:
            generale, stato = f"{SERVIZIO_ASSENTE} Il relatore non è stato assegnato.", 503
        else:
            return RedirectResponse(f"{base_pratica(istanza_id)}?esito=assegnata#relatore", 303)
    pratica = await acquisizione.dettaglio(user.attore, istanza_id)
    return await pagina_pratica(
        request,
        user,
        servizi,
        pratica,
        valori=valori,
        errori=errori,
        errore_generale=generale,
        stato=stato,
    )


@router.post("/segreteria/pratiche/{istanza_id}/osservazioni")
async def aggiungi_osservazioni(
    request: Request,
    istanza_id: Identificativo,
    user: SegreteriaWeb,
    servizi: Servizi,
    files: Files,
    file: Annotated[UploadFile | None, File(alias="osservazioni.file")] = None,
    csrf: Annotated[str, Form(alias=CSRF_FIELD)] = "",
) -> Response:
    verifica_csrf(user, csrf)
    acquisizione = servizi.acquisizione
    errori: dict[str, str] = {}
    generale: str | None = None
    stato = 422
    if file is None or not file.filename:
        errori["osservazioni.file"] = "Scegli il file PDF delle osservazioni."
    else:
        try:
            blob = await ricevi_pdf(files, file)
            nome = sanitise_filename(file.filename)
            await acquisizione.aggiungi_osservazioni(user.attore, istanza_id, blob, nome)
        except ApiError as error:
            errori["osservazioni.file"] = error.fields.get("file", error.message)
            stato = error.status
        except RichiestaRifiutataError as rifiuto:
            if rifiuto.errore.codice in RIFIUTI_DA_PAGINA:
                raise
            stato = status_of(rifiuto.errore)
            campi = rifiuto.errore.campi
            if campi:
                errori["osservazioni.file"] = next(iter(campi.values()))
            else:
                generale = rifiuto.errore.messaggio
        except ServiceUnavailableError:
            generale, stato = f"{SERVIZIO_ASSENTE} Le osservazioni non sono state aggiunte.", 503
        else:
            return RedirectResponse(
                f"{base_pratica(istanza_id)}?esito=osservazioni#osservazioni", 303
            )
    pratica = await acquisizione.dettaglio(user.attore, istanza_id)
    return await pagina_pratica(
        request,
        user,
        servizi,
        pratica,
        errori=errori,
        errore_generale=generale,
        stato=stato,
    )
