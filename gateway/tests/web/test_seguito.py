"""After the decision, on the pages: the order held back until the council fee is paid, the
secretariat registering the payment, the order sent to the client and other obligors (every
mistake at once, what was typed kept), the deliveries' status, the art. 7 opposition date, the
lawyer's channels and the sending of many orders at once."""

from datetime import date
from decimal import Decimal

from parcelle_contracts.common import Attore
from parcelle_contracts.consegne import Recapito
from parcelle_contracts.istanze import Istanza
from parcelle_contracts.revisione import VoceDecisa

from ..fake_istanze import FakeIstanze
from ..fake_revisione import FakeRevisione
from ..fake_seguito import seguito
from .pagine import Browser, Pagina

CLIENTE = {
    "tipo": "persona_fisica",
    "nome": "Mario",
    "cognome": "Rossi",
    "pec": "mario.rossi@pec.example.it",
}


def decisa(fake: FakeIstanze, giulia: Attore, *, rilasciato: bool) -> Istanza:
    istanza = fake.bozza(giulia, cliente=CLIENTE, voci=[{"fase": "studio", "importo": "1701.00"}])
    return fake.imposta(
        istanza,
        stato="provvedimento_emesso",
        protocollo="2026/000007",
        provvedimento=True,
        diritti=Decimal("51.03"),
        seguito=seguito(rilasciato=rilasciato, pagamento_richiesto=not rilasciato),
    )


async def test_the_order_waits_for_the_payment_the_secretariat_registers(
    browser: Browser, fake: FakeIstanze, revisione: FakeRevisione, giulia: Attore
) -> None:
    istanza = decisa(fake, giulia, rilasciato=False)
    revisione.assegna(istanza)
    marco = Attore(username="consigliere.demo", ruolo="consigliere", ordine="DEMO")
    voci = [VoceDecisa(id="studio", importo_liquidato=Decimal("1701.00"))]
    await revisione.decidi(marco, istanza.id, esito="liquidata", voci=voci)
    revisione.trattenuti.add(istanza.id)
    avvocato = segreteria = browser
    await browser.accedi("avvocato.demo")
    base = f"/avvocato/istanze/{istanza.id}"
    pagina = await avvocato.pagina(base)
    sezione = pagina.testo_di("provvedimento")
    assert "da pagare" in sezione
    assert "dopo il pagamento dei diritti" in sezione
    assert not pagina.ha_id("titolo-invio")
    trattenuto = await avvocato.get(f"{base}/documenti/provvedimento")
    assert (trattenuto.status_code, trattenuto.headers["location"]) == (
        303,
        f"{base}#provvedimento",
    )

    browser.client.cookies.clear()  # another person at another computer
    await browser.accedi("segreteria.demo")
    esito = f"/segreteria/pratiche/{istanza.id}/esito"
    modulo = await segreteria.pagina(esito)
    sbagliato = await segreteria.post(
        f"{esito}/pagamento",
        data={"csrf": modulo.csrf, "pagamento.data": "domani", "pagamento.riferimento": "IUV 1"},
    )
    assert sbagliato.status_code == 422
    errori = Pagina(sbagliato.text).testo_di("riepilogo-errori")
    assert "data del pagamento" in errori
    assert "modalità di pagamento" in errori
    assert Pagina(sbagliato.text).valore("pagamento.riferimento") == "IUV 1"
    assert fake.chiamate_di("registra_pagamento") == []

    pagato = await segreteria.post(
        f"{esito}/pagamento",
        data={
            "csrf": modulo.csrf,
            "pagamento.data": date.today().isoformat(),
            "pagamento.metodo": "pagopa",
            "pagamento.riferimento": "IUV 301000000000000123",
        },
    )
    assert (pagato.status_code, pagato.headers["location"]) == (303, f"{esito}?esito=pagato")
    browser.client.cookies.clear()
    await browser.accedi("avvocato.demo")
    dopo = await avvocato.pagina(base)
    assert "pagati" in dopo.testo_di("provvedimento")
    assert "IUV 301000000000000123" in dopo.testo_di("provvedimento")
    revisione.trattenuti.discard(istanza.id)  # the release reached revisione
    scaricato = await avvocato.get(dopo.link("Scarica il provvedimento firmato (PDF)"))
    assert (scaricato.status_code, scaricato.content[:5]) == (200, b"%PDF-")


