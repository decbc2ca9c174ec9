"""The deployment files parse and agree with the wire: compose names its services and gives every
polywire process the same settings, the systemd units parse and run commands polywire has, the
image installs the Apertium packages setup installs, and docs/operations.md names every setting
the start-up check compares."""

from __future__ import annotations

import configparser
import re
import shlex
from pathlib import Path
from typing import Any

import click
import yaml

from polywire.cli import main
from polywire.fleet.shared_settings import SHARED

ROOT = Path(__file__).resolve().parents[2]


def compose() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_compose_runs_the_fleet_with_one_set_of_settings() -> None:
    services = compose()["services"]
    assert set(services) == {
        "postgres",
        "nats",
        "migrate",
        "serve-1",
        "serve-2",
        "worker",
        "proxy",
    }
    assert services["worker"]["deploy"]["replicas"] == 2
    assert services["worker"]["command"] == ["worker"]
    for name in ("serve-1", "serve-2"):
        assert services[name]["command"][:2] == ["serve", "--no-workers"]
    assert "-js" in services["nats"]["command"]
    polywire = [s for s in services.values() if s.get("image", "").startswith("polywire")]
    assert len(polywire) == 4  # migrate, serve-1, serve-2, worker (two replicas)
    environments = [s["environment"] for s in polywire]
    assert all(env == environments[0] for env in environments)
    assert environments[0]["POLYWIRE_BUS"] == "nats"
    stop_grace = {s.get("stop_grace_period") for s in polywire if s["command"] != ["migrate"]}
    assert stop_grace == {"20s"}  # above cluster.shutdown_grace_seconds


def test_the_proxy_checks_readiness_and_does_not_buffer_streams() -> None:
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    assert "reverse_proxy serve-1:8765 serve-2:8765" in caddyfile
    assert "health_uri /readyz" in caddyfile
    assert "flush_interval -1" in caddyfile
    assert "respond /metrics 404" in caddyfile
    mounted = compose()["services"]["proxy"]["volumes"]
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in mounted


def test_systemd_units_parse_and_run_polywire_commands() -> None:
    units = sorted((ROOT / "deploy" / "systemd").glob("*.service"))
    assert [unit.name for unit in units] == [
        "polywire-migrate.service",
        "polywire-serve.service",
        "polywire-worker@.service",
    ]
    for unit in units:
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.optionxform = str  # type: ignore[assignment,method-assign]
        parser.read(unit, encoding="utf-8")
        assert set(parser.sections()) == {"Unit", "Service", "Install"}, unit.name
        service = parser["Service"]
        program, command, *options = shlex.split(service["ExecStart"])
        assert program == "/opt/polywire/bin/polywire"
        loaded = main.get_command(click.Context(main), command)  # commands load when asked for
        assert loaded is not None, unit.name
        for option in options:
            known = {o for p in loaded.params for o in p.opts}
            assert option in known, f"{unit.name}: {option}"
        assert service["EnvironmentFile"] == "/etc/polywire/polywire.env"
        if command != "migrate":
            assert service["KillSignal"] == "SIGTERM"
            assert int(service["TimeoutStopSec"]) > 10  # above the grace period
            assert "polywire-migrate.service" in parser["Unit"]["After"]


def test_the_image_installs_what_setup_installs() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert dockerfile.startswith("#") and "FROM debian:bookworm-slim" in dockerfile
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    match = re.search(r"run_packages=\(([^)]*)\)", setup)
    assert match is not None
    for package in match.group(1).split():
        if package.startswith("apertium"):
            assert f" {package}" in dockerfile, package
    assert 'ENTRYPOINT ["polywire"]' in dockerfile


def test_operations_guide_names_every_shared_setting() -> None:
    guide = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    for name in SHARED:
        assert f"`{name}`" in guide, name
    for path in ("compose.yaml", "Dockerfile", "deploy/Caddyfile", "polywire-worker@N"):
        assert path in guide
