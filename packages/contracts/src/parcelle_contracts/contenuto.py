"""What the lawyer writes in an application (istanza), part by part, as the messages of
``istanze`` carry it: client, matter, requested items, expenses, notes; and the fields a sender
could not read, kept as typed so that nothing the lawyer wrote is lost.

Drafts are saved at every step, so every field of the content is optional here; the service
says what is wrong (``Istanza.errori``) and what is missing when the lawyer deposits.
"""

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator, ConfigDict, Field, StrictBool, StrictInt, WithJsonSchema

from parcelle_contracts.common import Model, non_un_numero
from parcelle_contracts.denaro import Importo, ImportoRichiesto
from parcelle_contracts.esempi import ESEMPIO
from parcelle_contracts.vocabolario import Fase, Procedimento, TipoCliente

Data = Annotated[date, BeforeValidator(non_un_numero)]
"""A date the lawyer enters: ``AAAA-MM-GG``, never a number."""
Testo = Annotated[str, Field(max_length=200)]
TestoLungo = Annotated[str, Field(max_length=4000)]


class Indirizzo(Model):
    via: Testo | None = Field(default=None, description="Street and number.")
    # CAP and province are checked by the owner, which keeps a wrong one as typed in the draft
    # and names it together with every other wrong field (a pattern here answered them first).
    cap: str | None = Field(default=None, max_length=10, description="Postcode (5 digits in IT).")
    comune: Testo | None = Field(default=None, description="Municipality.")
    provincia: str | None = Field(default=None, max_length=2, description="Province code, e.g. RM.")
    nazione: str = Field(default="IT", pattern=r"^[A-Z]{2}$", description="ISO country code.")


class Cliente(Model):
    """The client and counter-party (controinteressato): a person or a company."""

    tipo: TipoCliente | None = None
    nome: Testo | None = None
    cognome: Testo | None = None
    denominazione: Testo | None = Field(default=None, description="Company name.")
    # Longer than the codes themselves: what was typed (spaces, an "IT" prefix) reaches the
    # service, which normalises it or says precisely what is wrong.
    codice_fiscale: str | None = Field(default=None, max_length=32)
    partita_iva: str | None = Field(default=None, max_length=32)
    indirizzo: Indirizzo | None = None
    pec: str | None = Field(default=None, max_length=254, description="Digital domicile.")
    email: str | None = Field(default=None, max_length=254)


class DatiPratica(Model):
    """The matter the fees are for."""

    # Strict where pydantic would convert: `0` or `"no"` are not what true/false say, `"2"` is
    # not a number of parties, `0` not a date (schemathesis found them accepted).

    autorita: Testo | None = Field(default=None, description="Court or authority.")
    procedimento: Procedimento | None = Field(default=None, description="Kind of proceeding.")
    numero_rg: str | None = Field(default=None, max_length=40, description="Docket number.")
    valore: Importo | None = Field(default=None, description="Value of the case (scaglione).")
    valore_indeterminabile: StrictBool = Field(default=False, description="Value not determinable.")
    numero_parti: StrictInt | None = Field(default=None, ge=1, le=1000)
    periodo_dal: Data | None = Field(default=None, description="Activity started on.")
    periodo_al: Data | None = Field(default=None, description="Activity ended on.")
    mandato_concluso: StrictBool | None = Field(default=None, description="The mandate has ended.")
    difesa_ufficio: StrictBool | None = Field(
        default=None,
        description="Court-appointed defence or legal aid (patrocinio a spese dello Stato).",
    )
    equo_compenso_art7: StrictBool | None = Field(
        default=None, description="Asks for the art. 7 L. 49/2023 (equo compenso) procedure."
    )
    insinuazione_passivo: StrictBool = Field(default=False, description="For a bankruptcy claim.")


class Voce(Model):
    """A requested amount for one phase or item."""

    id: str | None = Field(
        default=None,
        max_length=40,
        description="Stable id of the item in the case view (the phase for the first item of a "
        "phase, then ``<fase>-2``...; ``altro-1``, ``altro-2``... for other items); ignored in a "
        "draft's content, where the service gives it.",
    )
    fase: Fase
    importo: ImportoRichiesto
    descrizione: Testo | None = Field(default=None, description="Required for ``altro``.")
    motivazione: TestoLungo | None = Field(
        default=None, description="Reasons for an increase or decrease of the parameter."
    )


class ContenutoIstanza(Model):
    """What the lawyer writes in the application. Every part may be absent in a draft."""

    model_config = ConfigDict(json_schema_extra={"examples": [ESEMPIO]})

    cliente: Cliente | None = None
    pratica: DatiPratica | None = None
    voci: list[Voce] | None = Field(default=None, max_length=50)
    spese: ImportoRichiesto | None = Field(default=None, description="Expenses (spese vive).")
    spese_generali_percentuale: Annotated[
        Decimal,
        Field(ge=0, le=15, decimal_places=2),
        WithJsonSchema(
            {
                "anyOf": [
                    {
                        "type": "string",
                        "pattern": r"^(([0-9]|1[0-4])(\.[0-9]{1,2})?|15(\.0{1,2})?)$",
                    },
                    {"type": "number", "minimum": 0, "maximum": 15},
                ]
            }
        ),
    ] = Field(
        default=Decimal("15"), description="Spese generali, % of the fee (DM 55/2014 art. 2)."
    )
    note: TestoLungo | None = None


def ids_voci(fasi: list[Fase]) -> list[str]:
    """The stable ids of requested items in the order given: the phase for the first item of
    each fixed phase (``studio``), ``<fase>-2``... for a repeated one, ``altro-1``,
    ``altro-2``... for the other items. The owner gives them in the case view; a decision
    names an item by them."""
    visti: dict[str, int] = {}
    ids: list[str] = []
    for fase in fasi:
        visti[fase] = visti.get(fase, 0) + 1
        n = visti[fase]
        ids.append(f"altro-{n}" if fase == "altro" else fase if n == 1 else f"{fase}-{n}")
    return ids


class CampoNonLetto(Model):
    """A field of a form whose text could not be read as its type (an amount, a date, a
    number): kept as typed in the draft until the lawyer corrects it."""

    campo: str = Field(
        max_length=100, description="Its path in the form: ``pratica.numero_parti``."
    )
    valore: str = Field(max_length=4000, description="The text as typed.")
    errore: str | None = Field(
        default=None,
        max_length=500,
        description="Why it cannot be read, in Italian; None for a field kept only because it "
        "belongs with one in error (the reason of an amount that could not be read).",
    )


class CampoErrato(Model):
    """A field of the draft that is wrong, and why."""

    campo: str = Field(description="Its path: ``cliente.indirizzo.cap``, ``voci.2.importo``.")
    messaggio: str = Field(description="What is wrong, in Italian.")
