"""The councillor's area ``/consigliere``: the cases assigned to them, the nearest deadline
first, and each case to review: the registration, deadline, notices, the client's observations
and timeline as the secretariat registered them (``acquisizione``), and the review itself
(``revisione``): every requested item beside its DM 147/2022 range, the decision form (the
liquidated amount per item, prefilled with the requested one, and the reason for a change; or
not liquidable, with the reasons), the request for integration, and, once decided, the totals
and the signed order."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from gateway.auth import WebUser
from gateway.bus import RichiestaRifiutataError, ServiceUnavailableError
from gateway.dependencies import Acquisizione, Servizi
from gateway.elenchi import cursore, prima, successiva
from gateway.ports import Clients
from gateway.web import campi, fascicolo, presentazione
from gateway.web.consigliere.documenti import base_pratica
from gateway.web.dependencies import (
    RIFIUTI_DA_PAGINA,
    ConsigliereWeb,
    Identificativo,
    campi_modulo,
)
from gateway.web.formato import ValoreNonValidoError, importo_da_modificare, leggi_importo
from gateway.web.templating import pagina
from parcelle_contracts.revisione import EsitoDecisione, VoceDecisa, VoceRichiesta
from parcelle_contracts.revisione import Revisione as Vista
from parcelle_contracts.vocabolario import FASI

router = APIRouter(include_in_schema=False)
PER_PAGINA = 50
ESITI: dict[str, EsitoDecisione] = {"liquidata": "liquidata", "non_liquidabile": "non_liquidabile"}
ESITI_PAGINA = {"decisa", "integrazione"}
REVISIONE_ASSENTE = (
    "La revisione della pratica non è ancora disponibile (il servizio non risponde o non ha "
    "ancora ricevuto la pratica): riprova tra poco."
)


@dataclass(frozen=True)
class RigaVoce:
    """An item of the form: the requested amount, its range, and where the form's fields are."""

    n: int
    voce: VoceRichiesta
    nome: str

    @property
    def importo(self) -> str:
        return f"voci.{self.n}.importo_liquidato"

    @property
    def motivazione(self) -> str:
        return f"voci.{self.n}.motivazione"


def nome_voce(voce: VoceRichiesta) -> str:
    nome = FASI.get(voce.fase, voce.fase)
    return f"{nome}: {voce.descrizione}" if voce.descrizione else nome


def valori_iniziali(vista: Vista) -> dict[str, str]:
    """The form as it opens: each amount prefilled with the requested one."""
    valori = {"esito": "liquidata", "integrazione.giorni": "15"}
    for n, voce in enumerate(vista.voci):
        valori[f"voci.{n}.importo_liquidato"] = importo_da_modificare(voce.importo_richiesto)
    return valori


def etichette_voci(vista: Vista | None) -> dict[str, str]:
    if vista is None:
        return {}
    etichette = {}
    for n, voce in enumerate(vista.voci):
        nome = nome_voce(voce)
        etichette[f"voci.{n}.importo_liquidato"] = f"{nome}: importo liquidato"
        etichette[f"voci.{n}.motivazione"] = f"{nome}: motivazione"
        etichette[f"voci[{voce.id}]"] = nome
    return etichette


ETICHETTE_MODULO = {
    "esito": "Esito",
    "motivi": "Motivi della non liquidabilità",
    "note": "Note",
    "integrazione.testo": "Che cosa deve integrare l'avvocato",
    "integrazione.giorni": "Giorni per rispondere",
}


def riepilogo(errori: dict[str, str], vista: Vista | None) -> list[dict[str, str]]:
    etichette = {**ETICHETTE_MODULO, **etichette_voci(vista)}
    voci = []
    for percorso, messaggio in errori.items():
        ancora = percorso
        if percorso.startswith("voci[") and vista is not None:
            n = next((i for i, v in enumerate(vista.voci) if f"voci[{v.id}]" == percorso), 0)
            ancora = f"voci.{n}.importo_liquidato"
        voci.append(
            {
                "etichetta": etichette.get(percorso, percorso),
                "messaggio": messaggio,
                "href": f"#{campi.id_campo(ancora)}",
            }
        )
    return voci


