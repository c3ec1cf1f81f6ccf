"""scripts/system-tools: what it installs, and when it refuses, against a fake apt-get."""

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "system-tools"
PROGRAMS = ("chromium", "java", "node", "npm", "hugo", "nginx", "rsync")


def fake_machine(tmp_path, present, uid=0, apt=True):
    """A PATH holding only the given programs, a fake `id` and, if asked, a fake apt-get."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    for name in ("bash", "env"):
        (bin_dir / name).symlink_to(f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else f"/bin/{name}")
    scripts = {name: "#!/bin/bash\nexit 0\n" for name in present}
    scripts["id"] = f"#!/bin/bash\necho {uid}\n"
    if apt:
        scripts["apt-get"] = f'#!/bin/bash\necho "$*" >> "{log}"\n'
    for name, body in scripts.items():
        path = bin_dir / name
        path.write_text(body)
        path.chmod(0o755)
    return bin_dir, log


def run(bin_dir):
    return subprocess.run(["/bin/bash", str(SCRIPT)], env={"PATH": str(bin_dir)},
                          capture_output=True, text=True, check=False)


def test_nothing_is_installed_when_every_program_is_there(tmp_path):
    bin_dir, log = fake_machine(tmp_path, PROGRAMS)
    result = run(bin_dir)
    assert result.returncode == 0, result.stderr
    assert not log.exists()


def test_root_installs_exactly_the_missing_packages(tmp_path):
    bin_dir, log = fake_machine(tmp_path, ("java", "npm", "hugo", "rsync"))
    result = run(bin_dir)
    assert result.returncode == 0, result.stderr
    calls = log.read_text().splitlines()
    assert calls[0].startswith("update")
    assert calls[1] == "install -y -q --no-install-recommends chromium nodejs nginx-light"


@pytest.mark.parametrize("missing, package", [("chromium", "chromium"),
                                              ("java", "default-jre-headless"),
                                              ("node", "nodejs"), ("npm", "npm"),
                                              ("hugo", "hugo"), ("nginx", "nginx-light"),
                                              ("rsync", "rsync")])
def test_each_program_maps_to_its_debian_package(tmp_path, missing, package):
    bin_dir, log = fake_machine(tmp_path, [p for p in PROGRAMS if p != missing])
    assert run(bin_dir).returncode == 0
    assert log.read_text().splitlines()[-1].split()[-1] == package


def test_a_user_who_is_not_root_is_told_the_command_and_nothing_runs(tmp_path):
    bin_dir, log = fake_machine(tmp_path, ("node", "npm", "hugo", "rsync"), uid=1000)
    result = run(bin_dir)
    assert result.returncode == 1
    assert "sudo apt-get update && sudo apt-get install -y -q --no-install-recommends " \
           "chromium default-jre-headless" in result.stderr
    assert not log.exists()


def test_a_machine_without_apt_get_is_told_what_to_install(tmp_path):
    bin_dir, log = fake_machine(tmp_path, ("java", "rsync"), apt=False)
    result = run(bin_dir)
    assert result.returncode == 1
    assert "chromium nodejs npm hugo" in result.stderr
    assert "no apt-get" in result.stderr


def test_make_test_and_ci_use_the_script():
    root = SCRIPT.parent.parent
    makefile = (root / "Makefile").read_text()
    assert "scripts/system-tools" in makefile
    assert "make test" in (root / ".ci" / "run").read_text()
    assert os.access(SCRIPT, os.X_OK)
