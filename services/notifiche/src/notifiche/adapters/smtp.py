"""Mail through SMTP (aiosmtplib): e-mail to the Ordine's mail server, PEC to its provider's
SMTP, each falling back to this service's own server when the Ordine set none (in development
the local sink of ``parcelle up``, which keeps every message under var/mail; there PEC goes
through the simulated provider instead, unless ``pec_trasporto`` says ``smtp``).

The server's reply decides what a failure is: 5xx refuses the message for good
(:class:`~notifiche.domain.errori.RecapitoRifiutatoError`); 4xx, a server that cannot be
reached or a timeout may pass (:class:`TrasportoNonDisponibileError`, a ``TransientError``)."""

from dataclasses import dataclass
from email.message import EmailMessage
from typing import Literal

import aiosmtplib

from notifiche.adapters.segreti import Segreti
from notifiche.domain.errori import RecapitoRifiutatoError
from parcelle_contracts.ordini import ImpostazioniPosta
from parcelle_contracts.vocabolario import CanalePosta
from parcelle_kit.bus.retry import TransientError

Tls = Literal["auto", "starttls", "tls", "none"]


class TrasportoNonDisponibileError(TransientError):
    """The server could not take the message now (4xx, unreachable, timeout)."""


@dataclass(frozen=True)
class Server:
    host: str
    porta: int
    utente: str = ""
    segreto: str = ""
    """The name of the password, or empty."""
    tls: Tls = "auto"


@dataclass(frozen=True)
class ServerPropri:
    """This service's own servers, for an Ordine that set none."""

    email: Server
    pec: Server


def server_di(posta: ImpostazioniPosta, propri: ServerPropri, canale: CanalePosta) -> Server:
    """Where a message of ``canale`` goes, for an Ordine with these settings."""
    if canale == "pec":
        if not posta.pec_smtp_host:
            return propri.pec
        return Server(
            posta.pec_smtp_host,
            posta.pec_smtp_porta,
            posta.pec_utente,
            posta.pec_segreto,
            _tls(posta.pec_smtp_porta, posta.pec_utente),
        )
    if not posta.smtp_host:
        return propri.email
    return Server(
        posta.smtp_host,
        posta.smtp_porta,
        posta.smtp_utente,
        posta.smtp_segreto,
        _tls(posta.smtp_porta, posta.smtp_utente),
    )


def _tls(porta: int, utente: str) -> Tls:
    """Implicit TLS on 465; STARTTLS required when credentials are sent; otherwise taken
    when the server offers it."""
    if porta == 465:
        return "tls"
    return "starttls" if utente else "auto"


class SmtpTrasporto:
    """The :class:`~notifiche.ports.Trasporto` of one server."""

    def __init__(self, server: Server, segreti: Segreti, timeout: float) -> None:
        self._server = server
        self._segreti = segreti
        self._timeout = timeout

    async def invia(self, messaggio: EmailMessage) -> None:
        server = self._server
        password = self._segreti.leggi(server.segreto) if server.segreto else None
        try:
            await aiosmtplib.send(
                messaggio,
                hostname=server.host,
                port=server.porta,
                username=server.utente or None,
                password=password,
                use_tls=server.tls == "tls",
                start_tls={"starttls": True, "none": False}.get(server.tls),
                timeout=self._timeout,
            )
        except aiosmtplib.SMTPRecipientsRefused as error:
            codici = [rifiuto.code for rifiuto in error.recipients]
            testo = "; ".join(f"{r.code} {r.message}" for r in error.recipients)
            if codici and all(codice >= 500 for codice in codici):
                raise RecapitoRifiutatoError(_rifiuto(testo)) from error
            raise TrasportoNonDisponibileError(testo) from error
        except aiosmtplib.SMTPResponseException as error:
            if error.code >= 500:
                raise RecapitoRifiutatoError(_rifiuto(f"{error.code} {error.message}")) from error
            raise TrasportoNonDisponibileError(f"{error.code} {error.message}") from error
        except (aiosmtplib.SMTPException, OSError) as error:
            raise TrasportoNonDisponibileError(f"{server.host}:{server.porta}: {error}") from error


def _rifiuto(risposta: str) -> str:
    return f"Il server di posta ha rifiutato il messaggio: {risposta}"


class SmtpTrasporti:
    """The :class:`~notifiche.ports.Trasporti`: the server of a channel for an Ordine's
    settings."""

    def __init__(self, propri: ServerPropri, segreti: Segreti, timeout: float) -> None:
        self._propri = propri
        self._segreti = segreti
        self._timeout = timeout

    def __call__(self, posta: ImpostazioniPosta, canale: CanalePosta) -> SmtpTrasporto:
        return SmtpTrasporto(server_di(posta, self._propri, canale), self._segreti, self._timeout)
