"""Attachments, the PDF to sign, the demo signature, the deposit (once), the case page, the
receipt, the withdrawal."""

from decimal import Decimal

import httpx

from parcelle_contracts.common import Attore
from parcelle_contracts.envelope import utcnow
from parcelle_contracts.ids import new_id
from parcelle_contracts.istanze import Allegato, Cliente, DatiPratica, Istanza, Voce
from parcelle_kit import demo

from ...fake_istanze import PDF, FakeIstanze
from ..pagine import Browser, Pagina


def _allegato(categoria: str, nome: str) -> Allegato:
    return Allegato(
        id=new_id(),
        categoria=categoria,  # type: ignore[arg-type]
        nome_file=nome,
        content_type="application/pdf",
        tipo="PDF",
        dimensione=2_516_582,
        sha256="ab" * 32,
        caricato_il=utcnow(),
    )


def completa(fake: FakeIstanze, giulia: Attore) -> Istanza:
    istanza = fake.bozza(
        giulia,
        cliente=Cliente(tipo="persona_fisica", nome="Mario", cognome="Rossi"),
        pratica=DatiPratica(procedimento="tribunale_cognizione"),
        voci=[Voce(fase="studio", importo=Decimal("1701"))],
    )
    allegati = [_allegato("parcella", "parcella.pdf"), _allegato("prova_invio", "pec.pdf")]
    return fake.imposta(istanza, allegati=allegati)


def base(istanza: Istanza) -> str:
    return f"/avvocato/istanze/{istanza.id}"


