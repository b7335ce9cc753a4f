"""Scale-out: victimshield.dask on a LocalCluster of one worker, then of two, same workload.

    .venv/bin/python benchmarks/dask_speedup.py                 # 16 files of 30 texts, a 2,000-row frame
    .venv/bin/python benchmarks/dask_speedup.py --files 8 --rows 500

Each cluster runs the workload twice: the first run includes each worker building its
shield (loading the models), the second is warm (workers keep their shields). Every export
is checked byte for byte against one machine's Shield; for the frame, the cells that differ
from one machine's are counted (names spread across rows stay within a partition:
docs/dask.md). Speed is measured here, never in the tests.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.throughput.run import make_texts  # noqa: E402  (run as a script from anywhere)

POLICY = REPO / "policies" / "examples" / "ro-to-gb.yaml"
KEY = bytes(range(32))  # a made-up case key: the policy pseudonymizes


def make_files(folder: Path, files: int, texts: int) -> list[Path]:
    paths = []
    for number in range(files):
        path = folder / f"statement-{number:03d}.txt"
        path.write_text("\n".join(make_texts(texts, seed=number)) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def make_frame(rows: int) -> Any:
    import pandas as pd

    texts = make_texts(rows, seed=7)
    return pd.DataFrame({"note": texts, "amount": [float(i % 500) for i in range(rows)], "row": list(range(rows))})


def run(workers: int, files: list[Path], frame: Any, work: Path,
        expected: tuple[Any, bytes]) -> tuple[list[float], int]:
    import dask.dataframe
    import distributed as distributed_module

    from victimshield import dask as vdask

    dd: Any = dask.dataframe  # dask's and distributed's calls are untyped
    distributed: Any = distributed_module

    times = []
    differing = 0
    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as cluster, distributed.Client(cluster) as client:
        for attempt in range(2):
            started = time.perf_counter()
            out = work / f"out-{workers}-{attempt}"
            vdask.redact_files(files, out=out, policy=POLICY, to="GB", key=KEY, client=client)
            files_done = time.perf_counter()
            ddf: Any = dd.from_pandas(frame, npartitions=2 * workers)
            redacted: Any = vdask.redact_frame(ddf, policy=POLICY, to="GB", key=KEY)
            got = redacted.compute()
            frame_done = time.perf_counter()
            expected_frame, expected_bytes = expected
            # Names spread across rows stay within a partition (docs/dask.md): count, do not assert.
            differing = int((got.astype(str) != expected_frame.astype(str)).to_numpy().sum())
            assert _outputs(out) == expected_bytes, "the Dask export differs from one machine's"
            times += [files_done - started, frame_done - files_done]
    return times, differing


def _outputs(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*.txt")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=16)
    parser.add_argument("--texts", type=int, default=30, help="texts (of three sentences) per file")
    parser.add_argument("--rows", type=int, default=2000)
    args = parser.parse_args()

    import dask.dataframe

    from victimshield import Shield

    dd: Any = dask.dataframe  # untyped

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        files = make_files(work / "in", args.files, args.texts)
        frame = make_frame(args.rows)
        shield = Shield.from_files(POLICY, "GB", key=KEY)
        started = time.perf_counter()
        shield.redact_paths(files, work / "single")
        single_files = time.perf_counter() - started
        one_partition: Any = dd.from_pandas(frame, npartitions=1)
        whole = one_partition.compute()  # the frame as Dask types it (text as Arrow strings)
        started = time.perf_counter()
        expected_frame = shield.redact_frame(whole)
        single_frame = time.perf_counter() - started
        expected = (expected_frame, _outputs(work / "single"))
        one, one_differing = run(1, files, frame, work, expected)
        two, two_differing = run(2, files, frame, work, expected)
    characters = sum(len(t) for n in range(args.files) for t in make_texts(args.texts, seed=n))
    print(f"workload: {args.files} files ({characters:,} characters), a frame of {args.rows:,} rows")
    print(f"{'run':<34}{'files s':>10}{'frame s':>10}")
    print(f"{'one machine, Shield (warm)':<34}{single_files:>10.1f}{single_frame:>10.1f}")
    for label, times in (("1 worker", one), ("2 workers", two)):
        print(f"{label + ', first (builds shields)':<34}{times[0]:>10.1f}{times[1]:>10.1f}")
        print(f"{label + ', warm':<34}{times[2]:>10.1f}{times[3]:>10.1f}")
    print(f"speed-up 1 -> 2 workers, warm: files {one[2] / two[2]:.2f}x, frame {one[3] / two[3]:.2f}x")
    print(f"files: byte for byte one machine's; frame cells differing from one machine's: {one_differing} "
          f"(1 worker, 2 partitions), {two_differing} (2 workers, 4 partitions) of {frame.size:,}")


if __name__ == "__main__":
    main()
