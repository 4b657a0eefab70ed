"""The messages to the lawyer about their case, staged with the change that causes them.

``istanze`` owns the case and knows the lawyer's addresses, so it asks ``notifiche`` for each
message the lawyer must get (the deposit receipt, the protocol, a new relatore, a request for
integration, the signed decision, the council fee due, the payment registered): one
``InviaComunicazione`` per channel the lawyer chose in their area (by default every address
they have: PEC and e-mail). Commands carry the data, never the words: those are
``notifiche``'s. Staged in the same transaction as the change, so a message is asked for once,
exactly when the change is recorded."""

from collections.abc import Sequence

from istanze.domain.istanza import Istanza
from parcelle_contracts.common import FileRef
from parcelle_contracts.comunicazioni import DatiComunicazione, Destinatario, InviaComunicazione
from parcelle_contracts.envelope import Message
from parcelle_contracts.vocabolario import CanalePosta, Messaggio

TUTTI: tuple[CanalePosta, ...] = ("pec", "email")


def all_avvocato(
    causa: Message,
    istanza: Istanza,
    messaggio: Messaggio,
    canali: Sequence[CanalePosta] | None,
    *,
    dati: DatiComunicazione | None = None,
    allegati: Sequence[FileRef] = (),
) -> list[Message]:
    """The commands that bring ``messaggio`` to the case's lawyer through the channels they
    chose (``None``: every address they have); none if they have no address for them."""
    avvocato = istanza.avvocato
    nome = avvocato.nome_completo()
    base = DatiComunicazione(
        protocollo=istanza.protocollo,
        avvocato=nome,
        cliente=istanza.nome_cliente(),
        depositata_il=istanza.deposito.depositata_il if istanza.deposito else None,
    )
    unione = base.model_copy(update=dati.model_dump(exclude_none=True) if dati else {})
    comandi: list[Message] = []
    for canale in canali or TUTTI:
        indirizzo = avvocato.pec if canale == "pec" else avvocato.email
        if not indirizzo:
            continue
        comandi.append(
            InviaComunicazione.caused_by(
                causa,
                istanza_id=istanza.id,
                comunicazione_id=f"{causa.message_id}:{messaggio}:{canale}",
                messaggio=messaggio,
                canale=canale,
                destinatario=Destinatario(nome=nome, **{canale: indirizzo}),
                dati=unione,
                allegati=list(allegati),
            )
        )
    return comandi
