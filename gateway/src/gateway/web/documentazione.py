"""``/api/v1/docs``: a page of ours, under the pages' Content-Security-Policy, that says where
the REST API's OpenAPI document and the public events' AsyncAPI document are and how to
authenticate.

Why not Swagger UI: the API's readers are integrators, who load the OpenAPI document into
their own tools (code generators, Postman, their own Swagger UI). Serving Swagger UI here would
put a large third-party application on the origin that holds the users' session cookies, and
by default it sends the document to an outside validator; a plain page that links the JSON
needs no CDN, no vendored bundle and no exception to the CSP.
"""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from gateway.web.templating import pagina

router = APIRouter(include_in_schema=False)


@router.get("/api/v1/docs")
async def documentazione(request: Request) -> HTMLResponse:
    return pagina(
        request,
        "documentazione_api.html",
        {"openapi": request.app.openapi_url, "asyncapi": "/api/v1/asyncapi.json"},
    )
