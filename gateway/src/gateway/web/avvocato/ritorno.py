"""Back to the attachments step after a refused upload (post/redirect/get): the error and the
category chosen travel in the address, the error signed with the session's secret so that no
link can put other words on the page."""

import hashlib
import hmac
from collections.abc import Mapping
from urllib.parse import urlencode

from fastapi.responses import RedirectResponse

from gateway.auth import WebUser
from parcelle_contracts.vocabolario import CATEGORIE_ALLEGATO, CategoriaAllegato

CATEGORIE: dict[str, CategoriaAllegato] = {nome: nome for nome in CATEGORIE_ALLEGATO}


def _indirizzo(istanza_id: str) -> str:
    return f"/avvocato/istanze/{istanza_id}/modifica/allegati"


def _firma(user: WebUser, campo: str, messaggio: str, categoria: str) -> str:
    testo = "\n".join(("allegati", campo, messaggio, categoria)).encode()
    return hmac.new(user.session.csrf.encode(), testo, hashlib.sha256).hexdigest()


def di_nuovo(
    user: WebUser, istanza_id: str, campo: str, messaggio: str, categoria: str
) -> RedirectResponse:
    """Back to the step's own address, with the error and the category chosen."""
    query = {"campo": campo, "errore": messaggio, "categoria": categoria}
    query["firma"] = _firma(user, campo, messaggio, categoria)
    return RedirectResponse(f"{_indirizzo(istanza_id)}?{urlencode(query)}", 303)


def errore_dall_indirizzo(
    user: WebUser, parametri: Mapping[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """The values and errors a refused upload left in the address, if its signature holds."""
    campo, messaggio = parametri.get("campo", ""), parametri.get("errore", "")
    categoria = parametri.get("categoria", "")
    valori = {"categoria": categoria} if categoria in CATEGORIE else {}
    atteso = _firma(user, campo, messaggio, categoria)
    if campo not in ("file", "categoria", "generale") or not hmac.compare_digest(
        atteso, parametri.get("firma", "")
    ):
        return valori, {}
    return valori, {campo: messaggio}
