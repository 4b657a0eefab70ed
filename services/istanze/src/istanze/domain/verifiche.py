"""What is present in an application's content but wrong, field by field, in Italian.

Missing things are not errors here (a draft is saved at every step): they are listed by
:mod:`istanze.domain.requisiti`. The one exception is the client: once the lawyer says what
kind of client it is, the fields that kind needs are asked for next to the form.
Paths are those of the form and of the contracts: ``cliente.codice_fiscale``,
``voci.2.importo`` (0-based).
"""

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Final

from istanze.domain.codice_fiscale import normalizza, valida_codice_fiscale
from istanze.domain.contenuto import (
    Cliente,
    ContenutoIstanza,
    DatiPratica,
    Indirizzo,
    Voce,
    presente,
)
from istanze.domain.errori import DatiNonValidiError
from istanze.domain.partita_iva import valida_partita_iva
from parcelle_contracts.vocabolario import FASI, Fase

_SIGLE = """
AG AL AN AO AP AQ AR AT AV BA BG BI BL BN BO BR BS BT BZ CA CB CE CH CL CN CO CR CS CT CZ
EN FC FE FG FI FM FR GE GO GR IM IS KR LC LE LI LO LT LU MB MC ME MI MN MO MS MT NA NO NU
OR PA PC PD PE PG PI PN PO PR PT PU PV PZ RA RC RE RG RI RM RN RO SA SI SO SP SR SS SU SV
TA TE TN TO TP TR TS TV UD VA VB VC VE VI VR VT VV
CI OG OT VS
"""
PROVINCE: Final = frozenset(_SIGLE.split())
"""Province codes (sigle) of Italy. The last line: Sardinian provinces abolished in 2016 and
re-established by the 2023-2025 regional reform, still written in addresses either way."""

# Deliberately plain: one @, a dotted domain of letters, digits and hyphens, no spaces. It
# catches typos; whether a PEC box exists only a delivery receipt can say.
_EMAIL = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
_CAP = re.compile(r"^\d{5}$")
_NAZIONE = re.compile(r"^[A-Z]{2}$")
_MASSIMA_PERCENTUALE_SPESE_GENERALI: Final = Decimal("15")


def email_valida(indirizzo: str) -> bool:
    """Whether ``indirizzo`` is shaped like an e-mail (or PEC) address."""
    return len(indirizzo) <= 254 and _EMAIL.match(indirizzo.strip()) is not None


def verifica_contenuto(contenuto: ContenutoIstanza) -> dict[str, str]:
    """Field path -> Italian message for each field that is present but wrong."""
    errori: dict[str, str] = {}
    if contenuto.cliente is not None:
        errori.update(_cliente(contenuto.cliente))
    if contenuto.pratica is not None:
        errori.update(_pratica(contenuto.pratica))
    if contenuto.voci is not None:
        errori.update(_voci(contenuto.voci))
    if contenuto.spese is not None:
        _importo(errori, "spese", contenuto.spese)
    percentuale = contenuto.spese_generali_percentuale
    if not (percentuale.is_finite() and 0 <= percentuale <= _MASSIMA_PERCENTUALE_SPESE_GENERALI):
        errori["spese_generali_percentuale"] = (
            "La percentuale delle spese generali va da 0 a 15 (DM 55/2014, art. 2)"
        )
    return errori


