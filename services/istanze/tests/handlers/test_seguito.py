"""After the decision: the lawyer's messages, the council fee's payment and the order's
release, the order sent to the client and other obligors, the delivery reports, the art. 7
opposition period and the lawyer's chosen channels."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from istanze.adapters.archivio import INDEXES, Archivio
from istanze.domain.consegne import AvvisoPagoPA
from istanze.domain.errori import DatiNonValidiError, StatoNonValidoError
from istanze.handlers.acquisizione import registra_acquisizione, registra_relatore
from istanze.handlers.revisione import registra_provvedimento
from istanze.handlers.seguito import Seguito, registra_rapporto
from parcelle_contracts.acquisizione import RelatoreAssegnato
from parcelle_contracts.avvisi import ImpostaAvvisi, LeggiAvvisi
from parcelle_contracts.comunicazioni import ComunicazioneSpedita, RicevutaPecRegistrata
from parcelle_contracts.consegne import InviaProvvedimento, Recapito, RegistraPagamento
from parcelle_contracts.istanze import DettaglioIstanza, ElencoIstanze
from parcelle_contracts.ordini import RegolePagamento
from parcelle_contracts.postale import RaccomandataAggiornata
from parcelle_contracts.revisione import ProvvedimentoEmesso
from parcelle_testing.locali import locali

from ..conftest import Servizio, servizio_su
from ..domain.fabbrica import ORA, depositata
from ..finti import AVVOCATO, IMPOSTAZIONI, SEGRETERIA
from .test_acquisizione import acquisita

BUSTA: dict[str, Any] = {"correlation_id": "corr-istanza-1", "ordine": "DEMO"}
SHA = "b" * 64
ORDINE_FILE = {
    "blob": {"area": "revisione", "key": "provvedimenti/istanza-1/x.pdf", "sha256": SHA, "size": 9},
    "nome_file": "provvedimento-2026-000001.pdf",
    "content_type": "application/pdf",
}


def emesso() -> ProvvedimentoEmesso:
    return ProvvedimentoEmesso.model_validate(
        {
            **BUSTA,
            "istanza_id": "istanza-1",
            "sha256": SHA,
            "totali": {
                "compenso": "7616.00",
                "spese_generali": "1142.40",
                "cpa": "350.34",
                "iva": "2003.92",
                "spese": "0.00",
                "totale": "11112.66",
            },
            "diritti": "228.48",
            "emesso_il": ORA + timedelta(days=5),
            "documento": ORDINE_FILE,
        }
    )


async def decisa(servizio: Servizio, *, paga_prima: bool, art7: bool = False) -> None:
    await servizio.imposta(
        IMPOSTAZIONI.model_copy(
            update={"pagamento": RegolePagamento(prima_del_rilascio=paga_prima)}
        )
    )
    istanza = depositata()
    if art7:
        assert istanza.contenuto.pratica is not None
        pratica = replace(istanza.contenuto.pratica, equo_compenso_art7=True)
        istanza.contenuto = replace(istanza.contenuto, pratica=pratica)
    await servizio.store.run(lambda tx: Archivio(tx).aggiungi(istanza))
    await registra_acquisizione(servizio.d, acquisita())
    await registra_provvedimento(servizio.d, emesso())


async def avvisi(servizio: Servizio) -> list[tuple[str, str, int]]:
    """The lawyer's messages staged so far: message, channel, attachments."""
    return [
        (m["messaggio"], m["canale"], len(m["allegati"]))
        for m in await servizio.uscita()
        if m["routing_key"] == "notifiche.command.invia_comunicazione"
        and m["destinatario"]["nome"] == "Giulia Bianchi"
    ]


async def rilasci(servizio: Servizio) -> int:
    uscita = await servizio.uscita()
    return [m["routing_key"] for m in uscita].count("istanze.event.provvedimento_rilasciato")


def paga(**altro: Any) -> RegistraPagamento:
    valori: dict[str, Any] = {
        **BUSTA,
        "attore": SEGRETERIA,
        "istanza_id": "istanza-1",
        "data": date(2026, 3, 9),
        "metodo": "pagopa",
        "riferimento": "IUV 301000000000000123",
        **altro,
    }
    return RegistraPagamento.model_validate(valori)


def invia(*destinatari: Recapito, attore: Any = AVVOCATO) -> InviaProvvedimento:
    return InviaProvvedimento(
        **BUSTA, attore=attore, istanza_id="istanza-1", destinatari=list(destinatari)
    )


CLIENTE_PEC = Recapito(nome="Mario Rossi", canale="pec", indirizzo="mario.rossi@pec.example.it")
OBBLIGATO = Recapito(
    nome="Anna  Verdi",
    ruolo="obbligato",
    canale="raccomandata",
    indirizzo="Via Po 2 \r\n\r\n00198  Roma",  # as a browser's textarea sends it
)


