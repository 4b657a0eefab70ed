"""The deliveries of the notice move on as the delivery services report, never back."""

from datetime import UTC, datetime, timedelta

from acquisizione.domain.comunicazioni import Comunicazione, Documento, avanza
from parcelle_contracts.vocabolario import StatoInvio

ORA = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DOC = Documento(blob_key="k", sha256="0" * 64, dimensione=1, nome_file="avvio.pdf")


def avviso(stato: StatoInvio = "in_attesa") -> Comunicazione:
    return Comunicazione(
        id="c1",
        tipo="avvio_procedimento",
        ruolo="cliente",
        destinatario="Mario Rossi (cliente, controinteressato)",
        canale="pec",
        stato=stato,
        documento=DOC,
        aggiornata_il=ORA,
    )


def test_a_delivery_moves_on_and_never_back() -> None:
    esito = avanza((avviso(),), "c1", "consegnata", ORA + timedelta(hours=1))
    assert esito is not None
    (consegnata,), prima = esito
    assert (consegnata.stato, prima.stato) == ("consegnata", "in_attesa")
    # The acceptance receipt, arriving after the delivery receipt, changes nothing.
    assert avanza((consegnata,), "c1", "inviata", ORA + timedelta(hours=2)) is None
    assert avanza((consegnata,), "c1", "consegnata", ORA) is None  # the same report again
    assert avanza((consegnata,), "altra", "consegnata", ORA + timedelta(hours=3)) is None