def _cliente(cliente: Cliente) -> dict[str, str]:
    errori: dict[str, str] = {}
    if cliente.tipo is None:
        if cliente != Cliente():
            errori["cliente.tipo"] = (
                "Indica se il cliente è una persona fisica o una persona giuridica"
            )
    elif cliente.tipo == "persona_fisica":
        if not presente(cliente.nome):
            errori["cliente.nome"] = "Indica il nome del cliente"
        if not presente(cliente.cognome):
            errori["cliente.cognome"] = "Indica il cognome del cliente"
        if not presente(cliente.codice_fiscale):
            errori["cliente.codice_fiscale"] = "Indica il codice fiscale del cliente"
    else:
        if not presente(cliente.denominazione):
            errori["cliente.denominazione"] = "Indica la denominazione della società o dell'ente"
        if not presente(cliente.partita_iva) and not presente(cliente.codice_fiscale):
            errori["cliente.partita_iva"] = "Indica la partita IVA o il codice fiscale numerico"
    if presente(cliente.codice_fiscale):
        codice = normalizza(cliente.codice_fiscale)
        if cliente.tipo == "persona_giuridica" and len(codice) == 16:
            errori["cliente.codice_fiscale"] = (
                "Per una società o un ente il codice fiscale è di 11 cifre"
            )
        else:
            _controlla(errori, "cliente.codice_fiscale", valida_codice_fiscale, codice)
    if presente(cliente.partita_iva):
        _controlla(errori, "cliente.partita_iva", valida_partita_iva, cliente.partita_iva)
    if presente(cliente.pec) and not email_valida(cliente.pec):
        errori["cliente.pec"] = "L'indirizzo PEC non è valido"
    if presente(cliente.email) and not email_valida(cliente.email):
        errori["cliente.email"] = "L'indirizzo e-mail non è valido"
    if cliente.indirizzo is not None:
        errori.update(_indirizzo(cliente.indirizzo))
    return errori


def _indirizzo(indirizzo: Indirizzo) -> dict[str, str]:
    errori: dict[str, str] = {}
    nazione = indirizzo.nazione.strip().upper()
    if not _NAZIONE.match(nazione):
        errori["cliente.indirizzo.nazione"] = "Indica la nazione con il codice di due lettere"
    if nazione != "IT":
        return errori  # foreign addresses have their own postcodes and no Italian province
    if presente(indirizzo.cap):
        cap = indirizzo.cap.strip()
        if not _CAP.match(cap) or cap == "00000":
            errori["cliente.indirizzo.cap"] = "Il CAP deve essere di 5 cifre"
    if presente(indirizzo.provincia) and indirizzo.provincia.strip().upper() not in PROVINCE:
        errori["cliente.indirizzo.provincia"] = "Indica la sigla di una provincia italiana (es. RM)"
    return errori


def _pratica(pratica: DatiPratica) -> dict[str, str]:
    errori: dict[str, str] = {}
    if pratica.valore is not None:
        _importo(errori, "pratica.valore", pratica.valore)
        if pratica.valore_indeterminabile:
            errori["pratica.valore"] = (
                "Indica il valore oppure «valore indeterminabile», non entrambi"
            )
    if pratica.numero_parti is not None and pratica.numero_parti < 1:
        errori["pratica.numero_parti"] = "Le parti sono almeno una"
    if (
        pratica.periodo_dal is not None
        and pratica.periodo_al is not None
        and pratica.periodo_al < pratica.periodo_dal
    ):
        errori["pratica.periodo_al"] = "La fine dell'attività non può precedere l'inizio"
    return errori


def _voci(voci: tuple[Voce, ...]) -> dict[str, str]:
    errori: dict[str, str] = {}
    viste: set[Fase] = set()
    for indice, voce in enumerate(voci):
        _importo(errori, f"voci.{indice}.importo", voce.importo)
        if voce.fase == "altro":
            if not presente(voce.descrizione):
                errori[f"voci.{indice}.descrizione"] = "Descrivi la voce «Altro»"
        elif voce.fase in viste:
            errori[f"voci.{indice}.fase"] = (
                f"La voce «{FASI[voce.fase]}» è già presente: indicala una volta sola"
            )
        viste.add(voce.fase)
    if voci and all(voce.importo.is_finite() and voce.importo <= 0 for voce in voci):
        errori["voci"] = "Almeno un importo deve essere maggiore di zero"
    return errori


def _importo(errori: dict[str, str], percorso: str, importo: Decimal) -> None:
    if not importo.is_finite():
        errori[percorso] = "Importo non valido"
    elif importo < 0:
        errori[percorso] = "L'importo non può essere negativo"
    elif importo != importo.quantize(Decimal("0.01")):
        errori[percorso] = "Indica l'importo in euro e centesimi (al massimo due decimali)"


def _controlla(
    errori: dict[str, str], percorso: str, valida: Callable[[str], str], valore: str
) -> None:
    try:
        valida(valore)
    except DatiNonValidiError as errore:
        errori[percorso] = errore.messaggio
