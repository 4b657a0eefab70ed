"""The six steps of the guided form: which parts of the application each one saves, where the
user goes next, and which step fixes a missing item or a field in error."""

from dataclasses import dataclass

from gateway.ports import Parte
from parcelle_contracts.vocabolario import Requisito


@dataclass(frozen=True)
class Passo:
    slug: str
    numero: int
    titolo: str
    parti: tuple[Parte, ...]
    """What "Salva e continua" sends to ``aggiorna``: exactly these parts, nothing else."""


PASSI = (
    Passo("richiedente", 1, "Richiedente", ()),
    Passo("cliente", 2, "Cliente e controinteressato", ("cliente",)),
    Passo("pratica", 3, "Pratica", ("pratica",)),
    Passo("importi", 4, "Importi", ("voci", "spese", "spese_generali_percentuale", "note")),
    Passo("allegati", 5, "Allegati", ()),
    Passo("riepilogo", 6, "Riepilogo e deposito", ()),
)
PER_SLUG = {passo.slug: passo for passo in PASSI}
CON_MODULO = frozenset({"cliente", "pratica", "importi"})
"""Steps whose form saves parts of the draft."""

_PASSO_DELLA_PARTE = {
    "cliente": "cliente",
    "pratica": "pratica",
    "voci": "importi",
    "spese": "importi",
    "spese_generali_percentuale": "importi",
    "note": "importi",
    "allegati": "allegati",
    "firma": "riepilogo",
    "firmato": "riepilogo",
}

PASSO_DEL_REQUISITO: dict[Requisito, str] = {
    "avvocato": "richiedente",
    "cliente": "cliente",
    "identificativo_cliente": "cliente",
    "indirizzo_cliente": "cliente",
    "recapito_art7": "cliente",
    "autorita": "pratica",
    "procedimento": "pratica",
    "numero_rg": "pratica",
    "valore": "pratica",
    "numero_parti": "pratica",
    "periodo": "pratica",
    "mandato_concluso": "pratica",
    "difesa_ufficio": "pratica",
    "equo_compenso_art7": "pratica",
    "voci": "importi",
    "allegato_parcella": "allegati",
    "allegato_prova_invio": "allegati",
    "allegato_relazione": "allegati",
    "allegato_atti": "allegati",
    "allegato_procura": "allegati",
}
"""Which step of the form fixes each requirement the service says is missing."""


CAMPI_DEL_REQUISITO: dict[Requisito, tuple[str, ...]] = {
    "cliente": ("cliente.tipo", "cliente.nome", "cliente.cognome", "cliente.denominazione"),
    "identificativo_cliente": ("cliente.codice_fiscale",),
    "indirizzo_cliente": (
        "cliente.indirizzo.via",
        "cliente.indirizzo.cap",
        "cliente.indirizzo.comune",
        "cliente.indirizzo.provincia",
    ),
    "autorita": ("pratica.autorita",),
    "procedimento": ("pratica.procedimento",),
    "numero_rg": ("pratica.numero_rg",),
    "valore": ("pratica.valore",),
    "numero_parti": ("pratica.numero_parti",),
    "periodo": ("pratica.periodo_dal", "pratica.periodo_al"),
    "mandato_concluso": ("pratica.mandato_concluso",),
    "difesa_ufficio": ("pratica.difesa_ufficio",),
    "equo_compenso_art7": ("pratica.equo_compenso_art7",),
}
"""The fields of the form that answer each requirement: marked as required on the page."""


ORDINE_DEI_CAMPI: tuple[str, ...] = (
    "cliente.tipo",
    "cliente.nome",
    "cliente.cognome",
    "cliente.denominazione",
    "cliente.codice_fiscale",
    "cliente.partita_iva",
    "cliente.indirizzo.via",
    "cliente.indirizzo.cap",
    "cliente.indirizzo.comune",
    "cliente.indirizzo.provincia",
    "cliente.indirizzo.nazione",
    "cliente.pec",
    "cliente.email",
    "pratica.autorita",
    "pratica.procedimento",
    "pratica.numero_rg",
    "pratica.valore",
    "pratica.valore_indeterminabile",
    "pratica.numero_parti",
    "pratica.periodo_dal",
    "pratica.periodo_al",
    "pratica.mandato_concluso",
    "pratica.difesa_ufficio",
    "pratica.equo_compenso_art7",
    "pratica.insinuazione_passivo",
    "voci",
    "spese_generali_percentuale",
    "spese",
    "note",
)
"""The fields in the order the pages show them: the error summary lists them so."""
_CAMPI_DELLA_RIGA = ("descrizione", "importo", "motivazione", "fase")


def posizione_del_campo(percorso: str) -> tuple[int, int, int]:
    """Where a field stands on its page (rows of amounts by row, then their fields)."""
    parti = percorso.split(".")
    if len(parti) == 3 and parti[0] == "voci" and parti[1].isdigit():
        campo = parti[2]
        dentro = _CAMPI_DELLA_RIGA.index(campo) if campo in _CAMPI_DELLA_RIGA else 9
        return (ORDINE_DEI_CAMPI.index("voci"), int(parti[1]), dentro)
    if percorso in ORDINE_DEI_CAMPI:
        return (ORDINE_DEI_CAMPI.index(percorso), 0, 0)
    return (len(ORDINE_DEI_CAMPI), 0, 0)


def campi_obbligatori(requisiti: list[Requisito]) -> frozenset[str]:
    """The fields a deposit needs under the Ordine's ``requisiti``."""
    return frozenset(c for r in requisiti for c in CAMPI_DEL_REQUISITO.get(r, ()))


def passo(slug: str) -> Passo | None:
    return PER_SLUG.get(slug)


def successivo(attuale: Passo) -> Passo:
    return PASSI[min(attuale.numero, len(PASSI) - 1)]


def precedente(attuale: Passo) -> Passo:
    return PASSI[max(attuale.numero - 2, 0)]


def passo_del_campo(percorso: str) -> Passo | None:
    """The step whose form holds a field: ``cliente.indirizzo.cap`` -> cliente."""
    slug = _PASSO_DELLA_PARTE.get(percorso.split(".", 1)[0])
    return PER_SLUG[slug] if slug else None


def passo_del_mancante(requisito: Requisito) -> Passo:
    """The step where the user fixes a missing requirement."""
    return PER_SLUG[PASSO_DEL_REQUISITO[requisito]]
