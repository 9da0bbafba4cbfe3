"""Copy the browser tests' screenshots into docs/screenshots/ as small PNGs (8-bit palette, first screens only).

Usage: .venv/bin/python scripts/optimise_screenshots.py [SOURCE_DIR] [--max-height N] [--colours N]
SOURCE_DIR defaults to test-artifacts/screenshots (written by tests/e2e/test_journeys.py::test_screenshots_of_every_page).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent


def optimise(source: Path, target: Path, max_height: int, colours: int) -> int:
    """Write `source` to `target` cropped to `max_height` px and reduced to `colours` colours; its size in bytes."""
    with Image.open(source) as image:
        image = image.convert("RGB")
        if image.height > max_height:
            image = image.crop((0, 0, image.width, max_height))
        small = image.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        small.save(target, optimize=True)
    return target.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", default=str(ROOT / "test-artifacts" / "screenshots"))
    parser.add_argument("--target", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--max-height", type=int, default=8000)
    parser.add_argument("--colours", type=int, default=64)
    args = parser.parse_args()
    target = Path(args.target)
    target.mkdir(parents=True, exist_ok=True)
    total = 0
    for path in sorted(Path(args.source).glob("*-*-*.png")):  # <page>-<lang>-<desktop|phone>.png
        if not path.stem.endswith(("-desktop", "-phone")):
            continue
        size = optimise(path, target / path.name, args.max_height, args.colours)
        total += size
        print(f"{path.name}: {size / 1024:.0f} KB")
    print(f"total: {total / 1024 / 1024:.2f} MB")


if __name__ == "__main__":
    main()
