"""The one vocabulary of Parcelle: the values the procedure knows (states, phases, kinds of
proceeding, categories of attachment, signatures, channels) and the Italian words for each.

Pages, PDFs and mails all take their words from here, so a phase or a state is named the same
way wherever a user reads it. Standard library only: the services' pure domains may use it too
(it is shared language, not infrastructure). Presentation (badge colours, icons) stays with
whoever shows it.
"""

from collections.abc import Mapping
from typing import Final, Literal

Stato = Literal[
    "bozza",
    "depositata",
    "acquisita",
    "integrazione_richiesta",
    "provvedimento_emesso",
    "non_liquidabile",
    "rinunciata",
    "chiusa",
]
STATI: Final[Mapping[Stato, str]] = {
    "bozza": "Bozza",
    "depositata": "Depositata",
    "acquisita": "Acquisita dalla segreteria",
    "integrazione_richiesta": "Integrazione richiesta",
    "provvedimento_emesso": "Provvedimento emesso",
    "non_liquidabile": "Non liquidabile",
    "rinunciata": "Rinunciata",
    "chiusa": "Chiusa",
}

Fase = Literal["studio", "introduttiva", "istruttoria", "decisionale", "altro"]
FASI: Final[Mapping[Fase, str]] = {
    # DM 55/2014 art. 4 c.5 names the phases of a civil judgment this way.
    "studio": "Fase di studio della controversia",
    "introduttiva": "Fase introduttiva del giudizio",
    "istruttoria": "Fase istruttoria e/o di trattazione",
    "decisionale": "Fase decisionale",
    "altro": "Altra voce",
}
FASI_FISSE: Final[tuple[Fase, ...]] = ("studio", "introduttiva", "istruttoria", "decisionale")
"""The phases every application lists, in the order of the proceeding."""

Procedimento = Literal[
    "tribunale_cognizione",
    "tribunale_lavoro",
    "tribunale_famiglia",
    "monitorio",
    "cautelare",
    "volontaria_giurisdizione",
    "esecuzione",
    "fallimentare",
    "giudice_di_pace",
    "corte_appello",
    "cassazione",
    "giustizia_amministrativa",
    "tributario",
    "penale",
    "arbitrato",
    "mediazione_negoziazione",
    "stragiudiziale",
    "altro",
]
PROCEDIMENTI: Final[Mapping[Procedimento, str]] = {
    "tribunale_cognizione": "Tribunale: giudizio ordinario di cognizione",
    "tribunale_lavoro": "Tribunale: controversie di lavoro e previdenza",
    "tribunale_famiglia": "Tribunale: famiglia e minori",
    "monitorio": "Procedimento monitorio (decreto ingiuntivo)",
    "cautelare": "Procedimento cautelare",
    "volontaria_giurisdizione": "Volontaria giurisdizione",
    "esecuzione": "Procedimento di esecuzione",
    "fallimentare": "Procedura concorsuale",
    "giudice_di_pace": "Giudice di pace",
    "corte_appello": "Corte d'appello",
    "cassazione": "Corte di cassazione e giurisdizioni superiori",
    "giustizia_amministrativa": "Giustizia amministrativa (TAR, Consiglio di Stato)",
    "tributario": "Giustizia tributaria",
    "penale": "Procedimento penale",
    "arbitrato": "Arbitrato",
    "mediazione_negoziazione": "Mediazione e negoziazione assistita",
    "stragiudiziale": "Attività stragiudiziale",
    "altro": "Altro",
}

CategoriaAllegato = Literal["parcella", "prova_invio", "relazione", "atti", "procura", "altro"]
CATEGORIE_ALLEGATO: Final[Mapping[CategoriaAllegato, str]] = {
    "parcella": "Parcella (notula)",
    "prova_invio": "Prova dell'invio della parcella al cliente",
    "relazione": "Relazione sull'attività svolta",
    "atti": "Atti del procedimento",
    "procura": "Procura (mandato)",
    "altro": "Altro documento",
}

