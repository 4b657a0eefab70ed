"""Mapping between contracts, domain and the stored document: messages become domain values
and back without loss, views show what the aggregate knows, and the stored document
round-trips exactly."""

import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

from istanze import mapping
from istanze.domain.allegati import CATEGORIE, Allegato
from istanze.domain.contenuto import (
    FASI,
    PROCEDIMENTI,
    Cliente,
    ContenutoIstanza,
    DatiPratica,
    Indirizzo,
    TipoCliente,
    Voce,
)
from istanze.domain.deposito import (
    TIPI_FIRMA,
    Deposito,
    DocumentoIstanza,
    FileFirmato,
    Firma,
    Ricevuta,
)
from istanze.domain.errori import FirmaNonValidaError
from istanze.domain.istanza import Evento, Istanza
from istanze.domain.persone import Avvocato
from istanze.domain.regole import RegoleOrdine
from istanze.domain.stati import STATI
from istanze.domain.tipi_file import TIPI_FILE
from parcelle_contracts import istanze as contratti
from parcelle_contracts.common import Attore
from parcelle_contracts.firma import EsitoVerifica, Problema

from .domain.fabbrica import CONTENUTO, DOPO_DEPOSITO, SEGRETERIA, bozza, depositata, pronta

# --- strategies for any aggregate the domain may hold --------------------------------------------

testi = st.none() | st.text(max_size=12)
importi = st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2)
hex64 = st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)
# The domain keeps times in UTC (every operation converts), so that is what it stores.
istanti = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)

indirizzi = st.builds(
    Indirizzo, via=testi, cap=testi, comune=testi, provincia=testi, nazione=st.text(max_size=2)
)
clienti = st.builds(
    Cliente,
    tipo=st.none() | st.sampled_from(get_args(TipoCliente)),
    nome=testi,
    cognome=testi,
    denominazione=testi,
    codice_fiscale=testi,
    partita_iva=testi,
    indirizzo=st.none() | indirizzi,
    pec=testi,
    email=testi,
)
pratiche = st.builds(
    DatiPratica,
    autorita=testi,
    procedimento=st.none() | st.sampled_from(PROCEDIMENTI),
    numero_rg=testi,
    valore=st.none() | importi,
    valore_indeterminabile=st.booleans(),
    numero_parti=st.none() | st.integers(1, 1000),
    periodo_dal=st.none() | st.dates(),
    periodo_al=st.none() | st.dates(),
    mandato_concluso=st.none() | st.booleans(),
    difesa_ufficio=st.none() | st.booleans(),
    equo_compenso_art7=st.none() | st.booleans(),
    insinuazione_passivo=st.booleans(),
)
voci = st.builds(
    Voce, fase=st.sampled_from(FASI), importo=importi, descrizione=testi, motivazione=testi
)
contenuti = st.builds(
    ContenutoIstanza,
    cliente=st.none() | clienti,
    pratica=st.none() | pratiche,
    voci=st.none() | st.lists(voci, max_size=4).map(tuple),
    spese=st.none() | importi,
    spese_generali_percentuale=st.decimals(min_value=0, max_value=15, places=2),
    note=testi,
)
firme = st.builds(
    Firma,
    tipo=st.sampled_from(TIPI_FIRMA),
    firmatario=testi,
    codice_fiscale=testi,
    emittente=testi,
    firmato_il=st.none() | istanti,
    documento_sha256=hex64,
)
allegati = st.builds(
    Allegato,
    id=st.text(min_size=1, max_size=8),
    categoria=st.sampled_from(CATEGORIE),
    nome_file=st.text(max_size=12),
    content_type=st.text(max_size=12),
    tipo=st.sampled_from(TIPI_FILE),
    dimensione=st.integers(0, 2**40),
    sha256=hex64,
    blob_key=st.text(max_size=12),
    caricato_il=istanti,
)
ricevute = st.builds(
    Ricevuta, blob_key=st.text(max_size=8), sha256=hex64, dimensione=st.integers(0)
)
istanze = st.builds(
    Istanza,
    id=st.text(min_size=1, max_size=8),
    codice=st.text(max_size=8),
    ordine=st.text(max_size=8),
    avvocato=st.builds(
        Avvocato,
        username=st.text(min_size=1, max_size=8),
        nome=st.text(max_size=8),
        cognome=st.text(max_size=8),
        codice_fiscale=testi,
        pec=testi,
        email=testi,
    ),
    creata_il=istanti,
    aggiornata_il=istanti,
    stato=st.sampled_from(STATI),
    contenuto=contenuti,
    allegati=st.lists(allegati, max_size=3).map(tuple),
    documento=st.none()
    | st.builds(
        DocumentoIstanza,
        blob_key=st.text(max_size=8),
        sha256=hex64,
        dimensione=st.integers(0),
        fingerprint=hex64,
    ),
    firmato=st.none()
    | st.builds(
        FileFirmato,
        blob_key=st.text(max_size=8),
        sha256=hex64,
        dimensione=st.integers(0),
        firma=firme,
    ),
    deposito=st.none()
    | st.builds(Deposito, depositata_il=istanti, firma=firme, ricevuta=st.none() | ricevute),
    protocollo=testi,
    cronologia=st.lists(
        st.builds(
            Evento, quando=istanti, stato=st.sampled_from(STATI), descrizione=st.text(), chi=testi
        ),
        max_size=3,
    ).map(tuple),
)


