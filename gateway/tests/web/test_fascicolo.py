"""The case file in front of the clerk and the councillor: every document (the application as
signed, its PDF, the receipt, the fee note, the proof of sending it, the client's observations,
the signed order) with "Apri" and "Scarica", its SHA-256 and the signature as verified; the
amounts requested per phase; the parts that update by themselves (the notice, the signed
order) served alone; the scan field after the page's heading."""

from datetime import UTC, datetime

import pytest

from parcelle_contracts.acquisizione import Pratica
from parcelle_contracts.common import Attore, BlobRef, FileRef
from parcelle_contracts.istanze import Allegato, Cliente, Firma, Istanza

from ..fake_acquisizione import FakeAcquisizione
from ..fake_istanze import PDF, FakeIstanze
from ..fake_revisione import FakeRevisione
from .pagine import Browser, Pagina

SARA = Attore(username="segreteria.demo", ruolo="segreteria", ordine="DEMO")
FIRMATA_IL = datetime(2026, 12, 6, 13, 29, tzinfo=UTC)


def allegato(ident: str, categoria: str, nome: str, sha: str) -> Allegato:
    return Allegato.model_validate(
        {
            "id": ident,
            "categoria": categoria,
            "nome_file": nome,
            "content_type": "application/pdf",
            "tipo": "PDF",
            "dimensione": 2048,
            "sha256": sha * 32,
            "caricato_il": FIRMATA_IL,
        }
    )


async def fascicolo(
    acquisizione: FakeAcquisizione, fake: FakeIstanze, giulia: Attore
) -> tuple[Pratica, Istanza]:
    """An acquired case whose application istanze keeps: signed with PAdES, with the fee note,
    the proof of sending it, and the client's observations received by the secretariat."""
    pratica = acquisizione.deposita()
    pratica = await acquisizione.acquisisci(SARA, pratica.codice, origine="scanner")
    osservazioni = FileRef(
        blob=BlobRef(area="acquisizione", key="o", sha256="cd" * 32, size=900),
        nome_file="osservazioni-rossi.pdf",
        content_type="application/pdf",
    )
    pratica = acquisizione.imposta(pratica, osservazioni=[osservazioni])
    bozza = fake.bozza(
        giulia,
        cliente=Cliente(tipo="persona_fisica", nome="Mario", cognome="Rossi"),
        voci=[
            {"fase": "studio", "importo": "1701.00"},
            {"fase": "decisionale", "importo": "2905.00", "motivazione": "Udienze numerose"},
        ],
    )
    istanza = bozza.model_copy(update={"id": pratica.istanza_id})
    fake.istanze[istanza.id] = istanza
    firma = Firma(
        tipo="pades",
        firmatario="Giulia Bianchi",
        codice_fiscale="BNCGLI85M41H501Y",
        emittente="Parcelle Demo CA",
        firmato_il=FIRMATA_IL,
        sha256="f1" * 32,
    )
    istanza = fake.imposta(
        istanza,
        stato="acquisita",
        firma=firma,
        documento_sha256="d0" * 32,
        ricevuta_sha256="e0" * 32,
        depositata_il=FIRMATA_IL,
        allegati=[
            allegato("prova-1", "prova_invio", "pec-al-cliente.pdf", "b1"),
            allegato("parcella-1", "parcella", "parcella.pdf", "a1"),
        ],
    )
    return pratica, istanza


@pytest.fixture
async def consigliere(browser: Browser) -> Browser:
    await browser.accedi("consigliere.demo")
    return browser


def controlla_il_fascicolo(pagina: Pagina, base: str) -> None:
    testo = pagina.testo_di("fascicolo")
    righe = [
        ("Istanza firmata digitalmente", "f1" * 32, f"{base}/documenti/firmata"),
        ("Istanza (PDF generato da Parcelle)", "d0" * 32, f"{base}/documenti/istanza"),
        ("Ricevuta di deposito", "e0" * 32, f"{base}/documenti/ricevuta"),
        ("Parcella (notula) parcella.pdf", "a1" * 32, f"{base}/allegati/parcella-1"),
        (
            "Prova dell'invio della parcella al cliente pec-al-cliente.pdf",
            "b1" * 32,
            f"{base}/allegati/prova-1",
        ),
        ("Osservazioni del cliente osservazioni-rossi.pdf", "cd" * 32, f"{base}/osservazioni/1"),
    ]
    posizioni = []
    for nome, sha, indirizzo in righe:
        assert nome in testo
        assert sha in testo
        assert pagina.link(f"Scarica {nome}") == indirizzo
        assert pagina.link(f"Apri {nome} (nuova scheda)") == f"{indirizzo}?apri=1"
        posizioni.append(testo.index(nome))
    assert posizioni == sorted(posizioni)  # signed application first, fee note before proof
    # The signature as istanze verified it at the deposit.
    assert "Firma valida verificata al deposito" in testo
    assert "Firmatario Giulia Bianchi (C.F. BNCGLI85M41H501Y)" in testo
    assert "Firmata il 06/12/2026 14:29" in testo  # Rome time
    assert "Certificato emesso da Parcelle Demo CA" in testo


