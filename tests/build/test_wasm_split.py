"""Pyodide's WebAssembly split into code and data (wasm_split.py): the code with the data image gives the
memory the whole module gives, and a snapshot's patch gives the memory the constructors expect. Node's
WebAssembly instantiates the modules; worker-snapshot.js's layData lays the patch, as the worker does."""

from __future__ import annotations

import json
import random
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from okr1on1.site.pyodide_bundle import SITE_FOLDER
from okr1on1.site.wasm_split import CODE_WASM, DATA_IMAGE, NotSplittable, patch, split

pytestmark = [pytest.mark.node, pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")]
ROOT = Path(__file__).resolve().parents[2]
WORKER_SNAPSHOT = ROOT / "overrides" / "assets" / "okr1on1" / "worker-snapshot.js"


def _uleb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _sleb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        done = (value == 0 and not byte & 0x40) or (value == -1 and byte & 0x40)
        out.append(byte | (0 if done else 0x80))
        if done:
            return bytes(out)


def _section(number: int, body: bytes) -> bytes:
    return bytes([number]) + _uleb(len(body)) + body


def _module(segments: list[tuple[int, bytes]], passive: bool = False) -> bytes:
    """A module with one page of memory, exported as `memory`, and these data segments."""
    memory = _section(5, b"\x01\x00\x01")
    exports = _section(7, b"\x01" + _uleb(6) + b"memory" + b"\x02\x00")
    encoded = b"".join(
        (b"\x01" if passive else b"\x00\x41" + _sleb(address) + b"\x0b") + _uleb(len(data)) + data for address, data in segments
    )
    return b"\0asm\1\0\0\0" + memory + exports + _section(11, _uleb(len(segments)) + encoded)


def _node(script: str, *arguments: str) -> str:
    run = subprocess.run(["node", "--input-type=module", "-e", script, *arguments], capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    return run.stdout


MEMORY_OF = """
import { readFileSync } from "node:fs";
const [whole, code, image] = process.argv.slice(1).map((path) => readFileSync(path));
const memory = async (bytes) => new Uint8Array((await WebAssembly.instantiate(bytes)).instance.exports.memory.buffer);
const expected = await memory(whole);
const filled = await memory(code);
const blank = filled.every((byte) => byte === 0);
filled.set(image);
console.log(JSON.stringify({ blank, same: Buffer.compare(expected, filled) === 0, codeValid: WebAssembly.validate(code) }));
"""


def test_the_code_with_its_data_image_gives_the_memory_of_the_whole_module(tmp_path: Path) -> None:
    # Segments out of order, one overwriting part of another (the later wins, as instantiation does), a gap.
    whole = _module([(1024, b"hello"), (40_000, bytes(range(256)) * 3), (1026, b"LL"), (8, b"\x01\x02")])
    parts = split(whole)
    paths = [tmp_path / "whole.wasm", tmp_path / "code.wasm", tmp_path / "data.bin"]
    for path, data in zip(paths, (whole, parts.code, parts.data), strict=True):
        path.write_bytes(data)
    found = json.loads(_node(MEMORY_OF, *map(str, paths)))
    assert found == {"blank": True, "same": True, "codeValid": True}  # the code alone fills nothing in
    assert len(parts.data) == 40_000 + 768 and len(parts.code) < len(whole) - 700


def test_a_module_it_cannot_take_apart_is_refused_by_name() -> None:
    with pytest.raises(NotSplittable, match="passive"):
        split(_module([(0, b"x")], passive=True))
    with pytest.raises(NotSplittable, match="not a WebAssembly"):
        split(b"PK\3\4 a zip")


LAY = """
import { readFileSync } from "node:fs";
import { layData } from %s;
const [memory, patch] = process.argv.slice(1).map((path) => new Uint8Array(readFileSync(path)));
const heap = new Uint8Array(memory.length + 64);
layData(heap, { memory, patch });
process.stdout.write(Buffer.from(heap).toString("hex"));
"""


def test_the_patch_over_a_snapshot_gives_back_the_data_image_and_zeros_beyond(tmp_path: Path) -> None:
    rng = random.Random(7)
    data = bytes(rng.randrange(4) and rng.randrange(256) for _ in range(20_000))
    changed = bytearray(data) + bytes(rng.randrange(256) for _ in range(5_000))  # Python's heap beyond the image
    for at in rng.sample(range(len(data)), 300):
        changed[at] = (changed[at] + 1) % 256
    header = struct.pack("<II", 0x12345678, 32) + bytes(24)  # Pyodide's: its size at byte 4
    (tmp_path / "snapshot").write_bytes(header + changed)
    (tmp_path / "patch").write_bytes(patch(header + bytes(changed), data))
    heap = bytes.fromhex(_node(LAY % json.dumps(WORKER_SNAPSHOT.as_uri()), str(tmp_path / "snapshot"), str(tmp_path / "patch")))
    assert heap[: len(data)] == data
    assert not any(heap[len(data) :])  # the heap the constructors find is fresh, as the whole module leaves it
    assert len((tmp_path / "patch").read_bytes()) < 300 * 8 + 4_000  # the differing bytes, not the image


def test_the_site_publishes_the_code_its_data_and_the_snapshot_s_patch(built_site: Path) -> None:
    folder = built_site / SITE_FOLDER
    whole = (folder / "pyodide.asm.wasm").read_bytes()
    assert split(whole).data == (folder / DATA_IMAGE).read_bytes()
    code = folder / CODE_WASM
    assert (code.with_name(code.name + ".br")).stat().st_size < 0.65 * (folder / "pyodide.asm.wasm.br").stat().st_size
    manifest = json.loads((folder / "okr1on1-engine.json").read_text(encoding="utf-8"))
    assert (folder / manifest["patch"]).stat().st_size < 0.1 * (folder / DATA_IMAGE).stat().st_size
