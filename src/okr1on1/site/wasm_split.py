"""Pyodide's WebAssembly split in two: its code, and the memory its data segments fill in.

A restored snapshot overwrites all of Pyodide's memory, so the 3.2 MB of data segments in
`pyodide.asm.wasm` (1.2 MB of its 2.8 MB with brotli) are downloaded for nothing on that path. The site
publishes the code with every segment emptied (`pyodide.asm-code.wasm`) and, for a start from scratch, the
memory the segments would have written, from address 0 to the last segment's end (`pyodide.asm-data.bin`):
worker.js copies it into the instance's memory as soon as the module is instantiated, before Emscripten
runs a line of it (Pyodide's module has no start function). Gaps between segments hold zeros, as fresh
memory does. The segments stay, empty, at their indices: the data-count section and any `data.drop` still
name them.

A restore needs that memory too, for a moment: Emscripten runs the module's constructors before Pyodide
copies the snapshot over it all. The snapshot holds the same addresses as Python left them, which differ
from the data image in some 70 kB: the build writes those bytes as they were (`patch`, 7 kB with brotli),
and worker.js lays them over the snapshot's copy of that memory, so the constructors see what the whole
module would have given them.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

CODE_WASM = "pyodide.asm-code.wasm"
DATA_IMAGE = "pyodide.asm-data.bin"
_MAGIC = b"\0asm\1\0\0\0"
_DATA_SECTION = 11
_I32_CONST = 0x41
_END = 0x0B


class NotSplittable(ValueError):
    """A WebAssembly module this split does not know how to take apart (another Pyodide build, say)."""


@dataclass(frozen=True)
class Split:
    code: bytes  # the module, its data segments emptied
    data: bytes  # memory from address 0 as the segments leave it


def _leb(data: bytes, at: int, signed: bool = False) -> tuple[int, int]:
    """The LEB128 number at `at`, and where the next field begins."""
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return (value - (1 << shift) if signed and byte & 0x40 else value), at


def _uleb_bytes(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def split(wasm: bytes) -> Split:
    """`wasm` as code and data image; NotSplittable unless every data segment is active, in memory 0, at
    a constant address."""
    if not wasm.startswith(_MAGIC):
        raise NotSplittable("not a WebAssembly module")
    code = bytearray(wasm[: len(_MAGIC)])
    image = bytearray()
    at = len(_MAGIC)
    while at < len(wasm):
        section = wasm[at]
        size, body = _leb(wasm, at + 1)
        end = body + size
        if section != _DATA_SECTION:
            code += wasm[at:end]
            at = end
            continue
        count, cursor = _leb(wasm, body)
        emptied = bytearray(_uleb_bytes(count))
        for _ in range(count):
            kind, cursor = _leb(wasm, cursor)
            if kind != 0 or wasm[cursor] != _I32_CONST:
                raise NotSplittable("a data segment that is passive, in another memory or at a computed address")
            address, after = _leb(wasm, cursor + 1, signed=True)
            if wasm[after] != _END:
                raise NotSplittable("a data segment whose address is not one constant")
            length, cursor = _leb(wasm, after + 1)
            if len(image) < address + length:
                image.extend(bytes(address + length - len(image)))
            image[address : address + length] = wasm[cursor : cursor + length]
            cursor += length
            emptied += bytes([0, _I32_CONST, 0, _END, 0])  # active, at address 0, no bytes
        if cursor != end:
            raise NotSplittable("the data section does not end where its segments do")
        code += bytes([_DATA_SECTION]) + _uleb_bytes(len(emptied)) + emptied
        at = end
    return Split(code=bytes(code), data=bytes(image))


_HEAD = struct.Struct("<II")  # a patch's head: the data image's length, where the snapshot's memory begins
_RUN = struct.Struct("<II")  # a patch's run: address, length, then that many bytes
_JOIN = 16  # equal bytes between two differing ones below which one run covers both (a header costs 8)
_BLOCK = 4096


def patch(snapshot: bytes, data: bytes) -> bytes:
    """The bytes of `data` (the data image) where the memory in Pyodide's `snapshot` differs from it: the
    image's length and the offset of the memory in the snapshot (little-endian u32 each; so the worker
    need not read Pyodide's header), then runs: u32 address, u32 length, that many bytes."""
    start = struct.unpack_from("<I", snapshot, 4)[0]  # Pyodide's snapshot: a header, its size at byte 4, the memory
    memory = memoryview(snapshot)[start:]
    runs: list[tuple[int, int]] = []
    for block in range(0, len(data), _BLOCK):
        end = min(block + _BLOCK, len(data))
        if memory[block:end] == data[block:end]:
            continue
        for at in range(block, end):
            if memory[at] == data[at]:
                continue
            if runs and at - runs[-1][1] <= _JOIN:
                runs[-1] = (runs[-1][0], at + 1)
            else:
                runs.append((at, at + 1))
    return _HEAD.pack(len(data), start) + b"".join(_RUN.pack(start, stop - start) + data[start:stop] for start, stop in runs)
