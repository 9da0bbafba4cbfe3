"""Synthetic data folders for the benchmark: every contract file, valid, deterministic, never under data/.

`python -m bench.synth DIR N` writes a folder with exactly N figures. The figures are obviously fake (ids start
with `syn`, quotes say they are synthetic) and exist only to load the app at scale; they never go into data/.
"""

from __future__ import annotations

import argparse
import csv
import shutil
from pathlib import Path

import numpy as np

from dashboard import schema

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data"

SEED = 20240601
N_HUBS = 200
N_SOURCES = 40
FIRST_YEAR, N_YEARS = 2006, 20
# Shares of the figures by period shape; the rest (1 %) are conflicting versions of other figures.
SHARE_SINGLE, SHARE_SPAN, SHARE_PART = 0.60, 0.25, 0.14
SPAN_LENGTHS = (1, 2, 3, 4)  # period_end - period_start
# (period_start_month, period_end_month) of a part-year figure; None = the whole start / end year.
PART_MONTHS = ((None, 3), (None, 6), (None, 9), (4, None), (7, None), (10, None))
EXTRA_SOURCE_SHARE = 0.02  # figures that get a second outlet in figure_sources.csv
PROVINCES = tuple(code for code in schema.REGIONS if code != schema.NATIONAL_REGION)
PUBLISHERS = ("합성일보", "벤치마크신문", "Synthetic Times", "테스트경제", "Example Daily")


def _refuse_bundled(directory: Path) -> None:
    target = directory.resolve()
    if target == BUNDLED.resolve() or BUNDLED.resolve() in target.parents:
        raise ValueError(f"refusing to write synthetic data into {BUNDLED}: it holds only sourced figures")


