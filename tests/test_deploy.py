"""`make deploy`: the production build of committed sources, uploaded by rsync or to GitHub Pages; refusals."""

import os
import re
import shutil
import subprocess

import pytest

from tests.sitebuild import ROOT

pytestmark = pytest.mark.slow

PUBLIC_URL = "https://grantrate.example"  # publishconf.py
POST = "content/posts/2013-11-20-mexican-asylum-grant-rate-fy2012.md"
# A post with a chart that no other post links to and nobody has commented on.
WITHDRAWN = "content/posts/2013-06-03-denial-rates-by-nationality.md"
# Who commits in the scratch clones, whatever the machine's git configuration.
GIT_ENV = {"GIT_AUTHOR_NAME": "Test Author", "GIT_AUTHOR_EMAIL": "author@grantrate.example",
           "GIT_COMMITTER_NAME": "Test Author", "GIT_COMMITTER_EMAIL": "author@grantrate.example"}


def run(command, cwd, check=True):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, **GIT_ENV, "COLUMNS": "1000"})
    if check and result.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture
def checkout(tmp_path):
    """A fresh clone of the committed site, using this checkout's virtualenv and chart cache."""
    if not shutil.which("rsync"):
        pytest.fail("rsync is missing: scripts/system-tools installs it (make test runs it)")
    clone = tmp_path / "site"
    run(["git", "clone", "--quiet", str(ROOT), str(clone)], cwd=tmp_path)
    if (ROOT / "cache" / "charts").is_dir():
        shutil.copytree(ROOT / "cache" / "charts", clone / "cache" / "charts")
    return clone


def deploy(clone, *arguments):
    # `-o venv`: use this checkout's virtualenv as it is. The clone's files are
    # newer than its stamp, and reinstalling would point the editable plugins
    # of this checkout at the clone, which the test then deletes.
    return run(["make", "--no-print-directory", "-o", "venv", "deploy", f"VENV={ROOT / '.venv'}",
                *arguments], cwd=clone, check=False)


def commit_all(clone, message):
    run(["git", "add", "-A"], cwd=clone)
    run(["git", "commit", "--quiet", "-m", message], cwd=clone)


def files_under(directory):
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*") if p.is_file())


def test_deploy_uploads_the_production_build_and_then_only_what_changed(checkout, tmp_path):
    target = tmp_path / "www"
    first = deploy(checkout, f"DEPLOY_TARGET={target}")
    assert first.returncode == 0, first.stdout + first.stderr
    uploaded = files_under(target)
    assert uploaded == files_under(checkout / "output")
    assert "index.html" in uploaded and "404.html" in uploaded and "feeds/all.atom.xml" in uploaded
    home = (target / "index.html").read_text(encoding="utf-8")
    assert f'href="{PUBLIC_URL}/theme/css/main.css"' in home, "not the production build"
    commit = run(["git", "rev-parse", "--short", "HEAD"], cwd=checkout).stdout.strip()
    assert (f"Uploaded {len(uploaded)} changed files" in first.stdout
            and f"of {len(uploaded)} to {target}, from commit {commit}." in first.stdout), first.stdout

    again = deploy(checkout, f"DEPLOY_TARGET={target}")
    assert again.returncode == 0
    assert "Uploaded 0 changed files" in again.stdout

    (checkout / WITHDRAWN).unlink()
    commit_all(checkout, "Withdraw a post")
    after = deploy(checkout, f"DEPLOY_TARGET={target}")
    assert after.returncode == 0, after.stdout + after.stderr
    assert not (target / "2013/06/denial-rates-by-nationality").exists()
    removed = int(re.search(r"removed (\d+) no longer on the site", after.stdout).group(1))
    assert removed >= 3  # the page, its charts and their CSV files


@pytest.mark.parametrize("change", ["edited", "untracked"])
def test_deploy_refuses_uncommitted_content_and_uploads_nothing(checkout, tmp_path, change):
    target = tmp_path / "www"
    if change == "edited":
        path = checkout / POST
        path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    else:
        (checkout / "content/posts/2099-01-01-draft.md").write_text("Title: Draft\n", encoding="utf-8")
    result = deploy(checkout, f"DEPLOY_TARGET={target}")
    assert result.returncode != 0
    assert "these changes are not committed" in result.stderr
    assert ("2013-11-20-mexican" if change == "edited" else "2099-01-01-draft.md") in result.stderr
    assert "nothing was uploaded" in result.stderr
    assert not target.exists()
    assert not (checkout / "output").exists(), "it built before refusing"


def test_deploy_refuses_a_failing_strict_build(checkout, tmp_path):
    target = tmp_path / "www"
    path = checkout / POST
    path.write_text(path.read_text(encoding="utf-8").replace("Category:", "Tgas: x\nCategory:", 1),
                    encoding="utf-8")
    commit_all(checkout, "A post with a misspelt key")
    result = deploy(checkout, f"DEPLOY_TARGET={target}")
    assert result.returncode != 0
    assert "the strict production build failed" in result.stderr
    assert "tgas" in (result.stdout + result.stderr).lower()
    assert not target.exists()


def test_deploy_needs_a_target_for_rsync(checkout):
    result = deploy(checkout)
    assert result.returncode != 0
    assert "make deploy DEPLOY_TARGET=" in result.stderr and "nothing was uploaded" in result.stderr


def test_deploy_to_github_pages_pushes_the_build_to_gh_pages(checkout, tmp_path):
    remote = tmp_path / "remote.git"
    run(["git", "init", "--quiet", "--bare", str(remote)], cwd=tmp_path)
    run(["git", "remote", "set-url", "origin", str(remote)], cwd=checkout)
    result = deploy(checkout, "DEPLOY=github-pages", "DEPLOY_CNAME=grantrate.example")
    assert result.returncode == 0, result.stdout + result.stderr
    published = run(["git", "ls-tree", "-r", "--name-only", "gh-pages"], cwd=remote).stdout.split()
    assert ".nojekyll" in published and "index.html" in published and "404.html" in published
    assert run(["git", "show", "gh-pages:CNAME"], cwd=remote).stdout.strip() == "grantrate.example"
    assert len(published) == len(files_under(checkout / "output")) + 2
    home = run(["git", "show", "gh-pages:index.html"], cwd=remote).stdout
    assert f'href="{PUBLIC_URL}/theme/css/main.css"' in home
    assert f"Pushed {len(published) - 2} files to the gh-pages branch of {remote}" in result.stdout
