"""The REST API for lawyers and integrators (``/api/v1``, OpenAPI at /api/v1/openapi.json).

Every route authenticates (:func:`attore_api`), checks the role, and sends one request to the
owning service, which authorises again by Ordine and ownership.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import AwareDatetime, BaseModel, Field

from gateway.auth import attore_api, richiede_ruolo
from gateway.dependencies import Files, Istanze, Revisione
from gateway.elenchi import Elenco, PaginaRichiesta, elenco_api
from gateway.errors import ApiError
from gateway.openapi import comuni, rifiuti
from parcelle_contracts.common import Attore
from parcelle_contracts.integrazioni import NuovoAllegato
from parcelle_contracts.istanze import ContenutoIstanza, Istanza, IstanzaSintesi
from parcelle_contracts.vocabolario import CategoriaAllegato, Stato

router = APIRouter(prefix="/api/v1", tags=["istanze"], responses=comuni())
TROVATA = ("non_trovata",)
MODIFICABILE = (*TROVATA, "stato_non_valido")
FILE = ("limite_superato", "tipo_non_ammesso", "pdf_non_ammesso")
PDF: dict[str, dict[str, str]] = {"application/pdf": {}}
FIRMATO = {**PDF, "application/pkcs7-mime": {}}
ALLEGATO = {**FIRMATO, "image/jpeg": {}, "image/png": {}}
"""What each download may be: the owning service sniffed every file's type from its content."""


async def avvocato(attore: Annotated[Attore, Depends(attore_api)]) -> Attore:
    richiede_ruolo(attore, "avvocato")
    return attore


Avvocato = Annotated[Attore, Depends(avvocato)]


class Rinuncia(BaseModel):
    motivo: str = Field(min_length=3, max_length=2000, description="Why the lawyer withdraws.")


class Deposito(BaseModel):
    id: str
    codice: str
    stato: Stato
    depositata_il: AwareDatetime | None
    ricevuta: str = Field(description="Where to download the deposit receipt.")
    istanza: Istanza


@router.post("/istanze", status_code=201, summary="Create a draft application")
async def crea(contenuto: ContenutoIstanza, attore: Avvocato, istanze: Istanze) -> Istanza:
    return await istanze.crea(attore, contenuto)


@router.get("/istanze", summary="The lawyer's applications, the latest changed first")
async def elenco(
    request: Request,
    attore: Avvocato,
    istanze: Istanze,
    pagina: PaginaRichiesta,
    stato: Stato | None = None,
    cerca: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=100,
            description="The start of the application code, or of the client's name.",
        ),
    ] = None,
    inviata_al_cliente: Annotated[
        bool | None,
        Query(
            description="Only those whose signed order was (true) or was not yet (false) "
            "sent to the client."
        ),
    ] = None,
) -> Elenco[IstanzaSintesi]:
    trovate = await istanze.elenco(
        attore,
        stato=stato,
        cerca=cerca,
        inviata_al_cliente=inviata_al_cliente,
        limit=pagina.limit,
        cursor=pagina.cursor,
    )
    return elenco_api(request, trovate)


@router.get(
    "/istanze/{istanza_id}",
    summary="One application with its timeline",
    responses=rifiuti(*TROVATA),
)
async def dettaglio(istanza_id: str, attore: Avvocato, istanze: Istanze) -> Istanza:
    return await istanze.dettaglio(attore, istanza_id)


SALVATI_CON_ERRORI = (
    "Alcuni dati non sono validi (vedi fields): sono stati salvati come scritti, insieme a "
    "tutti gli altri, e il deposito resta impossibile finché non vengono corretti."
)


@router.patch(
    "/istanze/{istanza_id}",
    summary="Change the parts of a draft that are given",
    description="Every part given is saved, its wrong values too, as written: nothing sent is "
    "lost. When some are wrong the answer is 422 with every one of them in `fields` (the "
    "draft, as `GET` shows it, names them in `errori` until they are corrected; a deposit "
    "waits for that). A body whose values are not even of their type (a number as text, a "
    "date that is no date) is refused whole, with every such field at once.",
    responses=rifiuti(*MODIFICABILE),
)
async def aggiorna(
    istanza_id: str, contenuto: ContenutoIstanza, attore: Avvocato, istanze: Istanze
) -> Istanza:
    parti = sorted(contenuto.model_fields_set)
    if not parti:
        raise ApiError(422, "dati_non_validi", "Nessun dato da aggiornare.")
    istanza = await istanze.aggiorna(attore, istanza_id, contenuto, parti)  # type: ignore[arg-type]
    sbagliati = {e.campo: e.messaggio for e in istanza.errori if e.campo.split(".")[0] in parti}
    if sbagliati:
        raise ApiError(422, "dati_non_validi", SALVATI_CON_ERRORI, sbagliati)
    return istanza


@router.post(
    "/istanze/{istanza_id}/allegati",
    status_code=201,
    summary="Attach a document",
    responses=rifiuti(*MODIFICABILE, *FILE),
)
async def allega(
    istanza_id: str,
    attore: Avvocato,
    istanze: Istanze,
    files: Files,
    file: Annotated[UploadFile, File(description="PDF, signed PDF, .p7m, JPEG or PNG.")],
    categoria: Annotated[CategoriaAllegato, Form()],
) -> Istanza:
    blob = await files.receive(file)
    return await istanze.aggiungi_allegato(
        attore, istanza_id, categoria, file.filename or "allegato", blob
    )


@router.delete(
    "/istanze/{istanza_id}/allegati/{allegato_id}",
    summary="Remove an attachment",
    responses=rifiuti(*MODIFICABILE),
)
async def rimuovi(istanza_id: str, allegato_id: str, attore: Avvocato, istanze: Istanze) -> Istanza:
    return await istanze.rimuovi_allegato(attore, istanza_id, allegato_id)


