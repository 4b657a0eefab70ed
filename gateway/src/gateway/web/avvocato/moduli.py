"""Reading the steps' forms into parts of the application, keeping what the user typed.

Every reader returns a :class:`Lettura`: the content to send (every field that could be read
as its type), the fields that could not (``non_letti``: kept as typed, with why, so the draft
loses nothing), the parts it fills, the typed values exactly as typed (to put back into the
fields) and the errors by field path. Whether a readable value is right (a tax code's check
character, a CAP, a PEC) is the service's to say, for every field at once: the reply's
``errori``. Errors the service sends back are mapped onto the form's paths by
:func:`errori_servizio`.
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
    leggi_data,
    leggi_importo,
    leggi_intero,
)
from parcelle_contracts.istanze import (
    CampoNonLetto,
    Cliente,
    ContenutoIstanza,
    DatiPratica,
    Indirizzo,
    Voce,
)
from parcelle_contracts.vocabolario import FASI, FASI_FISSE, PROCEDIMENTI, TIPI_CLIENTE, Fase

Valori = dict[str, str]
Errori = dict[str, str]
M = TypeVar("M", bound=BaseModel)

MAX_RIGHE = 50
FASI_PER_NOME: dict[str, Fase] = {fase: fase for fase in FASI}
_CAMPO_FASE = re.compile(r"^voci\.([0-9]+)\.fase$")
CAMPI_RIGA = ("fase", "descrizione", "importo", "motivazione")

# Clearer words than the generic ones for the fields whose format is fixed.
_FORMATO = {
    "cliente.indirizzo.cap": "Il CAP è formato da 5 cifre, ad esempio 00187.",
    "cliente.indirizzo.provincia": "Indica la sigla di due lettere, ad esempio RM.",
    "cliente.indirizzo.nazione": "Indica il codice di due lettere, ad esempio IT.",
    "cliente.codice_fiscale": "Il codice fiscale ha 16 caratteri (11 cifre per società ed enti).",
    "cliente.partita_iva": "La partita IVA è formata da 11 cifre.",
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
    """What could be read; None only when the form as a whole cannot be (too many rows)."""
    parti: list[Parte]
    valori: Valori = field(default_factory=dict)
    errori: Errori = field(default_factory=dict)
    non_letti: dict[str, CampoNonLetto] = field(default_factory=dict)
    """Fields that could not be read as their type, as typed, with why."""
    righe: list[Riga] = field(default_factory=list)
    """Amounts step: the rows of the form, to render them again."""
    voci_righe: list[int] = field(default_factory=list)
    """Amounts step: position in ``voci`` sent -> row of the form."""

    def da_inviare(self) -> list[CampoNonLetto]:
        """The fields kept as typed, as the request carries them."""
        return [campo.model_copy(update={"campo": p}) for p, campo in self.non_letti.items()]


class _Modulo:
    """Reads fields by path, records each typed value and each error."""

    def __init__(self, form: Mapping[str, str]) -> None:
        self.form = form
        self.valori: Valori = {}
        self.errori: Errori = {}
        self.non_letti: dict[str, CampoNonLetto] = {}

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
        """A field that cannot be read: the error, and its text kept as typed."""
        self.errori.setdefault(percorso, messaggio)
        self.non_letti.setdefault(
            percorso,
            CampoNonLetto(campo=percorso, valore=self.valori.get(percorso, ""), errore=messaggio),
        )

    def trattieni(self, percorso: str) -> None:
        """Keep a readable field as typed, because it belongs with one in error (its row)."""
        self.non_letti.setdefault(
            percorso, CampoNonLetto(campo=percorso, valore=self.valori.get(percorso, ""))
        )

    def modello(self, tipo: type[M], dati: dict[str, Any], prefisso: str) -> M | None:
        """Validate with the contract's own model. A field it refuses is kept as typed with
        its error and left out, and the rest is validated again: every error at once, every
        other field saved. None only when the model as a whole cannot be built."""
        dati = dict(dati)
        for _ in range(len(dati) + 1):
            try:
                return tipo.model_validate(dati)
            except ValidationError as error:
                tolti = False
                for percorso, messaggio in field_errors(error.errors()).items():
                    completo = f"{prefisso}.{percorso}" if percorso != "richiesta" else prefisso
                    tipo_formato = completo in _FORMATO and messaggio != "Campo obbligatorio."
                    self.errore(completo, _FORMATO[completo] if tipo_formato else messaggio)
                    chiave = percorso.split(".", 1)[0]
                    if chiave in dati and dati[chiave] is not None:
                        dati[chiave] = None
                        tolti = True
                if not tolti:
                    return None
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
    return Lettura(ContenutoIstanza(cliente=cliente), ["cliente"], m.valori, m.errori, m.non_letti)


def leggi_pratica(form: Mapping[str, str]) -> Lettura:
    m = _Modulo(form)
    # Both a value and "indeterminable", an end before the start: kept as written, and the
    # service names them with every other error of the draft.
    valore = m.leggi("pratica.valore", leggi_importo)
    indeterminabile = m.casella("pratica.valore_indeterminabile")
    dal = m.leggi("pratica.periodo_dal", leggi_data)
    al = m.leggi("pratica.periodo_al", leggi_data)
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
    return Lettura(ContenutoIstanza(pratica=pratica), ["pratica"], m.valori, m.errori, m.non_letti)


def righe_del_modulo(form: Mapping[str, str]) -> list[Riga]:
    """The rows the form had (each carries its phase in a hidden field), in order."""
    numeri = sorted(
        int(trovato.group(1))
        for chiave in form
        if (trovato := _CAMPO_FASE.match(chiave)) and len(trovato.group(1)) <= 3
    )
    righe = []
    for n in numeri[: MAX_RIGHE + len(FASI_FISSE) + 1]:
        fase = FASI_PER_NOME.get(form[f"voci.{n}.fase"])
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
    """The amounts step. A row whose amount cannot be read (or is missing while the row has
    other text) is kept as typed, all its fields, so the draft loses nothing of it."""
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
        dati = {
            "fase": riga.fase,
            "importo": importo,
            "descrizione": descrizione,
            "motivazione": motivazione,
        }
        voce = m.modello(Voce, dati, prefisso) if importo is not None else None
        if voce is None:
            for nome in CAMPI_RIGA:
                m.trattieni(f"{prefisso}.{nome}")
            continue
        voci.append(voce)
        voci_righe.append(riga.n)
    parti: list[Parte] = ["voci", "spese", "spese_generali_percentuale", "note"]
    if len(voci) > MAX_RIGHE:
        m.errori["voci"] = f"Al massimo {MAX_RIGHE} voci."
        return Lettura(None, parti, m.valori, m.errori, m.non_letti, righe, voci_righe)
    spese_generali = m.leggi("spese_generali_percentuale", _leggi_percentuale)
    dati_contenuto: dict[str, Any] = {
        "voci": voci,
        "spese": m.leggi("spese", leggi_importo),
        "note": m.testo("note"),
    }
    if spese_generali is not None:
        dati_contenuto["spese_generali_percentuale"] = spese_generali
    contenuto = m.modello(ContenutoIstanza, dati_contenuto, "contenuto")
    errori = {k.removeprefix("contenuto."): v for k, v in m.errori.items()}
    non_letti = {_trattenuto(k.removeprefix("contenuto.")): v for k, v in m.non_letti.items()}
    return Lettura(contenuto, parti, m.valori, errori, non_letti, righe, voci_righe)


_TRATTENUTO = re.compile(r"^voci\.riga([0-9]+)\.([a-z]+)$")


def _trattenuto(percorso: str) -> str:
    """The path a row's kept field has in the draft: ``voci.3.importo`` -> ``voci.riga3.importo``
    (``voci.3`` there would be the draft's fourth item, not the form's fourth row)."""
    parti = percorso.split(".")
    if len(parti) == 3 and parti[0] == "voci" and parti[1].isdigit():
        return f"voci.riga{parti[1]}.{parti[2]}"
    return percorso


def riga_trattenuta(percorso: str) -> tuple[int, str] | None:
    """The form's row and field of a kept field's path, or None for another path."""
    trovato = _TRATTENUTO.match(percorso)
    return (int(trovato.group(1)), trovato.group(2)) if trovato else None


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
