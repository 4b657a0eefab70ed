"""The reporting councillor's list: the cases assigned to them, the nearest deadline first,
to them alone."""

import pytest

from acquisizione.domain.errori import DomainError
from parcelle_contracts.acquisizione import ElencoAssegnate
from parcelle_contracts.common import Attore

from ..conftest import Servizio
from ..fabbrica import IMPOSTAZIONI, NERI, VERDI
from ..finti import SEGRETERIA

AUTOMATICA = IMPOSTAZIONI.model_copy(update={"assegnazione_automatica": True})


async def test_a_councillor_lists_the_cases_assigned_to_them(servizio: Servizio) -> None:
    await servizio.configura(AUTOMATICA)
    codici = await servizio.deposita(3)
    for codice in codici:
        await servizio.acquisisci(codice)
    relatori = servizio.relatori

    def elenco(attore: Attore) -> ElencoAssegnate:
        return ElencoAssegnate(correlation_id="c", ordine=attore.ordine, attore=attore)

    viste = {
        nome: await relatori.assegnate(
            elenco(Attore(username=nome, ruolo="consigliere", ordine="DEMO"))
        )
        for nome in (VERDI.username, NERI.username)
    }
    assert sum(len(v.items) for v in viste.values()) == 3
    for nome, pagina in viste.items():
        assert pagina.next is None
        pratiche = pagina.items
        assert all(p.relatore is not None and p.relatore.relatore == nome for p in pratiche)
        scadenze = [p.scadenza for p in pratiche]
        assert scadenze == sorted(scadenze, key=lambda s: (s is None, s))
    with pytest.raises(DomainError) as errore:
        await relatori.assegnate(elenco(SEGRETERIA))
    assert errore.value.codice == "non_autorizzata"
    roma = Attore(username=VERDI.username, ruolo="consigliere", ordine="ROMA")
    assert (await relatori.assegnate(elenco(roma))).items == []
