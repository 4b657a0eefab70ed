"""The REST API of the secretariat (``/api/v1/segreteria``): the pending list, acquisition by
code, assignment of the relatore, the case, deadlines, the client's observations, the notice's
and the observations' downloads, and the Ordine's scanner stations.

Only users of role ``segreteria`` get in, and only for their own Ordine: the gateway sends the
Ordine of the user with every request and ``acquisizione`` authorises again.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, File, Query, Request, Response, UploadFile
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictBool

from gateway.auth import attore_api, richiede_ruolo
from gateway.dependencies import Acquisizione, Files, Revisione, Stazioni
from gateway.documenti import invia_comunicazione, invia_osservazioni, ricevi_pdf
from gateway.elenchi import Elenco, PaginaRichiesta, elenco_api
from gateway.errors import ApiError
from gateway.openapi import comuni, rifiuti
from gateway.stazioni.store import Stazione, StazioneNonValidaError
from parcelle_contracts.acquisizione import Pratica, PraticaInAttesa, RiepilogoAttesa
from parcelle_contracts.common import Attore, Pagina
from parcelle_contracts.vocabolario import GenereFirma
from parcelle_kit.blob.filenames import sanitise_filename

router = APIRouter(prefix="/api/v1/segreteria", tags=["segreteria"], responses=comuni())
TROVATA = ("non_trovata",)
ACQUISIBILE = (
    *TROVATA,
    "stato_non_valido",
    "codice_non_valido",
    "codice_altro_ordine",
    "originale_mancante",
)
"""What ``acquisizione`` answers to a code it cannot acquire (shared with the scanner)."""


async def segreteria(attore: Annotated[Attore, Depends(attore_api)]) -> Attore:
    richiede_ruolo(attore, "segreteria")
    return attore


Segreteria = Annotated[Attore, Depends(segreteria)]


class RichiestaAcquisizione(BaseModel):
    model_config = ConfigDict(extra="forbid")

    codice: str = Field(min_length=1, max_length=100, description="The code, as typed or read.")
    originale_ricevuto: StrictBool = Field(
        default=False,
        description="For a hand-signed deposit: the signed original was received at the counter.",
    )
    bollo_ricevuto: StrictBool = Field(
        default=False,
        description="For a hand-signed deposit, where the Ordine asks for it: the stamp duty "
        "(marca da bollo) was received with it.",
    )


class RichiestaAssegnazione(BaseModel):
    model_config = ConfigDict(extra="forbid")

    relatore: str = Field(min_length=1, max_length=64, description="Councillor's username.")
    motivo: str | None = Field(default=None, max_length=500, description="Why (re)assigned.")


class NuovaStazione(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nome: str = Field(min_length=1, max_length=100, description="Name, e.g. 'Sportello 1'.")


class StazioneApi(BaseModel):
    id: str
    nome: str
    ordine: str
    attiva: bool
    creata_il: AwareDatetime
    creata_da: str
    revocata_il: AwareDatetime | None
    revocata_da: str | None

    @classmethod
    def di(cls, stazione: Stazione) -> "StazioneApi":
        return cls(
            id=stazione.id,
            nome=stazione.nome,
            ordine=stazione.ordine,
            attiva=stazione.attiva,
            creata_il=stazione.creata_il,
            creata_da=stazione.creata_da,
            revocata_il=stazione.revocata_il,
            revocata_da=stazione.revocata_da,
        )


class StazioneCreata(StazioneApi):
    chiave: str = Field(
        description="The station's key for X-Station-Key: shown now and never again."
    )


@router.get("/in-attesa", summary="Deposited applications not yet acquired, oldest first")
async def in_attesa(
    request: Request,
    attore: Segreteria,
    acquisizione: Acquisizione,
    pagina: PaginaRichiesta,
    cerca: Annotated[
        str | None,
        Query(
            max_length=100,
            description="The start of the application code (with a digit), or of the "
            "lawyer's family name.",
        ),
    ] = None,
    firma: GenereFirma | None = None,
) -> Elenco[PraticaInAttesa]:
    trovate = await acquisizione.in_attesa(
        attore,
        cerca=(cerca or "").strip() or None,
        firma=firma,
        limit=pagina.limit,
        cursor=pagina.cursor,
    )
    return elenco_api(request, trovate)


@router.get("/in-attesa/riepilogo", summary="How many applications wait, by kind of signature")
async def riepilogo_in_attesa(attore: Segreteria, acquisizione: Acquisizione) -> RiepilogoAttesa:
    return await acquisizione.riepilogo_in_attesa(attore)


@router.post(
    "/acquisizioni",
    status_code=201,
    summary="Acquire an application by its code",
    description="201 with the case registered now; 200 with `gia_acquisita` when it already was.",
    responses={
        200: {"model": Pratica, "description": "Already acquired: nothing changed"},
        **rifiuti(*ACQUISIBILE),
    },
)
async def acquisisci(
    body: RichiestaAcquisizione, attore: Segreteria, acquisizione: Acquisizione, response: Response
) -> Pratica:
    pratica = await acquisizione.acquisisci(
        attore,
        body.codice,
        origine="api",
        originale_ricevuto=body.originale_ricevuto,
        bollo_ricevuto=body.bollo_ricevuto,
    )
    if pratica.gia_acquisita:
        response.status_code = 200
    return pratica


@router.get(
    "/pratiche/{istanza_id}",
    summary="A case as the secretariat sees it",
    responses=rifiuti(*TROVATA),
)
async def pratica(istanza_id: str, attore: Segreteria, acquisizione: Acquisizione) -> Pratica:
    return await acquisizione.dettaglio(attore, istanza_id)


@router.post(
    "/pratiche/{istanza_id}/assegnazione",
    summary="Assign or reassign the relatore",
    responses=rifiuti(*TROVATA, "stato_non_valido", "relatore_non_valido"),
)
async def assegna(
    istanza_id: str, body: RichiestaAssegnazione, attore: Segreteria, acquisizione: Acquisizione
) -> Pratica:
    motivo = (body.motivo or "").strip() or None
    return await acquisizione.assegna(attore, istanza_id, body.relatore.strip(), motivo)


@router.post(
    "/pratiche/{istanza_id}/osservazioni",
    status_code=201,
    summary="Add the client's observations (PDF)",
    responses=rifiuti(
        *TROVATA, "stato_non_valido", "limite_superato", "tipo_non_ammesso", "pdf_non_ammesso"
    ),
)
async def aggiungi_osservazioni(
    istanza_id: str,
    attore: Segreteria,
    acquisizione: Acquisizione,
    files: Files,
    file: Annotated[UploadFile, File(description="The observations, as a PDF.")],
) -> Pratica:
    blob = await ricevi_pdf(files, file)
    nome = sanitise_filename(file.filename or "osservazioni.pdf")
    return await acquisizione.aggiungi_osservazioni(attore, istanza_id, blob, nome)


@router.get(
    "/pratiche/{istanza_id}/comunicazioni/{comunicazione_id}/documento",
    summary="Download a notice (e.g. the notice of start of proceedings)",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}, **rifiuti(*TROVATA)},
)
async def documento_comunicazione(
    istanza_id: str,
    comunicazione_id: str,
    attore: Segreteria,
    acquisizione: Acquisizione,
    files: Files,
) -> Response:
    return await invia_comunicazione(acquisizione, files, attore, istanza_id, comunicazione_id)


@router.get(
    "/pratiche/{istanza_id}/osservazioni/{numero}",
    summary="Download the client's observations (1 is the first received)",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}, **rifiuti(*TROVATA)},
)
async def documento_osservazioni(
    istanza_id: str, numero: int, attore: Segreteria, acquisizione: Acquisizione, files: Files
) -> Response:
    return await invia_osservazioni(acquisizione, files, attore, istanza_id, numero)


@router.get(
    "/pratiche/{istanza_id}/provvedimento",
    summary="Download the signed order of a decided case",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}, **rifiuti(*TROVATA)},
)
async def provvedimento(
    istanza_id: str, attore: Segreteria, revisione: Revisione, files: Files
) -> Response:
    return await files.send(await revisione.file_provvedimento(attore, istanza_id))


@router.get("/scadenze", summary="Acquired cases whose deadline is near or past, nearest first")
async def scadenze(
    request: Request,
    attore: Segreteria,
    acquisizione: Acquisizione,
    pagina: PaginaRichiesta,
    giorni: Annotated[int, Query(ge=0, le=365)] = 10,
    cerca: Annotated[
        str | None,
        Query(
            max_length=100,
            description="The start of the application code (with a digit), or of the "
            "lawyer's family name.",
        ),
    ] = None,
) -> Elenco[Pratica]:
    trovate = await acquisizione.scadenze(
        attore,
        giorni=giorni,
        cerca=(cerca or "").strip() or None,
        limit=pagina.limit,
        cursor=pagina.cursor,
    )
    return elenco_api(request, trovate)


@router.get("/stazioni", summary="The Ordine's scanner stations, the active and newest first")
async def elenco_stazioni(
    request: Request, attore: Segreteria, stazioni: Stazioni, pagina: PaginaRichiesta
) -> Elenco[StazioneApi]:
    elenco, cursor = await stazioni.pagina(attore.ordine, pagina.limit, pagina.cursor)
    trovate = Pagina[StazioneApi](items=[StazioneApi.di(s) for s in elenco], next=cursor)
    return elenco_api(request, trovate)


@router.post(
    "/stazioni",
    status_code=201,
    summary="Create a scanner station; its key is in this answer only",
)
async def crea_stazione(
    body: NuovaStazione, attore: Segreteria, stazioni: Stazioni, response: Response
) -> StazioneCreata:
    try:
        stazione, chiave = await stazioni.crea(
            nome=body.nome, ordine=attore.ordine, da=attore.username
        )
    except StazioneNonValidaError as error:
        raise ApiError(422, "dati_non_validi", str(error), error.campi) from None
    response.headers["Cache-Control"] = "no-store"
    return StazioneCreata(**StazioneApi.di(stazione).model_dump(), chiave=chiave)


@router.delete(
    "/stazioni/{stazione_id}",
    summary="Revoke a scanner station for good",
    responses=rifiuti(*TROVATA),
)
async def revoca_stazione(stazione_id: str, attore: Segreteria, stazioni: Stazioni) -> StazioneApi:
    try:
        stazione = await stazioni.revoca(stazione_id, da=attore.username, ordine=attore.ordine)
    except KeyError:
        raise ApiError(404, "non_trovata", "Stazione non trovata.") from None
    return StazioneApi.di(stazione)