TipoFirma = Literal["pades", "cades", "autografa"]
TIPI_FIRMA: Final[Mapping[TipoFirma, str]] = {
    "pades": "Firma digitale PAdES (PDF firmato)",
    "cades": "Firma digitale CAdES (file .p7m)",
    "autografa": "Firma autografa (originale in segreteria)",
}

GenereFirma = Literal["digitale", "autografa"]
"""The two kinds of signature a list can be narrowed to (digital: PAdES or CAdES)."""
GENERI_FIRMA: Final[Mapping[GenereFirma, str]] = {
    "digitale": "Firma digitale",
    "autografa": "Firma autografa",
}

LivelloFirma = Literal["pades-b-b", "pades-b-t", "pades-b-lt", "pades-b-lta"]
"""PAdES baseline levels (ETSI EN 319 142-1) of a signature Parcelle applies: B-B the signature
alone, B-T with a timestamp, B-LT with the validation data (DSS) too, B-LTA with a document
timestamp over them."""
LIVELLI_FIRMA: Final[Mapping[LivelloFirma, str]] = {
    "pades-b-b": "PAdES B-B (firma)",
    "pades-b-t": "PAdES B-T (firma con marca temporale)",
    "pades-b-lt": "PAdES B-LT (firma con marca temporale e dati di validazione)",
    "pades-b-lta": "PAdES B-LTA (firma per la conservazione a lungo termine)",
}

TipoCliente = Literal["persona_fisica", "persona_giuridica"]
TIPI_CLIENTE: Final[Mapping[TipoCliente, str]] = {
    "persona_fisica": "Persona fisica",
    "persona_giuridica": "Persona giuridica",
}

Canale = Literal["pec", "email", "raccomandata"]
"""How a notice travels to its recipient."""
CANALI: Final[Mapping[Canale, str]] = {
    "pec": "PEC",
    "email": "E-mail",
    "raccomandata": "Raccomandata A/R",
}

StatoInvio = Literal["in_attesa", "inviata", "consegnata", "non_consegnata"]
STATI_INVIO: Final[Mapping[StatoInvio, str]] = {
    "in_attesa": "In attesa di invio",
    "inviata": "Inviata",
    "consegnata": "Consegnata",
    "non_consegnata": "Non consegnata",
}
PROGRESSO_INVIO: Final[Mapping[StatoInvio, int]] = {
    "in_attesa": 0,
    "inviata": 1,
    "non_consegnata": 2,
    "consegnata": 3,
}
"""How far a delivery has gone: a report never moves it back (receipts may arrive late or
twice, and a delivery receipt beats an earlier warning)."""

TipoComunicazione = Literal["avvio_procedimento"]
TIPI_COMUNICAZIONE: Final[Mapping[TipoComunicazione, str]] = {
    "avvio_procedimento": "Comunicazione di avvio del procedimento",
}

Messaggio = Literal[
    "ricevuta_deposito",
    "acquisizione",
    "avvio_procedimento",
    "cambio_relatore",
    "integrazione_richiesta",
    "provvedimento_emesso",
    "non_liquidabile",
    "diritti_dovuti",
    "pagamento_registrato",
    "provvedimento_al_cliente",
]
"""The messages ``notifiche`` knows how to write; a command names one and carries its data."""
MESSAGGI: Final[Mapping[Messaggio, str]] = {
    "ricevuta_deposito": "Ricevuta di deposito",
    "acquisizione": "Istanza acquisita e protocollata",
    "avvio_procedimento": "Comunicazione di avvio del procedimento",
    "cambio_relatore": "Cambio del consigliere relatore",
    "integrazione_richiesta": "Richiesta di integrazione",
    "provvedimento_emesso": "Provvedimento di liquidazione emesso",
    "non_liquidabile": "Decisione di non liquidabilità",
    "diritti_dovuti": "Diritti di opinamento dovuti",
    "pagamento_registrato": "Pagamento registrato",
    "provvedimento_al_cliente": "Trasmissione del provvedimento",
}

