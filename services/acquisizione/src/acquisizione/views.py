"""Between the contracts and the domain of `acquisizione`: contract messages and settings to
domain values, and the aggregate to the views the gateway shows.

Fields of the same name are copied by pydantic and :mod:`parcelle_kit.store.codec` (a domain
value becomes JSON-compatible data that the contract model validates, and back), so only what
differs is written here: names composed for display, computed deadlines, claim checks.
"""

from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel

from acquisizione.domain import termini
from acquisizione.domain.comunicazioni import Comunicazione, Documento, Recapito
from acquisizione.domain.ordine import ImpostazioniOrdine
from acquisizione.domain.persone import Richiedente, Utente
from acquisizione.domain.pratica import Pratica
from acquisizione.ports import RigaAttesa
from parcelle_contracts import acquisizione as contratti
from parcelle_contracts import istanze, ordini
from parcelle_contracts.common import Attore, BlobRef, FileRef
from parcelle_kit.store.codec import decode, encode

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

# --- generic ------------------------------------------------------------------------------------


def _dominio(cls: type[T], modello: BaseModel, **altro: Any) -> T:
    """The domain dataclass ``cls`` from the fields of ``modello`` it shares, plus ``altro``."""
    assert is_dataclass(cls)
    nomi = {campo.name for campo in fields(cls)}
    return decode(cls, {**modello.model_dump(mode="json", include=nomi - set(altro)), **altro})


def _contratto(cls: type[M], valore: object, **altro: Any) -> M:
    """The contract model ``cls`` from the fields of the domain ``valore`` it shares, plus
    ``altro``."""
    dati = encode(valore)
    return cls.model_validate({k: v for k, v in dati.items() if k in cls.model_fields} | altro)


# --- contracts -> domain ------------------------------------------------------------------------


def utente(attore: Attore) -> Utente:
    """The user a request runs for, and through what they act."""
    return _dominio(Utente, attore)


def richiedente(attore: Attore) -> Richiedente:
    """The lawyer as their account described them."""
    return _dominio(Richiedente, attore)


def impostazioni(contratto: ordini.ImpostazioniOrdine) -> ImpostazioniOrdine:
    """What the secretariat's rules read of the Ordine's settings; ``nome`` is the name
    documents print."""
    return _dominio(ImpostazioniOrdine, contratto, nome=contratto.nome_esteso())


def nominativo(cliente: istanze.Cliente) -> str:
    """The client as a letter names them: the company name, or given and family name."""
    if cliente.tipo == "persona_giuridica" and cliente.denominazione:
        return cliente.denominazione
    nome = f"{cliente.nome or ''} {cliente.cognome or ''}".strip()
    return nome or cliente.denominazione or "Cliente"


def righe_indirizzo(indirizzo: istanze.Indirizzo | None) -> tuple[str, ...]:
    """``("Via Roma 1", "00184 Roma (RM)")``: the lines of an Italian envelope."""
    if indirizzo is None or not (indirizzo.via or indirizzo.comune):
        return ()
    localita = " ".join(parte for parte in (indirizzo.cap, indirizzo.comune) if parte)
    if indirizzo.provincia:
        localita = f"{localita} ({indirizzo.provincia.upper()})".strip()
    righe = [parte for parte in (indirizzo.via, localita) if parte]
    if indirizzo.nazione != "IT":
        righe.append(indirizzo.nazione)
    return tuple(righe)


def recapiti(istanza: istanze.Istanza) -> tuple[Recapito | None, Recapito]:
    """Where the client (if the application names one) and the lawyer can be reached."""
    cliente = istanza.contenuto.cliente
    avvocato = istanza.avvocato
    nome_avvocato = richiedente(avvocato).nome_completo()
    return (
        None
        if cliente is None
        else Recapito(
            nome=nominativo(cliente),
            pec=cliente.pec,
            email=cliente.email,
            indirizzo=righe_indirizzo(cliente.indirizzo),
        ),
        Recapito(nome=nome_avvocato, pec=avvocato.pec, email=avvocato.email),
    )


# --- domain -> contracts ------------------------------------------------------------------------


def file_ref(documento: Documento, area: str) -> FileRef:
    """A document of the service's blob ``area`` as a claim check the gateway serves."""
    blob = BlobRef(
        area=area, key=documento.blob_key, sha256=documento.sha256, size=documento.dimensione
    )
    return FileRef(blob=blob, nome_file=documento.nome_file, content_type="application/pdf")


def _comunicazione(comunicazione: Comunicazione, area: str) -> contratti.Comunicazione:
    documento = file_ref(comunicazione.documento, area)
    return _contratto(contratti.Comunicazione, comunicazione, documento=documento)


def vista(
    pratica: Pratica, *, area: str, oggi: date, gia_acquisita: bool = False
) -> contratti.Pratica:
    """The case as the secretariat (or its relatore) sees it on ``oggi``."""
    registrazione = pratica.registrazione
    fine = pratica.scadenza(oggi)
    registrata = {
        "protocollo": None,
        "acquisita_il": None,
        "originale_ricevuto": False,
        "bollo_ricevuto": False,
        "giorni_osservazioni": None,
    }
    if registrazione is not None:
        registrata = {k: v for k, v in encode(registrazione).items() if k in registrata}
    return _contratto(
        contratti.Pratica,
        pratica,
        **registrata,
        avvocato=pratica.avvocato.nome_completo(),
        relatore=encode(pratica.relatore),
        scadenza=termini.fine_del_giorno(fine) if fine else None,
        comunicazioni=[_comunicazione(c, area) for c in pratica.comunicazioni],
        osservazioni=[file_ref(o.documento, area) for o in pratica.osservazioni],
        gia_acquisita=gia_acquisita,
    )


def in_attesa(riga: RigaAttesa) -> contratti.PraticaInAttesa:
    """A line of the pending list."""
    return contratti.PraticaInAttesa.model_validate(riga, from_attributes=True)
