"""Signature verification: does the signed file carry a valid signature by the applicant over
the original? Verification changes nothing, so a redelivered request is simply verified again."""

from firma.domain.esame import Impronta
from firma.domain.verdetto import valuta
from firma.handlers.base import read
from firma.ports import Dependencies
from firma.views import esito
from parcelle_contracts.firma import EsitoVerifica, VerificaFirma


async def verifica_firma(message: VerificaFirma, deps: Dependencies) -> EsitoVerifica:
    """The verdict on ``message.firmato`` as the signed copy of ``message.originale``."""
    firmato = await read(deps, message.firmato, "firmato")
    originale = Impronta(message.originale.sha256, message.originale.size)
    esame = await deps.verifier.examine(firmato, originale, message.codice_fiscale)
    return esito(valuta(esame, message.codice_fiscale))