# --- the stored document ------------------------------------------------------------------------


@given(istanze)
def test_the_stored_document_round_trips_exactly(istanza: Istanza) -> None:
    documento = mapping.in_dizionario(istanza)
    testo = json.dumps(documento)  # JSON-compatible with no help
    riletto = mapping.da_dizionario(json.loads(testo))
    assert riletto == istanza
    assert mapping.in_dizionario(riletto) == documento
    assert riletto.fingerprint() == istanza.fingerprint()


def test_the_stored_document_looks_as_documented() -> None:
    istanza = depositata()
    documento = mapping.in_dizionario(istanza)
    assert documento["_id"] == documento["id"] == istanza.id
    assert documento["schema"] == 1
    assert documento["stato"] == "depositata"
    assert documento["creata_il"] == "2026-03-02T09:30:00.000000+00:00"
    assert documento["contenuto"]["voci"][0] == {
        "fase": "studio",
        "importo": "1701.00",
        "descrizione": None,
        "motivazione": None,
    }
    assert documento["contenuto"]["spese_generali_percentuale"] == "15"
    assert documento["deposito"]["firma"]["tipo"] == "pades"
    assert documento["allegati"][0]["tipo"] == "PDF"


def test_keys_of_the_store_and_the_repository_are_ignored() -> None:
    documento = mapping.in_dizionario(depositata())
    documento |= {"_v": 7, "_outbox": [{"evento": "x"}]}
    assert mapping.da_dizionario(documento) == depositata()


def test_times_are_read_back_in_utc_whatever_offset_they_carry() -> None:
    documento = mapping.in_dizionario(bozza())
    documento["creata_il"] = "2026-03-02T10:30:00+01:00"
    istanza = mapping.da_dizionario(documento)
    assert istanza.creata_il == datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    assert istanza.creata_il.tzinfo is UTC


def _modificato(percorso: tuple[str | int, ...], valore: object) -> dict[str, Any]:
    documento = mapping.in_dizionario(pronta())
    nodo: Any = documento
    for chiave in percorso[:-1]:
        nodo = nodo[chiave]
    nodo[percorso[-1]] = valore
    return documento


@pytest.mark.parametrize(
    ("percorso", "valore"),
    [
        (("schema",), 2),
        (("stato",), "archiviata"),  # not a state
        (("contenuto", "voci", 0, "fase"), "appello"),
        (("contenuto", "voci", 0, "importo"), 1701.0),  # a float is not money
        (("contenuto", "voci", 0, "importo"), "NaN"),
        (("contenuto", "spese"), "mille"),
        (("creata_il",), "2026-03-02T09:30:00"),  # no offset
        (("allegati", 0, "dimensione"), True),  # a bool is not a size
        (("allegati", 0, "dimensione"), "1000"),
        (("contenuto", "pratica", "mandato_concluso"), "si"),
        (("contenuto", "cliente", "segreto"), "x"),  # unknown field
        (("contenuto", "voci"), {"fase": "studio"}),
    ],
)
def test_a_document_this_code_did_not_write_is_refused(
    percorso: tuple[str | int, ...], valore: object
) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 -- each case has its own message
        mapping.da_dizionario(_modificato(percorso, valore))


