#!/usr/bin/env python3
"""Draws the Phatsadu icon (a clipboard with a check list on a teal tile) and writes the
PNG and ICO sizes Tauri needs into src-tauri/icons/. Pure standard library, so anyone can
re-run it: python3 assets/icon/make_icons.py"""
import math
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "src-tauri" / "icons"

TEAL = (15, 118, 110)
WHITE = (255, 255, 255)
PAPER = (236, 253, 245)
INK = (19, 78, 74)
GOLD = (234, 179, 8)


def inside_round_rect(x, y, x0, y0, x1, y1, r):
    if x < x0 or x > x1 or y < y0 or y > y1:
        return False
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def pixel(u, v):
    """Colour (r, g, b, a) at unit coordinates u, v in [0, 1)."""
    if not inside_round_rect(u, v, 0.04, 0.04, 0.96, 0.96, 0.18):
        return (0, 0, 0, 0)
    colour = TEAL
    if inside_round_rect(u, v, 0.24, 0.20, 0.76, 0.86, 0.05):
        colour = PAPER
        # the clip at the top
    if inside_round_rect(u, v, 0.38, 0.14, 0.62, 0.26, 0.04):
        colour = GOLD
    for row in range(3):
        top = 0.38 + row * 0.15
        # tick boxes
        if inside_round_rect(u, v, 0.31, top, 0.40, top + 0.09, 0.015):
            colour = INK
            if row < 2 and inside_round_rect(u, v, 0.33, top + 0.02, 0.38, top + 0.07, 0.01):
                colour = GOLD
        # lines of text
        if inside_round_rect(u, v, 0.45, top + 0.03, 0.69, top + 0.06, 0.012):
            colour = INK
    return (*colour, 255)


def render(size):
    samples = 3  # supersampling for smooth edges
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(samples):
                for sx in range(samples):
                    r, g, b, a = pixel((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size)
                    acc[0] += r * a
                    acc[1] += g * a
                    acc[2] += b * a
                    acc[3] += a
            n = samples * samples
            alpha = acc[3] / n
            if acc[3]:
                row += bytes([round(acc[0] / acc[3]), round(acc[1] / acc[3]), round(acc[2] / acc[3]), round(alpha)])
            else:
                row += bytes([0, 0, 0, 0])
        rows.append(bytes(row))
    return png(size, b"".join(rows))


def png(size, raw):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def ico(images):
    """An ICO file holding PNG images (supported since Windows Vista)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, data in images:
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    sizes = {"32x32.png": 32, "128x128.png": 128, "128x128@2x.png": 256, "icon.png": 512}
    rendered = {}
    for name, size in sizes.items():
        rendered[size] = render(size)
        (OUT / name).write_bytes(rendered[size])
    (OUT / "icon.ico").write_bytes(ico([(32, rendered[32]), (256, rendered[256])]))
    print("wrote", ", ".join(sorted(p.name for p in OUT.iterdir())))


if __name__ == "__main__":
    main()