@router.get(
    "/istanze/{istanza_id}/documento",
    summary="The application PDF to sign",
    response_class=Response,
    responses={
        200: {"content": PDF},
        **rifiuti(*MODIFICABILE, "incompleta"),
    },
)
async def documento(istanza_id: str, attore: Avvocato, istanze: Istanze, files: Files) -> Response:
    return await files.send(await istanze.prepara_documento(attore, istanza_id))


@router.post(
    "/istanze/{istanza_id}/deposito",
    status_code=201,
    summary="Deposit the signed application",
    responses=rifiuti(
        *MODIFICABILE,
        *FILE,
        "incompleta",
        "gia_depositata",
        "documento_non_aggiornato",
        "firma_mancante",
        "firma_non_valida",
    ),
)
async def deposita(
    istanza_id: str,
    attore: Avvocato,
    istanze: Istanze,
    files: Files,
    file: Annotated[
        UploadFile | None, File(description="The signed PDF (PAdES) or .p7m (CAdES).")
    ] = None,
) -> Deposito:
    firmato = await files.receive(file) if file is not None and file.filename else None
    istanza = await istanze.deposita(
        attore, istanza_id, firmato, file.filename if file is not None else None
    )
    return Deposito(
        id=istanza.id,
        codice=istanza.codice,
        stato=istanza.stato,
        depositata_il=istanza.depositata_il,
        ricevuta=f"/api/v1/istanze/{istanza.id}/ricevuta",
        istanza=istanza,
    )


@router.post(
    "/istanze/{istanza_id}/firma-demo",
    summary="Sign with the demo certificate (demo)",
    responses=rifiuti(*MODIFICABILE, "incompleta", "non_disponibile"),
)
async def firma_demo(istanza_id: str, attore: Avvocato, istanze: Istanze) -> Istanza:
    return await istanze.firma_demo(attore, istanza_id)


@router.post(
    "/istanze/{istanza_id}/rinuncia",
    summary="Withdraw the application",
    responses=rifiuti(*MODIFICABILE),
)
async def rinuncia(istanza_id: str, body: Rinuncia, attore: Avvocato, istanze: Istanze) -> Istanza:
    return await istanze.rinuncia(attore, istanza_id, body.motivo)


# One route per file, not ``/istanze/{istanza_id}/{quale}``: a catch-all segment would answer
# 422 to a GET on /firma-demo or /rinuncia, where the API's answer is 405.
@router.get(
    "/istanze/{istanza_id}/ricevuta",
    summary="The deposit receipt",
    response_class=Response,
    responses={200: {"content": PDF}, **rifiuti(*TROVATA, "non_disponibile")},
)
async def ricevuta(istanza_id: str, attore: Avvocato, istanze: Istanze, files: Files) -> Response:
    return await files.send(await istanze.file(attore, istanza_id, "ricevuta"))


@router.get(
    "/istanze/{istanza_id}/firmato",
    summary="The signed application, as deposited",
    response_class=Response,
    responses={200: {"content": FIRMATO}, **rifiuti(*TROVATA, "non_disponibile")},
)
async def firmato(istanza_id: str, attore: Avvocato, istanze: Istanze, files: Files) -> Response:
    return await files.send(await istanze.file(attore, istanza_id, "firmato"))


@router.get(
    "/istanze/{istanza_id}/allegati/{allegato_id}",
    summary="Download an attachment",
    response_class=Response,
    responses={200: {"content": ALLEGATO}, **rifiuti(*TROVATA)},
)
async def allegato(
    istanza_id: str, allegato_id: str, attore: Avvocato, istanze: Istanze, files: Files
) -> Response:
    return await files.send(await istanze.file(attore, istanza_id, "allegato", allegato_id))


@router.post(
    "/istanze/{istanza_id}/integrazioni",
    summary="Answer the relatore's request for integration: a note and documents",
    description="Multipart: `nota`, and any number of `file` (each with the same `categoria`, "
    "`altro` unless given). The case goes back to the relatore.",
    responses=rifiuti(*MODIFICABILE, *FILE),
)
async def integra(
    istanza_id: str,
    attore: Avvocato,
    istanze: Istanze,
    files: Files,
    nota: Annotated[str, Form(min_length=1, max_length=4000, description="The lawyer's note.")],
    file: Annotated[
        list[UploadFile] | None, File(description="PDF, signed PDF, .p7m, JPEG or PNG.")
    ] = None,
    categoria: Annotated[CategoriaAllegato, Form()] = "altro",
) -> Istanza:
    caricati = [f for f in file or [] if f.filename]
    if len(caricati) > 20:
        raise ApiError(422, "dati_non_validi", "Al massimo 20 documenti.", {"file": "Troppi."})
    allegati = [
        NuovoAllegato(
            categoria=categoria, nome_file=f.filename or "allegato", file=await files.receive(f)
        )
        for f in caricati
    ]
    return await istanze.rispondi_integrazione(attore, istanza_id, nota.strip(), allegati)


@router.get(
    "/istanze/{istanza_id}/provvedimento",
    summary="The signed liquidation order (or the signed refusal)",
    response_class=Response,
    responses={200: {"content": PDF}, **rifiuti(*MODIFICABILE)},
)
async def provvedimento(
    istanza_id: str, attore: Avvocato, revisione: Revisione, files: Files
) -> Response:
    """409 ``stato_non_valido`` until the Ordine releases it (where the fee is paid first)."""
    return await files.send(await revisione.file_provvedimento(attore, istanza_id))