def test_a_missing_required_field_is_refused_an_optional_one_takes_its_default() -> None:
    documento = mapping.in_dizionario(bozza())
    del documento["protocollo"]
    assert mapping.da_dizionario(documento).protocollo is None
    del documento["codice"]
    with pytest.raises(ValueError, match="codice"):
        mapping.da_dizionario(documento)


# --- contracts <-> domain -----------------------------------------------------------------------


def test_a_message_content_becomes_domain_content_and_back() -> None:
    messaggio = contratti.ContenutoIstanza.model_validate(
        {
            "cliente": {
                "tipo": "persona_giuridica",
                "denominazione": "Alfa S.r.l.",
                "partita_iva": "06363391001",
                "indirizzo": {"via": "Corso Italia 10", "cap": "20122", "comune": "Milano"},
            },
            "pratica": {"procedimento": "stragiudiziale", "periodo_dal": "2024-01-15"},
            "voci": [{"fase": "altro", "importo": "120.5", "descrizione": "Trasferta"}],
            "spese": "30",
            "note": "Nota",
        }
    )
    contenuto = mapping.contenuto_dal_messaggio(messaggio)
    assert contenuto.voci == (
        Voce(fase="altro", importo=Decimal("120.5"), descrizione="Trasferta"),
    )
    assert contenuto.cliente is not None
    assert contenuto.cliente.indirizzo == Indirizzo(
        via="Corso Italia 10", cap="20122", comune="Milano"
    )
    assert contenuto.spese_generali_percentuale == Decimal("15")
    assert mapping.contenuto_nel_messaggio(contenuto) == messaggio


# Domain content within the contracts' limits (patterns, lengths, digits).
testi_brevi = st.none() | st.text(max_size=30)
contenuti_ammessi = st.builds(
    ContenutoIstanza,
    cliente=st.none()
    | st.builds(
        Cliente,
        tipo=st.none() | st.sampled_from(get_args(TipoCliente)),
        nome=testi_brevi,
        cognome=testi_brevi,
        denominazione=testi_brevi,
        codice_fiscale=st.none() | st.text(max_size=16),
        partita_iva=st.none() | st.text(max_size=11),
        indirizzo=st.none()
        | st.builds(
            Indirizzo,
            via=testi_brevi,
            cap=st.none() | st.from_regex(r"\A\d{5}\Z"),
            comune=testi_brevi,
            provincia=st.none() | st.from_regex(r"\A[A-Za-z]{2}\Z"),
            nazione=st.from_regex(r"\A[A-Z]{2}\Z"),
        ),
        pec=testi_brevi,
        email=testi_brevi,
    ),
    pratica=st.none() | pratiche,
    voci=st.none()
    | st.lists(
        st.builds(
            Voce,
            fase=st.sampled_from(FASI),
            importo=importi,
            descrizione=testi_brevi,
            motivazione=testi_brevi,
        ),
        max_size=4,
    ).map(tuple),
    spese=st.none() | importi,
    spese_generali_percentuale=st.decimals(min_value=0, max_value=15, places=2),
    note=testi_brevi,
)


@given(contenuti_ammessi)
def test_any_content_the_contracts_allow_crosses_them_unchanged(
    contenuto: ContenutoIstanza,
) -> None:
    messaggio = mapping.contenuto_nel_messaggio(contenuto)
    assert mapping.contenuto_dal_messaggio(messaggio) == contenuto
    riletto = contratti.ContenutoIstanza.model_validate_json(messaggio.model_dump_json())
    assert mapping.contenuto_dal_messaggio(riletto) == contenuto


def test_an_empty_message_content_is_an_empty_draft() -> None:
    contenuto = mapping.contenuto_dal_messaggio(contratti.ContenutoIstanza())
    assert contenuto == ContenutoIstanza()


def test_the_complete_sample_content_survives_the_contracts() -> None:
    assert mapping.contenuto_dal_messaggio(mapping.contenuto_nel_messaggio(CONTENUTO)) == CONTENUTO


def test_users_come_from_the_authenticated_actor() -> None:
    attore = Attore(
        username="gbianchi",
        ruolo="avvocato",
        ordine="DEMO",
        nome="Giulia",
        cognome="Bianchi",
        codice_fiscale="BNCGLI85M41H501Y",
        pec="g@pec.example.it",
    )
    avvocato = mapping.avvocato_da_attore(attore)
    assert (avvocato.username, avvocato.codice_fiscale, avvocato.pec) == (
        "gbianchi",
        "BNCGLI85M41H501Y",
        "g@pec.example.it",
    )
    utente = mapping.utente_da_attore(attore)
    assert (utente.username, utente.ruolo, utente.ordine) == ("gbianchi", "avvocato", "DEMO")


