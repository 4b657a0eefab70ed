"""The lawyer's area ``/avvocato``: the list of applications (elenco), the guided form of a
draft (compilazione, with its steps in passi, its form readers in moduli, the saved draft's
values in salvati and the summary's data in riepilogo), the attachments (allegati, coming back
after a refusal through ritorno), the PDF to sign, the confirmation and the deposit (deposito),
and the case as the lawyer follows it, with the withdrawal (istanza), and what follows the
decision (seguito: the order's download and sending, the lawyer's channels)."""

from fastapi import APIRouter

from gateway.web.avvocato import allegati, compilazione, deposito, elenco, istanza, seguito

router = APIRouter(include_in_schema=False)
for _pages in (elenco, compilazione, allegati, deposito, seguito, istanza):
    router.include_router(_pages.router)

__all__ = ["router"]
