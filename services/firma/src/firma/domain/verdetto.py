"""The rules of signature verification: from an :class:`EsameFirma` to the problems found.

Each problem has a stable code (the contract's ``ProblemaFirma``) and an Italian message the
lawyer can act on. The rules are ordered so that one cause gives one problem: a broken
signature proves nothing about its certificate, so nothing else is reported for it.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from firma.domain import codice_fiscale
from firma.domain.esame import Catena, Certificato, Documento, EsameFirma, Tipo

CodiceProblema = Literal[
    "formato_non_riconosciuto",
    "firma_assente",
    "firma_non_valida",
    "modificato_dopo_la_firma",
    "certificato_non_attendibile",
    "certificato_scaduto",
    "certificato_non_ancora_valido",
    "certificato_revocato",
    "firmatario_diverso",
    "documento_diverso",
]

ROMA = ZoneInfo("Europe/Rome")

FORMATO_NON_RICONOSCIUTO = (
    "Il file non è un PDF firmato (PAdES) né una busta firmata .p7m (CAdES): carica il "
    "PDF dell'istanza firmato digitalmente."
)
FIRMA_ASSENTE = "Il file non contiene alcuna firma digitale: firma l'istanza prima di caricarla."
FIRMA_NON_VALIDA = (
    "La firma digitale non è valida: il valore della firma non corrisponde al certificato."
)
SENZA_CERTIFICATO = "La firma non contiene il certificato del firmatario."
MODIFICATO = (
    "Il documento è stato modificato dopo la firma: il contenuto attuale non è quello firmato."
)
AGGIUNTE_DOPO = (
    "Dopo la firma il documento è stato modificato (sono ammesse solo marche temporali e "
    "informazioni di verifica): firma di nuovo il PDF dell'istanza senza modificarlo."
)
DIVERSO = {
    "pades": "Il PDF firmato non è l'istanza generata da Parcelle o è stato modificato prima "
    "della firma: scaricare il PDF dell'istanza e firmarlo senza modificarlo.",
    "cades": "La busta .p7m non contiene l'istanza generata da Parcelle: firma il PDF "
    "dell'istanza scaricato, senza modificarlo.",
}
NON_ATTENDIBILE = {
    Catena.NON_ATTENDIBILE: "Il certificato del firmatario non è stato rilasciato da un "
    "certificatore attendibile.",
    Catena.REVOCA_NON_VERIFICABILE: "Non è stato possibile verificare se il certificato del "
    "firmatario è stato revocato: riprova più tardi.",
    Catena.USO_NON_CONSENTITO: "Il certificato del firmatario non è abilitato alla firma "
    "digitale di documenti.",
    Catena.FUORI_VALIDITA: "Un certificato della catena del certificatore non era in corso di "
    "validità al momento della firma.",
    Catena.ALTRO: "Non è stato possibile accertare la validità del certificato del firmatario.",
}
REVOCATO = "Il certificato del firmatario è stato revocato."
SENZA_CODICE_FISCALE = "Il certificato del firmatario non riporta un codice fiscale valido."


@dataclass(frozen=True)
class Problema:
    codice: CodiceProblema
    messaggio: str


@dataclass(frozen=True)
class Verdetto:
    """The outcome for the lawyer: valid only when no problem was found."""

    tipo: Tipo | None
    firmatario: str | None = None
    codice_fiscale: str | None = None
    emittente: str | None = None
    firmato_il: datetime | None = None
    problemi: list[Problema] = field(default_factory=list)

    @property
    def valida(self) -> bool:
        return not self.problemi


def _data(momento: datetime) -> str:
    return momento.astimezone(ROMA).strftime("%d/%m/%Y %H:%M")


def _quando(esame: EsameFirma) -> str:
    if esame.marca_temporale is not None:
        return "alla data della marca temporale"
    return "alla data della verifica, perché la firma non ha una marca temporale"


def _validita(esame: EsameFirma, certificato: Certificato) -> list[Problema]:
    """Was the certificate in force at the reference time, and at the claimed signing time?

    The reference time is a trusted timestamp's, else now: a claimed signing time is only the
    signer's word, so it can condemn a signature (a claim outside the certificate's validity
    is an inconsistency) but never save one.
    """
    problemi: list[Problema] = []
    momento = esame.verificata_al
    if momento is not None and momento < certificato.valido_dal:
        problemi.append(
            Problema(
                "certificato_non_ancora_valido",
                f"Il certificato del firmatario è valido solo dal {_data(certificato.valido_dal)}"
                f": non lo era {_quando(esame)} ({_data(momento)}).",
            )
        )
    elif momento is not None and momento > certificato.valido_al:
        problemi.append(
            Problema(
                "certificato_scaduto",
                f"Il certificato del firmatario è scaduto il {_data(certificato.valido_al)}: "
                f"non era valido {_quando(esame)} ({_data(momento)}).",
            )
        )
    dichiarata = esame.dichiarata_il
    codici = {problema.codice for problema in problemi}
    if dichiarata is None:
        return problemi
    if dichiarata < certificato.valido_dal and "certificato_non_ancora_valido" not in codici:
        problemi.append(
            Problema(
                "certificato_non_ancora_valido",
                f"La firma dichiara la data {_data(dichiarata)}, anteriore all'inizio di "
                f"validità del certificato ({_data(certificato.valido_dal)}).",
            )
        )
    elif dichiarata > certificato.valido_al and "certificato_scaduto" not in codici:
        problemi.append(
            Problema(
                "certificato_scaduto",
                f"La firma dichiara la data {_data(dichiarata)}, successiva alla scadenza del "
                f"certificato ({_data(certificato.valido_al)}).",
            )
        )
    return problemi


def _in_vigore(esame: EsameFirma, certificato: Certificato) -> bool:
    momento = esame.verificata_al
    return momento is None or certificato.valido_dal <= momento <= certificato.valido_al


def _catena(esame: EsameFirma, certificato: Certificato) -> list[Problema]:
    catena = esame.catena
    if catena is Catena.ATTENDIBILE:
        return []
    if catena is Catena.REVOCATO:
        return [Problema("certificato_revocato", REVOCATO)]
    if catena is Catena.FUORI_VALIDITA and not _in_vigore(esame, certificato):
        return []  # the signer's own certificate out of its validity: already said why
    if catena is Catena.NON_VERIFICATA:
        catena = Catena.ALTRO
    return [Problema("certificato_non_attendibile", NON_ATTENDIBILE[catena])]


def _firmatario(certificato: Certificato, atteso: str) -> list[Problema]:
    trovato = codice_fiscale.da_serial_number(certificato.serial_number)
    if trovato is None:
        return [Problema("firmatario_diverso", SENZA_CODICE_FISCALE)]
    if trovato != codice_fiscale.normalizza(atteso):
        chi = certificato.nome or "un'altra persona"
        return [
            Problema(
                "firmatario_diverso",
                f"Il documento è firmato da {chi} (codice fiscale {trovato}), non dal "
                f"richiedente (codice fiscale {codice_fiscale.normalizza(atteso)}).",
            )
        ]
    return []


def _problemi(esame: EsameFirma, atteso: str) -> list[Problema]:
    if esame.tipo is None:
        return [Problema("formato_non_riconosciuto", FORMATO_NON_RICONOSCIUTO)]
    if esame.formato_dettaglio is not None:
        return [Problema("formato_non_riconosciuto", esame.formato_dettaglio)]
    if not esame.firmata:
        return [Problema("firma_assente", FIRMA_ASSENTE)]
    certificato = esame.certificato
    if certificato is None:
        return [Problema("firma_non_valida", SENZA_CERTIFICATO)]
    if not esame.firma_integra:
        return [Problema("firma_non_valida", FIRMA_NON_VALIDA)]
    if not esame.contenuto_integro:
        # The signature is sound but covers other bytes: the file was altered after signing,
        # so what was signed (the original or not) can no longer be told.
        return [Problema("modificato_dopo_la_firma", MODIFICATO)]
    problemi: list[Problema] = []
    if esame.modificata_dopo:
        problemi.append(Problema("modificato_dopo_la_firma", AGGIUNTE_DOPO))
    if esame.documento is not Documento.ORIGINALE:
        problemi.append(Problema("documento_diverso", DIVERSO[esame.tipo]))
    problemi += _validita(esame, certificato)
    problemi += _catena(esame, certificato)
    problemi += _firmatario(certificato, atteso)
    return problemi


def valuta(esame: EsameFirma, codice_fiscale_atteso: str) -> Verdetto:
    """Judge the facts of one signed file for the applicant whose tax code is given."""
    certificato = esame.certificato
    return Verdetto(
        tipo=esame.tipo,
        firmatario=certificato.nome if certificato else None,
        codice_fiscale=(
            codice_fiscale.da_serial_number(certificato.serial_number) if certificato else None
        ),
        emittente=certificato.emittente if certificato else None,
        firmato_il=esame.marca_temporale or esame.dichiarata_il,
        problemi=_problemi(esame, codice_fiscale_atteso),
    )
