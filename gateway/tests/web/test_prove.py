"""The receipts of the order's deliveries, downloaded from the case by the lawyer who owns it
and by the secretariat; the case says which receipts exist, the keeping service checks again."""

import httpx

from parcelle_contracts.common import Attore
from parcelle_contracts.consegne import Consegna, Prova, Recapito
from parcelle_contracts.envelope import utcnow
from parcelle_contracts.istanze import Istanza

from ..fake_istanze import FakeIstanze
from ..fake_postale import PDF, FakePostale
from ..test_api_segreteria import token
from .pagine import Browser, Pagina
from .test_seguito import decisa


async def spedita(fake: FakeIstanze, postale: FakePostale, giulia: Attore) -> Istanza:
    """A decided case of Giulia's whose order went to the client by raccomandata, which came
    back with its return receipt (Giulia among its readers)."""
    lettera = await postale.spedisci("Mario Rossi", lettori=(giulia.username,))
    ritorno = lettera.ricevute[1]
    adesso = utcnow()
    consegna = Consegna(
        id="consegna-1",
        recapito=Recapito(nome="Mario Rossi", canale="raccomandata", indirizzo="Via Po 2\nRoma"),
        stato="consegnata",
        richiesta_il=adesso,
        richiesta_da="Giulia Bianchi",
        aggiornata_il=adesso,
        prove=[
            Prova(
                id=ritorno.id,
                servizio="postale",
                raccomandata_id=lettera.id,
                descrizione="Avviso di ricevimento",
                il=adesso,
            )
        ],
    )
    istanza = decisa(fake, giulia, rilasciato=True)
    assert istanza.seguito is not None
    return fake.imposta(
        istanza, seguito=istanza.seguito.model_copy(update={"consegne": [consegna]})
    )


async def test_the_lawyer_and_the_clerk_download_the_return_receipt_from_the_case(
    browser: Browser, fake: FakeIstanze, postale: FakePostale, giulia: Attore
) -> None:
    istanza = await spedita(fake, postale, giulia)
    indirizzi = {
        "avvocato.demo": f"/avvocato/istanze/{istanza.id}",
        "segreteria.demo": f"/segreteria/pratiche/{istanza.id}/esito",
    }
    for username, base in indirizzi.items():
        browser.client.cookies.clear()
        await browser.accedi(username)
        pagina = await browser.pagina(base)
        (link,) = [e for e in pagina.elementi if e.tag == "a" and "download" in e.attributi]
        prova_id = istanza.seguito.consegne[0].prove[0].id if istanza.seguito else ""
        assert link.attributi["href"] == f"{base}/prove/{prova_id}"
        assert "Avviso di ricevimento" in link.testo
        scaricata = await browser.get(link.attributi["href"])
        assert (scaricata.status_code, scaricata.content) == (200, PDF)
        assert postale.chiamate_di("file_ricevuta")[-1].attore.username == username
        assert (await browser.get(f"{base}/prove/altra")).status_code == 404


async def test_a_receipt_the_service_keeps_from_a_user_is_not_served(
    browser: Browser, fake: FakeIstanze, postale: FakePostale, giulia: Attore
) -> None:
    istanza = await spedita(fake, postale, giulia)
    postale.lettori.clear()  # a mailing the lawyer was not named a reader of
    await browser.accedi("avvocato.demo")
    prova = istanza.seguito.consegne[0].prove[0] if istanza.seguito else None
    assert prova is not None
    rifiutata = await browser.get(f"/avvocato/istanze/{istanza.id}/prove/{prova.id}")
    assert rifiutata.status_code == 404
    assert "Pagina non trovata" in Pagina(rifiutata.text).testo


async def test_an_outside_client_downloads_the_proof_of_service(
    api: httpx.AsyncClient, fake: FakeIstanze, postale: FakePostale, giulia: Attore
) -> None:
    istanza = await spedita(fake, postale, giulia)
    assert istanza.seguito is not None
    prova = istanza.seguito.consegne[0].prove[0]
    avvocato = await token(api, "avvocato.demo")
    vista = (await api.get(f"/api/v1/istanze/{istanza.id}", headers=avvocato)).json()
    assert vista["seguito"]["consegne"][0]["prove"][0]["id"] == prova.id  # where ids are
    percorsi = {
        "avvocato.demo": f"/api/v1/istanze/{istanza.id}/prove",
        "segreteria.demo": f"/api/v1/segreteria/pratiche/{istanza.id}/prove",
    }
    for username, base in percorsi.items():
        headers = await token(api, username)
        scaricata = await api.get(f"{base}/{prova.id}", headers=headers)
        assert (scaricata.status_code, scaricata.content) == (200, PDF)
        assert scaricata.headers["content-type"] == "application/pdf"
        ignota = await api.get(f"{base}/altra", headers=headers)
        assert (ignota.status_code, ignota.json()["error"]) == (404, "non_trovata")
