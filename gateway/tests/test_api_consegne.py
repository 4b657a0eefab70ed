"""The REST API after the decision: the lawyer's channels, the council fee's payment (the
secretariat only), the order held back until paid, the order sent to recipients (every wrong
field named), as an outside client sees them."""

from decimal import Decimal

import httpx

from parcelle_contracts.common import Attore
from parcelle_contracts.revisione import VoceDecisa

from .fake_istanze import FakeIstanze
from .fake_revisione import FakeRevisione
from .fake_seguito import seguito
from .test_api_segreteria import token


def decisa(fake: FakeIstanze, giulia: Attore, *, rilasciato: bool) -> str:
    istanza = fake.bozza(giulia, voci=[{"fase": "studio", "importo": "1701.00"}])
    fake.imposta(
        istanza,
        stato="provvedimento_emesso",
        protocollo="2026/000002",
        provvedimento=True,
        diritti=Decimal("51.03"),
        seguito=seguito(rilasciato=rilasciato, pagamento_richiesto=not rilasciato),
    )
    return istanza.id


async def test_the_lawyer_chooses_channels_and_sends_the_order(
    api: httpx.AsyncClient, fake: FakeIstanze, giulia: Attore
) -> None:
    avvocato = await token(api, "avvocato.demo")
    assert (await api.get("/api/v1/avvisi", headers=avvocato)).json() == {
        "canali": ["pec", "email"],
        "scelti": False,
    }
    vuoto = await api.put("/api/v1/avvisi", headers=avvocato, json={"canali": []})
    assert (vuoto.status_code, vuoto.json()["error"]) == (422, "dati_non_validi")
    scelto = await api.put("/api/v1/avvisi", headers=avvocato, json={"canali": ["email"]})
    assert scelto.json()["canali"] == ["email"]

    istanza_id = decisa(fake, giulia, rilasciato=True)
    sbagliato = await api.post(
        f"/api/v1/istanze/{istanza_id}/consegne",
        headers=avvocato,
        json={"destinatari": [{"nome": "", "canale": "fax", "indirizzo": "x"}]},
    )
    assert sbagliato.status_code == 422
    assert set(sbagliato.json()["fields"]) >= {
        "destinatari.0.nome",
        "destinatari.0.canale",
    }
    inviato = await api.post(
        f"/api/v1/istanze/{istanza_id}/consegne",
        headers=avvocato,
        json={
            "destinatari": [
                {"nome": "Mario Rossi", "canale": "pec", "indirizzo": "mario@pec.example.it"}
            ]
        },
    )
    assert inviato.status_code == 200, inviato.text
    (consegna,) = inviato.json()["seguito"]["consegne"]
    assert (consegna["stato"], consegna["recapito"]["ruolo"]) == ("in_attesa", "cliente")


async def test_only_the_secretariat_registers_the_payment_that_releases_the_order(
    api: httpx.AsyncClient, fake: FakeIstanze, revisione: FakeRevisione, giulia: Attore
) -> None:
    istanza_id = decisa(fake, giulia, rilasciato=False)
    revisione.assegna(fake.istanze[istanza_id])
    marco = Attore(username="consigliere.demo", ruolo="consigliere", ordine="DEMO")
    voci = [VoceDecisa(id="studio", importo_liquidato=Decimal("1701.00"))]
    await revisione.decidi(marco, istanza_id, esito="liquidata", voci=voci)
    revisione.trattenuti.add(istanza_id)  # revisione heard no release yet
    avvocato = await token(api, "avvocato.demo")
    trattenuto = await api.get(f"/api/v1/istanze/{istanza_id}/provvedimento", headers=avvocato)
    assert (trattenuto.status_code, trattenuto.json()["error"]) == (409, "stato_non_valido")
    assert "pagamento" in trattenuto.json()["message"]

    corpo = {"data": "2026-12-01", "metodo": "pagopa", "riferimento": "IUV 3010001"}
    indirizzo = f"/api/v1/segreteria/pratiche/{istanza_id}/pagamento"
    assert (await api.post(indirizzo, headers=avvocato, json=corpo)).status_code == 403
    segreteria = await token(api, "segreteria.demo")
    pagato = await api.post(indirizzo, headers=segreteria, json=corpo)
    assert pagato.status_code == 200, pagato.text
    assert pagato.json()["seguito"]["pagamento"]["riferimento"] == "IUV 3010001"
    assert pagato.json()["seguito"]["rilasciato"] is True
    revisione.trattenuti.discard(istanza_id)  # the release istanze announces reached revisione
    rilasciato = await api.get(f"/api/v1/istanze/{istanza_id}/provvedimento", headers=avvocato)
    assert (rilasciato.status_code, rilasciato.content[:5]) == (200, b"%PDF-")
