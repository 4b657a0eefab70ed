"""The read copy of an Ordine's settings follows its owner's announcements: a higher version
replaces it, a lower one is ignored, a redelivery has no second effect; the next application
PDF carries the name the owner announced."""

from istanze.handlers.impostazioni import registra_impostazioni
from parcelle_contracts import istanze as contratti
from parcelle_contracts.ordini import ImpostazioniOrdine, ImpostazioniOrdineCambiate
from parcelle_kit.consumer import PROCESSED

from ..conftest import Servizio
from ..finti import AVVOCATO, crea, impostazioni
from .test_deposito import allega_tutto


def cambiate(nuove: ImpostazioniOrdine) -> ImpostazioniOrdineCambiate:
    return ImpostazioniOrdineCambiate(
        correlation_id=f"ordine-{nuove.codice}", ordine=nuove.codice, impostazioni=nuove
    )


async def test_a_higher_version_replaces_the_copy_a_lower_one_is_ignored(
    servizio: Servizio,
) -> None:
    await registra_impostazioni(servizio.d, cambiate(impostazioni(2, "Ordine di Demo")))
    await registra_impostazioni(servizio.d, cambiate(impostazioni(5, "Ordine di Demo, 5")))
    await registra_impostazioni(servizio.d, cambiate(impostazioni(4, "Ordine di Demo, 4")))
    copia = await servizio.copia()
    assert copia is not None
    assert (copia.versione, copia.nome) == (5, "Ordine di Demo, 5")
    assert servizio.acquisizione.domande == []


async def test_a_redelivered_announcement_has_no_second_effect(servizio: Servizio) -> None:
    annuncio = cambiate(impostazioni(2, "Ordine di Demo"))
    await registra_impostazioni(servizio.d, annuncio)
    await registra_impostazioni(servizio.d, annuncio)
    copia = await servizio.copia()
    assert copia is not None
    assert copia.versione == 2
    registrati = await servizio.store.run(
        lambda tx: tx.find(PROCESSED, {"_id": annuncio.message_id})
    )
    assert len(registrati) == 1


async def test_the_next_pdf_carries_the_name_and_rules_the_owner_announced(
    servizio: Servizio,
) -> None:
    await registra_impostazioni(servizio.d, cambiate(impostazioni(1, "Ordine di Demo")))
    await servizio.istanze.crea_bozza(crea())
    await allega_tutto(servizio)
    await registra_impostazioni(
        servizio.d,
        cambiate(
            impostazioni(
                2, "Ordine degli Avvocati di Nuova Demo", firma_digitale_obbligatoria=False
            )
        ),
    )
    await servizio.deposito.prepara_documento(
        contratti.PreparaDocumento(
            correlation_id="istanza-1", ordine="DEMO", attore=AVVOCATO, istanza_id="istanza-1"
        )
    )
    (contesto,) = servizio.documenti.contesti
    assert contesto["ordine"]["nome"] == "Ordine degli Avvocati di Nuova Demo"
    assert contesto["luogo"] == "Nuova Demo"
    assert contesto["firma_autografa"] is True  # the Ordine now accepts a hand signature
