"""Builders of cases, actors and settings in the shapes tests need: pending, acquired, assigned.
Real-looking Italian data; the tax codes are the project's demo ones."""

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from acquisizione.domain.assegnazione import Relatore
from acquisizione.domain.comunicazioni import Comunicazione, Documento
from acquisizione.domain.errori import DomainError
from acquisizione.domain.persone import Richiedente, Utente
from acquisizione.domain.pratica import Osservazione, Pratica
from acquisizione.domain.sportello import Ricevuti
from acquisizione.views import impostazioni
from parcelle_contracts import ordini
from parcelle_contracts.vocabolario import TipoFirma, Tramite

ORDINE = "DEMO"
DEPOSITATA = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
ACQUISITA = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
MINUTO = timedelta(minutes=1)

AVVOCATO = Richiedente(
    username="avvocato.demo",
    nome="Giulia",
    cognome="Bianchi",
    codice_fiscale="BNCGLI85M41H501Y",
    pec="giulia.bianchi@pec.example.it",
)
SEGRETERIA = Utente(username="segreteria.demo", ruolo="segreteria", ordine=ORDINE, nome="Sara")
"""A clerk at the secretariat's web area."""
AL_BANCO = replace(SEGRETERIA, tramite="stazione", stazione="banco-1")
"""The same clerk scanning at the station ``banco-1``."""
ALTRA_SEGRETERIA = Utente(username="segreteria.roma", ruolo="segreteria", ordine="ROMA")
AVVOCATO_UTENTE = Utente(username="avvocato.demo", ruolo="avvocato", ordine=ORDINE)
VERDI = Relatore(username="consigliere.demo", nome="Marco Verdi")
NERI = Relatore(username="consigliere.neri", nome="Anna Neri", peso=2)
CONSIGLIERE = Utente(username=VERDI.username, ruolo="consigliere", ordine=ORDINE)
IMPOSTAZIONI = ordini.ImpostazioniOrdine(
    codice=ORDINE,
    nome="Ordine degli Avvocati di Demo",
    indirizzo="Piazza della Giustizia 1, 00100 Demo",
    pec="segreteria@pec.ordine-demo.example.it",
    termine_giorni=60,
    giorni_osservazioni=15,
    relatori=tuple(
        ordini.Relatore(username=r.username, nome=r.nome, peso=r.peso) for r in (VERDI, NERI)
    ),
)
"""An Ordine's settings as stored and announced."""
REGOLE = impostazioni(IMPOSTAZIONI)
"""The same settings as the domain's rules read them."""


def pendente(
    firma: TipoFirma = "pades",
    id: str = "istanza-1",
    codice: str = "DEMO-26-7K3Q9XAB-4FZP",
    tramite: Tramite = "area_web",
) -> Pratica:
    return Pratica.deposita(
        istanza_id=id,
        codice=codice,
        ordine=ORDINE,
        correlation_id=f"corr-{id}",
        avvocato=AVVOCATO,
        cliente="Mario Rossi",
        importo_richiesto=Decimal("7616.00"),
        firma=firma,
        depositata_il=DEPOSITATA,
        tramite=tramite,
    )


def acquisita(firma: TipoFirma = "pades", protocollo: str = "2026/000001") -> Pratica:
    pratica = pendente(firma)
    pratica.acquisisci(
        protocollo=protocollo,
        ora=ACQUISITA,
        chi=AL_BANCO,
        letto_il=ACQUISITA - MINUTO,
        ricevuti=Ricevuti(originale=firma == "autografa"),
        impostazioni=REGOLE,
    )
    return pratica


def assegnata() -> Pratica:
    pratica = acquisita()
    pratica.assegna(VERDI, ora=ACQUISITA)
    return pratica


DOCUMENTO = Documento(
    blob_key="avvisi/i/1.pdf", sha256="b" * 64, dimensione=2048, nome_file="avvio.pdf"
)


def completa() -> Pratica:
    """A case with something in every field."""
    pratica = assegnata()
    pratica.assegna(NERI, ora=ACQUISITA + timedelta(hours=1), da=SEGRETERIA, motivo="Carico")
    pratica.richiedi_avvio()
    comunicazione = Comunicazione(
        id="c1",
        tipo="avvio_procedimento",
        ruolo="cliente",
        destinatario="Mario Rossi (cliente, controinteressato)",
        canale="pec",
        stato="in_attesa",
        documento=DOCUMENTO,
        aggiornata_il=ACQUISITA,
    )
    pratica.registra_avvio([comunicazione], [], ACQUISITA)
    pratica.aggiungi_osservazioni(
        Osservazione(id="o1", documento=DOCUMENTO, aggiunte_il=ACQUISITA, da="s"), SEGRETERIA
    )
    pratica.sospendi(ACQUISITA + timedelta(days=3), "Integrazioni")
    pratica.riprendi(ACQUISITA + timedelta(days=9))
    pratica.sospendi(ACQUISITA + timedelta(days=20), "Tentativo di conciliazione")
    pratica.registra_rinuncia("Pagato", ACQUISITA + timedelta(days=30))
    return pratica


@contextmanager
def rifiutata(pratica: Pratica, codice: str) -> Iterator[list[DomainError]]:
    """Expect a refusal with ``codice`` that leaves ``pratica`` exactly as it was."""
    prima = copy.deepcopy(pratica)
    errori: list[DomainError] = []
    with pytest.raises(DomainError) as rifiuto:
        yield errori
    errori.append(rifiuto.value)
    assert rifiuto.value.codice == codice, rifiuto.value
    assert pratica == prima, "a refused operation changed the aggregate"
