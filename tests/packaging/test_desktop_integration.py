"""The desktop integration files validate and agree on one application id."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from penholder import APP_ID

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"


def _run(tool: str, *args: str) -> subprocess.CompletedProcess:
    if not shutil.which(tool):
        pytest.skip(f"{tool} is not installed (make system-deps installs it)")
    return subprocess.run([tool, *args], capture_output=True, text=True, timeout=60)


def test_desktop_file_validates():
    result = _run("desktop-file-validate", str(PACKAGING / f"{APP_ID}.desktop"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_validates():
    result = _run("appstreamcli", "validate", "--no-net", str(PACKAGING / f"{APP_ID}.metainfo.xml"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_one_application_id_everywhere():
    desktop = (PACKAGING / f"{APP_ID}.desktop").read_text()
    assert f"Icon={APP_ID}" in desktop
    metainfo = ET.parse(PACKAGING / f"{APP_ID}.metainfo.xml").getroot()
    assert metainfo.findtext("id") == APP_ID
    assert metainfo.find("launchable").text == f"{APP_ID}.desktop"
    mime = (PACKAGING / f"{APP_ID}.mime.xml").read_text()
    assert "*.penholder" in mime and "application/x-penholder-draft" in desktop


def test_icons_present_in_every_size():
    assert (ICONS / "penholder.svg").is_file()
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (ICONS / f"penholder-{size}.png").stat().st_size > 0