MetodoPagamento = Literal["pagopa", "bonifico", "pos", "contanti"]
"""How the council fee was paid."""
METODI_PAGAMENTO: Final[Mapping[MetodoPagamento, str]] = {
    "pagopa": "pagoPA",
    "bonifico": "Bonifico bancario",
    "pos": "Carta (POS) allo sportello",
    "contanti": "Contanti allo sportello",
}

RuoloDestinatario = Literal["cliente", "obbligato"]
"""Who the order is sent to: the client, or another person bound to pay the fee."""
RUOLI_DESTINATARIO: Final[Mapping[RuoloDestinatario, str]] = {
    "cliente": "Cliente",
    "obbligato": "Altro obbligato",
}

CanalePosta = Literal["pec", "email"]
"""The channels ``notifiche`` delivers through (registered mail is ``postale``'s)."""

TipoRicevutaPec = Literal[
    "accettazione",
    "non-accettazione",
    "avvenuta-consegna",
    "preavviso-errore-consegna",
    "errore-consegna",
]
"""The PEC receipts a sender gets back, as ``daticert.xml`` names them (DPCM 2/11/2005)."""
RICEVUTE_PEC: Final[Mapping[TipoRicevutaPec, str]] = {
    "accettazione": "Ricevuta di accettazione PEC",
    "non-accettazione": "Avviso di non accettazione PEC",
    "avvenuta-consegna": "Ricevuta di avvenuta consegna PEC",
    "preavviso-errore-consegna": "Preavviso di mancata consegna PEC",
    "errore-consegna": "Avviso di mancata consegna PEC",
}

StatoRaccomandata = Literal[
    "accettata",
    "stampata",
    "spedita",
    "consegnata",
    "ricevuta_ritorno",
    "in_giacenza",
    "restituita",
    "non_recapitabile",
    "rifiutata",
]
"""Where a raccomandata A/R is, as the print center and Poste report it."""
STATI_RACCOMANDATA: Final[Mapping[StatoRaccomandata, str]] = {
    "accettata": "Accettata dal centro stampa",
    "stampata": "Stampata e imbustata",
    "spedita": "Consegnata a Poste Italiane",
    "consegnata": "Consegnata al destinatario",
    "ricevuta_ritorno": "Avviso di ricevimento tornato",
    "in_giacenza": "In giacenza presso l'ufficio postale",
    "restituita": "Restituita al mittente",
    "non_recapitabile": "Non recapitabile",
    "rifiutata": "Rifiutata dal centro stampa",
}

TipoRicevutaPostale = Literal["accettazione", "ricevuta_ritorno"]
"""The receipts of a raccomandata A/R that ``postale`` keeps."""
RICEVUTE_POSTALI: Final[Mapping[TipoRicevutaPostale, str]] = {
    "accettazione": "Distinta di accettazione",
    "ricevuta_ritorno": "Avviso di ricevimento (cartolina A/R)",
}
SIMULATORE_CENTRO_STAMPA: Final = "Simulatore del centro stampa"
"""How the local print-center simulator is named on every page and document it touches."""

Tramite = Literal["area_web", "api", "stazione", "sistema"]
"""Through what an action reached Parcelle: a person's web area, the REST API (an integrator's
program acting for its user), a scanner station, or Parcelle itself (a rule, a schedule)."""

TipoFile = Literal["PDF", "PDF firmato", "CAdES (p7m)", "JPEG", "PNG"]
"""The kinds of file Parcelle recognises from their content, named as users read them."""

