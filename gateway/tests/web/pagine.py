"""Reading pages as a browser would: the forms' fields, elements by id, the CSRF token."""

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import httpx

from parcelle_kit import demo


@dataclass
class Elemento:
    tag: str
    attributi: dict[str, str]
    testo: str = ""


@dataclass
class _Lettore(HTMLParser):
    elementi: list[Elemento] = field(default_factory=list)
    _aperti: list[Elemento] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        elemento = Elemento(tag, {k: v or "" for k, v in attrs})
        self.elementi.append(elemento)
        if tag not in {"input", "br", "img", "meta", "link", "use", "hr"}:
            self._aperti.append(elemento)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._aperti) - 1, -1, -1):
            if self._aperti[i].tag == tag:
                del self._aperti[i:]
                break

    def handle_data(self, data: str) -> None:
        for elemento in self._aperti:
            elemento.testo += data


def _testo(sorgente: str) -> str:
    senza_tag = html.unescape(re.sub(r"<[^>]+>", " ", sorgente))
    # Only ASCII spaces collapse: a non-breaking space is part of what the user sees.
    return re.sub(r"[ \t\r\n\f\v]+", " ", senza_tag).strip()


class Pagina:
    """An HTML page: find elements by id or name, read values, the visible text."""

    def __init__(self, sorgente: str) -> None:
        self.html = sorgente
        lettore = _Lettore()
        lettore.feed(sorgente)
        self.elementi = lettore.elementi

    def per_id(self, ident: str) -> Elemento:
        trovati = [e for e in self.elementi if e.attributi.get("id") == ident]
        assert len(trovati) == 1, f"{len(trovati)} elements with id {ident!r}"
        return trovati[0]

    def ha_id(self, ident: str) -> bool:
        return any(e.attributi.get("id") == ident for e in self.elementi)

    def campi(self, nome: str) -> list[Elemento]:
        return [e for e in self.elementi if e.attributi.get("name") == nome]

    def valore(self, nome: str) -> str:
        """What the field named ``nome`` shows (input value, textarea text, selected option)."""
        campi = self.campi(nome)
        assert campi, f"no field named {nome!r}"
        campo = campi[0]
        if campo.tag == "textarea":
            return campo.testo
        if campo.tag == "select":
            indice = self.elementi.index(campo)
            for elemento in self.elementi[indice + 1 :]:
                if elemento.tag != "option":
                    break
                if "selected" in elemento.attributi:
                    return elemento.attributi.get("value", "")
            return ""
        if campo.attributi.get("type") in ("radio", "checkbox"):
            scelti = [c.attributi["value"] for c in campi if "checked" in c.attributi]
            return scelti[0] if scelti else ""
        return campo.attributi.get("value", "")

    @property
    def testo(self) -> str:
        return _testo(self.html)

    def link(self, testo: str) -> str:
        """The address of the link whose visible text is ``testo``."""
        for trovato in re.finditer(r'<a\b[^>]*href="([^"]*)"[^>]*>(.*?)</a>', self.html, re.S):
            if _testo(trovato.group(2)) == testo:
                return html.unescape(trovato.group(1))
        raise AssertionError(f"no link «{testo}»")

    def testo_di(self, ident: str) -> str:
        """The visible text of the element with this id, words apart as the user sees them."""
        inizio = self.html.index(f'id="{ident}"')
        inizio = self.html.rindex("<", 0, inizio)
        tag = re.match(r"<([a-zA-Z0-9]+)", self.html[inizio:])
        assert tag is not None
        nome = tag.group(1)
        profondita, posizione = 0, inizio
        for trovato in re.finditer(rf"<(/?){nome}\b[^>]*>", self.html[inizio:]):
            profondita += -1 if trovato.group(1) else 1
            if profondita == 0:
                posizione = inizio + trovato.end()
                break
        return _testo(self.html[inizio:posizione])

    @property
    def csrf(self) -> str:
        return self.valore("csrf")


class Browser:
    """An httpx client that keeps cookies and reads pages."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.client.get(url, **kwargs)

    async def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.client.post(url, **kwargs)

    async def pagina(self, url: str, stato: int = 200) -> Pagina:
        risposta = await self.client.get(url)
        assert risposta.status_code == stato, (risposta.status_code, risposta.text[:2000])
        return Pagina(risposta.text)

    async def accedi(self, username: str, password: str | None = None) -> httpx.Response:
        login = await self.pagina("/login")
        risposta = await self.client.post(
            "/login",
            data={
                "username": username,
                "password": password or demo.password(),
                "token_accesso": login.valore("token_accesso"),
                "next": "",
            },
        )
        assert risposta.status_code == 303, risposta.text[:2000]
        return risposta

    async def csrf(self, url: str = "/avvocato") -> str:
        return (await self.pagina(url)).csrf
