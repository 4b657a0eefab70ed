"""Without the development sink, the page of the kept mail says it is not available."""

from ..pagine import Browser


async def test_without_the_sink_the_page_says_it_is_not_available(segreteria: Browser) -> None:
    pagina = await segreteria.pagina("/segreteria/posta")
    assert "disponibile solo nell'installazione di sviluppo" in pagina.testo
    risposta = await segreteria.get("/segreteria/posta/messaggio/x.eml")
    assert risposta.status_code == 404
