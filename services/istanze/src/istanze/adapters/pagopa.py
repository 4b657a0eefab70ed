"""The pagoPA intermediary of an installation without one: no payment notice is issued, and the
secretariat registers each payment by hand. An Ordine's real intermediary (a "partner
tecnologico" speaking the pagoPA GPD/ACA APIs) is another adapter of the same port, chosen in
``bootstrap`` once a contract exists."""

from decimal import Decimal

from istanze.domain.consegne import AvvisoPagoPA


class SenzaPagoPA:
    """:class:`~istanze.ports.PagoPA` when the installation has no intermediary."""

    async def avviso(
        self, ordine: str, istanza_id: str, importo: Decimal, debitore: str
    ) -> AvvisoPagoPA | None:
        return None
