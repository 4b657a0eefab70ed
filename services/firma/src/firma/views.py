"""Contracts <-> domain mapping of `firma`: the domain's verdict as the reply the asker reads."""

from firma.domain.verdetto import Verdetto
from parcelle_contracts.firma import EsitoVerifica, Problema


def esito(verdetto: Verdetto) -> EsitoVerifica:
    return EsitoVerifica(
        valida=verdetto.valida,
        tipo=verdetto.tipo,
        firmatario=verdetto.firmatario,
        codice_fiscale=verdetto.codice_fiscale,
        emittente=verdetto.emittente,
        firmato_il=verdetto.firmato_il,
        problemi=[Problema(codice=p.codice, messaggio=p.messaggio) for p in verdetto.problemi],
    )
