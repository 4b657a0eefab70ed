"""The six steps of the guided form: which parts of the application each one saves, where the
user goes next, and which step fixes a missing item or a field in error."""

from dataclasses import dataclass

from gateway.ports import Parte


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

# The service lists what is missing as Italian sentences; these words say which step fixes it.
# Order matters: the first group with a word in the sentence wins ("prova dell'invio della
# parcella al cliente" is an attachment, not the client; "equo compenso" is a question of the
# matter, not an amount).
_PAROLE: tuple[tuple[tuple[str, ...], str], ...] = (
    (("avvocato",), "richiedente"),
    (("allegat", "parcella", "notula", "procura"), "allegati"),
    (("voce", "voci", "importo", "importi"), "importi"),
    (("client", "controinteressat"), "cliente"),
    (
        (
            "pratica",
            "autorit",
            "procediment",
            "valore",
            "ruolo",
            "numero delle parti",
            "periodo",
            "mandato",
            "difesa",
            "equo compenso",
        ),
        "pratica",
    ),
    (("firma",), "riepilogo"),
)


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


def passo_del_mancante(testo: str) -> Passo | None:
    """The step where the user fixes an item of ``mancanti`` (None when no word says)."""
    minuscolo = testo.lower()
    for parole, slug in _PAROLE:
        if any(parola in minuscolo for parola in parole):
            return PER_SLUG[slug]
    return None