async def test_released_at_once_the_order_travels_with_the_lawyers_message(
    servizio: Servizio,
) -> None:
    await decisa(servizio, paga_prima=False)
    assert ("provvedimento_emesso", "pec", 1) in await avvisi(servizio)
    assert ("diritti_dovuti", "pec", 0) in await avvisi(servizio)
    assert await rilasci(servizio) == 1  # revisione hears that the lawyer may download it
    vista = await Seguito(servizio.d).leggi_avvisi(LeggiAvvisi(**BUSTA, attore=AVVOCATO))
    assert (vista.canali, vista.scelti) == (["pec", "email"], False)
    dettaglio = await servizio.istanze.dettaglio(
        DettaglioIstanza(**BUSTA, attore=AVVOCATO, istanza_id="istanza-1")
    )
    assert dettaglio.seguito is not None
    assert (dettaglio.seguito.rilasciato, dettaglio.seguito.pagamento_richiesto) == (True, False)


async def test_where_payment_comes_first_the_payment_releases_the_order(
    servizio: Servizio,
) -> None:
    await decisa(servizio, paga_prima=True)
    assert ("provvedimento_emesso", "pec", 0) in await avvisi(servizio)
    assert await rilasci(servizio) == 0
    seguito = Seguito(servizio.d)
    with pytest.raises(StatoNonValidoError, match="pagamento"):
        await seguito.invia_provvedimento(invia(CLIENTE_PEC))
    with pytest.raises(StatoNonValidoError, match="segreteria"):
        await seguito.registra_pagamento(paga(attore=AVVOCATO))

    vista = await seguito.registra_pagamento(paga())
    assert vista.seguito is not None
    assert vista.seguito.rilasciato
    assert vista.seguito.pagamento is not None
    assert vista.seguito.pagamento.importo == emesso().diritti
    assert ("pagamento_registrato", "pec", 1) in await avvisi(servizio)
    # The same payment again changes nothing; a different one is refused.
    await seguito.registra_pagamento(paga(message_id="di-nuovo"))
    with pytest.raises(StatoNonValidoError, match="già"):
        await seguito.registra_pagamento(paga(message_id="altro", riferimento="CRO 1"))
    assert [a[0] for a in await avvisi(servizio)].count("pagamento_registrato") == 2
    assert await rilasci(servizio) == 1  # released by the payment, once


async def test_the_order_goes_to_each_recipient_by_their_channel(servizio: Servizio) -> None:
    await decisa(servizio, paga_prima=False)
    vista = await Seguito(servizio.d).invia_provvedimento(invia(CLIENTE_PEC, OBBLIGATO))
    assert vista.seguito is not None
    assert [(c.recapito.nome, c.stato) for c in vista.seguito.consegne] == [
        ("Mario Rossi", "in_attesa"),
        ("Anna Verdi", "in_attesa"),
    ]
    uscita = await servizio.uscita()
    pec = next(m for m in uscita if m.get("messaggio") == "provvedimento_al_cliente")
    assert pec["destinatario"] == {
        "nome": "Mario Rossi",
        "pec": "mario.rossi@pec.example.it",
        "email": None,
        "indirizzo": None,
    }
    assert pec["allegati"] == [ORDINE_FILE]
    (posta,) = [m for m in uscita if m["routing_key"] == "postale.command.invia_raccomandata"]
    assert posta["destinatario"]["indirizzo"] == "Via Po 2\n00198 Roma"
    assert posta["documento"] == ORDINE_FILE


async def test_every_wrong_recipient_is_reported_at_once(servizio: Servizio) -> None:
    await decisa(servizio, paga_prima=False)
    sbagliati = (
        Recapito(nome="Mario Rossi", canale="pec", indirizzo="non-un-indirizzo"),
        Recapito(nome="Anna Verdi", canale="raccomandata", indirizzo="Via Po 2"),
    )
    with pytest.raises(DatiNonValidiError) as rifiuto:
        await Seguito(servizio.d).invia_provvedimento(invia(*sbagliati))
    assert set(rifiuto.value.campi) == {"destinatari.0.indirizzo", "destinatari.1.indirizzo"}


