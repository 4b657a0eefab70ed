"""The aggregate as a state machine: random sequences of every operation, by the right and the
wrong people, in and out of order. Each step is accepted exactly when the rules say so, a
refused step changes nothing, and the invariants of the procedure always hold."""

import copy
import itertools
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import get_args

from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from istanze.domain.contenuto import PARTI, ContenutoIstanza, Parte
from istanze.domain.deposito import Firma
from istanze.domain.errori import DomainError
from istanze.domain.istanza import Istanza
from istanze.domain.persone import Utente
from istanze.domain.regole import RegoleOrdine
from istanze.domain.stati import RINUNCIABILI, ammessa
from istanze.domain.tipi_file import TIPI_FILE
from parcelle_contracts.vocabolario import MB, CategoriaAllegato, Stato, TipoFile

from .fabbrica import (
    ALTRO_AVVOCATO,
    AVVOCATO,
    CLIENTE,
    CONTENUTO,
    MINUTO,
    ORA,
    SEGRETERIA,
    TITOLARE,
    allega,
    bozza,
    pronta,
    sha,
)

PROBABILE = st.sampled_from([True, True, True, False])

CONTENUTI = [
    CONTENUTO,
    ContenutoIstanza(),
    replace(CONTENUTO, note="Seconda stesura"),
    replace(CONTENUTO, cliente=replace(CLIENTE, codice_fiscale="RSSMRA80A01H501V")),  # wrong
]
CATEGORIE: list[CategoriaAllegato] = ["parcella", "prova_invio", "atti", "altro"]
DIMENSIONI = st.one_of(st.integers(1, 5000), st.sampled_from([0, 16 * MB, 16 * MB + 1, 30 * MB]))
PERSONE = [TITOLARE, ALTRO_AVVOCATO, SEGRETERIA]
_DA_OPERAZIONE_PROPRIA: frozenset[Stato] = frozenset({"depositata", "rinunciata"})


