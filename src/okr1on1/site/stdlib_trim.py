"""The standard library trimmed to what the engine's start uses, so that no reader downloads the 2.5 MB
of Pyodide's whole `python_stdlib.zip` (614 files) for the few dozen modules the engine imports.

engine_snapshot.mjs measures, in Pyodide itself, which of the library's files are in memory when the
snapshot is made (`start`) and once the engine has imported everything its source names (`engine`):
- `python_stdlib-engine.zip` holds them all: a start from scratch mounts it instead of the whole library;
- `python_stdlib-late.zip` holds only what the snapshot lacks (the modules of My OKRs, the notebook and
  the exports, imported on their first call): a restored snapshot mounts it (worker.js).
Each is deflated, as Pyodide's own is, for a host that sends no compressed copies (GitHub Pages: 0.78 MB);
its brotli copy is of the same files stored, which brotli compresses as one text (0.56 MB), for a host
that negotiates: the browser hands the worker either zip. The build's tests run every engine call from
both starts (tests/node/engine_from_snapshot.mjs).
"""

from __future__ import annotations

import ast
import codecs
import re
import zipfile
from pathlib import Path

ENGINE_STDLIB = "python_stdlib-engine.zip"
LATE_STDLIB = "python_stdlib-late.zip"
LIBRARIES = (ENGINE_STDLIB, LATE_STDLIB)
_CODEC_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{1,23}$")


def engine_needs(sources: dict[str, str]) -> dict[str, object]:
    """What the engine's modules (`sources`: module name → source) import, wherever in them, and the
    text encodings they name (`"utf-16-le"` imports encodings.utf_16_le when first used):
    {"imports": [[module, [names from it]], ...], "codecs": [...]}."""
    imports: dict[str, set[str]] = {f"okr1on1.{module}": set() for module in sources}
    named: set[str] = set()
    for source in sources.values():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    imports.setdefault(alias.name, set())
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level and node.module != "__future__":
                imports.setdefault(node.module, set()).update(alias.name for alias in node.names)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _CODEC_NAME.match(node.value):
                try:
                    codecs.lookup(node.value)
                except LookupError:
                    continue
                named.add(node.value)
    return {"imports": [[module, sorted(names)] for module, names in sorted(imports.items())], "codecs": sorted(named)}


class NotInTheLibrary(ValueError):
    """The start named a file the upstream library does not hold."""


def write_trimmed(upstream: Path, names: set[str], output: Path, date_time: tuple[int, int, int, int, int, int], stored: bool = False) -> Path:
    """Copy the files `names` (paths inside the zip) of the upstream library into `output`, deflated (or
    stored), each dated `date_time` (fixed: the same files give the same archive and sha256)."""
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(upstream) as source, zipfile.ZipFile(output, "w", compression=method, compresslevel=None if stored else 9) as trimmed:
        missing = names - set(source.namelist())
        if missing:
            raise NotInTheLibrary(f"not in {upstream.name}: {', '.join(sorted(missing))}")
        for name in sorted(names):
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = method
            info.external_attr = 0o644 << 16
            trimmed.writestr(info, source.read(name), compresslevel=None if stored else 9)
    return output
