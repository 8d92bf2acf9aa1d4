"""Build both editions (Dutch at the root, English under en/) and publish them atomically:
the last good site stays in place until a complete new one replaces it.

The editions build side by side, one process each, once the work they share is done: the content is
loaded and checked once (a content error stops the build before any edition starts) and the Pyodide
bundle is made once. The second process is forked, so it inherits the loaded content and modules.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import warnings
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from okr1on1.site.address import SiteAddress
from okr1on1.site.hooks import cache_root, prepare_build
from okr1on1.site.host_headers import write_host_files
from okr1on1.site.offline import write_service_worker
from okr1on1.site.precompress import precompress_site

EDITIONS = (("mkdocs.yml", ""), ("mkdocs.en.yml", "en"))


@dataclass(frozen=True)
class Publishing:
    """Where the site goes: the command line's site URL and base path (None: from the environment or
    the content, see address.py)."""

    site_url: str | None = None
    base_path: str | None = None


def _edition_config(project_root: Path, config_file: str, site_dir: Path, publishing: Publishing) -> MkDocsConfig:
    config = load_config(config_file=str(project_root / config_file), site_dir=str(site_dir), strict=True)
    extra = config["extra"]
    extra["site_url"], extra["base_path"] = publishing.site_url, publishing.base_path
    # The first edition publishes Pyodide and checks the whole content; the others use its copy (hooks).
    extra["secondary_edition"] = config_file != EDITIONS[0][0]
    return config


def _build_in_child(connection: Connection, project_root: Path, config_file: str, site_dir: Path, publishing: Publishing) -> None:
    """Build one edition in a forked process; send back None, or the exception that stopped it."""
    try:
        build(_edition_config(project_root, config_file, site_dir, publishing))
        outcome: BaseException | None = None
    except BaseException as error:
        outcome = error
    try:
        connection.send(outcome)
    except Exception:  # an exception that does not pickle: send its text
        connection.send(RuntimeError(f"{type(outcome).__name__}: {outcome}"))
    connection.close()


class _EditionProcess:
    """One edition building in a forked process."""

    def __init__(self, project_root: Path, config_file: str, site_dir: Path, publishing: Publishing) -> None:
        context = multiprocessing.get_context("fork")
        self._connection, child_end = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_build_in_child, args=(child_end, project_root, config_file, site_dir, publishing), name=f"build {config_file}", daemon=True
        )
        # Python warns about fork() in a process with threads (a test's web server); the child only
        # builds and never touches what those threads hold.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            self._process.start()
        child_end.close()

    def result(self) -> None:
        """Wait for the edition; raise what stopped it."""
        try:
            outcome = self._connection.recv()
        except EOFError:
            outcome = RuntimeError(f"{self._process.name} ended without a result (exit code {self._process.exitcode})")
        self._process.join()
        if outcome is not None:
            raise outcome

    def stop(self) -> None:
        self._process.kill()
        self._process.join()


def _parallel() -> bool:
    cores = os.process_cpu_count() if hasattr(os, "process_cpu_count") else os.cpu_count()
    return "fork" in multiprocessing.get_all_start_methods() and (cores or 1) > 1


def _build_editions(project_root: Path, staging: Path, publishing: Publishing) -> SiteAddress:
    (first_file, first_folder), *others = EDITIONS
    first = _edition_config(project_root, first_file, staging / first_folder, publishing)
    address = prepare_build(first)
    if not _parallel():
        build(first)
        for config_file, subfolder in others:
            build(_edition_config(project_root, config_file, staging / subfolder, publishing))
        return address
    children = [_EditionProcess(project_root, config_file, staging / subfolder, publishing) for config_file, subfolder in others]
    try:
        build(first)
    except BaseException:
        for child in children:
            child.stop()
        raise
    for child in children:
        child.result()
    return address


def build_site(project_root: Path, site_dir: Path | None = None, publishing: Publishing | None = None) -> Path:
    """Build every edition into a temporary folder, add the service worker, the hosts' header files and
    the compressed copies of large files, then swap it in for `site_dir`."""
    publishing = publishing or Publishing()
    project_root = project_root.resolve()
    site_dir = (site_dir or project_root / "site").resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    try:
        address = _build_editions(project_root, staging, publishing)
        write_service_worker(staging)
        write_host_files(staging, address.base_path, tuple(f"{folder}/" for _, folder in EDITIONS if folder))
        precompress_site(staging, cache_root(project_root) / "compressed")
        retired = site_dir.with_name(f".{site_dir.name}.old")
        shutil.rmtree(retired, ignore_errors=True)
        if site_dir.exists():
            site_dir.rename(retired)
        staging.rename(site_dir)
        shutil.rmtree(retired, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return site_dir
