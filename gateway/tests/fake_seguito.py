"""The fake ``istanze``'s side after the decision: payment, the order sent to recipients, the
lawyer's channels; as the service answers them (refusals included) for the page tests."""

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from gateway.bus import RichiestaRifiutataError
from parcelle_contracts.avvisi import Avvisi
from parcelle_contracts.common import Attore, Errore
from parcelle_contracts.consegne import Consegna, Pagamento, Recapito, Seguito
from parcelle_contracts.envelope import utcnow
from parcelle_contracts.ids import new_id
from parcelle_contracts.istanze import Istanza
from parcelle_contracts.vocabolario import CanalePosta, MetodoPagamento


class SeguitoFinto:
    """Mixed into ``FakeIstanze``; uses its ``_entra``, ``_leggibile``, ``_sua``, ``imposta``."""

    canali_scelti: dict[str, list[CanalePosta]]

    if TYPE_CHECKING:  # provided by FakeIstanze

        def _entra(self, metodo: str, **argomenti: Any) -> None: ...
        def _leggibile(self, attore: Attore, istanza_id: str) -> Istanza: ...
        def imposta(self, istanza: Istanza, **campi: Any) -> Istanza: ...

    async def registra_pagamento(
        self, attore: Attore, istanza_id: str, data: date, metodo: MetodoPagamento, riferimento: str
    ) -> Istanza:
        self._entra("registra_pagamento", istanza_id=istanza_id, riferimento=riferimento)
        istanza = self._leggibile(attore, istanza_id)
        if attore.ruolo != "segreteria" or istanza.seguito is None or istanza.diritti is None:
            raise _rifiuto("stato_non_valido", "Non ci sono diritti da pagare.")
        pagamento = Pagamento(
            data=data,
            metodo=metodo,
            riferimento=riferimento,
            importo=istanza.diritti,
            registrato_il=utcnow(),
            registrato_da=attore.username,
        )
        seguito = istanza.seguito.model_copy(update={"pagamento": pagamento, "rilasciato": True})
        return self.imposta(istanza, seguito=seguito)

    async def invia_provvedimento(
        self,
        attore: Attore,
        istanza_id: str,
        destinatari: list[Recapito],
        *,
        solo_prima_volta: bool = False,
    ) -> Istanza:
        self._entra(
            "invia_provvedimento",
            istanza_id=istanza_id,
            destinatari=destinatari,
            solo_prima_volta=solo_prima_volta,
        )
        istanza = self._leggibile(attore, istanza_id)
        if istanza.seguito is None or not istanza.seguito.rilasciato:
            raise _rifiuto("stato_non_valido", "Il provvedimento non è ancora disponibile.")
        if solo_prima_volta and inviata_il(istanza) is not None:
            raise _rifiuto("stato_non_valido", "Il provvedimento è già stato inviato al cliente.")
        adesso = utcnow()
        nuove = [
            Consegna(
                id=new_id(),
                recapito=r,
                stato="in_attesa",
                richiesta_il=adesso,
                richiesta_da=attore.username,
                aggiornata_il=adesso,
            )
            for r in destinatari
        ]
        seguito = istanza.seguito.model_copy(
            update={"consegne": [*istanza.seguito.consegne, *nuove]}
        )
        return self.imposta(istanza, seguito=seguito)

    async def avvisi(self, attore: Attore) -> Avvisi:
        self._entra("avvisi")
        scelti = self.canali_scelti.get(attore.username)
        return Avvisi(canali=scelti or ["pec", "email"], scelti=scelti is not None)

    async def imposta_avvisi(self, attore: Attore, canali: list[CanalePosta]) -> Avvisi:
        self._entra("imposta_avvisi", canali=canali)
        self.canali_scelti[attore.username] = canali
        return Avvisi(canali=canali)


def seguito(*, rilasciato: bool = True, pagamento_richiesto: bool = False) -> Seguito:
    """What follows a signed decision, for a test's case."""
    return Seguito(rilasciato=rilasciato, pagamento_richiesto=pagamento_richiesto)


def _rifiuto(codice: str, messaggio: str) -> RichiestaRifiutataError:
    return RichiestaRifiutataError(Errore(codice=codice, messaggio=messaggio))


def inviata_il(istanza: Istanza) -> datetime | None:
    """When the case's order was first sent to its client, as the service tells it."""
    consegne = istanza.seguito.consegne if istanza.seguito else []
    return min((c.richiesta_il for c in consegne if c.recapito.ruolo == "cliente"), default=None)
