"""The guided form of a new application: ``/avvocato/istanze/nuova`` and the steps
``/avvocato/istanze/{id}/modifica/{passo}``.

Each step's form posts to its own address; "Salva e continua" sends ``aggiorna`` exactly the
parts of that step, every field of them: those that are wrong are saved as written (or, when
they cannot even be read, kept as typed), so nothing typed is lost. Then the step comes back to
its own address with every error of the step at once, next to its field and in the summary at
the top, as it does whenever the step is opened again; a deposit waits until none is left.
When the service does not answer, the page comes back with every typed value in its field.
"""

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException

from gateway.auth import WebUser
from gateway.bus import RichiestaRifiutataError, ServiceUnavailableError
from gateway.dependencies import Istanze
from gateway.ports import IstanzePort
from gateway.web import campi
from gateway.web.avvocato import moduli, passi, riepilogo, ritorno, salvati
from gateway.web.dependencies import AvvocatoWeb, Identificativo, campi_modulo
from gateway.web.templating import pagina, settings_of
from parcelle_contracts.istanze import ContenutoIstanza, Istanza
from parcelle_contracts.vocabolario import FASI_FISSE

router = APIRouter(include_in_schema=False)

SERVIZIO_ASSENTE = (
    "Il servizio non risponde in questo momento: i dati di questo passo non sono stati salvati. "
    "Sono ancora qui sotto: riprova tra poco premendo di nuovo «Salva»."
)
AVVISI = {
    "salvato": "Bozza salvata.",
    "caricato": "Allegato caricato.",
    "rimosso": "Allegato rimosso.",
    "firmata": "Istanza firmata con il certificato demo: ora puoi depositarla.",
}
LETTORI = {
    "cliente": moduli.leggi_cliente,
    "pratica": moduli.leggi_pratica,
    "importi": moduli.leggi_importi,
}


def base_istanza(istanza_id: str) -> str:
    return f"/avvocato/istanze/{istanza_id}"


def indirizzo_passo(istanza_id: str, slug: str) -> str:
    return f"{base_istanza(istanza_id)}/modifica/{slug}"


DA_CORREGGERE = (
    "Ho salvato tutti i dati di questo passo, anche quelli da correggere, come li hai scritti: "
    "correggili quando vuoi. Finché ci sono errori non puoi depositare l'istanza."
)


def del_passo(passo: passi.Passo) -> Callable[[str], bool]:
    """Whether a field path lies on the step ``passo``."""

    def sul_passo(percorso: str) -> bool:
        trovato = passi.passo_del_campo(percorso)
        return trovato is not None and trovato.slug == passo.slug

    return sul_passo


def categoria_proposta(istanza: Istanza) -> str:
    """The kind of document an upload most likely is: the first the deposit still needs."""
    for mancante in istanza.mancanti:
        categoria = mancante.requisito.removeprefix("allegato_")
        if categoria != mancante.requisito and categoria in ritorno.CATEGORIE:
            return categoria
    return "altro"


def _da_correggere(istanza: Istanza) -> list[dict[str, Any]]:
    """Every wrong field of the draft, named, with the step that corrects it."""
    fasi = {k: voce.fase for k, voce in enumerate(istanza.contenuto.voci or [])}
    tenuti = {c.campo: c.valore for c in istanza.non_letti}
    voci = []
    for errore in istanza.errori:
        passo = passi.passo_del_campo(errore.campo) or passi.PER_SLUG["riepilogo"]
        trattenuto = moduli.riga_trattenuta(errore.campo)
        if trattenuto is not None:
            fase = tenuti.get(f"voci.riga{trattenuto[0]}.fase", "altro")
            nome = campi.etichetta(f"voci.0.{trattenuto[1]}", {0: fase})
        else:
            nome = campi.etichetta(errore.campo, fasi)
        voci.append(
            {
                "etichetta": nome,
                "messaggio": errore.messaggio,
                "href": indirizzo_passo(istanza.id, passo.slug),
                "passo": passo,
            }
        )
    return voci


