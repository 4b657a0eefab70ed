"""From the complete draft to the deposit: the PDF to sign, the demo signature (development),
the deposit with the signed file. The deposit cannot be undone, so it has a page of its own
that says what will happen (the receipt, the Ordine's acquisition) and deposits only when the
lawyer confirms there (no JavaScript needed). Every successful POST ends in a redirect, and a
second deposit of the same application (double click, two tabs) lands on the case page of the
one deposit made."""

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException

from gateway.auth import WebUser
from gateway.bus import RichiestaRifiutataError, ServiceUnavailableError
from gateway.dependencies import Files, Istanze
from gateway.errors import ApiError, status_of
from gateway.ports import IstanzePort
from gateway.web.avvocato import passi
from gateway.web.avvocato.compilazione import (
    base_istanza,
    dettaglio_se_possibile,
    indirizzo_passo,
    pagina_passo,
)
from gateway.web.dependencies import (
    CSRF_FIELD,
    RIFIUTI_DA_PAGINA,
    AvvocatoWeb,
    Identificativo,
    verifica_csrf,
)
from gateway.web.templating import sviluppo
from parcelle_contracts.common import BlobRef
from parcelle_kit.blob.filenames import sanitise_filename

router = APIRouter(include_in_schema=False)

PASSO = passi.PER_SLUG["riepilogo"]
ERRORI_DEL_FILE = frozenset(
    {
        "firma_mancante",
        "firma_non_valida",
        "tipo_non_ammesso",
        "limite_superato",
        "documento_non_aggiornato",
    }
)
DEPOSITO_INCERTO = (
    "Il servizio non ha risposto in tempo: il deposito potrebbe non essere stato registrato. "
    "Apri la pagina dell'istanza per vederne lo stato prima di riprovare: un secondo deposito "
    "della stessa istanza non ne crea un altro."
)


async def _riepilogo_con_errore(
    request: Request,
    user: WebUser,
    istanze: IstanzePort,
    istanza_id: str,
    *,
    errori: dict[str, str] | None = None,
    messaggio: str | None = None,
    stato: int = 422,
    modello: str | None = None,
) -> Response:
    istanza = await dettaglio_se_possibile(istanze, user, istanza_id)
    return pagina_passo(
        request,
        user,
        PASSO,
        istanza_id=istanza_id,
        istanza=istanza,
        errori=errori,
        errore_generale=messaggio,
        stato=stato,
        modello=modello,
    )


CONFERMA = "avvocato/conferma_deposito.html"


@router.get("/avvocato/istanze/{istanza_id}/deposito")
async def conferma(
    request: Request, istanza_id: Identificativo, user: AvvocatoWeb, istanze: Istanze
) -> Response:
    """What the deposit will do, and the button that does it."""
    istanza = await istanze.dettaglio(user.attore, istanza_id)
    if istanza.depositata_il is not None:
        return RedirectResponse(base_istanza(istanza_id), status_code=303)
    if "deposita" not in istanza.azioni:
        return RedirectResponse(indirizzo_passo(istanza_id, "riepilogo"), status_code=303)
    return pagina_passo(
        request, user, PASSO, istanza_id=istanza_id, istanza=istanza, modello=CONFERMA
    )


@router.get("/avvocato/istanze/{istanza_id}/pdf-da-firmare")
async def pdf_da_firmare(
    request: Request, istanza_id: Identificativo, user: AvvocatoWeb, istanze: Istanze, files: Files
) -> Response:
    try:
        documento = await istanze.prepara_documento(user.attore, istanza_id)
    except RichiestaRifiutataError as rifiuto:
        if rifiuto.errore.codice in RIFIUTI_DA_PAGINA:
            raise
        return await _riepilogo_con_errore(
            request,
            user,
            istanze,
            istanza_id,
            messaggio=rifiuto.errore.messaggio,
            stato=status_of(rifiuto.errore),
        )
    return await files.send(documento)


@router.post("/avvocato/istanze/{istanza_id}/firma-demo")
async def firma_demo(
    request: Request, istanza_id: Identificativo, user: AvvocatoWeb, istanze: Istanze
) -> Response:
    if not sviluppo(request):
        raise HTTPException(404)
    async with request.form() as form:
        verifica_csrf(user, form.get(CSRF_FIELD))
    try:
        await istanze.firma_demo(user.attore, istanza_id)
    except RichiestaRifiutataError as rifiuto:
        if rifiuto.errore.codice in RIFIUTI_DA_PAGINA:
            raise
        return await _riepilogo_con_errore(
            request,
            user,
            istanze,
            istanza_id,
            messaggio=rifiuto.errore.messaggio,
            stato=status_of(rifiuto.errore),
        )
    return RedirectResponse(f"{indirizzo_passo(istanza_id, 'riepilogo')}?firmata=1#firma", 303)


def _depositata(istanza_id: str) -> RedirectResponse:
    return RedirectResponse(f"{base_istanza(istanza_id)}?esito=depositata", status_code=303)


@router.post("/avvocato/istanze/{istanza_id}/deposito")
async def deposita(
    request: Request,
    istanza_id: Identificativo,
    user: AvvocatoWeb,
    istanze: Istanze,
    files: Files,
    firmato: Annotated[UploadFile | None, File()] = None,
    csrf: Annotated[str, Form(alias=CSRF_FIELD)] = "",
    confermato: Annotated[str, Form(alias="conferma")] = "",
) -> Response:
    verifica_csrf(user, csrf)
    if confermato != "si":  # only the confirmation page deposits
        return RedirectResponse(f"{base_istanza(istanza_id)}/deposito", status_code=303)
    blob: BlobRef | None = None
    nome: str | None = None
    if firmato is not None and firmato.filename:
        try:
            blob = await files.receive(firmato)
        except ApiError as error:
            return await _riepilogo_con_errore(
                request,
                user,
                istanze,
                istanza_id,
                errori={"firmato": error.message},
                stato=error.status,
                modello=CONFERMA,
            )
        nome = sanitise_filename(firmato.filename)
    try:
        await istanze.deposita(user.attore, istanza_id, blob, nome)
    except RichiestaRifiutataError as rifiuto:
        errore = rifiuto.errore
        if errore.codice == "gia_depositata":
            return _depositata(istanza_id)
        if errore.codice in RIFIUTI_DA_PAGINA:
            raise
        attuale = await istanze.dettaglio(user.attore, istanza_id)
        if attuale.depositata_il is not None:  # deposited meanwhile, from another tab
            return RedirectResponse(base_istanza(istanza_id), status_code=303)
        if errore.codice in ERRORI_DEL_FILE or "firmato" in errore.campi:
            testo = errore.campi.get("firmato", errore.messaggio)
            return await _riepilogo_con_errore(
                request,
                user,
                istanze,
                istanza_id,
                errori={"firmato": testo},
                stato=status_of(errore),
                modello=CONFERMA,
            )
        return await _riepilogo_con_errore(
            request,
            user,
            istanze,
            istanza_id,
            messaggio=errore.messaggio,
            stato=status_of(errore),
            modello=CONFERMA,
        )
    except ServiceUnavailableError:
        return await _riepilogo_con_errore(
            request,
            user,
            istanze,
            istanza_id,
            messaggio=DEPOSITO_INCERTO,
            stato=503,
            modello=CONFERMA,
        )
    return _depositata(istanza_id)
