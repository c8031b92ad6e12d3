#!/usr/bin/env python3
"""Copies a wasm module without its `reloc.*` and `linking` custom sections.

The bundle is linked with `--emit-relocs` (wasm-split needs the relocations); a module that
is not split must lose them before wasm-bindgen and wasm-opt, or they are shipped (binaryen
keeps custom sections it cannot interpret) and every size figure includes them.

    python3 scripts/wasm-strip-relocs.py IN.wasm OUT.wasm
"""
import sys


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def main(src, dst):
    b = open(src, "rb").read()
    out = bytearray(b[:8])
    i = 8
    while i < len(b):
        n, j = leb(b, i + 1)
        end = j + n
        if b[i] == 0:  # a custom section: its name first
            ln, k = leb(b, j)
            if b[k:k + ln].decode(errors="replace").startswith(("reloc.", "linking")):
                i = end
                continue
        out += b[i:end]
        i = end
    open(dst, "wb").write(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