async def test_an_attachment_is_uploaded_with_its_category(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(giulia)
    pagina = await avvocato.pagina(f"{base(istanza)}/modifica/allegati")
    categorie = [e.attributi.get("value") for e in pagina.elementi if e.tag == "option"]
    # No empty choice: the first document the deposit still needs is proposed.
    assert categorie == ["parcella", "prova_invio", "relazione", "atti", "procura", "altro"]
    assert pagina.valore("categoria") == "parcella"
    assert pagina.per_id("f-file").attributi["data-massimo-byte"] == str(100 * 1024 * 1024)
    assert "Tipi ammessi: PDF" in pagina.testo
    assert "100 MB" in pagina.testo
    risposta = await avvocato.post(
        f"{base(istanza)}/allegati",
        data={"csrf": pagina.csrf, "categoria": "parcella"},
        files={"file": ("Parcella Rossi.pdf", PDF, "application/pdf")},
    )
    assert risposta.status_code == 303
    assert risposta.headers["location"] == f"{base(istanza)}/modifica/allegati?caricato=1"
    [chiamata] = fake.chiamate_di("aggiungi_allegato")
    assert chiamata["categoria"] == "parcella"
    assert chiamata["nome_file"] == "Parcella Rossi.pdf"
    assert chiamata["file"].size == len(PDF)

    elenco = await avvocato.pagina(risposta.headers["location"])
    assert "Allegato caricato." in elenco.testo
    assert "Parcella Rossi.pdf" in elenco.testo
    assert "Parcella (notula)" in elenco.testo
    sha = chiamata["file"].sha256
    assert f"{sha[:8]}…{sha[-8:]}" in elenco.testo
    assert sha in elenco.testo  # the full value is at hand
    assert "Rimuovi" in elenco.testo


async def test_a_refused_upload_comes_back_to_the_steps_own_address_saying_why(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(giulia)
    passo = f"{base(istanza)}/modifica/allegati"
    csrf = await avvocato.csrf(passo)
    risposta = await avvocato.post(
        f"{base(istanza)}/allegati",
        data={"csrf": csrf, "categoria": "procura"},
        files={"file": ("", b"", "application/octet-stream")},
    )
    assert risposta.status_code == 303
    assert risposta.headers["location"].startswith(passo + "?")
    pagina = await avvocato.pagina(risposta.headers["location"])
    assert "Scegli il file da allegare." in pagina.per_id("f-file-errore").testo
    assert pagina.valore("categoria") == "procura"  # what can be kept is kept
    assert fake.chiamate_di("aggiungi_allegato") == []

    risposta = await avvocato.post(
        f"{base(istanza)}/allegati",
        data={"csrf": csrf},
        files={"file": ("a.pdf", PDF, "application/pdf")},
    )
    pagina = await avvocato.pagina(risposta.headers["location"])
    assert "Scegli il tipo di documento." in pagina.per_id("f-categoria-errore").testo


async def test_an_address_cannot_put_other_words_on_the_page(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(giulia)
    pagina = await avvocato.pagina(
        f"{base(istanza)}/modifica/allegati?campo=file&errore=Chiama+il+numero+899&firma=00"
    )
    assert "899" not in pagina.testo
    assert not pagina.ha_id("f-file-errore")


async def test_a_refused_file_type_is_shown_at_the_file_field(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(giulia)
    csrf = await avvocato.csrf(f"{base(istanza)}/modifica/allegati")
    fake.rifiuta("aggiungi_allegato", "tipo_non_ammesso", "Il file non è un PDF, JPEG o PNG.")
    risposta = await avvocato.post(
        f"{base(istanza)}/allegati",
        data={"csrf": csrf, "categoria": "atti"},
        files={"file": ("atti.docx", b"PK\x03\x04", "application/octet-stream")},
    )
    assert risposta.status_code == 303
    pagina = await avvocato.pagina(risposta.headers["location"])
    assert "Il file non è un PDF, JPEG o PNG." in pagina.per_id("f-file-errore").testo
    assert pagina.valore("categoria") == "atti"


async def test_an_attachment_is_removed_and_downloaded(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = completa(fake, giulia)
    allegato = istanza.allegati[0]
    pagina = await avvocato.pagina(f"{base(istanza)}/modifica/allegati")
    scaricato = await avvocato.get(f"{base(istanza)}/allegati/{allegato.id}")
    assert scaricato.status_code == 200
    assert scaricato.content == PDF
    assert fake.chiamate_di("file")[-1]["allegato_id"] == allegato.id
    risposta = await avvocato.post(
        f"{base(istanza)}/allegati/{allegato.id}/rimuovi", data={"csrf": pagina.csrf}
    )
    assert risposta.status_code == 303
    assert fake.chiamate_di("rimuovi_allegato") == [
        {"istanza_id": istanza.id, "allegato_id": allegato.id}
    ]


async def test_the_summary_links_each_missing_item_to_its_step(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(giulia)
    pagina = await avvocato.pagina(f"{base(istanza)}/modifica/riepilogo")
    assert "Per depositare manca ancora" in pagina.testo
    link = {e.attributi.get("href") for e in pagina.elementi if e.tag == "a"}
    assert f"{base(istanza)}/modifica/cliente" in link
    assert f"{base(istanza)}/modifica/importi" in link
    assert f"{base(istanza)}/modifica/allegati" in link
    assert "Deposita" not in [e.testo.strip() for e in pagina.elementi if e.tag == "button"]


async def test_sign_with_the_demo_certificate_then_deposit_once(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = completa(fake, giulia)
    pagina = await avvocato.pagina(f"{base(istanza)}/modifica/riepilogo")
    assert "Scarica il PDF da firmare" in pagina.testo
    pdf = await avvocato.get(f"{base(istanza)}/pdf-da-firmare")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")

    assert "scarica il PDF, firmalo digitalmente e depositalo" in pagina.testo
    firmata = await avvocato.post(f"{base(istanza)}/firma-demo", data={"csrf": pagina.csrf})
    assert firmata.status_code == 303
    pagina = await avvocato.pagina(firmata.headers["location"].split("#")[0])
    assert "Firma verificata" in pagina.testo
    assert "Giulia Bianchi" in pagina.testo
    assert "Parcelle Demo CA" in pagina.testo
    # Only the banner that is true once signed.
    assert "ora puoi depositarla" in pagina.testo
    assert "scarica il PDF" not in pagina.testo
    ricaricata = await avvocato.pagina(f"{base(istanza)}/modifica/riepilogo")
    assert "L'istanza è firmata e la firma è verificata: ora puoi depositarla." in ricaricata.testo
    assert "scarica il PDF" not in ricaricata.testo

    # The deposit asks once, saying what will happen; nothing happens before confirming.
    assert ricaricata.link("Procedi al deposito") == f"{base(istanza)}/deposito"
    conferma_pagina = await avvocato.pagina(f"{base(istanza)}/deposito")
    assert "ricevuta di deposito" in conferma_pagina.testo
    assert "acquisisce" in conferma_pagina.testo
    assert "non la puoi più modificare" in conferma_pagina.testo
    senza_conferma = await avvocato.post(f"{base(istanza)}/deposito", data={"csrf": pagina.csrf})
    assert senza_conferma.status_code == 303
    assert senza_conferma.headers["location"] == f"{base(istanza)}/deposito"
    assert fake.chiamate_di("deposita") == []

    deposito = await avvocato.post(
        f"{base(istanza)}/deposito",
        data={"csrf": pagina.csrf, "conferma": "si"},
        files={"firmato": ("", b"", "application/octet-stream")},
    )
    assert deposito.status_code == 303
    assert deposito.headers["location"] == f"{base(istanza)}?esito=depositata"
    # A second click, or the same form in another tab: one deposit, the same confirmation.
    di_nuovo = await avvocato.post(
        f"{base(istanza)}/deposito", data={"csrf": pagina.csrf, "conferma": "si"}
    )
    assert di_nuovo.status_code == 303
    assert di_nuovo.headers["location"] == f"{base(istanza)}?esito=depositata"
    assert fake.istanze[istanza.id].stato == "depositata"
    assert sum(1 for e in fake.istanze[istanza.id].cronologia if e.stato == "depositata") == 1

    conferma = await avvocato.pagina(deposito.headers["location"])
    esito = conferma.per_id("esito")
    assert "Depositata" in esito.testo
    assert istanza.codice in esito.testo
    assert any(
        e.tag == "a" and e.attributi.get("href") == f"{base(istanza)}/documenti/ricevuta"
        for e in conferma.elementi
    )
    ricevuta = await avvocato.get(f"{base(istanza)}/documenti/ricevuta")
    assert ricevuta.status_code == 200
    assert ricevuta.content.startswith(b"%PDF")
    assert "attachment" in ricevuta.headers["content-disposition"]


async def test_deposit_with_an_uploaded_signed_file(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = completa(fake, giulia)
    csrf = await avvocato.csrf(f"{base(istanza)}/modifica/riepilogo")
    risposta = await avvocato.post(
        f"{base(istanza)}/deposito",
        data={"csrf": csrf, "conferma": "si"},
        files={"firmato": ("istanza.pdf.p7m", b"0\x82signed", "application/pkcs7-mime")},
    )
    assert risposta.status_code == 303
    [chiamata] = fake.chiamate_di("deposita")
    assert chiamata["nome_file"] == "istanza.pdf.p7m"
    assert chiamata["firmato"].size == len(b"0\x82signed")


async def test_a_deposit_without_signature_says_so_at_the_file_field(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = completa(fake, giulia)
    csrf = await avvocato.csrf(f"{base(istanza)}/modifica/riepilogo")
    risposta = await avvocato.post(
        f"{base(istanza)}/deposito", data={"csrf": csrf, "conferma": "si"}
    )
    assert risposta.status_code == 422
    pagina = Pagina(risposta.text)
    assert "Manca il file firmato digitalmente." in pagina.per_id("f-firmato-errore").testo
    assert "Conferma e deposita" in pagina.testo  # on the confirmation page, to try again
    assert fake.istanze[istanza.id].stato == "bozza"


async def test_deposit_without_csrf_token_is_refused(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = completa(fake, giulia)
    risposta = await avvocato.post(f"{base(istanza)}/deposito", data={})
    assert risposta.status_code == 403
    assert fake.chiamate_di("deposita") == []


async def test_where_the_ordine_allows_it_the_hand_signed_way_is_explained(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    fake.firma_richiesta = False
    istanza = completa(fake, giulia)
    pagina = await avvocato.pagina(f"{base(istanza)}/modifica/riepilogo")
    assert "Firma autografa ammessa" in pagina.testo
    conferma = await avvocato.pagina(f"{base(istanza)}/deposito")
    assert "originale firmato a mano" in conferma.testo
    risposta = await avvocato.post(
        f"{base(istanza)}/deposito", data={"csrf": pagina.csrf, "conferma": "si"}
    )
    assert risposta.status_code == 303
    assert fake.istanze[istanza.id].firma.tipo == "autografa"  # type: ignore[union-attr]


async def test_the_case_page_shows_status_timeline_documents_and_withdrawal(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = completa(fake, giulia)
    await fake.firma_demo(giulia, istanza.id)
    await fake.deposita(giulia, istanza.id, None, None)
    fake.imposta(fake.istanze[istanza.id], protocollo="2025/000042")
    pagina = await avvocato.pagina(base(istanza))
    testo = pagina.testo
    assert f"Istanza {istanza.codice}" in testo
    assert "2025/000042" in testo
    assert "Bozza creata" in testo
    assert "Istanza depositata" in testo
    assert "Ricevuta di deposito (PDF)" in testo
    assert "Istanza firmata digitalmente" in testo
    assert "parcella.pdf" in testo
    assert not pagina.ha_id("esito")  # the confirmation shows only right after the deposit
    assert pagina.per_id("f-motivo").tag == "textarea"

    vuoto = await avvocato.post(
        f"{base(istanza)}/rinuncia", data={"csrf": pagina.csrf, "motivo": " "}
    )
    assert vuoto.status_code == 422
    assert "Scrivi il motivo della rinuncia" in Pagina(vuoto.text).per_id("f-motivo-errore").testo
    assert fake.chiamate_di("rinuncia") == []

    fatto = await avvocato.post(
        f"{base(istanza)}/rinuncia", data={"csrf": pagina.csrf, "motivo": "Accordo con il cliente"}
    )
    assert fatto.status_code == 303
    assert fake.chiamate_di("rinuncia")[0]["motivo"] == "Accordo con il cliente"
    dopo = await avvocato.pagina(fatto.headers["location"])
    assert "Hai rinunciato" in dopo.testo
    assert not dopo.ha_id("f-motivo")  # no withdrawal form once withdrawn


async def test_a_refused_withdrawal_keeps_the_reason_typed(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.imposta(completa(fake, giulia), stato="acquisita")
    csrf = await avvocato.csrf(base(istanza))
    fake.rifiuta("rinuncia", "stato_non_valido", "Non si può più rinunciare.")
    risposta = await avvocato.post(
        f"{base(istanza)}/rinuncia", data={"csrf": csrf, "motivo": "Un motivo lungo"}
    )
    assert risposta.status_code == 422
    pagina = Pagina(risposta.text)
    assert "Non si può più rinunciare." in pagina.testo
    assert pagina.valore("motivo") == "Un motivo lungo"


async def test_a_draft_has_no_withdrawal_and_links_back_to_the_form(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(giulia)
    pagina = await avvocato.pagina(base(istanza))
    assert not pagina.ha_id("f-motivo")
    assert "Continua la compilazione" in pagina.testo


async def test_the_timeline_says_who_acted_and_through_what(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = completa(fake, giulia)
    pagina = await avvocato.pagina(f"{base(istanza)}/modifica/riepilogo")
    await avvocato.post(f"{base(istanza)}/firma-demo", data={"csrf": pagina.csrf})
    await avvocato.post(f"{base(istanza)}/deposito", data={"csrf": pagina.csrf, "conferma": "si"})
    cronologia = (await avvocato.pagina(base(istanza))).testo
    assert "Istanza depositata (Giulia Bianchi, Area riservata dell'avvocato)" in cronologia


async def test_the_buttons_are_what_the_service_allows_not_what_the_state_suggests(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    depositata = fake.imposta(completa(fake, giulia), stato="depositata", azioni=[])
    pagina = await avvocato.pagina(base(depositata))
    assert not pagina.ha_id("f-motivo")  # deposited, but the service allows no withdrawal

    bozza = fake.imposta(completa(fake, giulia), azioni=["modifica"])
    pagina = await avvocato.pagina(base(bozza))
    assert "Continua la compilazione" in pagina.testo
    allegati = await avvocato.pagina(f"{base(bozza)}/modifica/allegati")
    assert "parcella.pdf" in allegati.testo
    assert "Rimuovi" not in allegati.testo
    assert not allegati.ha_id("f-file")
    riepilogo = await avvocato.pagina(f"{base(bozza)}/modifica/riepilogo")
    assert "Procedi al deposito" not in riepilogo.testo  # complete, yet no deposit: the service
    assert "Firma con certificato demo" not in riepilogo.testo
    niente = await avvocato.get(f"{base(bozza)}/deposito")
    assert niente.status_code == 303
    assert niente.headers["location"] == f"{base(bozza)}/modifica/riepilogo"

    fake.imposta(bozza, azioni=["modifica", "allega", "firma", "deposita"])
    riepilogo = await avvocato.pagina(f"{base(bozza)}/modifica/riepilogo")
    assert "Procedi al deposito" in riepilogo.testo
    assert "Firma con certificato demo" in riepilogo.testo
    assert (await avvocato.pagina(f"{base(bozza)}/deposito")).ha_id("f-firmato")


async def test_what_the_api_does_is_recorded_as_done_through_the_api(
    api: httpx.AsyncClient, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = completa(fake, giulia)
    risposta = await api.post(
        "/api/v1/auth/token", data={"username": giulia.username, "password": demo.password()}
    )
    token = {"Authorization": f"Bearer {risposta.json()['access_token']}"}
    await api.post(f"/api/v1/istanze/{istanza.id}/firma-demo", headers=token)
    depositata = await api.post(f"/api/v1/istanze/{istanza.id}/deposito", headers=token)
    assert depositata.status_code == 201, depositata.text
    ultimo = fake.istanze[istanza.id].cronologia[-1]
    assert (ultimo.descrizione, ultimo.tramite) == ("Istanza depositata", "api")
