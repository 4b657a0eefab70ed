"""``/avvocato/istanze/{id}``: the case as the lawyer follows it (status, code, protocol,
timeline, documents, attachments), the withdrawal, the answer to the relatore's request for
integration (a note and documents), and the documents' downloads, the signed order included."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from gateway.auth import WebUser
from gateway.bus import RichiestaRifiutataError, ServiceUnavailableError
from gateway.dependencies import Files, Istanze
from gateway.errors import ApiError
from gateway.web import campi, etichette
from gateway.web.avvocato.compilazione import base_istanza, dettaglio_se_possibile
from gateway.web.dependencies import RIFIUTI_DA_PAGINA, AvvocatoWeb, Identificativo, campi_modulo
from gateway.web.seguito import contesto_seguito
from gateway.web.templating import pagina
from parcelle_contracts.integrazioni import NuovoAllegato
from parcelle_contracts.istanze import Istanza
from parcelle_contracts.vocabolario import CATEGORIE_ALLEGATO, CategoriaAllegato
from parcelle_kit.blob.filenames import sanitise_filename

router = APIRouter(include_in_schema=False)

DOCUMENTI = {"istanza": "documento", "firmata": "firmato", "ricevuta": "ricevuta"}
ESITI = {"depositata", "rinunciata", "integrata", "inviato"}
MASSIMO_DOCUMENTI = 20
_CATEGORIE: dict[str, CategoriaAllegato] = {nome: nome for nome in CATEGORIE_ALLEGATO}


def pagina_istanza(
    request: Request,
    user: WebUser,
    istanza: Istanza,
    *,
    valori: dict[str, str] | None = None,
    errori: dict[str, str] | None = None,
    errore_generale: str | None = None,
    stato: int = 200,
) -> Response:
    esito = request.query_params.get("esito")
    contesto: dict[str, Any] = {
        "istanza": istanza,
        "base": base_istanza(istanza.id),
        "esito": esito if esito in ESITI and not errori else None,
        "valori": contesto_seguito(istanza, valori or {})
        if istanza.provvedimento
        else valori or {},
        "errori": errori or {},
        "riepilogo_errori": campi.riepilogo_errori(errori or {}),
        "errore_generale": errore_generale,
        "cronologia": etichette.recenti_prima(istanza.cronologia),
    }
    return pagina(request, "avvocato/istanza.html", contesto, utente=user, stato=stato)


@router.get("/avvocato/istanze/{istanza_id}")
async def mostra(
    request: Request, istanza_id: Identificativo, user: AvvocatoWeb, istanze: Istanze
) -> Response:
    return pagina_istanza(request, user, await istanze.dettaglio(user.attore, istanza_id))


@router.post("/avvocato/istanze/{istanza_id}/rinuncia")
async def rinuncia(
    request: Request, istanza_id: Identificativo, user: AvvocatoWeb, istanze: Istanze
) -> Response:
    async with request.form() as form:
        campi_form = campi_modulo(form, user)
    testo = campi_form.get("motivo", "")
    motivo = testo.strip()
    valori = {"motivo": testo}
    errori: dict[str, str] = {}
    if len(motivo) < 3:
        errori["motivo"] = "Scrivi il motivo della rinuncia (almeno 3 caratteri)."
    elif len(motivo) > 2000:
        errori["motivo"] = "Il motivo può essere lungo al massimo 2000 caratteri."
    messaggio: str | None = None
    stato = 422
    if not errori:
        try:
            await istanze.rinuncia(user.attore, istanza_id, motivo)
        except RichiestaRifiutataError as rifiuto:
            if rifiuto.errore.codice in RIFIUTI_DA_PAGINA:
                raise
            if rifiuto.errore.campi:
                errori["motivo"] = next(iter(rifiuto.errore.campi.values()))
            else:
                messaggio = rifiuto.errore.messaggio
        except ServiceUnavailableError:
            messaggio = (
                "Il servizio non risponde: la rinuncia non è stata registrata. Riprova tra poco."
            )
            stato = 503
        else:
            return RedirectResponse(f"{base_istanza(istanza_id)}?esito=rinunciata", 303)
    istanza = await dettaglio_se_possibile(istanze, user, istanza_id)
    if istanza is None:
        raise ServiceUnavailableError("istanze", "no answer")
    return pagina_istanza(
        request, user, istanza, valori=valori, errori=errori, errore_generale=messaggio, stato=stato
    )


@router.post("/avvocato/istanze/{istanza_id}/integrazione")
async def integra(
    request: Request, istanza_id: Identificativo, user: AvvocatoWeb, istanze: Istanze, files: Files
) -> Response:
    """The answer to the relatore: the note and the documents, into the transfer area first."""
    errori: dict[str, str] = {}
    allegati: list[NuovoAllegato] = []
    async with request.form(max_files=MASSIMO_DOCUMENTI + 1) as form:
        campi_form = campi_modulo(form, user)
        nota = campi_form.get("integrazione.nota", "").strip()
        categoria = _CATEGORIE.get(campi_form.get("integrazione.categoria", ""), "altro")
        caricati = [
            f for f in form.getlist("integrazione.file") if isinstance(f, UploadFile) and f.filename
        ]
        if not 1 <= len(nota) <= 4000:
            errori["integrazione.nota"] = (
                "Scrivi una nota per il relatore (al massimo 4000 caratteri)."
            )
        if len(caricati) > MASSIMO_DOCUMENTI:
            errori["integrazione.file"] = f"Al massimo {MASSIMO_DOCUMENTI} documenti."
        if not errori:
            for caricato in caricati:
                try:
                    blob = await files.receive(caricato)
                except ApiError as error:
                    errori["integrazione.file"] = error.message
                    break
                nome = sanitise_filename(caricato.filename or "documento")
                allegati.append(NuovoAllegato(categoria=categoria, nome_file=nome, file=blob))
    valori = {
        "integrazione.nota": campi_form.get("integrazione.nota", ""),
        "integrazione.categoria": categoria,
    }
    messaggio: str | None = None
    stato = 422
    if not errori:
        try:
            await istanze.rispondi_integrazione(user.attore, istanza_id, nota, allegati)
        except RichiestaRifiutataError as rifiuto:
            if rifiuto.errore.codice in RIFIUTI_DA_PAGINA:
                raise
            messaggio = rifiuto.errore.messaggio
            stato = 409
        except ServiceUnavailableError:
            messaggio = "Il servizio non risponde: l'integrazione non è stata inviata. Riprova."
            stato = 503
        else:
            return RedirectResponse(f"{base_istanza(istanza_id)}?esito=integrata", 303)
    istanza = await dettaglio_se_possibile(istanze, user, istanza_id)
    if istanza is None:
        raise ServiceUnavailableError("istanze", "no answer")
    return pagina_istanza(
        request, user, istanza, valori=valori, errori=errori, errore_generale=messaggio, stato=stato
    )


@router.get("/avvocato/istanze/{istanza_id}/documenti/{quale}")
async def documento(
    istanza_id: Identificativo, quale: str, user: AvvocatoWeb, istanze: Istanze, files: Files
) -> Response:
    tipo = DOCUMENTI.get(quale)
    if tipo == "documento":
        return await files.send(await istanze.file(user.attore, istanza_id, "documento"))
    if tipo == "firmato":
        return await files.send(await istanze.file(user.attore, istanza_id, "firmato"))
    if tipo == "ricevuta":
        return await files.send(await istanze.file(user.attore, istanza_id, "ricevuta"))
    raise HTTPException(404)
