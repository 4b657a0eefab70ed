"""Every message's templates: a subject with the protocol and the Ordine, the same words in the
text and the HTML, the signature, values escaped in the HTML only, no name left undefined."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from notifiche.adapters.modelli import ModelliJinja
from notifiche.views import contesto
from parcelle_contracts.comunicazioni import DatiComunicazione, Destinatario, InviaComunicazione
from parcelle_contracts.ordini import ImpostazioniOrdine
from parcelle_contracts.vocabolario import MESSAGGI, Messaggio

FIRMA = "La Segreteria \N{EN DASH} Ordine degli Avvocati di Roma"
ORDINE = ImpostazioniOrdine(codice="ROMA", nome="Ordine degli Avvocati di Roma")
PIENI = DatiComunicazione(
    protocollo="2026/000123",
    avvocato="Maria Rossi",
    cliente="Bianchi & Figli S.r.l.",
    relatore="Avv. Giulio Verdi",
    depositata_il=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
    scadenza=date(2026, 4, 1),
    giorni=10,
    testo="Si chiede la nota <firmata> & completa.",
    liquidato=Decimal("1701.00"),
    diritti=Decimal("85.05"),
    pagamento="bonifico del 03/03/2026",
)


def _comando(messaggio: Messaggio, dati: DatiComunicazione) -> InviaComunicazione:
    return InviaComunicazione(
        correlation_id="c",
        ordine="ROMA",
        istanza_id="i",
        comunicazione_id="x",
        messaggio=messaggio,
        canale="email",
        destinatario=Destinatario(nome="Avv. Maria Rossi", email="r@example.it"),
        dati=dati,
    )


@pytest.mark.parametrize("messaggio", list(MESSAGGI))
def test_every_message_is_written_in_text_and_html(messaggio: Messaggio) -> None:
    msg = _comando(messaggio, PIENI)
    testi = ModelliJinja().scrivi(
        messaggio, contesto(msg, ORDINE, collegamenti=[], link_scade_il=None, allegati=[])
    )
    assert testi.oggetto.startswith(MESSAGGI[messaggio])
    assert testi.oggetto.endswith("\N{EN DASH} Ordine degli Avvocati di Roma")
    assert "\n" not in testi.oggetto
    assert testi.testo.startswith("Gentile Avv. Maria Rossi,\n\n")
    assert FIRMA in testi.testo
    assert FIRMA in testi.html
    assert "\n\n\n" not in testi.testo
    assert "<firmata>" not in testi.html
    assert "&amp;" not in testi.testo
    if messaggio != "ricevuta_deposito":
        assert "2026/000123" in testi.oggetto


@pytest.mark.parametrize("messaggio", list(MESSAGGI))
def test_every_message_is_written_with_no_data_at_all(messaggio: Messaggio) -> None:
    msg = _comando(messaggio, DatiComunicazione())
    testi = ModelliJinja().scrivi(
        messaggio, contesto(msg, ORDINE, collegamenti=[], link_scade_il=None, allegati=[])
    )
    assert "None" not in testi.testo
    assert "None" not in testi.oggetto


def test_the_values_of_each_message_are_printed() -> None:
    scrivi = ModelliJinja().scrivi

    def testo(messaggio: Messaggio) -> str:
        msg = _comando(messaggio, PIENI)
        return scrivi(
            messaggio, contesto(msg, ORDINE, collegamenti=[], link_scade_il=None, allegati=[])
        ).testo

    assert "€ 1.701,00" in testo("provvedimento_emesso")
    assert "€ 85,05" in testo("diritti_dovuti")
    assert "01/04/2026" in testo("diritti_dovuti")
    assert "Avv. Giulio Verdi" in testo("cambio_relatore")
    assert "Si chiede la nota <firmata> & completa." in testo("integrazione_richiesta")
    assert "bonifico del 03/03/2026" in testo("pagamento_registrato")
    assert "02/03/2026 10:30" in testo("ricevuta_deposito")
    assert "artt. 7 e 8 della legge 7 agosto 1990, n. 241" in testo("avvio_procedimento")
    assert "legge 21 aprile 2023, n. 49" in testo("provvedimento_al_cliente")