def _mancanti(istanza: Istanza) -> list[dict[str, Any]]:
    voci = []
    for mancante in istanza.mancanti:
        passo = passi.passo_del_mancante(mancante.requisito)
        href = indirizzo_passo(istanza.id, passo.slug)
        voci.append({"testo": mancante.etichetta, "href": href, "passo": passo})
    return voci


def _altro_passo(attuale: passi.Passo, base: str) -> Callable[[str], str | None]:
    """Where a field in error lies when it is not on the step ``attuale``: its step's page."""

    def indirizzo(percorso: str) -> str | None:
        passo = passi.passo_del_campo(percorso)
        if passo is None or passo.slug == attuale.slug:
            return None
        return f"{base}/modifica/{passo.slug}"

    return indirizzo


def pagina_passo(
    request: Request,
    user: WebUser,
    passo: passi.Passo,
    *,
    istanza_id: str | None,
    istanza: Istanza | None,
    valori: moduli.Valori | None = None,
    errori: moduli.Errori | None = None,
    righe: list[moduli.Riga] | None = None,
    errore_generale: str | None = None,
    stato: int = 200,
    modello: str | None = None,
) -> Response:
    """A step of the form, with the given values (as typed) and errors; ``modello`` another
    page of the step (the deposit's confirmation)."""
    errori = errori or {}
    righe = righe or []
    if passo.slug == "importi" and not righe:
        righe = [moduli.Riga(n, fase, True) for n, fase in enumerate(FASI_FISSE)]
    fasi_righe = {riga.n: riga.fase for riga in righe}
    mancanti = _mancanti(istanza) if istanza else []
    base = base_istanza(istanza_id) if istanza_id else ""
    avviso = next(
        (testo for chiave, testo in AVVISI.items() if chiave in request.query_params), None
    )
    contesto: dict[str, Any] = {
        "passi": passi.PASSI,
        "passo": passo,
        "precedente": passi.precedente(passo),
        "successivo": passi.successivo(passo),
        "istanza_id": istanza_id,
        "istanza": istanza,
        "base": base,
        "valori": valori or {},
        "errori": errori,
        "riepilogo_errori": campi.riepilogo_errori(
            errori, pagina_del_campo=_altro_passo(passo, base), fasi_righe=fasi_righe
        ),
        "errore_generale": errore_generale,
        "righe": righe,
        "avviso": None if errori or errore_generale else avviso,
        "richiedente": istanza.avvocato if istanza else user.attore,
        "mancanti": mancanti,
        "mancanti_del_passo": [m for m in mancanti if m["passo"].slug == passo.slug],
        "obbligatori": passi.campi_obbligatori(istanza.requisiti) if istanza else frozenset(),
        "max_upload_mb": settings_of(request).max_upload_mb,
        "dati": riepilogo.contesto(istanza) if istanza and passo.slug == "riepilogo" else None,
        "da_correggere": _da_correggere(istanza) if istanza else [],
    }
    nome = modello or f"avvocato/passo_{passo.slug}.html"
    return pagina(request, nome, contesto, utente=user, stato=stato)


async def dettaglio_se_possibile(
    istanze: IstanzePort, user: WebUser, istanza_id: str
) -> Istanza | None:
    """The draft, to draw the page around a form in error; None if the service is down."""
    try:
        return await istanze.dettaglio(user.attore, istanza_id)
    except ServiceUnavailableError:
        return None


def _passo_o_404(slug: str) -> passi.Passo:
    passo = passi.passo(slug)
    if passo is None:
        raise HTTPException(404)
    return passo


@router.get("/avvocato/istanze/nuova")
async def nuova(request: Request, user: AvvocatoWeb) -> Response:
    return pagina_passo(request, user, passi.PASSI[0], istanza_id=None, istanza=None)


@router.post("/avvocato/istanze/nuova")
async def crea(request: Request, user: AvvocatoWeb, istanze: Istanze) -> Response:
    async with request.form() as form:
        campi_modulo(form, user)
    istanza = await istanze.crea(user.attore, ContenutoIstanza())
    return RedirectResponse(indirizzo_passo(istanza.id, "cliente"), status_code=303)


