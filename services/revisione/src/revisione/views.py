"""Between the contracts and the domain of `revisione`: the application's items with their
DM 147/2022 ranges, the decision's items, the Ordine's fee rule, and the review as the relatore
sees it. Field-for-field copies are left to pydantic and :mod:`parcelle_kit.store.codec`."""

from datetime import datetime
from decimal import Decimal

from parcelle_compensi import Parametri, parametri_della_pratica
from parcelle_contracts import revisione as contratti
from parcelle_contracts.common import BlobRef, FileRef
from parcelle_contracts.istanze import Istanza, ids_voci
from parcelle_contracts.ordini import ImpostazioniOrdine
from parcelle_kit.store.codec import decode, encode
from revisione.domain.decisione import Richiesta, VoceDecisa, VoceRichiesta
from revisione.domain.diritti import RegoleDiritti, calcola_diritti
from revisione.domain.revisione import Revisione


def richiesta(istanza: Istanza) -> Richiesta:
    """What the application asks, each item with its id and range."""
    contenuto = istanza.contenuto
    dati = contenuto.pratica
    voci = contenuto.voci or []
    ids = ids_voci([voce.fase for voce in voci])

    def intervallo(fase: str) -> Parametri | None:
        if dati is None:
            return None
        return parametri_della_pratica(
            dati.procedimento, dati.valore, dati.valore_indeterminabile, fase
        )

    return Richiesta(
        voci=tuple(
            VoceRichiesta(
                id=voce.id or ids[n],
                fase=voce.fase,
                importo=voce.importo,
                descrizione=voce.descrizione,
                motivazione=voce.motivazione,
                parametri=intervallo(voce.fase),
            )
            for n, voce in enumerate(voci)
        ),
        spese=contenuto.spese or Decimal("0.00"),
        spese_generali_percentuale=contenuto.spese_generali_percentuale,
        difesa_ufficio=bool(dati is not None and dati.difesa_ufficio),
    )


def regole_diritti(impostazioni: ImpostazioniOrdine) -> RegoleDiritti:
    return decode(RegoleDiritti, impostazioni.revisione.diritti.model_dump(mode="json"), "diritti")


def decise(msg: contratti.DecidiPratica) -> list[VoceDecisa]:
    return [decode(VoceDecisa, voce.model_dump(mode="json"), "voce") for voce in msg.voci]


def file_provvedimento(revisione: Revisione, area: str) -> FileRef | None:
    p = revisione.provvedimento
    if p is None:
        return None
    return FileRef(
        blob=BlobRef(area=area, key=p.key, sha256=p.sha256, size=p.size),
        nome_file=p.nome_file,
        content_type="application/pdf",
    )


def vista(
    revisione: Revisione,
    istanza: Istanza,
    impostazioni: ImpostazioniOrdine,
    *,
    ora: datetime,
    area: str,
) -> contratti.Revisione:
    """The review as its relatore sees it now, with what they may do."""
    regole = impostazioni.revisione
    domanda = richiesta(istanza)
    motivo = revisione.perche_non_decidibile(
        ora,
        attendi_osservazioni=regole.attendi_osservazioni,
        giorni_osservazioni=impostazioni.giorni_osservazioni,
    )
    decisione = revisione.decisione
    if decisione is not None:
        diritti: Decimal | None = decisione.diritti
    elif istanza.totali is not None:
        diritti = calcola_diritti(
            regole_diritti(impostazioni),
            istanza.totali.compenso,
            difesa_ufficio=domanda.difesa_ufficio,
        )
    else:
        diritti = None
    azioni: list[contratti.AzioneRevisione] = []
    if motivo is None:
        azioni.append("decidi")
    if revisione.stato == "da_decidere" and not revisione.integrazioni:
        azioni.append("richiedi_integrazione")  # the term is suspended once only
    return contratti.Revisione.model_validate(
        {
            "istanza_id": revisione.istanza_id,
            "codice": istanza.codice,
            "ordine": revisione.ordine,
            "protocollo": revisione.protocollo,
            "relatore": revisione.relatore,
            "stato": revisione.stato,
            "istanza": istanza,
            "voci": [
                {
                    "id": voce.id,
                    "fase": voce.fase,
                    "descrizione": voce.descrizione,
                    "importo_richiesto": voce.importo,
                    "motivazione": voce.motivazione,
                    "parametri": encode(voce.parametri),
                    "fuori_parametri": voce.fuori_parametri,
                }
                for voce in domanda.voci
            ],
            "totali_richiesti": istanza.totali,
            "osservazioni_fino_al": revisione.osservazioni_fino_al(
                impostazioni.giorni_osservazioni
            ),
            "attendi_osservazioni": regole.attendi_osservazioni,
            "decidibile": motivo is None,
            "motivo_attesa": motivo,
            "integrazioni": encode(revisione.integrazioni),
            "decisione": encode(decisione) if decisione is not None else None,
            "provvedimento": file_provvedimento(revisione, area),
            "diritti_previsti": diritti,
            "azioni": azioni,
        }
    )