def _write(path: Path, header: list[str], rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _cell(value) -> str:
    return "" if value is None else str(value)


def _hubs(rng: np.random.Generator, n_hubs: int) -> list[dict]:
    """Hubs over the 17 provinces: a chain of aggregates (national at the top), programmes, single hubs."""
    n_agg = max(1, n_hubs // 20)
    n_prog = n_hubs // 10
    hubs = []
    for i in range(n_hubs):
        if i < n_agg:
            hub_type = "aggregate"
            region = schema.NATIONAL_REGION if i == 0 else PROVINCES[i % len(PROVINCES)]
            # Aggregate 0 is national; the others sit inside it, so containment is two levels deep.
            member_of = None if i == 0 else "syn_hub_000"
        else:
            hub_type = "programme" if i < n_agg + n_prog else "hub"
            region = PROVINCES[i % len(PROVINCES)]
            member_of = f"syn_hub_{1 + i % (n_agg - 1):03d}" if n_agg > 1 and hub_type == "hub" and i % 5 < 2 else None
        ko, en = schema.REGIONS[region]
        located = region != schema.NATIONAL_REGION
        hubs.append(
            {
                "hub_id": f"syn_hub_{i:03d}",
                "name_ko": f"합성 허브 {i:03d} ({ko})",
                "name_en": f"Synthetic hub {i:03d} ({en})",
                "region_code": region,
                "region_ko": ko,
                "region_en": en,
                "hub_type": hub_type,
                "operator_ko": f"합성 운영기관 {i % 17}" if i % 3 == 0 else None,
                "operator_en": f"Synthetic operator {i % 17}" if i % 3 == 0 else None,
                "opened_year": FIRST_YEAR + i % N_YEARS if i % 2 == 0 else None,
                "lat": f"{rng.uniform(34.0, 38.0):.4f}" if located else None,
                "lon": f"{rng.uniform(126.3, 129.4):.4f}" if located else None,
                "member_of": member_of,
                "aliases_ko": f"합성{i:03d};허브{i:03d}" if i % 4 == 0 else None,
                "aliases_en": f"Syn {i:03d}" if i % 4 == 0 else None,
                "note_ko": "벤치마크용 합성 허브" if i % 7 == 0 else None,
                "note_en": "Synthetic hub for the benchmark" if i % 7 == 0 else None,
            }
        )
    return hubs


def _sources(n_sources: int) -> list[dict]:
    return [
        {
            "source_id": f"SYN{i:04d}",
            "publisher": PUBLISHERS[i % len(PUBLISHERS)],
            "title": f"합성 기사 {i} / synthetic article {i}",
            "published": f"{FIRST_YEAR + i % N_YEARS}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "published_note": None,
            "url": f"https://example.org/synthetic/{i}",
            "language": "en" if i % 5 == 0 else "ko",
        }
        for i in range(n_sources)
    ]


def _distinct(rng: np.random.Generator, space: tuple[int, ...], n: int) -> tuple[np.ndarray, ...]:
    """`n` distinct cells of a grid of shape `space`, as one index array per axis."""
    size = int(np.prod(space))
    if n > size:
        raise ValueError(f"cannot draw {n:,} distinct figures from {size:,} combinations; use more hubs")
    flat = rng.choice(size, size=n, replace=False) if n else np.zeros(0, dtype=np.int64)
    return np.unravel_index(np.sort(flat), space)


def _values(rng: np.random.Generator, units: np.ndarray) -> np.ndarray:
    """Plausible magnitudes per unit, in base units (won, counts, persons)."""
    out = rng.integers(1, 5_000, size=len(units)).astype(np.float64)
    krw = units == "KRW"
    out[krw] = np.round(10 ** rng.uniform(8, 12, size=int(krw.sum())), -6)
    pf = units == "PF"
    out[pf] = np.round(rng.uniform(1, 500, size=int(pf.sum())), 1)
    m2 = units == "m2"
    out[m2] = rng.integers(1_000, 200_000, size=int(m2.sum()))
    return out


def write_data(
    directory, n_figures: int, *, n_hubs: int = N_HUBS, n_sources: int = N_SOURCES, seed: int = SEED
) -> dict[str, int]:
    """Write a valid data folder with exactly `n_figures` figures into `directory`; returns rows per file."""
    if n_figures < 0 or n_hubs < 1 or n_sources < 2:
        raise ValueError("need n_figures >= 0, n_hubs >= 1 and n_sources >= 2")
    directory = Path(directory)
    _refuse_bundled(directory)
    directory.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)

    shutil.copyfile(BUNDLED / "metrics.csv", directory / "metrics.csv")
    with (BUNDLED / "metrics.csv").open(encoding="utf-8", newline="") as handle:
        metric_rows = list(csv.DictReader(handle))
    metric_ids = [m["metric"] for m in metric_rows]
    metric_unit = np.array([m["unit"] for m in metric_rows])
    metric_family = np.array([m["family"] for m in metric_rows])
    metric_label = [m["label_ko"] for m in metric_rows]

    hubs = _hubs(rng, n_hubs)
    _write(
        directory / "hubs.csv",
        schema.column_names("hubs"),
        ([_cell(h[c]) for c in schema.column_names("hubs")] for h in hubs),
    )
    sources = _sources(n_sources)
    _write(
        directory / "sources.csv",
        schema.column_names("sources"),
        ([_cell(s[c]) for c in schema.column_names("sources")] for s in sources),
    )

    n_versions = n_figures // 100
    n_base = n_figures - n_versions
    n_span = int(n_base * SHARE_SPAN)
    n_part = int(n_base * SHARE_PART)
    n_single = n_base - n_span - n_part
    grid = (n_hubs, len(metric_rows), N_YEARS, len(schema.KINDS))
    single = _distinct(rng, grid, n_single)
    span = _distinct(rng, (*grid, len(SPAN_LENGTHS)), n_span)
    part = _distinct(rng, (*grid, len(PART_MONTHS)), n_part)

    hub = np.concatenate([single[0], span[0], part[0]])
    metric = np.concatenate([single[1], span[1], part[1]])
    year = FIRST_YEAR + np.concatenate([single[2], span[2], part[2]])
    kind = np.concatenate([single[3], span[3], part[3]])
    end = year.copy()
    end[n_single : n_single + n_span] += np.asarray(SPAN_LENGTHS)[span[4]]
    months = np.full((n_base, 2), -1, dtype=np.int64)  # -1 = whole year (empty cell)
    part_months = np.array([[-1 if a is None else a, -1 if b is None else b] for a, b in PART_MONTHS])
    months[n_single + n_span :] = part_months[part[4]]
    value = _values(rng, metric_unit[metric])
    source = rng.integers(0, n_sources, size=n_base)

    # Conflicting versions: the same hub, metric, kind and period again, with another value from another outlet.
    again = rng.choice(n_base, size=n_versions, replace=False) if n_versions else np.zeros(0, dtype=np.int64)
    hub, metric, year, kind, end = (np.concatenate([a, a[again]]) for a in (hub, metric, year, kind, end))
    months = np.concatenate([months, months[again]])
    value = np.concatenate([value, np.maximum(value[again] * 1.1, value[again] + 1)])
    source = np.concatenate([source, (source[again] + 1) % n_sources])

    # Rows are written in a shuffled order, as real files are not grouped by hub or metric.
    order = rng.permutation(n_figures)
    hub, metric, year, kind, end, value, source = (a[order] for a in (hub, metric, year, kind, end, value, source))
    months = months[order]
    hub_names = [h["name_ko"] for h in hubs]
    hub_ids = [h["hub_id"] for h in hubs]
    source_ids = [s["source_id"] for s in sources]
    kinds = list(schema.KINDS)
    scoped = (rng.random(n_figures) < 0.2).tolist()
    counts = {f: 0 for f in schema.FAMILIES}
    handles = {f: (directory / schema.file_name(f)).open("w", encoding="utf-8", newline="") for f in schema.FAMILIES}
    try:
        writers = {f: csv.writer(h, lineterminator="\n") for f, h in handles.items()}
        for family, writer in writers.items():
            writer.writerow(schema.column_names(family))
        family_of, units = metric_family.tolist(), metric_unit.tolist()
        # Cells by column name, so a column added to the contract later (e.g. an optional one) is written empty.
        fact_columns = schema.column_names(schema.FAMILIES[0])
        rows = zip(
            hub.tolist(),
            metric.tolist(),
            year.tolist(),
            end.tolist(),
            months[:, 0].tolist(),
            months[:, 1].tolist(),
            kind.tolist(),
            value.tolist(),
            source.tolist(),
            scoped,
        )
        for number, (h, m, y, e, sm, em, k, v, src, note) in enumerate(rows):
            shown_value = str(int(v)) if v.is_integer() else repr(v)
            family = family_of[m]
            counts[family] += 1
            cells = {
                "figure_id": f"syn{number:07d}",
                "hub_id": hub_ids[h],
                "metric": metric_ids[m],
                "value": shown_value,
                "unit": units[m],
                "period_start": y,
                "period_end": e,
                "period_start_month": "" if sm < 0 else sm,
                "period_end_month": "" if em < 0 else em,
                "kind": kinds[k],
                "source_id": source_ids[src],
                "quote": f"합성 벤치마크 문장: {hub_names[h]}의 {y}년 {metric_label[m]}은(는) {shown_value}"
                f"{units[m]}이다 (실제 수치가 아님, synthetic figure {number}).",
                "scope_note": f"합성 범위 {number % 9} / synthetic scope {number % 9}" if note else "",
            }
            writers[family].writerow([cells.get(c, "") for c in fact_columns])
    finally:
        for handle in handles.values():
            handle.close()

    n_extra = int(n_figures * EXTRA_SOURCE_SHARE)
    picked = np.sort(rng.choice(n_figures, size=n_extra, replace=False)).tolist() if n_extra else []
    main_source = source.tolist()
    extra_rows = []
    for number in picked:
        other = (main_source[number] + 1 + number % (n_sources - 1)) % n_sources
        extra_rows.append(
            [
                f"syn{number:07d}",
                source_ids[other],
                f"같은 수치를 다른 매체도 보도했다 (합성 문장, synthetic quote {number}).",
            ]
        )
    _write(directory / "figure_sources.csv", schema.column_names("figure_sources"), extra_rows)
    counts.update(hubs=len(hubs), sources=len(sources), metrics=len(metric_rows), figure_sources=len(extra_rows))
    return counts


def main(argv: list[str] | None = None) -> int:
    """Command line: write one synthetic folder."""
    parser = argparse.ArgumentParser(prog="python -m bench.synth", description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("n_figures", type=int)
    parser.add_argument("--hubs", type=int, default=N_HUBS)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    counts = write_data(args.directory, args.n_figures, n_hubs=args.hubs, seed=args.seed)
    print(", ".join(f"{k}={v:,}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