def fuori_range(valori: dict[str, str], vista: Vista | None) -> set[int]:
    """The rows whose typed amount leaves the DM 147/2022 range (a warning, not an error)."""
    fuori: set[int] = set()
    for n, voce in enumerate(vista.voci if vista else []):
        try:
            importo = leggi_importo(valori.get(f"voci.{n}.importo_liquidato"))
        except ValoreNonValidoError:
            continue
        p = voce.parametri
        if importo is not None and p is not None and not p.minimo <= importo <= p.massimo:
            fuori.add(n)
    return fuori


async def pagina_pratica(
    request: Request,
    user: WebUser,
    istanza_id: str,
    servizi: Clients,
    *,
    valori: dict[str, str] | None = None,
    errori: dict[str, str] | None = None,
    errore_generale: str | None = None,
    stato: int = 200,
) -> Response:
    pratica = await servizi.acquisizione.dettaglio(user.attore, istanza_id)
    istanza = await fascicolo.istanza_del_fascicolo(servizi.istanze, user.attore, istanza_id)
    vista: Vista | None = None
    avviso_revisione: str | None = None
    try:
        vista = await servizi.revisione.dettaglio(user.attore, istanza_id)
    except RichiestaRifiutataError as rifiuto:
        if rifiuto.errore.codice != "non_trovata":
            raise
        avviso_revisione = REVISIONE_ASSENTE
    except ServiceUnavailableError:
        avviso_revisione = REVISIONE_ASSENTE
    errori = errori or {}
    esito = request.query_params.get("esito")
    contesto: dict[str, Any] = {
        **presentazione.contesto_pratica(pratica, base_pratica(istanza_id)),
        **fascicolo.contesto(
            istanza, pratica, base_pratica(istanza_id), vista.provvedimento if vista else None
        ),
        "revisione": vista,
        "avviso_revisione": avviso_revisione,
        "righe_voci": [RigaVoce(n, voce, nome_voce(voce)) for n, voce in enumerate(vista.voci)]
        if vista
        else [],
        "valori": {**(valori_iniziali(vista) if vista else {}), **(valori or {})},
        "errori": errori,
        "etichette": {**ETICHETTE_MODULO, **etichette_voci(vista)},
        "riepilogo_errori": riepilogo(errori, vista),
        "errore_generale": errore_generale,
        "esito": esito if esito in ESITI_PAGINA and not errori else None,
        "fuori_range": fuori_range(valori or {}, vista),
    }
    return pagina(request, "consigliere/pratica.html", contesto, utente=user, stato=stato)


@router.get("/consigliere")
async def elenco(request: Request, user: ConsigliereWeb, acquisizione: Acquisizione) -> Response:
    trovate = await acquisizione.assegnate(user.attore, limit=PER_PAGINA, cursor=cursore(request))
    righe = presentazione.righe(trovate.items, base_pratica)
    contesto = {
        "righe": righe,
        "prima": prima(request),
        "successiva": successiva(request, trovate),
    }
    return pagina(request, "consigliere/elenco.html", contesto, utente=user)


@router.get("/consigliere/pratiche/{istanza_id}")
async def mostra(
    request: Request,
    istanza_id: Identificativo,
    user: ConsigliereWeb,
    servizi: Servizi,
) -> Response:
    return await pagina_pratica(request, user, istanza_id, servizi)


def leggi_decisione(
    valori: dict[str, str], vista: Vista
) -> tuple[EsitoDecisione | None, list[VoceDecisa], dict[str, str]]:
    """The decision the form says, and what is wrong in it, field by field."""
    errori: dict[str, str] = {}
    esito = ESITI.get(valori.get("esito", ""))
    if esito is None:
        errori["esito"] = "Scegli l'esito: liquidata oppure non liquidabile."
    voci: list[VoceDecisa] = []
    if esito == "non_liquidabile":
        if not valori.get("motivi", "").strip():
            errori["motivi"] = "Indica i motivi per cui il compenso non è liquidabile."
        return esito, voci, errori
    for n, voce in enumerate(vista.voci):
        percorso = f"voci.{n}"
        try:
            importo = leggi_importo(valori.get(f"{percorso}.importo_liquidato"))
        except ValoreNonValidoError as errore:
            errori[f"{percorso}.importo_liquidato"] = str(errore)
            continue
        if importo is None:
            errori[f"{percorso}.importo_liquidato"] = "Indica l'importo liquidato."
            continue
        motivazione = valori.get(f"{percorso}.motivazione", "").strip() or None
        if importo != voce.importo_richiesto and motivazione is None:
            errori[f"{percorso}.motivazione"] = (
                "Motiva la variazione: l'importo liquidato è diverso da quello richiesto."
            )
        if motivazione is not None and len(motivazione) > 4000:
            errori[f"{percorso}.motivazione"] = "Al massimo 4000 caratteri."
            continue
        voci.append(VoceDecisa(id=voce.id, importo_liquidato=importo, motivazione=motivazione))
    return esito, voci, errori