@router.get("/avvocato/istanze/{istanza_id}/modifica/{slug}")
async def mostra(
    request: Request, istanza_id: Identificativo, slug: str, user: AvvocatoWeb, istanze: Istanze
) -> Response:
    passo = _passo_o_404(slug)
    istanza = await istanze.dettaglio(user.attore, istanza_id)
    if "modifica" not in istanza.azioni:
        return RedirectResponse(base_istanza(istanza_id), status_code=303)
    valori, righe, errori = salvati.passo_salvato(passo.slug, istanza, del_passo(passo))
    errori = dict(sorted(errori.items(), key=lambda voce: passi.posizione_del_campo(voce[0])))
    generale = DA_CORREGGERE if errori else None
    if passo.slug == "allegati":
        valori, errori = ritorno.errore_dall_indirizzo(user, request.query_params)
        valori.setdefault("categoria", categoria_proposta(istanza))
        generale = errori.pop("generale", None)
    return pagina_passo(
        request,
        user,
        passo,
        istanza_id=istanza_id,
        istanza=istanza,
        valori=valori,
        righe=righe,
        errori=errori,
        errore_generale=generale,
    )


def _destinazione(
    istanza_id: str, passo: passi.Passo, campi_form: dict[str, str], da_correggere: bool
) -> str:
    scelto = passi.passo(campi_form.get("vai", ""))
    azione = campi_form.get("azione", "continua")
    if da_correggere and scelto is None:
        return indirizzo_passo(istanza_id, passo.slug)  # its errors, all at once
    if scelto is not None:
        arrivo = scelto
    elif azione == "salva":
        arrivo = passo
    elif azione == "indietro":
        arrivo = passi.precedente(passo)
    else:
        arrivo = passi.successivo(passo)
    return f"{indirizzo_passo(istanza_id, arrivo.slug)}?salvato=1"


@router.post("/avvocato/istanze/{istanza_id}/modifica/{slug}")
async def salva(
    request: Request, istanza_id: Identificativo, slug: str, user: AvvocatoWeb, istanze: Istanze
) -> Response:
    passo = _passo_o_404(slug)
    if passo.slug not in passi.CON_MODULO:
        raise HTTPException(405)
    async with request.form() as form:
        campi_form = campi_modulo(form, user)
    lettura = LETTORI[passo.slug](campi_form)

    def di_nuovo(errori: moduli.Errori, istanza: Istanza | None, **extra: Any) -> Response:
        # The summary lists the errors in the order of the fields on the page.
        ordine = {percorso: posizione for posizione, percorso in enumerate(campi_form)}
        errori = dict(sorted(errori.items(), key=lambda voce: ordine.get(voce[0], len(ordine))))
        return pagina_passo(
            request,
            user,
            passo,
            istanza_id=istanza_id,
            istanza=istanza,
            valori=lettura.valori,
            errori=errori,
            righe=lettura.righe,
            **extra,
        )

    if lettura.contenuto is None:
        istanza = await dettaglio_se_possibile(istanze, user, istanza_id)
        return di_nuovo(lettura.errori, istanza, stato=422)
    try:
        istanza = await istanze.aggiorna(
            user.attore, istanza_id, lettura.contenuto, lettura.parti, lettura.da_inviare()
        )
    except RichiestaRifiutataError as rifiuto:
        if not rifiuto.errore.campi and rifiuto.errore.codice != "dati_non_validi":
            raise
        errori = moduli.errori_servizio(rifiuto.errore.campi, lettura.voci_righe)
        istanza = await dettaglio_se_possibile(istanze, user, istanza_id)
        return di_nuovo(errori, istanza, errore_generale=rifiuto.errore.messaggio, stato=422)
    except ServiceUnavailableError:
        return di_nuovo(lettura.errori, None, errore_generale=SERVIZIO_ASSENTE, stato=503)
    da_correggere = any(del_passo(passo)(errore.campo) for errore in istanza.errori)
    return RedirectResponse(
        _destinazione(istanza_id, passo, campi_form, da_correggere), status_code=303
    )
