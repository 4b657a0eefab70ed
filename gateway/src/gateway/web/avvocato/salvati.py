"""The values of a saved draft as the steps' fields show them: the content the service keeps,
with the fields it keeps as typed (``non_letti``) put back where they were typed."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from gateway.web.avvocato.moduli import (
    CAMPI_RIGA,
    FASI_PER_NOME,
    Errori,
    Riga,
    Valori,
    riga_trattenuta,
)
from gateway.web.formato import importo_da_modificare, percentuale
from parcelle_contracts.istanze import (
    CampoNonLetto,
    Cliente,
    ContenutoIstanza,
    DatiPratica,
    Indirizzo,
    Istanza,
    Voce,
)
from parcelle_contracts.vocabolario import FASI_FISSE


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


@dataclass
class Importi:
    """The amounts step of a saved draft, as the form shows it."""

    valori: Valori
    righe: list[Riga]
    riga_della_voce: list[int]
    """Position of an item in the draft's ``voci`` -> row of the form."""
    rinominati: dict[str, str]
    """A kept field's path (the row it had when saved) -> its path in the form now."""


def importi_salvati(
    contenuto: ContenutoIstanza, non_letti: Mapping[str, CampoNonLetto] | None = None
) -> Importi:
    """One row per fixed phase, the other items, the rows kept as typed (their amount could
    not be read), one empty row; each kept field put back where it belongs."""
    non_letti = non_letti or {}
    indici = list(range(len(contenuto.voci or [])))
    voci = list(contenuto.voci or [])
    ordinate: list[tuple[Riga, Voce | None]] = []
    riga_della_voce = [0] * len(voci)
    for n, fase in enumerate(FASI_FISSE):
        k = next((k for k in indici if voci[k].fase == fase), None)
        if k is not None:
            indici.remove(k)
            riga_della_voce[k] = n
        ordinate.append((Riga(n, fase, True), voci[k] if k is not None else None))
    for k in indici:
        riga_della_voce[k] = len(ordinate)
        ordinate.append((Riga(len(ordinate), voci[k].fase, False), voci[k]))
    trattenute = sorted({t[0] for p in non_letti if (t := riga_trattenuta(p)) is not None})
    rinominati: dict[str, str] = {}
    for vecchia in trattenute:
        if vecchia < len(FASI_FISSE):
            nuova = vecchia
        else:
            campo_fase = non_letti.get(f"voci.riga{vecchia}.fase")
            fase = FASI_PER_NOME.get(campo_fase.valore if campo_fase else "", "altro")
            nuova = len(ordinate)
            ordinate.append((Riga(nuova, fase, False), None))
        for nome in CAMPI_RIGA:
            rinominati[f"voci.riga{vecchia}.{nome}"] = f"voci.{nuova}.{nome}"
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
    for percorso, campo in non_letti.items():
        if percorso.endswith(".fase"):
            continue
        valori[rinominati.get(percorso, percorso)] = campo.valore
    return Importi(valori, [riga for riga, _ in ordinate], riga_della_voce, rinominati)


def valori_importi(contenuto: ContenutoIstanza) -> tuple[Valori, list[Riga]]:
    """The amounts step of a saved draft: one row per phase, the other items, one empty row."""
    importi = importi_salvati(contenuto)
    return importi.valori, importi.righe


def passo_salvato(
    slug: str, istanza: Istanza, del_passo: Callable[[str], bool]
) -> tuple[Valori, list[Riga], Errori]:
    """A step of a saved draft: its fields' values (those kept as typed among them), its rows
    (amounts step) and the errors the service names on its fields, on the form's paths."""
    contenuto = istanza.contenuto
    non_letti = {campo.campo: campo for campo in istanza.non_letti}
    righe: list[Riga] = []
    rinominati: dict[str, str] = {}
    riga_della_voce: list[int] = []
    if slug == "cliente":
        valori = valori_cliente(contenuto.cliente)
    elif slug == "pratica":
        valori = valori_pratica(contenuto.pratica)
    elif slug == "importi":
        importi = importi_salvati(contenuto, non_letti)
        valori, righe = importi.valori, importi.righe
        rinominati, riga_della_voce = importi.rinominati, importi.riga_della_voce
    else:
        return {}, [], {}
    if slug != "importi":
        valori.update({p: c.valore for p, c in non_letti.items() if del_passo(p)})
    errori: Errori = {}
    for percorso, messaggio in ((e.campo, e.messaggio) for e in istanza.errori):
        if not del_passo(percorso):
            continue
        parti = percorso.split(".")
        if percorso in rinominati:
            percorso = rinominati[percorso]
        elif parti[0] == "voci" and len(parti) > 1 and parti[1].isdigit():
            k = int(parti[1])
            if k < len(riga_della_voce):
                percorso = ".".join(["voci", str(riga_della_voce[k]), *parti[2:]])
        errori.setdefault(percorso, messaggio)
    return valori, righe, errori
