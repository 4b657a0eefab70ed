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

from decimal import Decimal
from typing import Annotated, ClassVar, Final, get_args

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


Euro = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
"""Euro and cents, as a decimal string in JSON (``"50.00"``)."""
Percentuale = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]
"""A rate in per cent (``"3"`` is 3%)."""


class RegoleDiritti(Model):
    """The council's fee (diritti di opinamento, L. 247/2012 art. 29 c.3 b) as the Ordine
    sets it, computed on the liquidated fee (compenso) only. The variants seen in practice:
    a percentage (Brescia 2%); a separate rate for court-appointed defence (Pisa 3%, 1%); a
    fixed filing fee plus a percentage up to a threshold and a lower one above it, nothing but
    the fixed fee under a minimum fee (Lecce: EUR 50 + 3% up to 100,000 and 1% above, nothing
    under 1,500); a fixed fee alone (Vicenza, Trani EUR 20-30)."""

    percentuale: Percentuale = Field(
        default=Decimal("0"), description="Per cent of the liquidated fee."
    )
    percentuale_difesa_ufficio: Percentuale | None = Field(
        default=None,
        description="Per cent for a court-appointed defence or legal aid; none: the same rate.",
    )
    diritto_fisso: Euro = Field(
        default=Decimal("0"), description="Fixed fee due in any case (at filing)."
    )
    soglia: Euro | None = Field(
        default=None,
        description="Part of the fee the rate applies to; above it ``percentuale_oltre_soglia``.",
    )
    percentuale_oltre_soglia: Percentuale | None = Field(
        default=None, description="Per cent of the part of the fee above ``soglia``."
    )
    esenzione_sotto: Euro | None = Field(
        default=None,
        description="A liquidated fee below this owes the fixed fee only.",
    )
    minimo: Euro | None = Field(default=None, description="Least council fee (fixed included).")
    massimo: Euro | None = Field(default=None, description="Largest council fee.")

    @model_validator(mode="after")
    def _coerenti(self) -> "RegoleDiritti":
        if (self.soglia is None) != (self.percentuale_oltre_soglia is None):
            raise ValueError("a threshold needs the rate above it, and the rate its threshold")
        if self.minimo is not None and self.massimo is not None and self.minimo > self.massimo:
            raise ValueError("the minimum council fee cannot exceed the maximum")
        return self


class RegoleRevisione(Model):
    """How the councillor's review runs in the Ordine."""

    attendi_osservazioni: bool = Field(
        default=True,
        description="A decision waits for the end of the client's observations term (or for "
        "the client's observations).",
    )
    diritti: RegoleDiritti = Field(default_factory=RegoleDiritti)


class ImpostazioniPosta(Model):
    """How ``notifiche`` writes for the Ordine: senders and mail servers. Passwords are secrets
    named here (``*_segreto``) and read by ``notifiche`` from its own environment."""

    mittente_email: str = Field(default="", max_length=254, description="From: of e-mails.")
    smtp_host: str = Field(default="", max_length=253, description="Empty: the service's own.")
    smtp_porta: int = Field(default=587, ge=1, le=65535)
    smtp_utente: str = Field(default="", max_length=254)
    smtp_segreto: str = Field(default="", max_length=100, description="Name of the password.")
    pec_smtp_host: str = Field(default="", max_length=253, description="The PEC provider's SMTP.")
    pec_smtp_porta: int = Field(default=465, ge=1, le=65535)
    pec_imap_host: str = Field(default="", max_length=253, description="Where receipts arrive.")
    pec_imap_porta: int = Field(default=993, ge=1, le=65535)
    pec_utente: str = Field(default="", max_length=254)
    pec_segreto: str = Field(default="", max_length=100, description="Name of the password.")
    provvedimento_allegato: bool = Field(
        default=True,
        description="The order travels attached; otherwise as an expiring signed download link.",
    )
    giorni_link: int = Field(default=30, ge=1, le=365, description="Life of a download link.")


class TariffePostali(Model):
    """What a raccomandata A/R costs the Ordine at its print center."""

    raccomandata_ar: Euro = Field(default=Decimal("6.50"), description="Postage, first sheet.")
    foglio: Euro = Field(default=Decimal("0.15"), description="Print and postage, each sheet.")
    busta: Euro = Field(default=Decimal("0.30"), description="Envelope and enveloping.")


class RegolePagamento(Model):
    """When the lawyer pays the council fee."""

    prima_del_rilascio: bool = Field(
        default=True,
        description="The signed order is downloadable only once the council fee is paid.",
    )


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
    revisione: RegoleRevisione = Field(default_factory=RegoleRevisione)
    posta: ImpostazioniPosta = Field(default_factory=ImpostazioniPosta)
    tariffe_postali: TariffePostali = Field(default_factory=TariffePostali)
    pagamento: RegolePagamento = Field(default_factory=RegolePagamento)

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
