"""An in-memory :class:`gateway.ports.RevisionePort`, standing in for the client of
``revisione`` (:class:`gateway.revisione.RevisioneClient`) in the page and API tests.

It behaves as the service is specified to: only the assigned relatore sees and decides the case
(another councillor is told it does not exist), a case is decided once (``stato_non_valido``
after), a decision waits for the observations term when the case says so (``in_attesa``), every
item must be named once and a changed amount needs a reason (``dati_non_validi`` with the
field), and the order is "signed" at once. The ranges are the DM 147/2022 ones of a tribunale
case worth 26,001-52,000 euro. It records every call and can refuse, or not answer, the next
call of a method.
"""

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, ClassVar

from gateway.files import GatewayFiles
from parcelle_contracts.common import TRANSFER_AREA, Attore, BlobRef, FileRef
from parcelle_contracts.denaro import Parametri
from parcelle_contracts.envelope import utcnow
from parcelle_contracts.ids import new_id
from parcelle_contracts.istanze import Istanza, Voce
from parcelle_contracts.revisione import (
    Decisione,
    EsitoDecisione,
    Integrazione,
    Revisione,
    Variazione,
    VoceDecisa,
    VoceLiquidata,
    VoceRichiesta,
)

from .fake_istanze import totali
from .finto import Registro, errore

PDF = b"%PDF-1.7\n% Parcelle provvedimento\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MEDI = {
    "studio": Decimal("1701.00"),
    "introduttiva": Decimal("1204.00"),
    "istruttoria": Decimal("1806.00"),
    "decisionale": Decimal("2905.00"),
}
"""Medium values (DM 147/2022, tribunale, 26,001-52,000 euro)."""
CENT = Decimal("0.01")
NOMI = {"consigliere.demo": "Marco Verdi", "consigliere.due": "Anna Gialli"}


def _cent(valore: Decimal) -> Decimal:
    return valore.quantize(CENT, rounding=ROUND_HALF_UP)


def parametri(fase: str) -> Parametri | None:
    medio = MEDI.get(fase)
    if medio is None:
        return None
    return Parametri(minimo=_cent(medio / 2), medio=medio, massimo=_cent(medio * 3 / 2))


def fuori(importo: Decimal, range_: Parametri | None) -> bool:
    return range_ is not None and not range_.minimo <= importo <= range_.massimo


