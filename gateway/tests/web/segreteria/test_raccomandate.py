"""``/segreteria/raccomandate``: the Ordine's registered mail, the newest first, with states,
costs and tracking numbers, the receipts to download, labelled when the print-center simulator
prints them; linked from the secretariat's menu, closed to other areas."""

from ...fake_postale import PDF, FakePostale
from ..pagine import Browser


async def test_the_mailings_newest_first_with_costs_states_and_receipts(
    segreteria: Browser, postale: FakePostale
) -> None:
    vecchia = await postale.spedisci("Mario Rossi", minuti_fa=30, costo="6.95")
    await postale.spedisci("Anna Bianchi", "in_giacenza", costo="7.10")
    await postale.spedisci("Altro Ordine", ordine="ROMA")

    pagina = await segreteria.pagina("/segreteria/raccomandate")
    testo = pagina.testo
    assert pagina.ha_id("simulatore")
    assert "Simulatore del centro stampa" in pagina.testo_di("simulatore")
    assert testo.index("Anna Bianchi") < testo.index("Mario Rossi")
    assert "Altro Ordine" not in testo
    assert "€\u00a06,95" in testo
    assert "€\u00a07,10" in testo
    assert "In giacenza presso l'ufficio postale" in testo
    assert "Avviso di ricevimento tornato" in testo
    assert "SIM000000000042" in testo
    assert "Via Roma 10, 00100 Roma RM" in testo
    assert 'aria-current="page">Raccomandate' in pagina.html

    ricevuta = vecchia.ricevute[1]
    link = pagina.link("Avviso di ricevimento (cartolina A/R) (simulata)")
    assert link == f"/segreteria/raccomandate/{vecchia.id}/ricevute/{ricevuta.id}"
    risposta = await segreteria.get(link)
    assert risposta.status_code == 200
    assert risposta.content == PDF
    assert risposta.headers["content-type"] == "application/pdf"
    assert "attachment" in risposta.headers["content-disposition"]
    [chiamata] = postale.chiamate_di("file_ricevuta")
    assert chiamata.attore.username == "segreteria.demo"
    assert (
        await segreteria.get(f"/segreteria/raccomandate/{vecchia.id}/ricevute/x")
    ).status_code == 404


async def test_pages_of_fifty(segreteria: Browser, postale: FakePostale) -> None:
    for n in range(51):
        await postale.spedisci(f"Destinatario {n:02d}", minuti_fa=n)
    prima = await segreteria.pagina("/segreteria/raccomandate")
    assert "Destinatario 00" in prima.testo
    assert "Destinatario 50" not in prima.testo
    seconda = await segreteria.pagina(prima.link("Pagina successiva"))
    assert "Destinatario 50" in seconda.testo
    assert "Torna alla prima pagina" in seconda.testo
    assert postale.chiamate_di("raccomandate")[-1].argomenti["cursor"] == "50"


async def test_a_real_print_center_is_named_and_nothing_sent_is_said(
    segreteria: Browser, postale: FakePostale
) -> None:
    postale.simulatore = False
    pagina = await segreteria.pagina("/segreteria/raccomandate")
    assert not pagina.ha_id("simulatore")
    assert "Centro stampa: Centro stampa." in pagina.testo
    assert "Nessuna raccomandata inviata." in pagina.testo


async def test_other_areas_do_not_see_the_mailings(avvocato: Browser) -> None:
    risposta = await avvocato.get("/segreteria/raccomandate")
    assert risposta.status_code in {302, 303, 403}
