"""Self-hosted Pyodide for the site: the npm package's core files, the scoring engine as a pure
wheel, a site-local pyodide-lock.json that registers the wheel with its sha256, a memory snapshot of
Pyodide with the engine imported (engine_snapshot.mjs), named in okr1on1-engine.json, and the standard
library trimmed to what the engine's start uses (stdlib_trim.py). Each large file comes with brotli and
gzip copies beside it (precompress.py), which a host can serve by the browser's Accept-Encoding.

The snapshot is published gzipped under its plain name, so that any host can serve it as it is (the
worker inflates it when it arrives compressed); its `.br` copy is brotli of the memory itself, which a
host that negotiates sends with `Content-Encoding: br` (4.1 MB instead of 6.2). The manifest names the
sha256 of both bodies the worker can receive, and the worker checks the one it got.

Everything is cached by content hash under `.cache/`, so a rebuild costs only file copies.
"""

from __future__ import annotations

import ast
import base64
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import brotli

import okr1on1
from okr1on1.site import stdlib_trim, wasm_split
from okr1on1.site.offline import integrity
from okr1on1.site.precompress import ENCODINGS, cached_copy, copies

# The whole standard library and WebAssembly are published for the bench's bare loadPyodide() (its floor),
# not used by the site: it fetches the WebAssembly's code and, to start from scratch, its data (wasm_split.py).
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
# With brotli and gzip copies beside them (precompress.py): the files a start downloads, but the wheel,
# a zip of deflated files, which does not shrink, and the trimmed libraries (stdlib_trim.LIBRARIES).
COMPRESSED_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", wasm_split.CODE_WASM, wasm_split.DATA_IMAGE, "pyodide-lock.json")
SITE_FOLDER = "assets/pyodide"
WHEEL_NAME = "okr1on1_scoring"
PACKAGE_NAME = "okr1on1-scoring"  # the name the worker passes to loadPyodide({packages})
ENGINE_ENTRY = "engine_calls"  # the worker's one way in (okr1on1.engine_calls.METHODS)
SNAPSHOT_SCRIPT = Path(__file__).with_name("engine_snapshot.mjs")
ENGINE_MANIFEST = "okr1on1-engine.json"  # the worker reads the snapshot's name and sha256 from it
SNAPSHOT_SUFFIX = ".snapshot"  # okr1on1-engine-<sha256>.snapshot (gzipped; its .br copy is brotli)
PATCH_SUFFIX = ".patch"  # okr1on1-engine-<sha256>.patch: what a restore lays over the snapshot (wasm_split.patch)
SNAPSHOT_TIMEOUT_S = 300
# How the worker chooses its start (worker-snapshot.js): it watches the snapshot arrive for PROBE_MS and
# judges the link by the rate of its second half (in the first, the page's own files and Pyodide's
# JavaScript, which the worker cannot count, share the link: on 4G it read 65 % of the link's rate), then
# drops it when the rest, less what only a start from scratch fetches (SCRATCH_FILES), would take longer
# than the CPU a restore saves over a start from scratch, SCRATCH_EXTRA_S (make bench, network rows: 3 to
# 3.7 s on the bench's machine, unthrottled b - a; a phone's slower CPU saves more, so this errs towards
# the start from scratch, which never downloads the 4 MB it may not need).
PROBE_MS = 800
SCRATCH_EXTRA_S = 3.0
SCRATCH_FILES = (wasm_split.DATA_IMAGE, stdlib_trim.ENGINE_STDLIB)
_ZIP_DATE = (2026, 1, 1, 0, 0, 0)  # fixed, so the same engine gives the same wheel bytes and sha256


class PyodideMissing(RuntimeError):
    """The pinned npm package is not installed (run `npm ci`)."""


class SnapshotFailed(RuntimeError):
    """Node could not make the engine's memory snapshot."""


