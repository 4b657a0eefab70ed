"""An Ordine's settings, owned by ``acquisizione`` and announced to every other service.

The secretariat administers its Ordine (name, address, terms, reporting councillors, what a
deposit requires), so ``acquisizione`` owns these facts: ``parcelle ordini imposta`` and, later,
the administration pages change them there alone. Each change is announced with
:class:`ImpostazioniOrdineCambiate` carrying the whole new settings and a version; every other
service keeps a read copy, replaces it only with a higher version, and never writes it. A
service that has no copy yet asks the owner with :class:`LeggiImpostazioniOrdine`.

Secrets (mail passwords, signing keys) are never settings: a setting may name a secret, and
each service reads the secret itself from its own environment or files.
"""

from typing import ClassVar, Final, get_args

from pydantic import Field, model_validator

from parcelle_contracts.common import Model
from parcelle_contracts.envelope import Event, Query
from parcelle_contracts.vocabolario import MB, REQUISITI_PREDEFINITI, Requisito, TipoFile

TERMINE_PREDEFINITO: Final = 90
"""Days to conclude the procedure where the Ordine set nothing else (L. 241/1990 art. 2)."""
OSSERVAZIONI_PREDEFINITE: Final = 10
"""Days the client has for observations where the Ordine set nothing else."""


class RegoleIstanze(Model):
    """What the Ordine asks of an application: file limits, signature, requirements."""

    max_dimensione_file: int = Field(default=16 * MB, gt=0, description="Bytes per attachment.")
    max_dimensione_pratica: int = Field(default=100 * MB, gt=0, description="Bytes per case.")
    max_allegati: int = Field(default=50, gt=0, le=1000)
    firma_digitale_obbligatoria: bool = Field(
        default=True,
        description="Only a digitally signed application may be deposited (else a hand-signed "
        "original, brought to the counter, is accepted).",
    )
    tipi_ammessi: tuple[TipoFile, ...] = Field(
        default=get_args(TipoFile), min_length=1, description="Accepted kinds of attachment."
    )
    requisiti: tuple[Requisito, ...] = Field(
        default=REQUISITI_PREDEFINITI,
        description="What a deposit requires, in the order it is listed to the lawyer.",
    )

    @model_validator(mode="after")
    def _coerenti(self) -> "RegoleIstanze":
        if self.max_dimensione_pratica < self.max_dimensione_file:
            raise ValueError("a case's size limit cannot be below a file's")
        return self


class Relatore(Model):
    """A reporting councillor of the Ordine, with their share of automatic assignments."""

    username: str = Field(min_length=1, max_length=64)
    nome: str = Field(min_length=1, max_length=200)
    peso: int = Field(default=1, ge=1, le=10)


class ImpostazioniOrdine(Model):
    """Everything an Ordine sets, as its owner announces it."""

    codice: str = Field(pattern=r"^[A-Z]{2,32}$", description="The Ordine's code, e.g. ROMA.")
    versione: int = Field(default=0, ge=0, description="Grows by one at every change.")
    nome: str = Field(default="", max_length=200, description="Display name.")
    indirizzo: str = Field(default="", max_length=300, description="The secretariat's address.")
    pec: str = Field(default="", max_length=254, description="The Ordine's PEC.")
    termine_giorni: int = Field(default=TERMINE_PREDEFINITO, ge=1, le=3650)
    giorni_osservazioni: int = Field(default=OSSERVAZIONI_PREDEFINITE, ge=1, le=365)
    assegnazione_automatica: bool = False
    relatori: tuple[Relatore, ...] = ()
    marca_da_bollo: bool = Field(
        default=False,
        description="A hand-signed deposit is acquired only with the stamp duty received.",
    )
    istanze: RegoleIstanze = Field(default_factory=RegoleIstanze)

    @model_validator(mode="after")
    def _coerenti(self) -> "ImpostazioniOrdine":
        nomi = [relatore.username for relatore in self.relatori]
        if len(set(nomi)) != len(nomi):
            raise ValueError("each relatore may be listed once")
        if self.assegnazione_automatica and not self.relatori:
            raise ValueError("automatic assignment needs at least one relatore")
        return self

    def nome_esteso(self) -> str:
        """The name documents print: the display name, or one made from the code."""
        return self.nome or f"Ordine degli Avvocati ({self.codice})"


class ImpostazioniOrdineCambiate(Event):
    """An Ordine's settings changed (or were announced again): the whole new settings."""

    owner: ClassVar[str] = "acquisizione"
    name: ClassVar[str] = "impostazioni_ordine_cambiate"
    impostazioni: ImpostazioniOrdine


class LeggiImpostazioniOrdine(Query):
    """The settings of the envelope's ``ordine`` (the defaults where it set nothing): for a
    service that has no read copy yet. Replies :class:`ImpostazioniOrdine`."""

    owner: ClassVar[str] = "acquisizione"
    name: ClassVar[str] = "leggi_impostazioni_ordine"