async def test_receipts_move_deliveries_on_and_start_the_opposition_period(
    servizio: Servizio,
) -> None:
    await decisa(servizio, paga_prima=False, art7=True)
    vista = await Seguito(servizio.d).invia_provvedimento(invia(CLIENTE_PEC, OBBLIGATO))
    assert vista.seguito is not None
    pec, posta = (c.id for c in vista.seguito.consegne)
    consegnata = RicevutaPecRegistrata(
        **BUSTA,
        istanza_id="istanza-1",
        comunicazione_id=pec,
        ricevuta_id="r-2",
        tipo="avvenuta-consegna",
        ricevuta_il=ORA + timedelta(days=6),
        simulata=True,
    )
    await registra_rapporto(servizio.d, consegnata)
    # An acceptance that arrives late never moves the delivery back.
    await registra_rapporto(
        servizio.d,
        ComunicazioneSpedita(
            **BUSTA,
            istanza_id="istanza-1",
            comunicazione_id=pec,
            messaggio="provvedimento_al_cliente",
            canale="pec",
            indirizzo="mario.rossi@pec.example.it",
            message_id_mail="<x@parcelle>",
            spedita_il=ORA + timedelta(days=5),
        ),
    )
    await registra_rapporto(
        servizio.d,
        RaccomandataAggiornata(
            **BUSTA,
            istanza_id="istanza-1",
            comunicazione_id=posta,
            stato="non_recapitabile",
            numero="RR123",
            il=ORA + timedelta(days=9),
            simulata=True,
        ),
    )
    dettaglio = await servizio.istanze.dettaglio(
        DettaglioIstanza(**BUSTA, attore=SEGRETERIA, istanza_id="istanza-1")
    )
    assert dettaglio.seguito is not None
    stati = [(c.stato, c.notificata_il) for c in dettaglio.seguito.consegne]
    assert stati == [("consegnata", date(2026, 3, 8)), ("non_consegnata", None)]
    # Served on Sunday 8 March 2026: 40 days end on Friday 17 April.
    assert dettaglio.seguito.opposizione_entro == date(2026, 4, 17)
    ultime = [e.descrizione for e in dettaglio.cronologia[-2:]]
    assert ultime == [
        "Provvedimento a Mario Rossi (PEC): Ricevuta di avvenuta consegna PEC (simulata)",
        "Provvedimento a Anna Verdi (Raccomandata A/R): Non recapitabile, raccomandata n. RR123 "
        "(simulatore)",
    ]


async def test_the_lawyer_chooses_pec_only(servizio: Servizio) -> None:
    seguito = Seguito(servizio.d)
    scelti = await seguito.imposta_avvisi(ImpostaAvvisi(**BUSTA, attore=AVVOCATO, canali=["pec"]))
    assert scelti.canali == ["pec"]
    await decisa(servizio, paga_prima=False)
    assert {canale for _, canale, _ in await avvisi(servizio)} == {"pec"}


async def test_a_new_relatore_is_told_to_the_lawyer_not_the_first(servizio: Servizio) -> None:
    await servizio.store.run(lambda tx: Archivio(tx).aggiungi(depositata()))
    for relatore, nome in (("mverdi", "Marco Verdi"), ("lneri", "Luca Neri")):
        await registra_relatore(
            servizio.d,
            RelatoreAssegnato(
                **BUSTA,
                istanza_id="istanza-1",
                relatore=relatore,
                relatore_nome=nome,
                assegnato_il=ORA,
            ),
        )
    cambi = [
        m["dati"]["relatore"]
        for m in await servizio.uscita()
        if m.get("messaggio") == "cambio_relatore"
    ]
    assert cambi == ["Luca Neri", "Luca Neri"]  # by PEC and by e-mail


class PagoPAFinto:
    """An Ordine's intermediary that issues one notice per case."""

    def __init__(self) -> None:
        self.richieste: list[tuple[str, Decimal]] = []

    async def avviso(
        self, ordine: str, istanza_id: str, importo: Decimal, debitore: str
    ) -> AvvisoPagoPA:
        self.richieste.append((istanza_id, importo))
        return AvvisoPagoPA(codice_avviso="301000000000012345", ente="80012345678", importo=importo)


async def test_with_a_pagopa_intermediary_the_fee_due_carries_its_notice(tmp_path: Path) -> None:
    pagopa = PagoPAFinto()
    async with locali(tmp_path, "istanze", INDEXES) as stores:
        servizio = servizio_su(stores, pagopa)
        await decisa(servizio, paga_prima=True)
        await registra_provvedimento(servizio.d, emesso())  # the same order again
        assert pagopa.richieste == [("istanza-1", Decimal("228.48"))]
        dovuti = [
            m["dati"]["pagamento"]
            for m in await servizio.uscita()
            if m.get("messaggio") == "diritti_dovuti"
        ]
        assert dovuti == ["avviso pagoPA n. 301000000000012345"] * 2  # PEC and e-mail
        vista = await servizio.istanze.dettaglio(
            DettaglioIstanza(**BUSTA, attore=AVVOCATO, istanza_id="istanza-1")
        )
        assert vista.seguito is not None
        assert vista.seguito.avviso_pagopa == "301000000000012345"