@dataclass(frozen=True)
class PyodideBundle:
    """Files to publish under `assets/pyodide/`: site-relative name → file on disk; the cache folder
    they are kept in, and what this call made there (empty: all reused)."""

    files: dict[str, Path]
    folder: Path
    made: tuple[str, ...]

    def sizes(self) -> dict[str, dict[str, int]]:
        """What the worker counts its download against, for each file it may fetch (its name →
        `size`, and per Content-Encoding the bytes on the wire, `br` and `gzip`, and `content`, the
        body the browser hands over when the file came encoded: the snapshot's memory is bigger than
        its gzipped file)."""
        sizes: dict[str, dict[str, int]] = {}
        for name, path in sorted(self.files.items()):
            if Path(name).suffix in ENCODINGS.values() and name.rsplit(".", 1)[0] in self.files:
                continue
            entry = {"size": path.stat().st_size, "content": path.stat().st_size}
            for encoding, suffix in ENCODINGS.items():
                if name + suffix in self.files:
                    entry[encoding] = self.files[name + suffix].stat().st_size
            if name.endswith(SNAPSHOT_SUFFIX):
                entry["content"] = int(json.loads(self.files[ENGINE_MANIFEST].read_text(encoding="utf-8"))["memory"])
            elif name in stdlib_trim.LIBRARIES:  # its brotli copy holds the same files stored
                entry["content"] = len(brotli.decompress(self.files[name + ENCODINGS["br"]].read_bytes()))
            sizes[name] = entry
        return sizes


def start_rule() -> dict[str, object]:
    """What the worker needs to choose its start and mount the right standard library (the page passes
    it on: start.js)."""
    return {
        "probe_ms": PROBE_MS,
        "scratch_extra_s": SCRATCH_EXTRA_S,
        "scratch_files": list(SCRATCH_FILES),
        "stdlib": {"snapshot": stdlib_trim.LATE_STDLIB, "scratch": stdlib_trim.ENGINE_STDLIB},
        "wasm": {"code": wasm_split.CODE_WASM, "data": wasm_split.DATA_IMAGE},
    }


def _okr1on1_imports(source: str) -> set[str]:
    """The okr1on1 modules `source` imports: `from okr1on1 import x`, `from okr1on1.x import y`,
    `import okr1on1.x`, and engine_calls' `_later("x", ...)` (imported on the first call)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == "okr1on1":
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("okr1on1."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {alias.name.split(".")[1] for alias in node.names if alias.name.startswith("okr1on1.")}
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_later":
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value)
    return found


def engine_files() -> tuple[str, ...]:
    """The files of the engine's wheel: engine_calls.py and every module of okr1on1 it reaches, read
    from their imports (so METHODS is the only list of what the engine holds), and __init__.py."""
    package_dir = Path(okr1on1.__file__).parent
    seen: set[str] = set()
    waiting = [ENGINE_ENTRY]
    while waiting:
        module = waiting.pop()
        if module in seen:
            continue
        seen.add(module)
        waiting += sorted(_okr1on1_imports((package_dir / f"{module}.py").read_text(encoding="utf-8")) - seen)
    return ("__init__.py", *sorted(f"{module}.py" for module in seen))


def pyodide_dist(project_root: Path) -> Path:
    dist = project_root / "node_modules" / "pyodide"
    missing = [name for name in (*CORE_FILES, "pyodide-lock.json", "package.json") if not (dist / name).is_file()]
    if missing:
        raise PyodideMissing(f"Pyodide is not installed in {dist} (missing {', '.join(missing)}); run `npm ci`")
    return dist


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def build_scoring_wheel(folder: Path) -> Path:
    """A pure-Python wheel holding the engine's modules (stdlib only), the files CPython imports."""
    package_dir = Path(okr1on1.__file__).parent
    version = okr1on1.__version__
    dist_info = f"{WHEEL_NAME}-{version}.dist-info"
    entries: list[tuple[str, bytes]] = [(f"okr1on1/{name}", (package_dir / name).read_bytes()) for name in engine_files()]
    entries.append((f"{dist_info}/METADATA", (
        f"Metadata-Version: 2.1\nName: {PACKAGE_NAME}\nVersion: {version}\n"
        "Summary: okr1on1 scoring engine (standard library only), for Pyodide\nRequires-Python: >=3.12\n"
    ).encode()))
    entries.append((f"{dist_info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: okr1on1\nRoot-Is-Purelib: true\nTag: py3-none-any\n"))
    entries.append((f"{dist_info}/top_level.txt", b"okr1on1\n"))
    record = "\n".join([*(_record_line(name, data) for name, data in entries), f"{dist_info}/RECORD,,"]) + "\n"
    entries.append((f"{dist_info}/RECORD", record.encode()))

    path = folder / f"{WHEEL_NAME}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as wheel:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            wheel.writestr(info, data)
    return path