def test_a_valid_verification_becomes_the_signature_an_invalid_one_a_refusal() -> None:
    esito = EsitoVerifica(
        valida=True,
        tipo="cades",
        firmatario="Giulia Bianchi",
        codice_fiscale="BNCGLI85M41H501Y",
        emittente="Test CA",
        firmato_il=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
    )
    firma = mapping.firma_da_verifica(esito, "a" * 64)
    assert (firma.tipo, firma.codice_fiscale, firma.documento_sha256) == (
        "cades",
        "BNCGLI85M41H501Y",
        "a" * 64,
    )
    non_valida = EsitoVerifica(
        valida=False,
        problemi=[
            Problema(codice="certificato_scaduto", messaggio="Il certificato è scaduto"),
            Problema(codice="documento_diverso", messaggio="Il documento firmato è un altro"),
        ],
    )
    with pytest.raises(FirmaNonValidaError) as rifiuto:
        mapping.firma_da_verifica(non_valida, "a" * 64)
    assert rifiuto.value.messaggio == "Il certificato è scaduto; Il documento firmato è un altro"


# --- views --------------------------------------------------------------------------------------


def test_the_view_of_a_draft_shows_totals_what_is_missing_and_no_document() -> None:
    istanza = bozza()
    vista = mapping.vista(istanza, RegoleOrdine())
    assert vista.stato == "bozza"
    assert vista.avvocato.ruolo == "avvocato"
    assert vista.avvocato.ordine == "DEMO"
    assert vista.totali is not None
    assert vista.totali.totale == Decimal("11112.66")
    assert vista.mancanti == istanza.mancanti()
    assert len(vista.mancanti) == 2
    assert (vista.documento_pronto, vista.documento_sha256, vista.firma) == (False, None, None)
    assert vista.firma_richiesta is True
    assert (
        mapping.vista(istanza, RegoleOrdine(firma_digitale_obbligatoria=False)).firma_richiesta
        is False
    )
    assert [e.descrizione for e in vista.cronologia] == ["Bozza creata"]


def test_the_view_of_a_deposited_case_shows_its_signature_and_deposit() -> None:
    istanza = depositata()
    istanza.registra_protocollo("2026/0001", DOPO_DEPOSITO, SEGRETERIA)
    vista = mapping.vista(istanza, RegoleOrdine())
    assert istanza.documento is not None
    assert istanza.firmato is not None
    assert istanza.deposito is not None
    assert vista.documento_pronto
    assert vista.documento_sha256 == istanza.documento.sha256
    assert vista.firma is not None
    assert vista.firma.tipo == "pades"
    assert vista.firma.sha256 == istanza.firmato.sha256
    assert vista.depositata_il == istanza.deposito.depositata_il
    assert vista.protocollo == "2026/0001"
    assert [e.stato for e in vista.cronologia] == ["bozza", "depositata", "acquisita"]
    assert [a.nome_file for a in vista.allegati] == ["parcella.pdf", "prova_invio.pdf"]
    assert vista.mancanti == []


def test_a_hand_signed_deposit_shows_no_signed_file() -> None:
    istanza = pronta()
    istanza.firmato = None
    istanza.deposita(DOPO_DEPOSITO, RegoleOrdine(firma_digitale_obbligatoria=False))
    firma = mapping.vista(istanza, RegoleOrdine(firma_digitale_obbligatoria=False)).firma
    assert firma is not None
    assert (firma.tipo, firma.sha256) == ("autografa", None)


def test_the_list_line_of_a_case() -> None:
    istanza = depositata()
    assert mapping.sintesi(istanza) == contratti.IstanzaSintesi(
        id=istanza.id,
        codice=istanza.codice,
        protocollo=None,
        cliente="Mario Rossi",
        importo_richiesto=Decimal("7616.00"),
        stato="depositata",
        aggiornata_il=istanza.aggiornata_il,
    )
    vuota = bozza(ContenutoIstanza())
    riga = mapping.sintesi(vuota)
    assert (riga.cliente, riga.importo_richiesto) == (None, None)
