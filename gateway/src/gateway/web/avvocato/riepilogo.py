"""The application's data as the summary step shows them: every line the application PDF
prints, in its words (:data:`parcelle_contracts.vocabolario.DATI_ISTANZA`) and with its values
("Sì", "No", "non indicato", "dal 01/03/2024 al 15/10/2025"), so that what the lawyer reads
before signing is what the document they sign says."""

from dataclasses import dataclass
from typing import Any

from gateway.web.formato import data_it, euro, percentuale
from parcelle_contracts.istanze import Cliente, DatiPratica, Indirizzo, Istanza
from parcelle_contracts.vocabolario import (
    DATI_ISTANZA,
    FASI,
    NON_INDICATO,
    PROCEDIMENTI,
    TIPI_CLIENTE,
)


@dataclass(frozen=True)
class Riga:
    etichetta: str
    valore: str


def _si_no(valore: bool | None) -> str:
    return NON_INDICATO if valore is None else ("Sì" if valore else "No")


def _indirizzo(indirizzo: Indirizzo | None) -> str:
    """``Via Roma 1, 00184 Roma (RM)``, as the application prints it."""
    if indirizzo is None:
        return NON_INDICATO
    localita = " ".join(parte for parte in (indirizzo.cap, indirizzo.comune) if parte)
    if indirizzo.provincia:
        localita = f"{localita} ({indirizzo.provincia.upper()})".strip()
    parti = [parte for parte in (indirizzo.via, localita) if parte]
    if indirizzo.nazione != "IT":
        parti.append(indirizzo.nazione)
    return ", ".join(parti) or NON_INDICATO


def periodo(pratica: DatiPratica) -> str:
    """``dal 01/03/2024 al 15/10/2025``, what part of it is known, or "non indicato"."""
    parti = []
    if pratica.periodo_dal is not None:
        parti.append(f"dal {data_it(pratica.periodo_dal)}")
    if pratica.periodo_al is not None:
        parti.append(f"al {data_it(pratica.periodo_al)}")
    return " ".join(parti) or NON_INDICATO


def _riga(chiave: str, valore: str | None) -> Riga:
    return Riga(DATI_ISTANZA[chiave], valore or NON_INDICATO)


def cliente(dati: Cliente) -> list[Riga]:
    giuridica = dati.tipo == "persona_giuridica"
    if giuridica:
        nominativo = dati.denominazione
    else:
        nominativo = f"{dati.nome or ''} {dati.cognome or ''}".strip() or dati.denominazione
    righe = [
        Riga(TIPI_CLIENTE[dati.tipo] if dati.tipo else "Cliente", nominativo or NON_INDICATO),
        _riga("cliente.codice_fiscale", dati.codice_fiscale),
    ]
    if giuridica:
        righe.append(_riga("cliente.partita_iva", dati.partita_iva))
    righe.append(
        _riga("cliente.sede" if giuridica else "cliente.residenza", _indirizzo(dati.indirizzo))
    )
    righe.append(_riga("cliente.pec", dati.pec))
    if dati.email:
        righe.append(_riga("cliente.email", dati.email))
    return righe


def pratica(dati: DatiPratica) -> list[Riga]:
    if dati.valore_indeterminabile:
        valore = "indeterminabile"
    else:
        valore = euro(dati.valore) if dati.valore is not None else NON_INDICATO
    righe = [
        _riga("pratica.autorita", dati.autorita),
        _riga(
            "pratica.procedimento", PROCEDIMENTI[dati.procedimento] if dati.procedimento else None
        ),
        _riga("pratica.numero_rg", dati.numero_rg),
        _riga("pratica.valore", valore),
        _riga("pratica.numero_parti", str(dati.numero_parti) if dati.numero_parti else None),
        _riga("pratica.periodo", periodo(dati)),
        _riga("pratica.mandato_concluso", _si_no(dati.mandato_concluso)),
        _riga("pratica.difesa_ufficio", _si_no(dati.difesa_ufficio)),
        _riga("pratica.equo_compenso_art7", _si_no(dati.equo_compenso_art7)),
    ]
    if dati.insinuazione_passivo:
        righe.append(_riga("pratica.insinuazione_passivo", "Sì"))
    return righe


def importi(istanza: Istanza) -> dict[str, Any]:
    """Each item as the application's table names it, the totals, the reasons, the notes."""
    contenuto = istanza.contenuto
    voci = [
        Riga(FASI[v.fase] + (f": {v.descrizione}" if v.descrizione else ""), euro(v.importo))
        for v in contenuto.voci or []
    ]
    totali = istanza.totali
    righe_totali = []
    if totali is not None:
        sg = percentuale(contenuto.spese_generali_percentuale) + "%"
        righe_totali = [
            _riga("totali.compenso", euro(totali.compenso)),
            Riga(
                f"{DATI_ISTANZA['totali.spese_generali']} ({sg} del compenso)",
                euro(totali.spese_generali),
            ),
            _riga("totali.cpa", euro(totali.cpa)),
            _riga("totali.iva", euro(totali.iva)),
            _riga("totali.spese", euro(totali.spese)),
            _riga("totali.totale", euro(totali.totale)),
        ]
    motivazioni = [
        f"{FASI[v.fase]}. {v.motivazione}" for v in contenuto.voci or [] if v.motivazione
    ]
    return {"voci": voci, "totali": righe_totali, "motivazioni": motivazioni}


def contesto(istanza: Istanza) -> dict[str, Any]:
    """What the summary step shows of ``istanza``'s data."""
    contenuto = istanza.contenuto
    return {
        "cliente": cliente(contenuto.cliente) if contenuto.cliente else None,
        "pratica": pratica(contenuto.pratica) if contenuto.pratica else None,
        "importi": importi(istanza),
    }
