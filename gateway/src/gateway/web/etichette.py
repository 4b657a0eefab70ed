"""Italian labels for the values of the contracts (states, kinds of proceeding, phases,
categories of attachment, channels and states of a notice, where an action was done) and the
badge each state wears."""

from parcelle_contracts.acquisizione import Canale, StatoInvio
from parcelle_contracts.istanze import CategoriaAllegato, Fase, Procedimento, Stato

STATI: dict[Stato, str] = {
    "bozza": "Bozza",
    "depositata": "Depositata",
    "acquisita": "Acquisita dalla segreteria",
    "integrazione_richiesta": "Integrazione richiesta",
    "provvedimento_emesso": "Provvedimento emesso",
    "non_liquidabile": "Non liquidabile",
    "rinunciata": "Rinunciata",
    "chiusa": "Chiusa",
}

# Bootstrap Italia badge colours; each pairs with a text colour that keeps a 4.5:1 contrast.
BADGE: dict[Stato, str] = {
    "bozza": "text-bg-light border",
    "depositata": "text-bg-primary",
    "acquisita": "text-bg-primary",
    "integrazione_richiesta": "text-bg-warning",
    "provvedimento_emesso": "text-bg-success",
    "non_liquidabile": "text-bg-danger",
    "rinunciata": "text-bg-dark",
    "chiusa": "text-bg-dark",
}

PROCEDIMENTI: dict[Procedimento, str] = {
    "tribunale_cognizione": "Tribunale: giudizio ordinario di cognizione",
    "tribunale_lavoro": "Tribunale: controversie di lavoro e previdenza",
    "tribunale_famiglia": "Tribunale: famiglia e minori",
    "volontaria_giurisdizione": "Volontaria giurisdizione",
    "esecuzione": "Procedimenti esecutivi",
    "fallimentare": "Procedure concorsuali",
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

FASI: dict[Fase, str] = {
    "studio": "Fase di studio",
    "introduttiva": "Fase introduttiva",
    "istruttoria": "Fase istruttoria e/o di trattazione",
    "decisionale": "Fase decisionale",
    "altro": "Altra voce",
}
FASI_FISSE: tuple[Fase, ...] = ("studio", "introduttiva", "istruttoria", "decisionale")

CATEGORIE: dict[CategoriaAllegato, str] = {
    "parcella": "Parcella (notula)",
    "prova_invio": "Prova di invio della parcella al cliente",
    "relazione": "Relazione sull'attività svolta",
    "atti": "Atti del procedimento",
    "procura": "Procura",
    "altro": "Altro documento",
}

TIPI_CLIENTE = {"persona_fisica": "Persona fisica", "persona_giuridica": "Persona giuridica"}

TIPI_FIRMA = {
    "pades": "Firma digitale PAdES (PDF firmato)",
    "cades": "Firma digitale CAdES (file .p7m)",
    "autografa": "Firma autografa (originale in segreteria)",
}

RINUNCIABILI: frozenset[Stato] = frozenset({"depositata", "acquisita", "integrazione_richiesta"})
"""States in which the lawyer may still withdraw the application."""


def stato(valore: Stato) -> str:
    return STATI.get(valore, valore)


def badge(valore: Stato) -> str:
    return BADGE.get(valore, "text-bg-light border")


_STATI_PER_NOME: dict[str, Stato] = {nome: nome for nome in STATI}


def stato_da_testo(testo: str | None) -> Stato | None:
    """A state named in a query string, or None when it names none."""
    return _STATI_PER_NOME.get(testo or "")


# --- the secretariat's cases ---

CANALI: dict[Canale, str] = {
    "pec": "PEC",
    "email": "E-mail",
    "raccomandata": "Raccomandata A/R",
}
STATI_INVIO: dict[StatoInvio, str] = {
    "in_attesa": "In attesa di invio",
    "inviata": "Inviata",
    "consegnata": "Consegnata",
    "non_consegnata": "Non consegnata",
}
BADGE_INVIO: dict[StatoInvio, str] = {
    "in_attesa": "text-bg-warning",
    "inviata": "text-bg-primary",
    "consegnata": "text-bg-success",
    "non_consegnata": "text-bg-danger",
}
TIPI_COMUNICAZIONE = {"avvio_procedimento": "Comunicazione di avvio del procedimento"}
FILTRI_FIRMA = {"digitale": "Firma digitale", "autografa": "Firma autografa"}


def luogo(dove: str | None) -> str:
    """Where an action was done, as the timeline says it."""
    if not dove:
        return "—"
    if dove == "web":
        return "Area web della segreteria"
    if dove == "api":
        return "API"
    return f"Stazione di scansione «{dove}»"