async def test_the_clerk_has_the_whole_file_and_the_amounts_per_phase(
    segreteria: Browser, acquisizione: FakeAcquisizione, fake: FakeIstanze, giulia: Attore
) -> None:
    pratica, _ = await fascicolo(acquisizione, fake, giulia)
    base = f"/segreteria/pratiche/{pratica.istanza_id}"
    pagina = await segreteria.pagina(base)
    controlla_il_fascicolo(pagina, base)
    importi = pagina.testo_di("importi")
    assert "Fase di studio della controversia €\xa01.701,00" in importi
    assert "Fase decisionale Motivazione dell'avvocato: Udienze numerose €\xa02.905,00" in importi
    assert "Totale richiesto" in importi

    scaricato = await segreteria.get(f"{base}/allegati/parcella-1")
    assert (scaricato.status_code, scaricato.content) == (200, PDF)
    assert scaricato.headers["content-disposition"].startswith("attachment")
    aperto = await segreteria.get(f"{base}/documenti/firmata?apri=1")
    assert aperto.status_code == 200
    assert aperto.headers["content-disposition"].startswith("inline")
    for quale in ("istanza", "ricevuta"):
        assert (await segreteria.get(f"{base}/documenti/{quale}")).status_code == 200
    assert (await segreteria.get(f"{base}/documenti/altro")).status_code == 404


async def test_the_clerk_links_the_signed_order_once_there_is_one(
    segreteria: Browser,
    acquisizione: FakeAcquisizione,
    fake: FakeIstanze,
    revisione: FakeRevisione,
    giulia: Attore,
) -> None:
    pratica, istanza = await fascicolo(acquisizione, fake, giulia)
    base = f"/segreteria/pratiche/{pratica.istanza_id}"
    assert "Provvedimento firmato" not in (await segreteria.pagina(base)).testo_di("fascicolo")
    vista = revisione.assegna(istanza)
    firmato = await revisione._firma(vista)
    revisione.imposta(vista, provvedimento=firmato)
    fake.imposta(istanza, provvedimento=True)
    pagina = await segreteria.pagina(base)
    assert firmato.blob.sha256 in pagina.testo_di("fascicolo")
    indirizzo = pagina.link(f"Scarica Provvedimento firmato {firmato.nome_file}")
    assert indirizzo == f"{base}/provvedimento"
    scaricato = await segreteria.get(indirizzo)
    assert scaricato.status_code == 200
    assert scaricato.content.startswith(b"%PDF")


async def test_without_istanze_the_case_page_still_opens_and_says_so(
    segreteria: Browser, acquisizione: FakeAcquisizione, fake: FakeIstanze, giulia: Attore
) -> None:
    pratica, _ = await fascicolo(acquisizione, fake, giulia)
    fake.assenti.add("dettaglio")
    pagina = await segreteria.pagina(f"/segreteria/pratiche/{pratica.istanza_id}")
    assert "non sono disponibili in questo momento" in pagina.testo_di("fascicolo")
    assert "osservazioni-rossi.pdf" in pagina.testo_di("fascicolo")  # acquisizione's own
    assert "€\xa07.616,00" in pagina.testo_di("importi")


async def test_the_councillor_has_the_whole_file_too(
    consigliere: Browser,
    acquisizione: FakeAcquisizione,
    fake: FakeIstanze,
    revisione: FakeRevisione,
    giulia: Attore,
) -> None:
    pratica, istanza = await fascicolo(acquisizione, fake, giulia)
    revisione.assegna(istanza)
    base = f"/consigliere/pratiche/{pratica.istanza_id}"
    pagina = await consigliere.pagina(base)
    controlla_il_fascicolo(pagina, base)
    richieste = pagina.testo_di("voci-richieste")  # the amounts per phase beside their range
    assert "Fase di studio della controversia €\xa01.701,00" in richieste
    for indirizzo in (f"{base}/documenti/ricevuta", f"{base}/allegati/prova-1"):
        assert (await consigliere.get(indirizzo)).status_code == 200

    revisione.revisioni.clear()  # revisione has not heard of the case: istanze says the amounts
    pagina = await consigliere.pagina(base)
    assert "Fase decisionale" in pagina.testo_di("importi")
    assert "€\xa02.905,00" in pagina.testo_di("importi")