@router.post("/consigliere/pratiche/{istanza_id}/decisione")
async def decidi(
    request: Request,
    istanza_id: Identificativo,
    user: ConsigliereWeb,
    servizi: Servizi,
) -> Response:
    revisione = servizi.revisione
    async with request.form() as form:
        valori = campi_modulo(form, user)
    valori.pop("csrf", None)
    vista = await revisione.dettaglio(user.attore, istanza_id)
    esito, voci, errori = leggi_decisione(valori, vista)
    ok = not errori and esito is not None

    async def invia() -> None:
        assert esito is not None
        await revisione.decidi(
            user.attore,
            istanza_id,
            esito=esito,
            voci=voci,
            motivi=valori.get("motivi", "").strip()[:4000] or None,
            note=valori.get("note", "").strip()[:4000] or None,
        )

    return await _invia_e_mostra(
        request,
        user,
        istanza_id,
        servizi,
        valori,
        errori,
        invia=invia if ok else None,
        esito="decisa",
        non_registrata="la decisione non è stata registrata",
    )


@router.post("/consigliere/pratiche/{istanza_id}/integrazione")
async def richiedi_integrazione(
    request: Request,
    istanza_id: Identificativo,
    user: ConsigliereWeb,
    servizi: Servizi,
) -> Response:
    revisione = servizi.revisione
    async with request.form() as form:
        valori = campi_modulo(form, user)
    valori.pop("csrf", None)
    testo = valori.get("integrazione.testo", "").strip()
    errori: dict[str, str] = {}
    if not 3 <= len(testo) <= 4000:
        errori["integrazione.testo"] = (
            "Scrivi che cosa deve integrare l'avvocato (3-4000 caratteri)."
        )
    giorni_testo = valori.get("integrazione.giorni", "").strip()
    giorni = int(giorni_testo) if giorni_testo.isdigit() else 0
    if not 1 <= giorni <= 30:
        errori["integrazione.giorni"] = "Indica un numero di giorni da 1 a 30."

    async def invia() -> None:
        await revisione.richiedi_integrazione(user.attore, istanza_id, testo, giorni)

    return await _invia_e_mostra(
        request,
        user,
        istanza_id,
        servizi,
        valori,
        errori,
        invia=None if errori else invia,
        esito="integrazione",
        non_registrata="la richiesta non è stata inviata",
    )


async def _invia_e_mostra(
    request: Request,
    user: WebUser,
    istanza_id: str,
    servizi: Clients,
    valori: dict[str, str],
    errori: dict[str, str],
    *,
    invia: Callable[[], Awaitable[None]] | None,
    esito: str,
    non_registrata: str,
) -> Response:
    """Send a form's command (``invia``, None when the form has errors) and go to the case's
    ``esito``; a refusal comes back on the page at its fields (or above the form), as does a
    service that does not answer, with everything typed kept."""
    messaggio: str | None = None
    stato = 422
    if invia is not None:
        try:
            await invia()
        except RichiestaRifiutataError as rifiuto:
            if rifiuto.errore.codice in RIFIUTI_DA_PAGINA:
                raise
            errori.update(rifiuto.errore.campi)
            if not rifiuto.errore.campi:
                messaggio = rifiuto.errore.messaggio
                stato = 409
        except ServiceUnavailableError:
            messaggio = f"Il servizio non risponde: {non_registrata}. Riprova."
            stato = 503
        else:
            return RedirectResponse(f"{base_pratica(istanza_id)}?esito={esito}#esito", 303)
    return await pagina_pratica(
        request,
        user,
        istanza_id,
        servizi,
        valori=valori,
        errori=errori,
        errore_generale=messaggio,
        stato=stato,
    )
