"""``parcelle stazioni crea|revoca|elenca``, run as the installed console script on a var dir
of the test's own; a key made by the command line lets a station in, until it is revoked."""

from pathlib import Path

import httpx
from opentelemetry.sdk.trace import TracerProvider

from gateway.app import create_app
from gateway.config import GatewaySettings
from gateway.ports import Clients
from parcelle_testing.comando import parcelle

from ..fake_acquisizione import FakeAcquisizione
from ..fake_bus import FakeBus
from ..fake_istanze import FakeIstanze
from ..fake_notifiche import FakeNotifiche
from ..fake_postale import FakePostale
from ..fake_revisione import FakeRevisione


def test_the_command_is_contributed_by_the_gateway(tmp_path: Path) -> None:
    aiuto = parcelle(tmp_path, "--help")
    assert aiuto.returncode == 0
    assert "stazioni" in aiuto.stdout
    aiuto = parcelle(tmp_path, "stazioni", "--help")
    assert aiuto.returncode == 0
    for azione in ("crea", "revoca", "elenca"):
        assert azione in aiuto.stdout
    assert parcelle(tmp_path, "stazioni").returncode == 2  # an action is required


def test_create_list_revoke(tmp_path: Path) -> None:
    var_dir = tmp_path / "var"
    creata = parcelle(var_dir, "stazioni", "crea", "--ordine", "demo", "--nome", "Sportello 1")
    assert creata.returncode == 0, creata.stderr
    chiave = creata.stdout.strip()
    assert len(chiave) >= 43
    assert "\n" not in chiave  # the key alone on standard output
    assert "mostrata ora e mai più" in creata.stderr
    assert (var_dir / "gateway.sqlite").exists()

    elenco = parcelle(var_dir, "stazioni", "elenca")
    assert elenco.returncode == 0
    (riga,) = elenco.stdout.splitlines()[1:]
    stazione_id, ordine, stato = riga.split()[:3]
    assert (ordine, stato) == ("DEMO", "attiva")
    assert riga.endswith("Sportello 1")
    assert chiave not in elenco.stdout + elenco.stderr

    doppia = parcelle(var_dir, "stazioni", "crea", "--ordine", "DEMO", "--nome", "Sportello 1")
    assert doppia.returncode == 1
    assert "già una stazione attiva" in doppia.stderr
    assert doppia.stdout == ""

    revocata = parcelle(var_dir, "stazioni", "revoca", stazione_id)
    assert revocata.returncode == 0
    assert "stazione revocata: Sportello 1" in revocata.stderr
    elenco = parcelle(var_dir, "stazioni", "elenca", "--ordine", "demo")
    assert "revocata" in elenco.stdout
    assert "da cli:" in elenco.stdout
    assert parcelle(var_dir, "stazioni", "elenca", "--ordine", "ALTRO").stdout == ""
    assert parcelle(var_dir, "stazioni", "revoca", "nessuna").returncode == 1


def test_invalid_input_is_refused_in_italian(tmp_path: Path) -> None:
    rifiutata = parcelle(tmp_path, "stazioni", "crea", "--ordine", "12", "--nome", " ")
    assert rifiutata.returncode == 1
    assert "Indica il nome della stazione." in rifiutata.stderr
    assert "Codice dell'Ordine non valido" in rifiutata.stderr
    assert parcelle(tmp_path, "stazioni", "crea", "--nome", "X").returncode == 2


async def test_a_key_from_the_command_line_lets_the_station_in_until_revoked(
    gateway_settings: GatewaySettings,
) -> None:
    var_dir = gateway_settings.var_dir
    chiave = parcelle(var_dir, "stazioni", "crea", "--ordine", "DEMO", "--nome", "CLI").stdout
    clients = Clients(
        bus=FakeBus(),
        istanze=FakeIstanze(),
        acquisizione=FakeAcquisizione(),
        revisione=FakeRevisione(),
        postale=FakePostale(),
        notifiche=FakeNotifiche(),
    )
    app = create_app(gateway_settings, clients, tracer_provider=TracerProvider())
    async with app.router.lifespan_context(app):
        stazioni = app.state.stazioni
        stazione = await stazioni.per_chiave(chiave.strip())
        assert stazione is not None
        assert stazione.nome == "CLI"
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as http:
            revocata = parcelle(var_dir, "stazioni", "revoca", stazione.id)
            assert revocata.returncode == 0
            risposta = await http.post(
                "/api/v1/scanner/eventi",
                headers={"X-Station-Key": chiave.strip()},
                json={"codice": "DEMO-26-00000001-ABCD", "letto_il": "2026-03-02T09:15:30Z"},
            )
            assert risposta.status_code == 401
            assert risposta.json()["error"] == "stazione_revocata"
