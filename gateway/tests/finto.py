"""What the gateway's fakes of the services share: the calls they record, the refusals and
silences a test sets up for a method, and the refusal they raise."""

from dataclasses import dataclass, field
from typing import Any, ClassVar

from gateway.bus import RichiestaRifiutataError, ServiceUnavailableError
from parcelle_contracts.common import Attore, Errore


def errore(codice: str, messaggio: str, **campi: str) -> RichiestaRifiutataError:
    return RichiestaRifiutataError(Errore(codice=codice, messaggio=messaggio, campi=campi))


@dataclass
class Chiamata:
    metodo: str
    attore: Attore
    argomenti: dict[str, Any]


@dataclass
class Registro:
    """Base of a fake service: every call recorded; a method set in ``assenti`` does not
    answer once (ServiceUnavailableError), one set with :meth:`rifiuta` refuses once."""

    servizio: ClassVar[str]
    chiamate: list[Chiamata] = field(default_factory=list)
    rifiuti: dict[str, Errore] = field(default_factory=dict)
    assenti: set[str] = field(default_factory=set)

    def rifiuta(self, metodo: str, codice: str, messaggio: str, **campi: str) -> None:
        self.rifiuti[metodo] = Errore(codice=codice, messaggio=messaggio, campi=campi)

    def chiamate_di(self, metodo: str) -> list[Chiamata]:
        return [c for c in self.chiamate if c.metodo == metodo]

    def _entra(self, metodo: str, attore: Attore, **argomenti: Any) -> None:
        self.chiamate.append(Chiamata(metodo, attore, argomenti))
        if metodo in self.assenti:
            self.assenti.discard(metodo)
            raise ServiceUnavailableError(self.servizio, "no answer within 5 s")
        rifiuto = self.rifiuti.pop(metodo, None)
        if rifiuto is not None:
            raise RichiestaRifiutataError(rifiuto)
