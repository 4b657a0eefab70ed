"""Searching the pending list the way a clerk types: part of the code (with or without its
dashes, in any case) or part of the lawyer's or the client's name."""

import unicodedata

from acquisizione.domain.pratica import Pratica


def _piega(testo: str) -> str:
    """Lower case without accents, so "nicolo" finds "Niccolò"."""
    scomposto = unicodedata.normalize("NFKD", testo.casefold())
    return "".join(c for c in scomposto if not unicodedata.combining(c))


def _compatto(testo: str) -> str:
    return "".join(c for c in testo.upper() if c.isalnum())


def corrisponde(pratica: Pratica, cerca: str | None) -> bool:
    """Whether ``pratica`` matches what was typed in the search field (nothing: all do)."""
    cerca = (cerca or "").strip()
    if not cerca:
        return True
    codice = _compatto(cerca)
    if codice and codice in _compatto(pratica.codice):
        return True
    parole = _piega(cerca).split()
    nomi = _piega(f"{pratica.avvocato.nome_completo()} {pratica.cliente or ''}")
    return all(parola in nomi for parola in parole)
