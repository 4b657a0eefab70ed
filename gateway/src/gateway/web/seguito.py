"""What the pages offer after the decision, for the lawyer and the secretariat alike: the
recipients' form of the signed order (the client, and up to two other obligors, each through
e-mail, PEC or raccomandata A/R), read and checked here so that every mistake comes back at
once with what was typed, and sent to ``istanze``, which checks again."""

from collections.abc import Awaitable, Sequence
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from gateway.auth import WebUser
from gateway.bus import RichiestaRifiutataError, ServiceUnavailableError
from gateway.elenchi import PaginaRichiesta
from gateway.ports import IstanzePort
from gateway.web.dependencies import RIFIUTI_DA_PAGINA, campi_modulo
from parcelle_contracts.common import Attore
from parcelle_contracts.consegne import Recapito
from parcelle_contracts.istanze import Istanza, IstanzaSintesi
from parcelle_contracts.vocabolario import Canale

MASSIMO_INVII = 50
"""Cases sent at once (a page of the list)."""
RIGHE = 3
"""Rows of the recipients' form: the client first, then two other obligors."""
CAMPI = ("nome", "canale", "indirizzo")


def destinatari_iniziali(istanza: Istanza) -> dict[str, str]:
    """The form as it first shows: the client with the channel that reaches them best (their
    PEC, else a raccomandata at their address, else their e-mail)."""
    valori = {f"dest.{i}.ruolo": "obbligato" for i in range(1, RIGHE)}
    valori["dest.0.ruolo"] = "cliente"
    cliente = istanza.contenuto.cliente
    if cliente is None:
        return valori
    nome = cliente.denominazione or " ".join(p for p in (cliente.nome, cliente.cognome) if p)
    canale: Canale = "pec"
    indirizzo = cliente.pec or ""
    postale = _postale(istanza)
    if not indirizzo and postale:
        canale, indirizzo = "raccomandata", postale
    elif not indirizzo and cliente.email:
        canale, indirizzo = "email", cliente.email
    return {**valori, "dest.0.nome": nome, "dest.0.canale": canale, "dest.0.indirizzo": indirizzo}


def _postale(istanza: Istanza) -> str:
    cliente = istanza.contenuto.cliente
    indirizzo = cliente.indirizzo if cliente else None
    if indirizzo is None or not indirizzo.via:
        return ""
    citta = " ".join(
        p
        for p in (
            indirizzo.cap,
            indirizzo.comune,
            f"({indirizzo.provincia})" if indirizzo.provincia else None,
        )
        if p
    )
    return f"{indirizzo.via}\n{citta}"


def leggi_destinatari(campi: dict[str, str]) -> tuple[list[Recapito], dict[str, str]]:
    """The recipients typed (empty rows left out) and every mistake, field by field."""
    recapiti: list[Recapito] = []
    errori: dict[str, str] = {}
    for i in range(RIGHE):
        riga = {campo: campi.get(f"dest.{i}.{campo}", "").strip() for campo in CAMPI}
        if not riga["nome"] and not riga["indirizzo"]:
            continue
        ruolo = "cliente" if i == 0 else "obbligato"
        try:
            recapiti.append(Recapito.model_validate({**riga, "ruolo": ruolo}))
        except ValidationError as error:
            for dettaglio in error.errors():
                campo = str(dettaglio["loc"][0])
                errori[f"dest.{i}.{campo}"] = _messaggio(campo)
    if not recapiti and not errori:
        errori["dest.0.nome"] = "Indica almeno un destinatario."
    return recapiti, errori


def contesto_invii(
    indirizzi: dict[str, Any],
    istanze: Sequence[IstanzaSintesi] = (),
    successiva: str | None = None,
    inviate: str | int | None = None,
    problemi: Sequence[dict[str, str]] = (),
    tutte: bool = False,
) -> dict[str, Any]:
    """What ``templates/pratica/_invii_multipli.html`` needs: ``indirizzi`` says where the page
    posts (``azione``) and where each case's page is (``pratica_di``)."""
    return {
        **indirizzi,
        "istanze": list(istanze),
        "successiva": successiva,
        "inviate": inviate,
        "errori_invio": list(problemi),
        "tutte": tutte,
    }


