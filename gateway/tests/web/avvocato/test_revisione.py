"""The lawyer's side of the review on the case page: the answer to a request for integration
(a note and documents, the error summary when the note is missing), and, once the order is
signed, its download and the council fee due."""

from decimal import Decimal

from parcelle_contracts.common import Attore
from parcelle_contracts.envelope import utcnow
from parcelle_contracts.istanze import IntegrazioneAttesa, Istanza
from parcelle_contracts.revisione import VoceDecisa

from ...fake_istanze import PDF, FakeIstanze
from ...fake_revisione import FakeRevisione
from ..pagine import Browser, Pagina


def in_integrazione(fake: FakeIstanze, giulia: Attore) -> Istanza:
    istanza = fake.bozza(giulia, voci=[{"fase": "studio", "importo": "1701.00"}])
    adesso = utcnow()
    return fake.imposta(
        istanza,
        stato="integrazione_richiesta",
        protocollo="2026/000001",
        integrazione=IntegrazioneAttesa(
            testo="Depositare la procura.", scadenza=adesso, richiesta_il=adesso
        ),
        azioni=["integra", "rinuncia"],
    )


async def test_the_lawyer_answers_an_integration_with_a_note_and_documents(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = in_integrazione(fake, giulia)
    base = f"/avvocato/istanze/{istanza.id}"
    pagina = await avvocato.pagina(base)
    assert "Depositare la procura." in pagina.testo_di("integrazione")

    senza_nota = await avvocato.post(
        f"{base}/integrazione", data={"csrf": pagina.csrf, "integrazione.nota": " "}
    )
    assert senza_nota.status_code == 422
    errata = Pagina(senza_nota.text)
    assert "Nota per il relatore" in errata.testo_di("riepilogo-errori")
    assert fake.chiamate_di("rispondi_integrazione") == []

    risposta = await avvocato.post(
        f"{base}/integrazione",
        data={
            "csrf": pagina.csrf,
            "integrazione.nota": "Allego la procura.",
            "integrazione.categoria": "procura",
        },
        files=[
            ("integrazione.file", ("procura.pdf", PDF, "application/pdf")),
            ("integrazione.file", ("verbale.pdf", PDF, "application/pdf")),
        ],
    )
    assert risposta.status_code == 303, risposta.text[:2000]
    assert risposta.headers["location"] == f"{base}?esito=integrata"
    (chiamata,) = fake.chiamate_di("rispondi_integrazione")
    assert chiamata["nota"] == "Allego la procura."
    assert [(a.nome_file, a.categoria) for a in chiamata["allegati"]] == [
        ("procura.pdf", "procura"),
        ("verbale.pdf", "procura"),
    ]
    dopo = await avvocato.pagina(f"{base}?esito=integrata")
    assert "Integrazione inviata" in dopo.testo_di("esito")
    assert not dopo.ha_id("integrazione")

    senza_csrf = await avvocato.post(f"{base}/integrazione", data={"integrazione.nota": "x"})
    assert senza_csrf.status_code == 403


async def test_the_signed_order_and_the_fee_due_on_the_case_page(
    avvocato: Browser, fake: FakeIstanze, revisione: FakeRevisione, giulia: Attore
) -> None:
    istanza = fake.bozza(
        giulia,
        voci=[{"fase": "studio", "importo": "1701.00"}],
    )
    marco = Attore(username="consigliere.demo", ruolo="consigliere", ordine="DEMO")
    revisione.assegna(istanza)
    base = f"/avvocato/istanze/{istanza.id}"
    assert not (await avvocato.pagina(base)).ha_id("provvedimento")

    await revisione.decidi(
        marco,
        istanza.id,
        esito="liquidata",
        voci=[VoceDecisa(id="studio", importo_liquidato=Decimal("1701.00"))],
    )
    fake.imposta(
        istanza, stato="provvedimento_emesso", provvedimento=True, diritti=Decimal("51.03")
    )
    pagina = await avvocato.pagina(base)
    sezione = pagina.testo_di("provvedimento")
    assert "€\u00a051,03" in sezione
    scaricato = await avvocato.get(pagina.link("Scarica il provvedimento firmato (PDF)"))
    assert (scaricato.status_code, scaricato.content[:5]) == (200, b"%PDF-")
