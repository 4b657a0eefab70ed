"""``/avvocato``: the lawyer's cases with code, protocol, client, amount, status, last change."""

from datetime import UTC, datetime
from decimal import Decimal

from parcelle_contracts.common import Attore
from parcelle_contracts.istanze import Cliente, Voce

from ...fake_istanze import FakeIstanze
from ..pagine import Browser

NBSP = "\u00a0"


async def test_empty_list_says_how_to_start(avvocato: Browser) -> None:
    pagina = await avvocato.pagina("/avvocato")
    assert "Non hai ancora istanze" in pagina.testo
    nuova = [e for e in pagina.elementi if e.attributi.get("href") == "/avvocato/istanze/nuova"]
    assert nuova
    assert "Nuova istanza" in nuova[0].testo


async def test_list_shows_each_case_the_italian_way(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    voci = [
        Voce(fase="studio", importo=Decimal("1701")),
        Voce(fase="introduttiva", importo=Decimal("1204")),
        Voce(fase="istruttoria", importo=Decimal("1806")),
        Voce(fase="decisionale", importo=Decimal("2905")),
    ]
    bozza = fake.bozza(
        giulia,
        cliente=Cliente(tipo="persona_fisica", nome="Mario", cognome="Rossi"),
        voci=voci,
    )
    fake.imposta(bozza, aggiornata_il=datetime(2025, 7, 1, 22, 30, tzinfo=UTC))
    depositata = fake.bozza(
        giulia, cliente=Cliente(tipo="persona_giuridica", denominazione="Alfa Srl")
    )
    fake.imposta(
        depositata,
        stato="integrazione_richiesta",
        protocollo="2025/000123",
        aggiornata_il=datetime(2025, 1, 2, 8, 0, tzinfo=UTC),
    )
    altro = Attore(username="altro.avvocato", ruolo="avvocato", ordine="DEMO")
    fake.bozza(altro, cliente=Cliente(tipo="persona_fisica", nome="Non", cognome="Mio"))

    pagina = await avvocato.pagina("/avvocato")
    testo = pagina.testo
    assert "Mario Rossi" in testo
    assert f"€{NBSP}7.616,00" in testo
    assert "02/07/2025 00:30" in testo  # Europe/Rome, summer time
    assert "02/01/2025 09:00" in testo  # Europe/Rome, winter time
    assert "2025/000123" in testo
    assert "Integrazione richiesta" in testo
    assert "Bozza" in testo
    assert "Non Mio" not in testo
    assert testo.index("Mario Rossi") < testo.index("Alfa Srl")  # latest change first
    assert f'href="/avvocato/istanze/{bozza.id}"' in pagina.html


async def test_list_can_be_filtered_by_state(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    fake.bozza(giulia, cliente=Cliente(tipo="persona_fisica", nome="Mario", cognome="Rossi"))
    pagina = await avvocato.pagina("/avvocato?stato=depositata")
    assert fake.chiamate_di("elenco")[-1]["stato"] == "depositata"
    assert "Nessuna istanza nello stato «Depositata»" in pagina.testo
    await avvocato.pagina("/avvocato?stato=inventato")
    assert fake.chiamate_di("elenco")[-1]["stato"] is None


async def test_the_list_comes_in_pages_and_can_be_searched(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    for numero in range(30):
        fake.bozza(
            giulia, cliente=Cliente(tipo="persona_fisica", nome="Cliente", cognome=str(numero))
        )
    prima = await avvocato.pagina("/avvocato")
    assert prima.html.count('<th scope="row"') == 25
    assert fake.chiamate_di("elenco")[-1]["limit"] == 25
    seconda_url = prima.link("Pagina successiva")
    assert "cursor=25" in seconda_url
    seconda = await avvocato.pagina(seconda_url)
    assert seconda.html.count('<th scope="row"') == 5
    assert "Pagina successiva" not in seconda.testo
    assert "Torna alla prima pagina" in seconda.testo
    trovata = await avvocato.pagina("/avvocato?cerca=Cliente+7")
    assert fake.chiamate_di("elenco")[-1]["cerca"] == "Cliente 7"
    assert trovata.html.count('<th scope="row"') == 1