async def da_inviare(
    request: Request,
    istanze: IstanzePort,
    attore: Attore,
    indirizzi: dict[str, Any],
    richiesta: PaginaRichiesta,
) -> dict[str, Any]:
    """The page of many orders at once: a page of the decided cases ``attore`` may send, those
    whose order has not reached the client yet (``?tutte=1``: those sent too)."""
    tutte = request.query_params.get("tutte") == "1"
    trovate = await istanze.elenco(
        attore,
        stato="provvedimento_emesso",
        inviata_al_cliente=None if tutte else False,
        limit=richiesta.limit,
        cursor=richiesta.cursor,
    )
    inviate = request.query_params.get("inviate")
    return contesto_invii(indirizzi, trovate.items, trovate.next, inviate, tutte=tutte)


async def invia_scelti(
    request: Request, istanze: IstanzePort, user: WebUser, indirizzi: dict[str, Any]
) -> Response | dict[str, Any]:
    """Send the orders of the cases chosen on that page: back to it with how many left, or
    the page's context naming the cases that could not."""
    async with request.form() as form:
        campi_modulo(form, user)
        scelte = [i for i in form.getlist("istanza") if isinstance(i, str)]
    inviate, problemi = await invia_ai_clienti(istanze, user.attore, scelte)
    if not problemi:
        return RedirectResponse(f"{indirizzi['azione']}?inviate={inviate}", 303)
    return contesto_invii(indirizzi, inviate=inviate, problemi=problemi)


async def invia_ai_clienti(
    istanze: IstanzePort, attore: Attore, scelte: list[str]
) -> tuple[int, list[dict[str, str]]]:
    """The order of each case chosen to its client, through the channel that reaches them
    best, unless it was sent to the client already; how many left, and the cases that could
    not, with the reason."""
    inviate, problemi = 0, []
    for istanza_id in scelte[:MASSIMO_INVII]:
        codice = istanza_id
        try:
            istanza = await istanze.dettaglio(attore, istanza_id)
            codice = istanza.codice
            valori = destinatari_iniziali(istanza)
            recapito = Recapito.model_validate(
                {campo: valori.get(f"dest.0.{campo}", "") for campo in CAMPI}
            )
            await istanze.invia_provvedimento(attore, istanza_id, [recapito], solo_prima_volta=True)
        except RichiestaRifiutataError as rifiuto:
            if rifiuto.errore.codice in RIFIUTI_DA_PAGINA:
                raise
            problemi.append(
                {"id": istanza_id, "codice": codice, "motivo": rifiuto.errore.messaggio}
            )
        except ServiceUnavailableError:
            problemi.append({"id": istanza_id, "codice": codice, "motivo": NON_RISPONDE})
        except ValueError:
            motivo = "Il cliente non ha un recapito completo: invialo dalla pagina della pratica."
            problemi.append({"id": istanza_id, "codice": codice, "motivo": motivo})
        else:
            inviate += 1
    return inviate, problemi


def _messaggio(campo: str) -> str:
    return {
        "nome": "Indica il nome del destinatario.",
        "canale": "Scegli come inviare: e-mail, PEC o raccomandata A/R.",
        "indirizzo": "Indica l'indirizzo a cui inviare.",
    }.get(campo, "Controlla questo dato.")


def errori_del_servizio(campi: dict[str, str]) -> dict[str, str]:
    """The service's field errors (``destinatari.1.indirizzo``) as the form names its fields."""
    return {
        chiave.replace("destinatari.", "dest.", 1): testo
        for chiave, testo in campi.items()
        if chiave.startswith("destinatari.")
    }


def contesto_seguito(istanza: Istanza, valori: dict[str, str]) -> dict[str, Any]:
    """The recipients' form values: what was typed, else the defaults."""
    return {**destinatari_iniziali(istanza), **valori}


NON_RISPONDE = "Il servizio non risponde: nulla è stato registrato né inviato. Riprova tra poco."


@dataclass
class Rifiuto:
    """Why a request of these pages did not go through, as the page shows it."""

    stato: int
    errori: dict[str, str] = field(default_factory=dict)
    messaggio: str | None = None


async def esegui(richiesta: Awaitable[object]) -> Rifiuto | None:
    """Send the request; ``None`` when it went through, else what the page says (field errors
    under the form's names, or one message). A refusal meaning the page itself is wrong (the
    case is not the user's) is raised for the error page."""
    try:
        await richiesta
    except RichiestaRifiutataError as rifiuto:
        if rifiuto.errore.codice in RIFIUTI_DA_PAGINA:
            raise
        errori = errori_del_servizio(rifiuto.errore.campi)
        if errori:
            return Rifiuto(422, errori)
        return Rifiuto(409, messaggio=rifiuto.errore.messaggio)
    except ServiceUnavailableError:
        return Rifiuto(503, messaggio=NON_RISPONDE)
    return None