async def test_the_order_goes_to_the_client_and_every_mistake_comes_at_once(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = decisa(fake, giulia, rilasciato=True)
    base = f"/avvocato/istanze/{istanza.id}"
    pagina = await avvocato.pagina(base)
    # The client is there already, with the channel that reaches them.
    assert pagina.valore("dest.0.nome") == "Mario Rossi"
    assert pagina.valore("dest.0.indirizzo") == "mario.rossi@pec.example.it"

    typed = {
        "csrf": pagina.csrf,
        "dest.0.nome": "Mario Rossi",
        "dest.0.canale": "pec",
        "dest.0.indirizzo": "mario.rossi@pec.example.it",
        "dest.1.nome": "",
        "dest.1.canale": "raccomandata",
        "dest.1.indirizzo": "Via Po 2\n00198 Roma",
        "dest.2.nome": "Luca Bruni",
        "dest.2.canale": "",
        "dest.2.indirizzo": "luca@example.it",
    }
    sbagliato = await avvocato.post(f"{base}/consegne", data=typed)
    assert sbagliato.status_code == 422
    errata = Pagina(sbagliato.text)
    riepilogo = errata.testo_di("riepilogo-errori")
    assert "nome del destinatario" in riepilogo
    assert "Scegli come inviare" in riepilogo
    assert errata.valore("dest.2.nome") == "Luca Bruni"
    assert fake.chiamate_di("invia_provvedimento") == []

    typed |= {"dest.1.nome": "Anna Verdi", "dest.2.canale": "email"}
    inviato = await avvocato.post(f"{base}/consegne", data=typed)
    assert inviato.status_code == 303
    (chiamata,) = fake.chiamate_di("invia_provvedimento")
    assert [(d.nome, d.ruolo, d.canale) for d in chiamata["destinatari"]] == [
        ("Mario Rossi", "cliente", "pec"),
        ("Anna Verdi", "obbligato", "raccomandata"),
        ("Luca Bruni", "obbligato", "email"),
    ]
    dopo = await avvocato.pagina(inviato.headers["location"])
    assert "Provvedimento in partenza" in dopo.testo_di("esito")
    assert "In attesa di invio" in dopo.testo_di("provvedimento")


async def test_the_lawyer_chooses_the_channels_of_their_messages(
    avvocato: Browser, fake: FakeIstanze
) -> None:
    pagina = await avvocato.pagina("/avvocato/avvisi")
    nessuno = await avvocato.post("/avvocato/avvisi", data={"csrf": pagina.csrf})
    assert nessuno.status_code == 422
    assert "almeno un mezzo" in Pagina(nessuno.text).testo_di("riepilogo-errori")
    salvato = await avvocato.post("/avvocato/avvisi", data={"csrf": pagina.csrf, "canali": "pec"})
    assert salvato.status_code == 303
    assert fake.chiamate_di("imposta_avvisi") == [{"canali": ["pec"]}]
    assert "Scelta salvata" in (await avvocato.pagina(salvato.headers["location"])).testo


async def test_many_orders_go_to_their_clients_at_once(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    prime = [decisa(fake, giulia, rilasciato=True) for _ in range(2)]
    trattenuta = decisa(fake, giulia, rilasciato=False)
    pagina = await avvocato.pagina("/avvocato/invii")
    scelte = [i.id for i in [*prime, trattenuta]]
    risposta = await avvocato.post("/avvocato/invii", data={"csrf": pagina.csrf, "istanza": scelte})
    assert risposta.status_code == 422
    assert trattenuta.codice in Pagina(risposta.text).testo_di("riepilogo-errori")
    chiamate = fake.chiamate_di("invia_provvedimento")
    assert [c["istanza_id"] for c in chiamate] == [i.id for i in [*prime, trattenuta]]
    assert {c["destinatari"][0].canale for c in chiamate} == {"pec"}


async def test_the_deliveries_part_updates_by_itself_while_waiting(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = decisa(fake, giulia, rilasciato=True)
    base = f"/avvocato/istanze/{istanza.id}"
    pagina = await avvocato.pagina(base)
    assert not pagina.ha_id("invii")  # nothing sent yet
    recapito = {"csrf": pagina.csrf, "dest.0.nome": "Mario Rossi", "dest.0.canale": "pec"}
    recapito["dest.0.indirizzo"] = "mario.rossi@pec.example.it"
    assert (await avvocato.post(f"{base}/consegne", data=recapito)).status_code == 303
    parte = Pagina((await avvocato.get(f"{base}/sezioni/invii")).text)
    assert parte.per_id("invii").attributi["data-aggiorna"] == f"{base}/sezioni/invii"
    assert "In attesa di invio" in parte.testo_di("invii")
    seguito_ = fake.istanze[istanza.id].seguito
    assert seguito_ is not None
    consegnata = seguito_.consegne[0].model_copy(update={"stato": "consegnata"})
    fake.imposta(
        fake.istanze[istanza.id], seguito=seguito_.model_copy(update={"consegne": [consegnata]})
    )
    finale = Pagina((await avvocato.get(f"{base}/sezioni/invii")).text)
    assert "data-aggiorna" not in finale.per_id("invii").attributi  # nothing left to wait for
    assert "Consegnata" in finale.testo_di("invii")


async def test_the_secretariat_sends_many_orders_at_once(
    segreteria: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    decise = [decisa(fake, giulia, rilasciato=True) for _ in range(2)]
    fake.bozza(giulia)  # a draft is the lawyer's alone: never listed to the staff
    pagina = await segreteria.pagina("/segreteria/invii")
    assert all(i.codice in pagina.testo for i in decise)
    risposta = await segreteria.post(
        "/segreteria/invii", data={"csrf": pagina.csrf, "istanza": [i.id for i in decise]}
    )
    assert (risposta.status_code, risposta.headers["location"]) == (
        303,
        "/segreteria/invii?inviate=2",
    )
    chiamate = fake.chiamate_di("invia_provvedimento")
    assert [(c["istanza_id"], c["destinatari"][0].nome) for c in chiamate] == [
        (i.id, "Mario Rossi") for i in decise
    ]


async def test_an_order_sent_to_its_client_is_not_offered_again(
    segreteria: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    inviata, da_inviare = (decisa(fake, giulia, rilasciato=True) for _ in range(2))
    clerk = Attore(username="segreteria.demo", ruolo="segreteria", ordine="DEMO")
    cliente = Recapito(nome="Mario Rossi", canale="pec", indirizzo="mario.rossi@pec.example.it")
    await fake.invia_provvedimento(clerk, inviata.id, [cliente])
    pagina = await segreteria.pagina("/segreteria/invii")
    assert fake.chiamate_di("elenco")[-1]["inviata_al_cliente"] is False
    assert da_inviare.codice in pagina.testo
    assert inviata.codice not in pagina.testo
    tutte = await segreteria.pagina("/segreteria/invii?tutte=1")
    assert inviata.codice in tutte.testo
    assert "già inviato" in tutte.testo
    assert not tutte.ha_id(f"scegli-{inviata.id}")  # no box to tick twice
    assert tutte.ha_id(f"scegli-{da_inviare.id}")
    # Ticked on a page opened before a colleague sent it: refused, with when it went.
    risposta = await segreteria.post(
        "/segreteria/invii", data={"csrf": pagina.csrf, "istanza": [inviata.id, da_inviare.id]}
    )
    assert risposta.status_code == 422
    assert "già stato inviato" in Pagina(risposta.text).testo_di("riepilogo-errori")
    chiamate = fake.chiamate_di("invia_provvedimento")[1:]
    assert [c["solo_prima_volta"] for c in chiamate] == [True, True]