class MacchinaIstanza(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.istanza: Istanza = bozza()
        self.regole = RegoleOrdine()
        self.ora = ORA
        self.numero_allegato = 0

    def _adesso(self) -> datetime:
        self.ora += MINUTO
        return self.ora

    def _prova(self, operazione: Callable[[], object], attesa: bool) -> DomainError | None:
        """Run ``operazione``; check it succeeded iff ``attesa``, and the aftermath."""
        # Shallow is enough: every field holds an immutable value (tuples, frozen dataclasses).
        prima = copy.copy(self.istanza)
        rifiuto: DomainError | None = None
        try:
            operazione()
        except DomainError as errore:
            rifiuto = errore
        if rifiuto is not None:
            assert self.istanza == prima, f"refused but changed: {rifiuto!r}"
            assert not attesa, f"refused unexpectedly: {rifiuto!r}"
            event(f"rifiuto {rifiuto.codice}")
            return rifiuto
        assert attesa, "accepted unexpectedly"
        if self.istanza.stato != prima.stato:
            assert ammessa(prima.stato, self.istanza.stato)
            event(f"stato {self.istanza.stato}")
        return None

    @initialize(
        # Mostly a complete application with its attachments, so that the deposit and the
        # steps after it are reached in most runs, not only the draft's refusals.
        contenuto=st.sampled_from([CONTENUTO, CONTENUTO, *CONTENUTI]),
        firma_obbligatoria=st.booleans(),
        con_allegati=PROBABILE,
        partenza=st.sampled_from(["bozza", "bozza", "bozza", "depositata", "acquisita"]),
    )
    def inizia(
        self,
        contenuto: ContenutoIstanza,
        firma_obbligatoria: bool,
        con_allegati: bool,
        partenza: Stato,
    ) -> None:
        self.regole = RegoleOrdine(firma_digitale_obbligatoria=firma_obbligatoria)
        if partenza != "bozza":  # start further on, so the later steps get their share
            self.istanza = pronta()
            self.ora = max(self.ora, self.istanza.aggiornata_il)  # after its signature
            self.istanza.deposita(self._adesso(), self.regole)
            if partenza == "acquisita":
                self.istanza.registra_protocollo("2026/0001", self._adesso(), SEGRETERIA)
            return
        self.istanza = bozza(contenuto)
        if con_allegati:
            allega(self.istanza, "parcella")
            allega(self.istanza, "prova_invio")

    @rule(parti=st.lists(st.sampled_from(PARTI), unique=True), contenuto=st.sampled_from(CONTENUTI))
    def aggiorna(self, parti: list[Parte], contenuto: ContenutoIstanza) -> None:
        attesa = self.istanza.stato == "bozza"
        self._prova(lambda: self.istanza.aggiorna(parti, contenuto, self._adesso()), attesa)

    @rule(
        categoria=st.sampled_from(CATEGORIE),
        tipo=st.sampled_from([*TIPI_FILE, None]),
        dimensione=DIMENSIONI,
    )
    def aggiungi_allegato(
        self, categoria: CategoriaAllegato, tipo: TipoFile | None, dimensione: int
    ) -> None:
        self.numero_allegato += 1
        numero = self.numero_allegato
        occupato = sum(a.dimensione for a in self.istanza.allegati)
        attesa = (
            self.istanza.stato == "bozza"
            and tipo is not None
            and 0 < dimensione <= self.regole.max_dimensione_file
            and len(self.istanza.allegati) < self.regole.max_allegati
            and occupato + dimensione <= self.regole.max_dimensione_pratica
        )
        self._prova(
            lambda: self.istanza.aggiungi_allegato(
                id=f"a{numero}",
                categoria=categoria,
                nome_file=f"{categoria}.pdf",
                tipo=tipo,
                dimensione=dimensione,
                sha256=sha(f"a{numero}"),
                blob_key=f"k{numero}",
                ora=self._adesso(),
                regole=self.regole,
            ),
            attesa,
        )

    @rule(data=st.data())
    def rimuovi_allegato(self, data: st.DataObject) -> None:
        ids = [a.id for a in self.istanza.allegati] + ["inesistente"]
        scelto = data.draw(st.sampled_from(ids))
        attesa = self.istanza.stato == "bozza" and scelto != "inesistente"
        self._prova(lambda: self.istanza.rimuovi_allegato(scelto, self._adesso()), attesa)

    @rule(aggiornato=PROBABILE)
    def genera_documento(self, aggiornato: bool) -> None:
        impronta = self.istanza.fingerprint() if aggiornato else "0" * 64
        attesa = self.istanza.stato == "bozza" and aggiornato
        self._prova(
            lambda: self.istanza.registra_documento(
                blob_key=f"doc-{self.ora.isoformat()}",
                sha256=sha(f"doc-{self.ora.isoformat()}"),
                dimensione=100,
                fingerprint=impronta,
                ora=self._adesso(),
            ),
            attesa,
        )

    @rule(sul_documento=PROBABILE, del_titolare=PROBABILE)
    def proponi_firmato(self, sul_documento: bool, del_titolare: bool) -> None:
        documento = self.istanza.documento
        firma = Firma(
            tipo="pades",
            firmatario="Firmatario",
            codice_fiscale=AVVOCATO.codice_fiscale if del_titolare else "RSSMRA80A01H501U",
            documento_sha256=documento.sha256 if documento and sul_documento else sha("altro"),
        )
        attesa = (
            self.istanza.stato == "bozza"
            and self.istanza.documento_pronto
            and sul_documento
            and del_titolare
        )
        self._prova(
            lambda: self.istanza.proponi_firmato(
                blob_key="firmato",
                sha256=sha("firmato"),
                dimensione=10,
                firma=firma,
                ora=self._adesso(),
            ),
            attesa,
        )

    @rule()
    def genera_e_firma(self) -> None:
        """What the lawyer's "prepare and sign" does: the current document, signed by them."""
        if self.istanza.stato == "bozza":
            self.genera_documento(aggiornato=True)
            self.proponi_firmato(sul_documento=True, del_titolare=True)

    @rule()
    def deposita(self) -> None:
        i = self.istanza
        gia_depositata = i.deposito is not None
        attesa = (
            i.stato == "bozza"
            and not i.verifica_campi()
            and not i.mancanti(self.regole)
            and i.documento_pronto
            and (i.firmato is not None or not self.regole.firma_digitale_obbligatoria)
        )
        errore = self._prova(lambda: i.deposita(self._adesso(), self.regole), attesa)
        if gia_depositata:
            assert errore is not None
            assert errore.codice == "gia_depositata"

    @rule(chi=st.sampled_from(PERSONE), motivo=st.sampled_from(["Accordo con il cliente", "x"]))
    def rinuncia(self, chi: Utente, motivo: str) -> None:
        attesa = chi == TITOLARE and len(motivo) >= 3 and self.istanza.stato in RINUNCIABILI
        self._prova(lambda: self.istanza.rinuncia(motivo, self._adesso(), chi), attesa)

    @rule(chi=st.sampled_from(PERSONE), numero=st.sampled_from(["2026/0001", " "]))
    def registra_protocollo(self, chi: Utente, numero: str) -> None:
        attesa = chi == SEGRETERIA and numero.strip() != "" and self.istanza.stato == "depositata"
        self._prova(lambda: self.istanza.registra_protocollo(numero, self._adesso(), chi), attesa)

    @rule(nuovo=st.sampled_from(get_args(Stato)))
    def cambia_stato(self, nuovo: Stato) -> None:
        i = self.istanza
        attesa = (
            ammessa(i.stato, nuovo)
            and nuovo not in _DA_OPERAZIONE_PROPRIA
            and not (nuovo == "acquisita" and i.protocollo is None)
        )
        self._prova(lambda: i.cambia_stato(nuovo, self._adesso(), f"Passa a {nuovo}"), attesa)

    # --- what always holds ----------------------------------------------------------------------

    @invariant()
    def solo_le_bozze_non_sono_depositate(self) -> None:
        assert (self.istanza.stato == "bozza") == (self.istanza.deposito is None)

    @invariant()
    def il_documento_corrisponde_sempre_ai_dati(self) -> None:
        i = self.istanza
        assert i.documento is None or i.documento.fingerprint == i.fingerprint()
        assert i.firmato is None or (
            i.documento is not None and i.firmato.firma.documento_sha256 == i.documento.sha256
        )

    @invariant()
    def ogni_cambio_di_stato_e_nella_cronologia(self) -> None:
        cronologia = self.istanza.cronologia
        assert cronologia[0].stato == "bozza"
        assert cronologia[-1].stato == self.istanza.stato
        for prima, dopo in itertools.pairwise(cronologia):
            assert prima.quando <= dopo.quando
            assert prima.stato == dopo.stato or ammessa(prima.stato, dopo.stato)

    @invariant()
    def esaminata_solo_se_protocollata(self) -> None:
        if self.istanza.stato in ("acquisita", "integrazione_richiesta", "provvedimento_emesso"):
            assert self.istanza.protocollo is not None

    @invariant()
    def limiti_rispettati(self) -> None:
        allegati = self.istanza.allegati
        assert len(allegati) <= self.regole.max_allegati
        assert sum(a.dimensione for a in allegati) <= self.regole.max_dimensione_pratica
        assert len({a.id for a in allegati}) == len(allegati)

    @invariant()
    def tempi_in_ordine(self) -> None:
        assert self.istanza.creata_il <= self.istanza.aggiornata_il


MacchinaIstanza.TestCase.settings = settings(
    max_examples=200, stateful_step_count=50, deadline=None
)
TestMacchinaIstanza = MacchinaIstanza.TestCase
