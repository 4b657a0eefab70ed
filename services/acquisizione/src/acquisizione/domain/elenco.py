"""Searching the pending list the way a clerk types: the start of the code (with or without
its dashes, in any case) or the start of the lawyer's family name (without minding accents).

The store keeps, beside each case, the keys these searches compare with (:func:`chiavi`), so
a search is a prefix on an indexed field, never a scan of the cases in Python."""

import unicodedata
from dataclasses import dataclass

from acquisizione.domain.pratica import Pratica


def piega(testo: str) -> str:
    """Lower case without accents, so "nicolo" finds "Niccolò"."""
    scomposto = unicodedata.normalize("NFKD", testo.casefold())
    return "".join(c for c in scomposto if not unicodedata.combining(c)).strip()


def compatto(testo: str) -> str:
    """A code as it is compared: letters and digits only, in upper case."""
    return "".join(c for c in testo.upper() if c.isalnum())


@dataclass(frozen=True)
class Ricerca:
    """What a search field asks: the start of a code, or of the lawyer's family name."""

    codice: str | None = None
    avvocato: str | None = None


def ricerca(cerca: str | None) -> Ricerca:
    """A text with a digit is a code; any other text is a name; nothing is everything."""
    testo = (cerca or "").strip()
    if not testo:
        return Ricerca()
    if any(c.isdigit() for c in testo):
        return Ricerca(codice=compatto(testo))
    return Ricerca(avvocato=piega(testo))


def chiavi(pratica: Pratica) -> dict[str, str]:
    """The keys a case is found by: its compact code, its lawyer's "family name given name"."""
    avvocato = pratica.avvocato
    nome = f"{avvocato.cognome} {avvocato.nome}".strip() or avvocato.username
    return {"codice": compatto(pratica.codice), "avvocato": piega(nome)}