def write_site_lockfile(upstream_lock: Path, wheel: Path, output: Path) -> None:
    """Register `wheel` in a lockfile holding only what the site serves.

    The upstream lock lists ~300 packages whose wheels the npm package does not ship; keeping
    only its `info` makes the file the browser fetches small and every entry in it loadable.
    """
    # Imported here: only a build that makes a new wheel needs pyodide-lock (and its pydantic models).
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.utils import add_wheels_to_spec

    upstream = json.loads(upstream_lock.read_text(encoding="utf-8"))
    trimmed = output.with_name("pyodide-lock.upstream-info.json")
    trimmed.write_text(json.dumps({"info": upstream["info"], "packages": {}}), encoding="utf-8")
    spec = add_wheels_to_spec(PyodideLockSpec.from_json(trimmed), [wheel], base_path=wheel.parent)
    trimmed.unlink()
    spec.to_json(output)


def make_engine_snapshot(dist: Path, wheel: Path, folder: Path, compressed: Path) -> dict[str, str]:
    """Run engine_snapshot.mjs under Node; keep the gzipped snapshot under a name made from its sha256,
    its brotli copy, the trimmed standard libraries, and write the manifest the worker reads. Returns
    the manifest."""
    node = shutil.which("node")
    if node is None:
        raise SnapshotFailed("node is not installed: it makes the scoring engine's snapshot (and `npm ci` needs it too)")
    partial = folder / f"engine.snapshot.{os.getpid()}.part"  # two builds at once each write their own
    needs = folder / f"engine-needs.{os.getpid()}.json"
    package_dir = Path(okr1on1.__file__).parent
    sources = {name.removesuffix(".py"): (package_dir / name).read_text(encoding="utf-8") for name in engine_files() if name != "__init__.py"}
    needs.write_text(json.dumps(stdlib_trim.engine_needs(sources)), encoding="utf-8")
    try:
        run = subprocess.run(
            [node, str(SNAPSHOT_SCRIPT), str(dist), str(wheel), str(partial), str(needs)],
            capture_output=True, text=True, timeout=SNAPSHOT_TIMEOUT_S, check=False,
        )
    except subprocess.TimeoutExpired:
        raise SnapshotFailed(f"the engine's snapshot took longer than {SNAPSHOT_TIMEOUT_S} s under Node") from None
    finally:
        needs.unlink(missing_ok=True)
    modules_file = partial.with_name(partial.name + ".modules.json")
    if run.returncode != 0 or not partial.is_file() or not modules_file.is_file():
        partial.unlink(missing_ok=True)
        modules_file.unlink(missing_ok=True)
        # The error's own line (Node prints the minified source line it stopped in before it).
        lines = [line.strip() for line in run.stderr.splitlines() if line.strip() and len(line) < 500]
        errors = [line for line in lines if re.match(r"^\w*Error\b", line)]
        raise SnapshotFailed(f"Node could not make the engine's snapshot: {(errors or lines or [f'exit status {run.returncode}'])[-1]}")
    modules = json.loads(modules_file.read_text(encoding="utf-8"))
    modules_file.unlink()
    start, engine = set(modules["start"]), set(modules["engine"])
    try:
        for name, files in ((stdlib_trim.ENGINE_STDLIB, start | engine), (stdlib_trim.LATE_STDLIB, engine - start)):
            stdlib_trim.write_trimmed(dist / "python_stdlib.zip", files, folder / name, _ZIP_DATE)
            stored = stdlib_trim.write_trimmed(dist / "python_stdlib.zip", files, folder / f"{name}.stored", _ZIP_DATE, stored=True)
            shutil.copyfile(cached_copy(stored.read_bytes(), "br", compressed), folder / f"{name}{ENCODINGS['br']}")
            stored.unlink()
    except stdlib_trim.NotInTheLibrary as error:
        partial.unlink()
        raise SnapshotFailed(f"the engine's standard library could not be trimmed: {error}") from None
    gzipped = partial.read_bytes()
    memory = gzip.decompress(gzipped)
    snapshot = folder / f"okr1on1-engine-{hashlib.sha256(gzipped).hexdigest()[:16]}{SNAPSHOT_SUFFIX}"
    shutil.copyfile(cached_copy(memory, "br", compressed), snapshot.with_name(snapshot.name + ENCODINGS["br"]))
    # The bytes the WebAssembly's constructors see where the snapshot's memory differs (wasm_split.patch).
    patch = wasm_split.patch(memory, (folder / wasm_split.DATA_IMAGE).read_bytes())
    patch_file = snapshot.with_suffix(PATCH_SUFFIX)
    patch_file.write_bytes(patch)
    partial.replace(snapshot)
    manifest = {
        "snapshot": snapshot.name, "integrity": integrity(memory, gzipped), "memory": str(len(memory)),
        "patch": patch_file.name, "patch_integrity": integrity(patch),
    }
    written = folder / f"{ENGINE_MANIFEST}.{os.getpid()}.part"
    written.write_text(json.dumps(manifest), encoding="utf-8")
    written.replace(folder / ENGINE_MANIFEST)
    return manifest


