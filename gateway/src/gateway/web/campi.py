"""The fields of the forms: their labels (for the error summary) and their element ids.

A field's name in the form is its path in the application content (``cliente.codice_fiscale``,
``voci.2.importo``), so an error from the service lands on the field it names.
"""

from collections.abc import Callable, Mapping

from parcelle_contracts.vocabolario import FASI

ETICHETTE = {
    "assegnazione.relatore": "Consigliere relatore",
    "assegnazione.motivo": "Motivo",
    "osservazioni.file": "File delle osservazioni (PDF)",
    "stazione.nome": "Nome della stazione",
    "cliente.tipo": "Il cliente è",
    "cliente.nome": "Nome",
    "cliente.cognome": "Cognome",
    "cliente.denominazione": "Denominazione o ragione sociale",
    "cliente.codice_fiscale": "Codice fiscale",
    "cliente.partita_iva": "Partita IVA",
    "cliente.indirizzo.via": "Indirizzo (via e numero civico)",
    "cliente.indirizzo.cap": "CAP",
    "cliente.indirizzo.comune": "Comune",
    "cliente.indirizzo.provincia": "Provincia (sigla)",
    "cliente.indirizzo.nazione": "Nazione (codice)",
    "cliente.indirizzo": "Indirizzo",
    "cliente.pec": "PEC (domicilio digitale)",
    "cliente.email": "E-mail",
    "pratica.autorita": "Autorità giudiziaria o ente",
    "pratica.procedimento": "Tipo di procedimento",
    "pratica.numero_rg": "Numero di ruolo generale (R.G.)",
    "pratica.valore": "Valore della pratica",
    "pratica.valore_indeterminabile": "Valore indeterminabile",
    "pratica.numero_parti": "Numero delle parti assistite",
    "pratica.periodo_dal": "Attività iniziata il",
    "pratica.periodo_al": "Attività conclusa il",
    "pratica.mandato_concluso": "Il mandato è concluso?",
    "pratica.difesa_ufficio": "Difesa d'ufficio o patrocinio a spese dello Stato?",
    "pratica.equo_compenso_art7": "Chiedi la procedura dell'art. 7 L. 49/2023 (equo compenso)?",
    "pratica.insinuazione_passivo": "Insinuazione al passivo",
    "voci": "Importi per fase",
    "spese_generali_percentuale": "Spese generali",
    "spese": "Spese sostenute",
    "note": "Note",
    "categoria": "Tipo di documento",
    "file": "File da allegare",
    "firmato": "File firmato",
    "motivo": "Motivo della rinuncia",
    "integrazione.nota": "Nota per il relatore",
    "integrazione.file": "Documenti",
    "integrazione.categoria": "Tipo dei documenti",
    "username": "Nome utente",
    "password": "Password",
}

_PARTI_VOCE = {
    "importo": "importo",
    "descrizione": "descrizione",
    "motivazione": "motivazione",
    "fase": "fase",
}

_NOMI_FASI: dict[str, str] = {fase: nome for fase, nome in FASI.items()}

PRIMA_OPZIONE = {
    "cliente.tipo": "persona_fisica",
    "esito": "liquidata",
    "pratica.mandato_concluso": "si",
    "pratica.difesa_ufficio": "si",
    "pratica.equo_compenso_art7": "si",
}
"""Radio groups: the summary links to their first option."""


def id_campo(percorso: str) -> str:
    """``cliente.indirizzo.cap`` -> ``f-cliente-indirizzo-cap`` (radio groups: first option)."""
    base = "f-" + percorso.replace(".", "-")
    opzione = PRIMA_OPZIONE.get(percorso)
    return f"{base}-{opzione}" if opzione else base


def id_opzione(percorso: str, valore: str) -> str:
    return "f-" + percorso.replace(".", "-") + "-" + valore


def etichetta(percorso: str, fasi_righe: Mapping[int, str] | None = None) -> str:
    """The label of a field, for the error summary; voci rows say their phase."""
    if percorso in ETICHETTE:
        return ETICHETTE[percorso]
    parti = percorso.split(".")
    if parti[0] == "voci" and len(parti) >= 2 and parti[1].isdigit():
        riga = int(parti[1])
        fase = (fasi_righe or {}).get(riga, "")
        nome = _NOMI_FASI.get(fase, f"Voce {riga + 1}")
        campo = _PARTI_VOCE.get(parti[2], parti[2]) if len(parti) > 2 else ""
        return f"{nome}: {campo}" if campo else nome
    return percorso


def riepilogo_errori(
    errori: dict[str, str],
    *,
    pagina_del_campo: Callable[[str], str | None] | None = None,
    fasi_righe: Mapping[int, str] | None = None,
) -> list[dict[str, str]]:
    """The error summary: one entry per field, linking to the field; on another page's address
    when ``pagina_del_campo`` says the field is on another page (the steps of a form)."""
    voci = []
    for percorso, messaggio in errori.items():
        ancora = f"#{id_campo(percorso)}"
        altra_pagina = pagina_del_campo(percorso) if pagina_del_campo else None
        href = f"{altra_pagina}{ancora}" if altra_pagina else ancora
        voci.append(
            {"etichetta": etichetta(percorso, fasi_righe), "messaggio": messaggio, "href": href}
        )
    return voci
