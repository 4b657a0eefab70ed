"""The Ordine's settings, owned here: a change is stored with the next version and announced
once in the same transaction; a seed announces the first version and never overwrites; the
query answers what is stored, or the defaults."""

from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from acquisizione.bootstrap import ORDINE_DEMO, unit_of_work
from acquisizione.domain.errori import DomainError
from acquisizione.handlers.ordini import imposta, seed_impostazioni
from parcelle_contracts.ordini import ImpostazioniOrdine, LeggiImpostazioniOrdine
from parcelle_contracts.vocabolario import MB
from parcelle_kit.store.ports import Transaction

from ..conftest import Servizio
from ..fabbrica import IMPOSTAZIONI


class Annullata(Exception):
    """Raised after the change, inside its transaction."""


async def cambia(servizio: Servizio, ordine: str, **cambi: Any) -> ImpostazioniOrdine:
    return await servizio.store.run(lambda tx: imposta(unit_of_work(tx), ordine, cambi))


async def annunci(servizio: Servizio) -> list[ImpostazioniOrdine]:
    """The settings announced so far (staged for the relay), oldest first."""
    uscita = await servizio.uscita()
    assert {m["routing_key"] for m in uscita} <= {"acquisizione.event.impostazioni_ordine_cambiate"}
    return [ImpostazioniOrdine.model_validate(m["impostazioni"]) for m in uscita]


async def leggi(servizio: Servizio, ordine: str) -> ImpostazioniOrdine:
    return await servizio.ordini.leggi_impostazioni(
        LeggiImpostazioniOrdine(correlation_id="c", ordine=ordine)
    )


async def test_a_change_is_stored_with_the_next_version_and_announced_once(
    servizio: Servizio,
) -> None:
    prima = await cambia(servizio, "DEMO", nome="Ordine degli Avvocati di Demo")
    assert prima.versione == 1  # from the defaults, version 0
    assert await annunci(servizio) == [prima]
    dopo = await cambia(servizio, "DEMO", termine_giorni=60, istanze={"max_dimensione_file": MB})
    assert dopo.versione == 2
    assert (dopo.nome, dopo.termine_giorni, dopo.istanze.max_dimensione_file) == (
        "Ordine degli Avvocati di Demo",
        60,
        MB,
    )
    # The application rules not named stay as they were.
    assert dopo.istanze.requisiti == prima.istanze.requisiti
    assert await annunci(servizio) == [prima, dopo]
    assert await leggi(servizio, "DEMO") == dopo


async def test_the_review_rules_change_one_at_a_time(servizio: Servizio) -> None:
    await cambia(servizio, "DEMO", revisione={"diritti": {"percentuale": Decimal("3")}})
    dopo = await cambia(
        servizio,
        "DEMO",
        revisione={"attendi_osservazioni": False, "diritti": {"diritto_fisso": Decimal("50")}},
    )
    assert dopo.revisione.attendi_osservazioni is False
    assert (dopo.revisione.diritti.percentuale, dopo.revisione.diritti.diritto_fisso) == (
        Decimal("3"),
        Decimal("50"),
    )


async def test_a_change_and_its_announcement_share_one_transaction(servizio: Servizio) -> None:
    await servizio.configura()  # version 0, stored without announcement

    async def e_poi_annulla(tx: Transaction) -> None:
        await imposta(unit_of_work(tx), "DEMO", {"pec": "altra@pec.it"})
        raise Annullata

    with pytest.raises(Annullata):
        await servizio.store.run(e_poi_annulla)
    assert await annunci(servizio) == []
    assert await leggi(servizio, "DEMO") == IMPOSTAZIONI


async def test_invalid_settings_are_refused_and_nothing_is_announced(servizio: Servizio) -> None:
    with pytest.raises(ValidationError, match="at least one relatore"):
        await cambia(servizio, "DEMO", assegnazione_automatica=True)
    with pytest.raises(ValidationError, match="listed once"):
        await cambia(servizio, "DEMO", relatori=[{"username": "a", "nome": "A"}] * 2)
    with pytest.raises(ValidationError, match="termine_giorni"):
        await cambia(servizio, "DEMO", termine_giorni=0)
    with pytest.raises(ValidationError, match="size limit"):
        await cambia(servizio, "DEMO", istanze={"max_dimensione_file": 500 * MB})
    assert await annunci(servizio) == []
    assert (await leggi(servizio, "DEMO")).versione == 0


async def test_the_query_answers_the_defaults_where_nothing_is_stored(
    servizio: Servizio,
) -> None:
    predefinite = await leggi(servizio, "ROMA")
    assert predefinite == ImpostazioniOrdine(codice="ROMA")
    assert (predefinite.versione, predefinite.termine_giorni) == (0, 90)
    assert predefinite.istanze.firma_digitale_obbligatoria
    assert await annunci(servizio) == []  # the defaults are answered, not stored
    with pytest.raises(DomainError) as errore:
        await leggi(servizio, "roma1")
    assert errore.value.codice == "dati_non_validi"


async def test_the_query_answers_the_stored_settings(servizio: Servizio) -> None:
    await servizio.configura()
    assert await leggi(servizio, "DEMO") == IMPOSTAZIONI


async def test_a_seed_announces_the_first_version_once_and_never_overwrites(
    servizio: Servizio,
) -> None:
    async def seed() -> bool:
        return await servizio.store.run(lambda tx: seed_impostazioni(unit_of_work(tx), ORDINE_DEMO))

    assert await seed()
    (annunciate,) = await annunci(servizio)
    assert annunciate.versione == 1
    assert annunciate.model_dump(exclude={"versione"}) == ORDINE_DEMO.model_dump(
        exclude={"versione"}
    )
    assert not await seed()  # every start (and every replica) seeds: once is enough
    cambiate = await cambia(servizio, "DEMO", nome="Ordine degli Avvocati di Altrove")
    assert not await seed()
    assert await leggi(servizio, "DEMO") == cambiate
    assert [a.versione for a in await annunci(servizio)] == [1, 2]