@dataclass
class FakeRevisione(Registro):
    """The port's methods; ``files`` is the app's GatewayFiles (the signed order)."""

    servizio: ClassVar[str] = "revisione"

    files: GatewayFiles | None = None
    revisioni: dict[str, Revisione] = field(default_factory=dict)
    trattenuti: set[str] = field(default_factory=set)
    """Cases whose signed order is not the lawyer's yet (the council fee comes first)."""

    # --- test helpers -------------------------------------------------------------------------

    def assegna(
        self,
        istanza: Istanza,
        relatore: str = "consigliere.demo",
        *,
        decidibile: bool = True,
        protocollo: str = "2026/000001",
    ) -> Revisione:
        """The acquired ``istanza`` assigned to ``relatore``, to review."""
        voci = []
        viste: dict[str, int] = {}
        for voce in istanza.contenuto.voci or []:
            viste[voce.fase] = viste.get(voce.fase, 0) + 1
            n = viste[voce.fase]
            id_ = voce.fase if n == 1 and voce.fase != "altro" else f"{voce.fase}-{n}"
            range_ = parametri(voce.fase)
            voci.append(
                VoceRichiesta(
                    id=id_,
                    fase=voce.fase,
                    descrizione=voce.descrizione,
                    importo_richiesto=voce.importo,
                    motivazione=voce.motivazione,
                    parametri=range_,
                    fuori_parametri=fuori(voce.importo, range_),
                )
            )
        adesso = utcnow()
        revisione = Revisione(
            istanza_id=istanza.id,
            codice=istanza.codice,
            ordine=istanza.ordine,
            protocollo=protocollo,
            relatore=relatore,
            stato="da_decidere",
            istanza=istanza.model_copy(update={"stato": "acquisita", "protocollo": protocollo}),
            voci=voci,
            totali_richiesti=istanza.totali,
            osservazioni_fino_al=adesso + timedelta(days=10 if not decidibile else -1),
            attendi_osservazioni=not decidibile,
            decidibile=decidibile,
            motivo_attesa=None
            if decidibile
            else "Il termine per le osservazioni del cliente non è ancora scaduto.",
            integrazioni=[],
            decisione=None,
            provvedimento=None,
            diritti_previsti=self._diritti(istanza.totali.compenso if istanza.totali else None),
            azioni=["decidi", "richiedi_integrazione"] if decidibile else ["richiedi_integrazione"],
        )
        self.revisioni[istanza.id] = revisione
        return revisione

    def imposta(self, revisione: Revisione, **campi: Any) -> Revisione:
        aggiornata = revisione.model_copy(update=campi)
        self.revisioni[revisione.istanza_id] = aggiornata
        return aggiornata

    # --- internals ----------------------------------------------------------------------------

    @staticmethod
    def _diritti(compenso: Decimal | None) -> Decimal | None:
        return None if compenso is None else _cent(compenso * Decimal("0.05"))

    def _del_relatore(self, attore: Attore, istanza_id: str) -> Revisione:
        if attore.ruolo != "consigliere":
            raise errore("non_autorizzata", "Solo il consigliere relatore può esaminare la pratica")
        revisione = self.revisioni.get(istanza_id)
        if (
            revisione is None
            or revisione.ordine != attore.ordine
            or revisione.relatore != attore.username
        ):
            raise errore("non_trovata", "Pratica non trovata")
        return revisione

    async def _firma(self, revisione: Revisione) -> FileRef:
        assert self.files is not None, "give the fake the app's GatewayFiles"

        async def pezzi() -> AsyncIterator[bytes]:
            yield PDF

        key = f"test/{new_id()}"
        info = await self.files.transfer.put(key, pezzi(), max_size=1_000_000)
        blob = BlobRef(area=TRANSFER_AREA, key=key, sha256=info.sha256, size=info.size)
        return FileRef(
            blob=blob,
            nome_file=f"provvedimento-{revisione.codice}.pdf",
            content_type="application/pdf",
        )

    # --- RevisionePort ------------------------------------------------------------------------

    async def dettaglio(self, attore: Attore, istanza_id: str) -> Revisione:
        self._entra("dettaglio", attore, istanza_id=istanza_id)
        return self._del_relatore(attore, istanza_id)

    async def decidi(
        self,
        attore: Attore,
        istanza_id: str,
        *,
        esito: EsitoDecisione,
        voci: list[VoceDecisa],
        motivi: str | None = None,
        note: str | None = None,
    ) -> Revisione:
        self._entra(
            "decidi",
            attore,
            istanza_id=istanza_id,
            esito=esito,
            voci=voci,
            motivi=motivi,
            note=note,
        )
        revisione = self._del_relatore(attore, istanza_id)
        if revisione.stato != "da_decidere":
            raise errore("stato_non_valido", "La pratica non si può decidere ora")
        if not revisione.decidibile:
            raise errore("in_attesa", revisione.motivo_attesa or "La decisione deve attendere")
        campi: dict[str, str] = {}
        if esito == "non_liquidabile" and not (motivi or "").strip():
            campi["motivi"] = "Indica perché il compenso non è liquidabile."
        per_id = {voce.id: voce for voce in revisione.voci}
        fasi = [voce.fase for voce in revisione.voci]
        decise: dict[str, VoceDecisa] = {}
        for n, decisa in enumerate(voci):
            if decisa.id is not None:
                if decisa.id not in per_id:
                    campi[f"voci.{n}.id"] = "Voce sconosciuta."
                    continue
                decise[decisa.id] = decisa
            elif fasi.count(decisa.fase) != 1:  # type: ignore[arg-type]
                campi[f"voci.{n}.fase"] = "Indica la voce con il suo id."
            else:
                decise[next(v.id for v in revisione.voci if v.fase == decisa.fase)] = decisa
        liquidate = []
        for n, richiesta in enumerate(revisione.voci):
            decisa_ = decise.get(richiesta.id)
            if decisa_ is None:
                if esito == "liquidata":
                    campi[f"voci[{richiesta.id}]"] = "Voce non decisa."
                importo = richiesta.importo_richiesto
                motivazione = None
            else:
                importo = decisa_.importo_liquidato
                motivazione = (decisa_.motivazione or "").strip() or None
            variazione: Variazione = (
                "confermata"
                if importo == richiesta.importo_richiesto
                else "aumentata"
                if importo > richiesta.importo_richiesto
                else "ridotta"
            )
            if variazione != "confermata" and motivazione is None:
                campi[f"voci.{n}.motivazione"] = "Motivare la variazione dell'importo."
            liquidate.append(
                VoceLiquidata(
                    id=richiesta.id,
                    fase=richiesta.fase,
                    descrizione=richiesta.descrizione,
                    importo_richiesto=richiesta.importo_richiesto,
                    importo_liquidato=importo,
                    variazione=variazione,
                    motivazione=motivazione,
                    fuori_parametri=fuori(importo, richiesta.parametri),
                )
            )
        if campi:
            raise errore("dati_non_validi", "Alcuni dati della decisione non sono validi.", **campi)
        contenuto = revisione.istanza.contenuto.model_copy(
            update={
                "voci": [
                    Voce(fase=v.fase, importo=v.importo_liquidato, descrizione=v.descrizione)
                    for v in liquidate
                ]
            }
        )
        importi = totali(contenuto) if esito == "liquidata" else None
        decisione = Decisione(
            esito=esito,
            voci=liquidate,
            totali=importi,
            diritti=self._diritti(importi.compenso if importi else Decimal(0)) or Decimal(0),
            motivi=motivi,
            note=note,
            avvisi=[
                f"{v.id}: importo fuori dai parametri del DM 147/2022"
                for v in liquidate
                if v.fuori_parametri
            ],
            relatore=attore.username,
            relatore_nome=NOMI.get(attore.username, attore.username),
            decisa_il=utcnow(),
        )
        return self.imposta(
            revisione,
            stato="decisa",
            decisione=decisione,
            provvedimento=await self._firma(revisione),
            diritti_previsti=decisione.diritti,
            decidibile=False,
            azioni=[],
        )

    async def richiedi_integrazione(
        self, attore: Attore, istanza_id: str, testo: str, giorni: int
    ) -> Revisione:
        self._entra(
            "richiedi_integrazione", attore, istanza_id=istanza_id, testo=testo, giorni=giorni
        )
        revisione = self._del_relatore(attore, istanza_id)
        if revisione.stato != "da_decidere":
            raise errore("stato_non_valido", "La pratica non attende una decisione")
        adesso = utcnow()
        integrazione = Integrazione(
            testo=testo,
            giorni=giorni,
            richiesta_il=adesso,
            scadenza=adesso + timedelta(days=giorni),
        )
        return self.imposta(
            revisione,
            stato="integrazione_richiesta",
            integrazioni=[*revisione.integrazioni, integrazione],
            decidibile=False,
            motivo_attesa="In attesa dell'integrazione richiesta all'avvocato.",
            azioni=[],
        )

    async def file_provvedimento(self, attore: Attore, istanza_id: str) -> FileRef:
        self._entra("file_provvedimento", attore, istanza_id=istanza_id)
        revisione = self.revisioni.get(istanza_id)
        if revisione is None or revisione.ordine != attore.ordine:
            raise errore("non_trovata", "Provvedimento non disponibile")
        if attore.ruolo == "consigliere" and revisione.relatore != attore.username:
            raise errore("non_autorizzata", "Solo il relatore legge il provvedimento")
        if attore.ruolo == "avvocato" and revisione.istanza.avvocato.username != attore.username:
            raise errore("non_trovata", "Provvedimento non disponibile")
        if revisione.provvedimento is None:
            raise errore("non_trovata", "Provvedimento non disponibile")
        if attore.ruolo == "avvocato" and istanza_id in self.trattenuti:
            raise errore("stato_non_valido", "Il provvedimento sarà scaricabile dopo il pagamento.")
        return revisione.provvedimento
