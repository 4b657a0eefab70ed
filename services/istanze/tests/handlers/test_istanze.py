"""Drafts, attachments, withdrawal and queries through the use cases: a redelivered request
has one effect and gets the first answer; what the asking user may do comes with the view."""

import pikepdf
import pytest

from istanze.domain.errori import NonTrovataError
from parcelle_contracts import istanze as contratti
from parcelle_contracts.common import Attore
from parcelle_kit.pdf.inspection import PdfRefusedError

from ..conftest import Servizio
from ..finti import ALTRO_AVVOCATO, API, AVVOCATO, PDF, SEGRETERIA, crea, pdf
from .test_deposito import allega_tutto, deposita


def dettaglio(attore: Attore) -> contratti.DettaglioIstanza:
    return contratti.DettaglioIstanza(
        correlation_id="x", ordine="DEMO", attore=attore, istanza_id="istanza-1"
    )


async def test_a_redelivered_draft_is_created_once_with_the_same_answer(
    servizio: Servizio,
) -> None:
    await servizio.imposta()
    messaggio = crea()
    prima = await servizio.istanze.crea_bozza(messaggio)
    assert await servizio.istanze.crea_bozza(messaggio) == prima
    elenco = await servizio.istanze.elenco(
        contratti.ElencoIstanze(correlation_id="x", ordine="DEMO", attore=AVVOCATO)
    )
    assert [riga.codice for riga in elenco.items] == [prima.codice]
    assert elenco.next is None


async def test_a_redelivered_attachment_is_attached_once(servizio: Servizio) -> None:
    await servizio.imposta()
    await servizio.istanze.crea_bozza(crea())
    file = await servizio.carica(PDF, "upload-1")
    messaggio = contratti.AggiungiAllegato(
        correlation_id="istanza-1",
        ordine="DEMO",
        attore=AVVOCATO,
        istanza_id="istanza-1",
        categoria="parcella",
        nome_file="parcella.pdf",
        file=file,
    )
    prima = await servizio.istanze.aggiungi_allegato(messaggio)
    # The upload was claimed from the transfer area: the redelivery cannot read it again.
    assert await servizio.transfer.stat(file.key) is None
    assert await servizio.istanze.aggiungi_allegato(messaggio) == prima
    assert len((await servizio.caso()).allegati) == 1


async def test_only_the_owning_lawyer_sees_actions_and_staff_never_see_drafts(
    servizio: Servizio,
) -> None:
    await servizio.imposta()
    await servizio.istanze.crea_bozza(crea())
    mia = await servizio.istanze.dettaglio(dettaglio(AVVOCATO))
    assert mia.azioni == ["modifica", "allega"]
    for estraneo in (SEGRETERIA, ALTRO_AVVOCATO):
        with pytest.raises(NonTrovataError):
            await servizio.istanze.dettaglio(dettaglio(estraneo))


async def test_a_withdrawal_is_recorded_with_who_and_through_what(servizio: Servizio) -> None:
    await servizio.imposta()
    await servizio.istanze.crea_bozza(crea())
    await allega_tutto(servizio)
    await servizio.deposito.firma_demo(
        contratti.FirmaDemoIstanza(
            correlation_id="istanza-1", ordine="DEMO", attore=AVVOCATO, istanza_id="istanza-1"
        )
    )
    await servizio.deposito.deposita(deposita())
    rinunciata = await servizio.istanze.rinuncia(
        contratti.RinunciaIstanza(
            correlation_id="istanza-1",
            ordine="DEMO",
            attore=API,
            istanza_id="istanza-1",
            motivo="Accordo raggiunto con il cliente",
        )
    )
    assert rinunciata.stato == "rinunciata"
    assert rinunciata.azioni == []
    ultimo = rinunciata.cronologia[-1]
    assert (ultimo.chi, ultimo.ruolo, ultimo.tramite) == ("Giulia Bianchi", "avvocato", "api")
    eventi = [m["routing_key"] for m in await servizio.uscita()]
    assert eventi[-2:] == ["istanze.event.istanza_rinunciata", "pratica.DEMO.rinunciata"]


async def test_a_pdf_with_active_content_is_refused_naming_it_and_nothing_is_kept(
    servizio: Servizio,
) -> None:
    await servizio.imposta()
    await servizio.istanze.crea_bozza(crea())

    def javascript(documento: pikepdf.Pdf) -> None:
        documento.Root.OpenAction = documento.make_indirect(
            pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert('x')")
        )

    file = await servizio.carica(pdf("Parcella", javascript), "upload-js")
    messaggio = contratti.AggiungiAllegato(
        correlation_id="istanza-1",
        ordine="DEMO",
        attore=AVVOCATO,
        istanza_id="istanza-1",
        categoria="parcella",
        nome_file="parcella.pdf",
        file=file,
    )
    with pytest.raises(PdfRefusedError) as refused:
        await servizio.istanze.aggiungi_allegato(messaggio)
    assert refused.value.codice == "pdf_non_ammesso"
    assert "codice JavaScript" in refused.value.messaggio
    assert (await servizio.caso()).allegati == ()
    assert await servizio.blobs.stat(f"allegati/istanza-1/{messaggio.message_id}") is None


async def test_a_step_saved_with_wrong_fields_keeps_them_all_and_names_every_error(
    servizio: Servizio,
) -> None:
    await servizio.imposta()
    await servizio.istanze.crea_bozza(crea())
    cliente = contratti.Cliente(
        tipo="persona_fisica",
        nome="Mario",
        cognome="Rossi",
        codice_fiscale="RSSMRA80A01H501V",
        indirizzo=contratti.Indirizzo(via="Via Roma 1", cap="0018", comune="Roma"),
        pec="mario.rossi@",
    )
    vista = await servizio.istanze.aggiorna_bozza(
        contratti.AggiornaBozza(
            correlation_id="x",
            ordine="DEMO",
            attore=AVVOCATO,
            istanza_id="istanza-1",
            contenuto=contratti.ContenutoIstanza(cliente=cliente),
            parti=["cliente", "pratica"],
            non_letti=[
                contratti.CampoNonLetto(
                    campo="pratica.numero_parti", valore="tre", errore="Indica un numero intero."
                )
            ],
        )
    )
    assert {e.campo for e in vista.errori} == {
        "cliente.codice_fiscale",
        "cliente.indirizzo.cap",
        "cliente.pec",
        "pratica.numero_parti",
    }
    assert "deposita" not in vista.azioni
    # Stored: read again, the draft has every field as written and the one kept as typed.
    riletta = await servizio.istanze.dettaglio(dettaglio(AVVOCATO))
    assert riletta.contenuto.cliente == cliente
    assert [(n.campo, n.valore) for n in riletta.non_letti] == [("pratica.numero_parti", "tre")]
    assert riletta.errori == vista.errori
