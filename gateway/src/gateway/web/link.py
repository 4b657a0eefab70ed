"""``/documenti/link/<token>``: a document sent as an expiring signed download link (the
Ordine chose links instead of attachments, ``ImpostazioniPosta.provvedimento_allegato``).

No login: the recipient (a client) has no account; the token is the permission. It names the
document's claim check and its expiry under an HMAC of ``notifiche``'s and the gateway's shared
key (:mod:`parcelle_kit.links`): an altered or foreign token is a page that does not exist, an
expired one says so. The document is served after its SHA-256 is checked against the token's
claim check, like every download."""

from datetime import UTC, datetime

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from gateway.dependencies import Files
from parcelle_kit.links import LinkNonValidoError, LinkScadutoError, link_key, verifica_link
from parcelle_kit.logging import get_logger

router = APIRouter(include_in_schema=False)
logger = get_logger(__name__)

SCADUTO = (
    "Il collegamento per scaricare il documento è scaduto. Se ti serve ancora, chiedi alla "
    "segreteria dell'Ordine di inviarlo di nuovo."
)


@router.get("/documenti/link/{token}")
async def documento(
    request: Request,
    files: Files,
    token: str = Path(min_length=10, max_length=4096, pattern=r"^[A-Za-z0-9_.-]+$"),
) -> Response:
    settings = request.app.state.settings
    try:
        collegamento = verifica_link(link_key(settings.link_key_secret()), token, datetime.now(UTC))
    except LinkScadutoError:
        raise HTTPException(410, SCADUTO) from None
    except LinkNonValidoError:
        logger.warning("download link refused")
        raise HTTPException(404) from None
    logger.info("document downloaded by link", istanza=collegamento.istanza_id)
    return await files.send(collegamento.documento)