async def test_the_notice_in_preparation_is_asked_again_until_it_is_there(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    pratica = acquisizione.deposita()
    pratica = await acquisizione.acquisisci(SARA, pratica.codice, origine="scanner")
    avvisi = pratica.comunicazioni
    pratica = acquisizione.imposta(pratica, comunicazioni=[])
    base = f"/segreteria/pratiche/{pratica.istanza_id}"
    pagina = await segreteria.pagina(base)
    sezione = pagina.per_id("comunicazioni")
    assert sezione.attributi["data-aggiorna"] == f"{base}/sezioni/comunicazioni"
    assert "ricarica la pagina tra qualche secondo" in pagina.testo_di("comunicazioni")
    assert '<script src="/static/js/aggiorna.js" defer></script>' in pagina.html

    parte = await segreteria.get(f"{base}/sezioni/comunicazioni")
    assert parte.status_code == 200
    assert parte.text.lstrip().startswith('<section aria-labelledby="titolo-comunicazioni"')
    assert "data-aggiorna" in parte.text
    acquisizione.imposta(pratica, comunicazioni=avvisi)
    pronta = Pagina((await segreteria.get(f"{base}/sezioni/comunicazioni")).text)
    assert "La comunicazione di avvio del procedimento è pronta." not in pronta.html
    assert "Comunicazione di avvio" in pronta.testo_di("comunicazioni")
    # the notice is there; while its deliveries travel the part is asked again for their state
    assert {c.stato for c in avvisi} <= {"in_attesa", "inviata"}
    assert pronta.per_id("comunicazioni").attributi["data-annuncio"] == (
        "Lo stato degli invii è cambiato."
    )
    consegnati = [c.model_copy(update={"stato": "consegnata"}) for c in avvisi]
    acquisizione.imposta(pratica, comunicazioni=consegnati)
    finita = Pagina((await segreteria.get(f"{base}/sezioni/comunicazioni")).text)
    assert "data-aggiorna" not in finita.html
    assert (
        await segreteria.get("/segreteria/pratiche/nessuna/sezioni/comunicazioni")
    ).status_code == 404


async def test_the_order_being_signed_is_asked_again_until_it_downloads(
    consigliere: Browser,
    acquisizione: FakeAcquisizione,
    fake: FakeIstanze,
    revisione: FakeRevisione,
    giulia: Attore,
) -> None:
    pratica, istanza = await fascicolo(acquisizione, fake, giulia)
    revisione.assegna(istanza)
    base = f"/consigliere/pratiche/{pratica.istanza_id}"
    pagina = await consigliere.pagina(base)
    decisa = await consigliere.post(
        f"{base}/decisione",
        data={
            "csrf": pagina.csrf,
            "esito": "liquidata",
            "voci.0.importo_liquidato": "1.701,00",
            "voci.1.importo_liquidato": "2.905,00",
        },
    )
    assert decisa.status_code == 303
    firmato = revisione.revisioni[pratica.istanza_id].provvedimento
    revisione.imposta(revisione.revisioni[pratica.istanza_id], provvedimento=None)
    pagina = await consigliere.pagina(base)
    attesa = pagina.per_id("provvedimento-firmato")
    assert attesa.attributi["data-aggiorna"] == f"{base}/sezioni/provvedimento"
    assert "ricarica la pagina tra poco" in pagina.testo_di("provvedimento-firmato")

    revisione.imposta(revisione.revisioni[pratica.istanza_id], provvedimento=firmato)
    parte = Pagina((await consigliere.get(f"{base}/sezioni/provvedimento")).text)
    assert "data-aggiorna" not in parte.html
    assert parte.link("Scarica il provvedimento firmato (PDF)") == f"{base}/provvedimento"


async def test_the_scan_field_follows_the_heading_in_reading_order(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    pratica = acquisizione.deposita()
    pratica = await acquisizione.acquisisci(SARA, pratica.codice, origine="scanner")
    for indirizzo in ("/segreteria", f"/segreteria/pratiche/{pratica.istanza_id}"):
        html = (await segreteria.pagina(indirizzo)).html
        assert html.index("<h1>") < html.index('id="scansione"'), indirizzo
        assert html.index('aria-label="Area della segreteria"') < html.index("<h1>")
        if "pratiche" in indirizzo:
            assert html.index('aria-label="Percorso di navigazione"') < html.index("<h1>")
        assert "autofocus" in Pagina(html).per_id("f-scansione").attributi