def _write_split(wasm: Path, folder: Path) -> None:
    """The WebAssembly's code and data image (wasm_split.py) in `folder`, each written whole or not at all."""
    parts = wasm_split.split(wasm.read_bytes())
    for name, data in ((wasm_split.CODE_WASM, parts.code), (wasm_split.DATA_IMAGE, parts.data)):
        partial = folder / f"{name}.{os.getpid()}.part"
        partial.write_bytes(data)
        partial.replace(folder / name)


def _engine_hash(dist: Path) -> str:
    digest = hashlib.sha256()
    package_dir = Path(okr1on1.__file__).parent
    for name in engine_files():
        digest.update((package_dir / name).read_bytes())
    digest.update((dist / "package.json").read_bytes())
    digest.update(Path(__file__).read_bytes())
    digest.update(SNAPSHOT_SCRIPT.read_bytes())
    digest.update(Path(stdlib_trim.__file__).read_bytes())
    digest.update(Path(wasm_split.__file__).read_bytes())
    return digest.hexdigest()[:16]


def pyodide_bundle(project_root: Path, cache_root: Path) -> PyodideBundle:
    """The files to publish; builds the wheel, lockfile, snapshot and trimmed libraries once per
    engine/Pyodide version, and the compressed copies once per content."""
    dist = pyodide_dist(project_root)
    folder = cache_root / "pyodide" / _engine_hash(dist)
    compressed = cache_root / "compressed"
    made: list[str] = []
    lock = folder / "pyodide-lock.json"
    wheels = sorted(folder.glob(f"{WHEEL_NAME}-*.whl"))
    if not (lock.is_file() and wheels):
        folder.mkdir(parents=True, exist_ok=True)
        wheels = [build_scoring_wheel(folder)]
        write_site_lockfile(dist / "pyodide-lock.json", wheels[0], lock)
        made += ["wheel", "lockfile"]
    if not all((folder / name).is_file() for name in (wasm_split.CODE_WASM, wasm_split.DATA_IMAGE)):
        _write_split(dist / "pyodide.asm.wasm", folder)
        made.append("split")
    manifest_file = folder / ENGINE_MANIFEST
    manifest = json.loads(manifest_file.read_text(encoding="utf-8")) if manifest_file.is_file() else None
    if manifest is None or not all((folder / manifest[name]).is_file() for name in ("snapshot", "patch")):
        manifest = make_engine_snapshot(dist, wheels[0], folder, compressed)
        made.append("snapshot")
    snapshot = folder / manifest["snapshot"]
    files = {name: dist / name for name in CORE_FILES}
    files |= {name: folder / name for name in (wasm_split.CODE_WASM, wasm_split.DATA_IMAGE)}
    for name in (*stdlib_trim.LIBRARIES, "pyodide-lock.json", wheels[0].name, ENGINE_MANIFEST, manifest["patch"]):
        files[name] = folder / name
    for name in stdlib_trim.LIBRARIES:  # deflated as files; their brotli copies, of the same files stored
        files[name + ENCODINGS["br"]] = folder / f"{name}{ENCODINGS['br']}"
    for name, path in list(files.items()):
        if name in COMPRESSED_FILES or name == manifest["patch"]:
            files.update({name + suffix: copy for suffix, copy in copies(path.read_bytes(), compressed).items()})
    files[snapshot.name] = snapshot
    files[snapshot.name + ENCODINGS["br"]] = snapshot.with_name(snapshot.name + ENCODINGS["br"])
    files[snapshot.name + ENCODINGS["gzip"]] = snapshot  # the file itself is gzip (for nginx's gzip_static)
    return PyodideBundle(files=files, folder=folder, made=tuple(made))
