"""Hypothesis strategies for any aggregate the domain may hold, and for content within the
contracts' limits: shared by the tests of the views and of the stored document."""

from datetime import UTC, datetime
from decimal import Decimal
from typing import get_args

from hypothesis import strategies as st

from istanze.domain.allegati import Allegato
from istanze.domain.contenuto import Cliente, ContenutoIstanza, DatiPratica, Indirizzo, Voce
from istanze.domain.cronologia import Evento
from istanze.domain.deposito import Deposito, DocumentoIstanza, FileFirmato, Firma, Ricevuta
from istanze.domain.istanza import Istanza
from istanze.domain.persone import Avvocato
from istanze.domain.tipi_file import TIPI_FILE
from parcelle_contracts.vocabolario import (
    CategoriaAllegato,
    Fase,
    Procedimento,
    Ruolo,
    Stato,
    TipoCliente,
    TipoFirma,
    Tramite,
)

testi = st.none() | st.text(max_size=12)
importi = st.decimals(min_value=0, max_value=Decimal("9999999999.99"), places=2)  # ImportoRichiesto
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
    procedimento=st.none() | st.sampled_from(get_args(Procedimento)),
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
    Voce,
    fase=st.sampled_from(get_args(Fase)),
    importo=importi,
    descrizione=testi,
    motivazione=testi,
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
    tipo=st.sampled_from(get_args(TipoFirma)),
    firmatario=testi,
    codice_fiscale=testi,
    emittente=testi,
    firmato_il=st.none() | istanti,
    documento_sha256=hex64,
)
allegati = st.builds(
    Allegato,
    id=st.text(min_size=1, max_size=8),
    categoria=st.sampled_from(get_args(CategoriaAllegato)),
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
    stato=st.sampled_from(get_args(Stato)),
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
            Evento,
            quando=istanti,
            stato=st.sampled_from(get_args(Stato)),
            descrizione=st.text(),
            chi=testi,
            ruolo=st.none() | st.sampled_from(get_args(Ruolo)),
            tramite=st.none() | st.sampled_from(get_args(Tramite)),
            stazione=testi,
        ),
        max_size=3,
    ).map(tuple),
)

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
            fase=st.sampled_from(get_args(Fase)),
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
