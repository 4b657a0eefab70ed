"""The messages' templates (Jinja2, in ``notifiche/templates``): for each message a text and
an HTML version of the same words, the subject being the text template's ``oggetto`` block.
Words for states and messages come from ``parcelle_contracts.vocabolario``; dates are shown in
Europe/Rome and money in euro by the kit's document filters. Values are escaped in the HTML
only (never in the text), and a name a template does not know is an error, never a blank."""

from collections.abc import Mapping
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from notifiche.domain.posta import Redazione
from parcelle_contracts.vocabolario import CANALI, MESSAGGI, Messaggio
from parcelle_kit.pdf.filters import FILTERS


def ambiente() -> Environment:
    env = Environment(
        loader=PackageLoader("notifiche", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.globals.update({"MESSAGGI": MESSAGGI, "CANALI": CANALI})
    return env


class ModelliJinja:
    """The :class:`~notifiche.ports.Modelli` over the packaged templates."""

    def __init__(self, env: Environment | None = None) -> None:
        self._env = env or ambiente()

    def scrivi(self, messaggio: Messaggio, contesto: Mapping[str, Any]) -> Redazione:
        testo = self._env.get_template(f"messaggi/{messaggio}.txt")
        oggetto = "".join(testo.blocks["oggetto"](testo.new_context(dict(contesto))))
        oggetto = " ".join(oggetto.split())
        html = self._env.get_template(f"messaggi/{messaggio}.html")
        return Redazione(
            oggetto=oggetto,
            testo=_paragrafi(testo.render(contesto)),
            html=html.render({**contesto, "titolo": oggetto}),
        )


def _paragrafi(testo: str) -> str:
    """At most one blank line between paragraphs (optional ones leave none behind)."""
    righe: list[str] = []
    for riga in testo.splitlines():
        riga = riga.rstrip()
        if riga or (righe and righe[-1]):
            righe.append(riga)
    return "\n".join(righe).strip() + "\n"
