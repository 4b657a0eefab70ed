"""The Ordine's settings where there is no read copy yet: the owner is asked and its answer
kept; when it does not answer in time, the defaults apply to that request only."""

from parcelle_contracts import istanze as contratti

from ..conftest import Servizio
from ..finti import AVVOCATO, crea, impostazioni
from .test_deposito import allega_tutto


def prepara() -> contratti.PreparaDocumento:
    return contratti.PreparaDocumento(
        correlation_id="istanza-1", ordine="DEMO", attore=AVVOCATO, istanza_id="istanza-1"
    )


async def test_without_a_copy_the_owner_is_asked_once_and_its_answer_kept(
    servizio: Servizio,
) -> None:
    servizio.acquisizione.risposta = impostazioni(
        7, "Ordine degli Avvocati di Demo", firma_digitale_obbligatoria=False
    )
    bozza = await servizio.istanze.crea_bozza(crea())
    assert bozza.firma_richiesta is False
    assert servizio.acquisizione.domande == ["DEMO"]
    copia = await servizio.copia()
    assert copia is not None
    assert copia.versione == 7
    await allega_tutto(servizio)
    await servizio.deposito.prepara_documento(prepara())
    assert servizio.acquisizione.domande == ["DEMO"]  # the copy answers from now on
    assert servizio.documenti.contesti[-1]["ordine"]["nome"] == "Ordine degli Avvocati di Demo"


async def test_without_an_answer_the_defaults_apply_and_nothing_is_kept(
    servizio: Servizio,
) -> None:
    bozza = await servizio.istanze.crea_bozza(crea())
    assert bozza.firma_richiesta is True  # the default
    assert await servizio.copia() is None
    await allega_tutto(servizio)
    await servizio.deposito.prepara_documento(prepara())
    assert servizio.documenti.contesti[-1]["ordine"]["nome"] == "Ordine degli Avvocati (DEMO)"
    assert len(servizio.acquisizione.domande) > 1  # asked again at every request
    # Once the owner answers, its settings are kept.
    servizio.acquisizione.risposta = impostazioni(1, "Ordine degli Avvocati di Demo")
    await servizio.deposito.prepara_documento(prepara())
    copia = await servizio.copia()
    assert copia is not None
    assert copia.nome == "Ordine degli Avvocati di Demo"