async def test_the_staff_list_the_ordines_decided_cases_never_drafts(servizio: Servizio) -> None:
    await decisa(servizio, paga_prima=False)
    istanze = servizio.istanze

    def elenco(stato: str | None) -> ElencoIstanze:
        return ElencoIstanze.model_validate({**BUSTA, "attore": SEGRETERIA, "stato": stato})

    decise = await istanze.elenco(elenco("provvedimento_emesso"))
    assert [i.id for i in decise.items] == ["istanza-1"]
    assert (await istanze.elenco(elenco("bozza"))).items == []
    assert (await istanze.elenco(elenco(None))).items == []


async def test_many_at_once_send_each_order_to_its_client_once(servizio: Servizio) -> None:
    await decisa(servizio, paga_prima=False)
    istanze, seguito = servizio.istanze, Seguito(servizio.d)

    async def da_inviare(attore: Any, inviata: bool) -> list[Any]:
        richiesta = ElencoIstanze.model_validate(
            {
                **BUSTA,
                "attore": attore,
                "stato": "provvedimento_emesso",
                "inviata_al_cliente": inviata,
            }
        )
        return (await istanze.elenco(richiesta)).items

    for attore in (SEGRETERIA, AVVOCATO):
        (riga,) = await da_inviare(attore, inviata=False)
        assert riga.inviata_al_cliente_il is None
        assert await da_inviare(attore, inviata=True) == []

    prima = invia(CLIENTE_PEC).model_copy(update={"solo_prima_volta": True})
    await seguito.invia_provvedimento(prima)
    for attore in (SEGRETERIA, AVVOCATO):
        assert await da_inviare(attore, inviata=False) == []
        (riga,) = await da_inviare(attore, inviata=True)
        assert riga.inviata_al_cliente_il is not None
    # A second click, or a colleague's, sends nothing and says when it went.
    di_nuovo = prima.model_copy(update={"message_id": "di-nuovo", "attore": SEGRETERIA})
    with pytest.raises(StatoNonValidoError, match=r"già stato inviato al cliente il \d\d/"):
        await seguito.invia_provvedimento(di_nuovo)
    # From the case page a new sending to the client stays possible.
    vista = await seguito.invia_provvedimento(
        invia(CLIENTE_PEC).model_copy(update={"message_id": "x"})
    )
    assert vista.seguito is not None
    assert len(vista.seguito.consegne) == 2


async def test_each_delivery_keeps_its_receipts_which_its_lawyer_may_read(
    servizio: Servizio,
) -> None:
    await decisa(servizio, paga_prima=False)
    vista = await Seguito(servizio.d).invia_provvedimento(
        invia(CLIENTE_PEC, OBBLIGATO, attore=SEGRETERIA)
    )
    assert vista.seguito is not None
    pec, posta = (c.id for c in vista.seguito.consegne)
    comandi = [m for m in await servizio.uscita() if m.get("comunicazione_id") in (pec, posta)]
    assert [m["lettori"] for m in comandi] == [[AVVOCATO.username]] * 2

    def ricevuta(tipo: str, ricevuta_id: str, giorni: int) -> RicevutaPecRegistrata:
        return RicevutaPecRegistrata.model_validate(
            {
                **BUSTA,
                "istanza_id": "istanza-1",
                "comunicazione_id": pec,
                "ricevuta_id": ricevuta_id,
                "tipo": tipo,
                "ricevuta_il": ORA + timedelta(days=giorni),
            }
        )

    await registra_rapporto(servizio.d, ricevuta("avvenuta-consegna", "r-2", 6))
    # The acceptance comes after the delivery: kept as proof, the status does not move back.
    await registra_rapporto(servizio.d, ricevuta("accettazione", "r-1", 5))
    await registra_rapporto(servizio.d, ricevuta("accettazione", "r-1", 5))  # once only
    passi = [("consegnata", None), ("ricevuta_ritorno", "scan-1")]
    for giorni, (stato, ricevuta_id) in enumerate(passi, start=9):
        aggiornata = RaccomandataAggiornata.model_validate(
            {
                **BUSTA,
                "istanza_id": "istanza-1",
                "comunicazione_id": posta,
                "raccomandata_id": "racc-1",
                "stato": stato,
                "ricevuta_id": ricevuta_id,
                "il": ORA + timedelta(days=giorni),
            }
        )
        await registra_rapporto(servizio.d, aggiornata)
    dettaglio = await servizio.istanze.dettaglio(
        DettaglioIstanza(**BUSTA, attore=AVVOCATO, istanza_id="istanza-1")
    )
    assert dettaglio.seguito is not None
    prima, seconda = dettaglio.seguito.consegne
    assert prima.stato == "consegnata"
    assert [(p.id, p.servizio, p.descrizione) for p in prima.prove] == [
        ("r-2", "notifiche", "Ricevuta di avvenuta consegna PEC"),
        ("r-1", "notifiche", "Ricevuta di accettazione PEC"),
    ]
    assert [(p.id, p.servizio, p.raccomandata_id) for p in seconda.prove] == [
        ("scan-1", "postale", "racc-1")
    ]
