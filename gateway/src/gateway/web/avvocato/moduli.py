"""Reading the steps' forms into parts of the application, keeping what the user typed.

Every reader returns a :class:`Lettura`: the content to send (None when something cannot be
read), the parts it fills, the typed values exactly as typed (to put back into the fields) and
the errors by field path. Errors the service sends back (``campi``) are mapped onto the same
paths by :func:`errori_servizio`.
"""

import re
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from gateway.errors import field_errors
from gateway.ports import Parte
from gateway.web.formato import (
    ValoreNonValidoError,
    importo_da_modificare,
    leggi_data,
    leggi_importo,
    leggi_intero,
    percentuale,
)
from parcelle_contracts.istanze import Cliente, ContenutoIstanza, DatiPratica, Indirizzo, Voce
from parcelle_contracts.vocabolario import FASI, FASI_FISSE, PROCEDIMENTI, TIPI_CLIENTE, Fase

Valori = dict[str, str]
Errori = dict[str, str]
M = TypeVar("M", bound=BaseModel)

MAX_RIGHE = 50
_FASI_PER_NOME: dict[str, Fase] = {fase: fase for fase in FASI}
_CAMPO_FASE = re.compile(r"^voci\.([0-9]+)\.fase$")
_CODICE_FISCALE = re.compile(r"^([A-Z0-9]{16}|\d{11})$")
_PARTITA_IVA = re.compile(r"^\d{11}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# Clearer words than the generic ones for the fields whose format is fixed.
_FORMATO = {
    "cliente.indirizzo.cap": "Il CAP è formato da 5 cifre, ad esempio 00187.",
    "cliente.indirizzo.provincia": "Indica la sigla di due lettere, ad esempio RM.",
    "cliente.indirizzo.nazione": "Indica il codice di due lettere, ad esempio IT.",
    "pratica.numero_parti": "Indica un numero da 1 a 1000.",
}


@dataclass(frozen=True)
class Riga:
    """A row of the amounts step: ``n`` is its position in the form."""

    n: int
    fase: Fase
    fissa: bool


@dataclass
class Lettura:
    contenuto: ContenutoIstanza | None
    parti: list[Parte]
    valori: Valori = field(default_factory=dict)
    errori: Errori = field(default_factory=dict)
    righe: list[Riga] = field(default_factory=list)
    """Amounts step: the rows of the form, to render them again."""
    voci_righe: list[int] = field(default_factory=list)
    """Amounts step: position in ``voci`` sent -> row of the form."""


class _Modulo:
    """Reads fields by path, records each typed value and each error."""

    def __init__(self, form: Mapping[str, str]) -> None:
        self.form = form
        self.valori: Valori = {}
        self.errori: Errori = {}

    def grezzo(self, percorso: str) -> str:
        valore = self.form.get(percorso, "")
        self.valori[percorso] = valore
        return valore

    def testo(self, percorso: str, *, maiuscolo: bool = False, spazi: bool = True) -> str | None:
        pulito = self.grezzo(percorso).strip()
        if not spazi:
            pulito = "".join(pulito.split())
        if maiuscolo:
            pulito = pulito.upper()
        return pulito or None

    def scelta(self, percorso: str, ammessi: Container[str]) -> str | None:
        valore = self.testo(percorso)
        if valore is not None and valore not in ammessi:
            self.errore(percorso, "Scegli uno dei valori proposti.")
            return None
        return valore

    def si_no(self, percorso: str) -> bool | None:
        valore = self.testo(percorso)
        if valore not in (None, "si", "no"):
            self.errore(percorso, "Indica sì o no.")
            return None
        return None if valore is None else valore == "si"

    def casella(self, percorso: str) -> bool:
        return self.testo(percorso) is not None

    def leggi(self, percorso: str, lettore: Callable[[str | None], Any]) -> Any:
        try:
            return lettore(self.grezzo(percorso))
        except ValoreNonValidoError as error:
            self.errore(percorso, str(error))
            return None

    def errore(self, percorso: str, messaggio: str) -> None:
        self.errori.setdefault(percorso, messaggio)

    def modello(self, tipo: type[M], dati: dict[str, Any], prefisso: str) -> M | None:
        """Validate with the contract's own model; its errors land on the fields."""
        try:
            return tipo.model_validate(dati)
        except ValidationError as error:
            for percorso, messaggio in field_errors(error.errors()).items():
                completo = f"{prefisso}.{percorso}" if percorso != "richiesta" else prefisso
                tipo_formato = completo in _FORMATO and messaggio != "Campo obbligatorio."
                self.errore(completo, _FORMATO[completo] if tipo_formato else messaggio)
            return None


def leggi_cliente(form: Mapping[str, str]) -> Lettura:
    m = _Modulo(form)
    tipo = m.scelta("cliente.tipo", TIPI_CLIENTE)
    nome, cognome = m.testo("cliente.nome"), m.testo("cliente.cognome")
    denominazione = m.testo("cliente.denominazione")
    codice_fiscale = m.testo("cliente.codice_fiscale", maiuscolo=True, spazi=False)
    partita_iva = m.testo("cliente.partita_iva", spazi=False)
    pec, email = m.testo("cliente.pec", spazi=False), m.testo("cliente.email", spazi=False)
    indirizzo = {
        "via": m.testo("cliente.indirizzo.via"),
        "cap": m.testo("cliente.indirizzo.cap", spazi=False),
        "comune": m.testo("cliente.indirizzo.comune"),
        "provincia": m.testo("cliente.indirizzo.provincia", maiuscolo=True),
    }
    nazione = m.testo("cliente.indirizzo.nazione", maiuscolo=True)
    if codice_fiscale and not _CODICE_FISCALE.match(codice_fiscale):
        m.errore(
            "cliente.codice_fiscale",
            "Codice fiscale non valido: 16 caratteri per una persona fisica, 11 cifre per una "
            "società o un ente.",
        )
    if partita_iva and not _PARTITA_IVA.match(partita_iva.removeprefix("IT")):
        m.errore("cliente.partita_iva", "La partita IVA è formata da 11 cifre.")
    for percorso, indirizzo_email in (("cliente.pec", pec), ("cliente.email", email)):
        if indirizzo_email and not _EMAIL.match(indirizzo_email):
            m.errore(percorso, "Indirizzo non valido: scrivi ad esempio nome@dominio.it.")
    if tipo == "persona_fisica":
        denominazione = None
    elif tipo == "persona_giuridica":
        nome = cognome = None
    dati: dict[str, Any] = {
        "tipo": tipo,
        "nome": nome,
        "cognome": cognome,
        "denominazione": denominazione,
        "codice_fiscale": codice_fiscale,
        "partita_iva": partita_iva.removeprefix("IT") if partita_iva else None,
        "pec": pec,
        "email": email,
    }
    if any(indirizzo.values()) or (nazione and nazione != "IT"):
        dati["indirizzo"] = m.modello(
            Indirizzo, {**indirizzo, "nazione": nazione or "IT"}, "cliente.indirizzo"
        )
    cliente = m.modello(Cliente, dati, "cliente")
    if m.errori or cliente is None:
        return Lettura(None, ["cliente"], m.valori, m.errori)
    return Lettura(ContenutoIstanza(cliente=cliente), ["cliente"], m.valori)


def leggi_pratica(form: Mapping[str, str]) -> Lettura:
    m = _Modulo(form)
    valore = m.leggi("pratica.valore", leggi_importo)
    indeterminabile = m.casella("pratica.valore_indeterminabile")
    if valore is not None and indeterminabile:
        m.errore(
            "pratica.valore",
            "Indica il valore oppure segna «valore indeterminabile», non entrambi.",
        )
    dal = m.leggi("pratica.periodo_dal", leggi_data)
    al = m.leggi("pratica.periodo_al", leggi_data)
    if dal and al and al < dal:
        m.errore("pratica.periodo_al", "La data di fine precede quella di inizio.")
    dati: dict[str, Any] = {
        "autorita": m.testo("pratica.autorita"),
        "procedimento": m.scelta("pratica.procedimento", PROCEDIMENTI),
        "numero_rg": m.testo("pratica.numero_rg"),
        "valore": valore,
        "valore_indeterminabile": indeterminabile,
        "numero_parti": m.leggi("pratica.numero_parti", leggi_intero),
        "periodo_dal": dal,
        "periodo_al": al,
        "mandato_concluso": m.si_no("pratica.mandato_concluso"),
        "difesa_ufficio": m.si_no("pratica.difesa_ufficio"),
        "equo_compenso_art7": m.si_no("pratica.equo_compenso_art7"),
        "insinuazione_passivo": m.casella("pratica.insinuazione_passivo"),
    }
    pratica = m.modello(DatiPratica, dati, "pratica")
    if m.errori or pratica is None:
        return Lettura(None, ["pratica"], m.valori, m.errori)
    return Lettura(ContenutoIstanza(pratica=pratica), ["pratica"], m.valori)


def righe_del_modulo(form: Mapping[str, str]) -> list[Riga]:
    """The rows the form had (each carries its phase in a hidden field), in order."""
    numeri = sorted(
        int(trovato.group(1))
        for chiave in form
        if (trovato := _CAMPO_FASE.match(chiave)) and len(trovato.group(1)) <= 3
    )
    righe = []
    for n in numeri[: MAX_RIGHE + len(FASI_FISSE) + 1]:
        fase = _FASI_PER_NOME.get(form[f"voci.{n}.fase"])
        if fase is not None:
            righe.append(Riga(n, fase, n < len(FASI_FISSE) and fase == FASI_FISSE[n]))
    return righe


def _leggi_percentuale(testo: str | None) -> Decimal | None:
    try:
        valore = leggi_importo(testo)
    except ValoreNonValidoError:
        raise ValoreNonValidoError("Indica una percentuale, ad esempio 15 o 12,5.") from None
    if valore is None:
        raise ValoreNonValidoError("Indica la percentuale (di norma 15).")
    if valore > 15:
        raise ValoreNonValidoError("Al massimo 15% (art. 2 D.M. 55/2014).")
    return valore


def leggi_importi(form: Mapping[str, str]) -> Lettura:
    m = _Modulo(form)
    righe = righe_del_modulo(form)
    voci: list[Voce] = []
    voci_righe: list[int] = []
    for riga in righe:
        prefisso = f"voci.{riga.n}"
        m.grezzo(f"{prefisso}.fase")
        importo = m.leggi(f"{prefisso}.importo", leggi_importo)
        descrizione = m.testo(f"{prefisso}.descrizione")
        motivazione = m.testo(f"{prefisso}.motivazione")
        vuota = not m.valori[f"{prefisso}.importo"].strip() and not descrizione and not motivazione
        if vuota:
            continue
        if importo is None and f"{prefisso}.importo" not in m.errori:
            m.errore(f"{prefisso}.importo", "Indica l'importo, oppure svuota tutta la riga.")
        if riga.fase == "altro" and not descrizione:
            m.errore(f"{prefisso}.descrizione", "Descrivere la voce.")
        if importo is None:
            continue
        dati = {
            "fase": riga.fase,
            "importo": importo,
            "descrizione": descrizione,
            "motivazione": motivazione,
        }
        voce = m.modello(Voce, dati, prefisso)
        if voce is not None:
            voci.append(voce)
            voci_righe.append(riga.n)
    if len(voci) > MAX_RIGHE:
        m.errore("voci", f"Al massimo {MAX_RIGHE} voci.")
    spese_generali = m.leggi("spese_generali_percentuale", _leggi_percentuale)
    spese = m.leggi("spese", leggi_importo)
    note = m.testo("note")
    parti: list[Parte] = ["voci", "spese", "spese_generali_percentuale", "note"]
    if m.errori:
        return Lettura(None, parti, m.valori, m.errori, righe, voci_righe)
    dati_contenuto: dict[str, Any] = {
        "voci": voci,
        "spese": spese,
        "spese_generali_percentuale": spese_generali,
        "note": note,
    }
    contenuto = m.modello(ContenutoIstanza, dati_contenuto, "contenuto")
    errori = {k.removeprefix("contenuto."): v for k, v in m.errori.items()}
    return Lettura(contenuto, parti, m.valori, errori, righe, voci_righe)


def errori_servizio(campi: Mapping[str, str], voci_righe: list[int] | None = None) -> Errori:
    """The service's field errors on the form's paths (``voci.<k>`` -> the k-th row sent)."""
    errori: Errori = {}
    for percorso, messaggio in campi.items():
        percorso = percorso.removeprefix("contenuto.")
        parti = percorso.split(".")
        if parti[0] == "voci" and len(parti) > 1 and parti[1].isdigit() and voci_righe:
            k = int(parti[1])
            if k < len(voci_righe):
                parti[1] = str(voci_righe[k])
        errori.setdefault(".".join(parti), messaggio)
    return errori


# --- the values of a saved draft, as the fields show them ---------------------------------------


def _testo(valore: object) -> str:
    return "" if valore is None else str(valore)


def valori_cliente(cliente: Cliente | None) -> Valori:
    if cliente is None:
        return {"cliente.indirizzo.nazione": "IT"}
    indirizzo = cliente.indirizzo or Indirizzo()
    valori = {
        f"cliente.{nome}": _testo(getattr(cliente, nome))
        for nome in (
            "tipo",
            "nome",
            "cognome",
            "denominazione",
            "codice_fiscale",
            "partita_iva",
            "pec",
            "email",
        )
    }
    for nome in ("via", "cap", "comune", "provincia", "nazione"):
        valori[f"cliente.indirizzo.{nome}"] = _testo(getattr(indirizzo, nome))
    return valori


def _si_no(valore: bool | None) -> str:
    return "" if valore is None else ("si" if valore else "no")


def valori_pratica(pratica: DatiPratica | None) -> Valori:
    p = pratica or DatiPratica()
    return {
        "pratica.autorita": _testo(p.autorita),
        "pratica.procedimento": _testo(p.procedimento),
        "pratica.numero_rg": _testo(p.numero_rg),
        "pratica.valore": importo_da_modificare(p.valore),
        "pratica.valore_indeterminabile": "si" if p.valore_indeterminabile else "",
        "pratica.numero_parti": _testo(p.numero_parti),
        "pratica.periodo_dal": p.periodo_dal.isoformat() if p.periodo_dal else "",
        "pratica.periodo_al": p.periodo_al.isoformat() if p.periodo_al else "",
        "pratica.mandato_concluso": _si_no(p.mandato_concluso),
        "pratica.difesa_ufficio": _si_no(p.difesa_ufficio),
        "pratica.equo_compenso_art7": _si_no(p.equo_compenso_art7),
        "pratica.insinuazione_passivo": "si" if p.insinuazione_passivo else "",
    }


def valori_importi(contenuto: ContenutoIstanza) -> tuple[Valori, list[Riga]]:
    """The amounts step of a saved draft: one row per phase, the other items, one empty row."""
    rimaste = list(contenuto.voci or [])
    ordinate: list[tuple[Riga, Voce | None]] = []
    for n, fase in enumerate(FASI_FISSE):
        voce = next((v for v in rimaste if v.fase == fase), None)
        if voce is not None:
            rimaste.remove(voce)
        ordinate.append((Riga(n, fase, True), voce))
    for voce in rimaste:
        ordinate.append((Riga(len(ordinate), voce.fase, False), voce))
    ordinate.append((Riga(len(ordinate), "altro", False), None))
    valori: Valori = {}
    for riga, voce in ordinate:
        prefisso = f"voci.{riga.n}"
        valori[f"{prefisso}.fase"] = riga.fase
        valori[f"{prefisso}.importo"] = importo_da_modificare(voce.importo) if voce else ""
        valori[f"{prefisso}.descrizione"] = _testo(voce.descrizione) if voce else ""
        valori[f"{prefisso}.motivazione"] = _testo(voce.motivazione) if voce else ""
    valori["spese_generali_percentuale"] = percentuale(contenuto.spese_generali_percentuale)
    valori["spese"] = importo_da_modificare(contenuto.spese)
    valori["note"] = _testo(contenuto.note)
    return valori, [riga for riga, _ in ordinate]