Requisito = Literal[
    "avvocato",
    "cliente",
    "identificativo_cliente",
    "indirizzo_cliente",
    "recapito_art7",
    "autorita",
    "procedimento",
    "numero_rg",
    "valore",
    "numero_parti",
    "periodo",
    "mandato_concluso",
    "difesa_ufficio",
    "equo_compenso_art7",
    "voci",
    "allegato_parcella",
    "allegato_prova_invio",
    "allegato_relazione",
    "allegato_atti",
    "allegato_procura",
]
"""Something an Ordine may require before a deposit (``istanze`` says what each means and
checks it; the Ordine's settings list which it requires)."""

MB: Final = 1024 * 1024
"""A megabyte as the lawyer's file manager counts it (Windows shows binary units as "MB"), so a
file shown as 16 MB is not refused by a 16 MB limit."""

REQUISITI_PREDEFINITI: Final[tuple[Requisito, ...]] = (
    # The application names the applicant by tax code and PEC, and the signature is checked
    # against that tax code: both come from the lawyer's account.
    "avvocato",
    "cliente",
    "identificativo_cliente",
    "indirizzo_cliente",
    # L. 49/2023 art. 7: the opinion must be served on the client, so when the lawyer asks for
    # that procedure the client's residence or PEC is indispensable.
    "recapito_art7",
    "autorita",
    "procedimento",
    "numero_rg",
    "valore",
    "mandato_concluso",
    "difesa_ufficio",
    "equo_compenso_art7",
    "voci",
    "allegato_parcella",
    "allegato_prova_invio",
)
"""What every Ordine we know of asks before it accepts a deposit (DOMAIN.md)."""

Ruolo = Literal["avvocato", "segreteria", "consigliere"]
AREE: Final[Mapping[Ruolo, str]] = {
    "avvocato": "Area riservata dell'avvocato",
    "segreteria": "Area web della segreteria",
    "consigliere": "Area del consigliere",
}
"""Each role's web area, as a user names it."""

NON_INDICATO: Final = "non indicato"
"""What a document prints where the application gave no value."""

DATI_ISTANZA: Final[Mapping[str, str]] = {
    "cliente.codice_fiscale": "Codice fiscale",
    "cliente.partita_iva": "Partita IVA",
    "cliente.residenza": "Residenza",
    "cliente.sede": "Sede",
    "cliente.pec": "Domicilio digitale (PEC)",
    "cliente.email": "E-mail",
    "pratica.autorita": "Autorità",
    "pratica.procedimento": "Tipo di procedimento",
    "pratica.numero_rg": "Numero di R.G.",
    "pratica.valore": "Valore della pratica",
    "pratica.numero_parti": "Numero delle parti",
    "pratica.periodo": "Periodo dell'attività",
    "pratica.mandato_concluso": "Mandato concluso",
    "pratica.difesa_ufficio": "Difesa d'ufficio o patrocinio a spese dello Stato",
    "pratica.equo_compenso_art7": "Procedura dell'art. 7 L. 49/2023 (equo compenso)",
    "pratica.insinuazione_passivo": "Insinuazione al passivo",
    "totali.compenso": "Compenso",
    "totali.spese_generali": "Spese generali",
    "totali.cpa": "Cassa Forense \u2013 CPA (4%)",
    "totali.iva": "IVA (22%)",
    "totali.spese": "Spese documentate (esenti)",
    "totali.totale": "Totale",
    "motivazioni": "Motivazioni",
    "note": "Note",
}
"""How the application names each of its data: the PDF the lawyer signs and the summary the
lawyer reads before signing say the same words."""


def tramite(via: Tramite, ruolo: Ruolo | None = None, stazione: str | None = None) -> str:
    """Where an action came from, in words that fit who acted: the lawyer's deposit from their
    own area is "Area riservata dell'avvocato", a clerk's scan "stazione di scansione «S1»"."""
    if via == "area_web":
        return AREE[ruolo] if ruolo is not None else "Area web"
    if via == "stazione":
        return f"Stazione di scansione «{stazione}»" if stazione else "Stazione di scansione"
    if via == "api":
        return "API (programma collegato)"
    return "Automaticamente"
