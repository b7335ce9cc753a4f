"""victimshield.dask on a two-worker LocalCluster (local sockets only, no dashboard), compared
byte for byte with one machine's Shield. Every value here is invented (conftest's case)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.conftest import AS_OF, KEY, PROTECTED_VALUES, ROSTER_YAML, leaked_values, write
from victimshield import Options, Shield
from victimshield.errors import InputError, VerificationError

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from victimshield import dask as vdask  # noqa: E402  (after the skip: needs the dask extra)

POLICY = Path(__file__).resolve().parent.parent / "policies" / "examples" / "ro-to-gb.yaml"
OPTIONS = Options(as_of=AS_OF)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                       host="127.0.0.1")
    with cluster, distributed.Client(cluster) as connected:
        yield connected


@pytest.fixture(scope="module")
def roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("case") / "roster.yaml", ROSTER_YAML)


@pytest.fixture(scope="module")
def single(roster: Path) -> Shield:
    return Shield.from_files(POLICY, "GB", roster=roster, key=KEY, options=OPTIONS)


def _dask_frame(ddf: Any, roster: Path) -> pd.DataFrame:
    redacted: Any = vdask.redact_frame(ddf, policy=POLICY, to="GB", roster=roster, key=KEY, options=OPTIONS)
    frame: pd.DataFrame = redacted.compute()
    return frame


def _partition(ddf: Any, number: int) -> pd.DataFrame:
    part: pd.DataFrame = ddf.partitions[number].compute(scheduler="sync")
    return part


def _whole(ddf: Any) -> pd.DataFrame:
    frame: pd.DataFrame = ddf.compute(scheduler="sync")
    return frame


def contacts(rows: int) -> pd.DataFrame:
    """A column no rule names ("contact") that holds phone numbers in its first rows only:
    the whole frame's sample types it a phone column, a later partition's own would not."""
    return pd.DataFrame({
        "sender_name": ["Ioana Popescu" if i % 3 == 0 else "Marius Stan" for i in range(rows)],
        "reference": [f"debt Ionela {i}" if i % 4 == 0 else f"rent {i}" for i in range(rows)],
        "contact": [f"+40 745 111 {i:03d}" if i < 40 else f"ask at desk {i % 5}" for i in range(rows)],
        "count": list(range(rows)),
    })


def test_dask_frame_equals_the_single_machine_frame_with_pseudonyms(client: Any, roster: Path,
                                                                    single: Shield) -> None:
    ddf = dd.from_pandas(contacts(80), npartitions=4)
    expected = single.redact_frame(_whole(ddf))  # the whole frame, as Dask types it
    got = _dask_frame(ddf, roster)
    pd.testing.assert_frame_equal(got, expected)
    assert got["sender_name"].str.startswith("VICTIM-").any()  # keyed pseudonyms, the same on both
    assert leaked_values(got.to_csv(index=False)) == []


def test_dask_frame_types_columns_by_the_whole_frames_sample(client: Any, roster: Path, single: Shield) -> None:
    ddf = dd.from_pandas(contacts(80), npartitions=4)
    expected = single.redact_frame(_whole(ddf))
    # What partitions alone would give: the last one samples "ask at desk" and keeps it.
    alone = pd.concat([single.redact_frame(_partition(ddf, i)) for i in range(ddf.npartitions)])
    assert not alone["contact"].equals(expected["contact"])  # the case this test is about
    got = _dask_frame(ddf, roster)
    assert got["contact"].tolist() == expected["contact"].tolist()
    assert "ask at desk 1" not in got["contact"].tolist()


def test_dask_frame_keeps_each_workers_shield(client: Any, roster: Path) -> None:
    frame = contacts(40)
    _dask_frame(dd.from_pandas(frame, npartitions=4), roster)

    def built(dask_worker: Any) -> list[int]:
        return [id(s) for s in getattr(dask_worker, vdask.WORKER_CACHE, {}).values()]

    first = client.run(built)
    _dask_frame(dd.from_pandas(frame, npartitions=4), roster)
    assert client.run(built) == first  # the same shields again, none rebuilt
    assert all(len(ids) == 1 for ids in first.values())  # one recipe: one shield per worker


def test_dask_frame_spreads_names_within_a_partition_only(client: Any, roster: Path, single: Shield) -> None:
    # Documented limit (docs/dask.md): a partition is its own document. The full name is in
    # partition 1, its short form in partition 3: still redacted, under its own pseudonym.
    rows = [f"invoice {i}" for i in range(12)]
    rows[1] = "paid Gareth Ortega for rent"
    rows[11] = "tell gareth to wait"
    frame = pd.DataFrame({"reference": rows, "memo": ["x"] * 12})
    ddf = dd.from_pandas(frame, npartitions=3)
    got = _dask_frame(ddf, roster)
    # Each partition with the sample rows ("memo" is sampled: row 0) before it, as redact_frame does.
    first = _partition(ddf, 0).iloc[:1]
    partitions = pd.concat([single.redact_frame(pd.concat([first, _partition(ddf, i)])).iloc[1:]
                            for i in range(ddf.npartitions)])
    pd.testing.assert_frame_equal(got, partitions)
    assert "gareth" not in got.to_csv().casefold()
    whole = single.redact_frame(_whole(ddf))
    assert str(got.loc[11, "reference"]) != str(whole.loc[11, "reference"])  # the alias differs: see docs/dask.md


def _evidence(folder: Path) -> Path:
    for day in range(3):
        write(folder / f"Ioana Popescu {day}.txt",
              f"Ioana Popescu called +40 723 456 789 on day {day}.\nMarius Stan paid Elena Dumitru.\n")
    write(folder / "sub" / "transfers.csv", "sender_name,reference\nIoana Popescu,debt Ionela\nMarius Stan,rent\n")
    write(folder / "sub" / "chat.txt", "Mihai Georgescu: call me on +40 731 222 333\n")
    return folder


def test_dask_files_equal_the_single_machine_export_byte_for_byte(client: Any, roster: Path, single: Shield,
                                                                  tmp_path: Path) -> None:
    inputs = _evidence(tmp_path / "in")
    one = single.redact_paths([inputs], tmp_path / "one")
    many = vdask.redact_files([inputs], out=tmp_path / "many", policy=POLICY, to="GB", roster=roster, key=KEY,
                              options=OPTIONS, client=client)
    names = sorted(p.relative_to(tmp_path / "one").as_posix() for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(tmp_path / "many").as_posix()
                           for p in (tmp_path / "many").rglob("*") if p.is_file())
    assert any(n.endswith("-3.txt") for n in names)  # three inputs redacted to one name: numbered in input order
    for name in names:
        if name != "manifest.json":
            assert (tmp_path / "many" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), name
    manifests = [json.loads((tmp_path / d / "manifest.json").read_text(encoding="utf-8")) for d in ("one", "many")]
    for manifest in manifests:
        # The time differs, so the signature over the record does too: each must verify on its own.
        manifest.pop("created")
        manifest["signature"].pop("value")
    assert manifests[0] == manifests[1]
    from victimshield.record import verify_export

    assert verify_export(tmp_path / "many", key=KEY).ok, "the Dask export's signed record verifies"
    assert [e.output for e in many.files] == [e.output for e in one.files]
    everything = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "many").rglob("*") if p.is_file())
    assert [PROTECTED_VALUES[i] for i in leaked_values(everything)] == []


def test_dask_files_refuse_to_publish_when_verification_fails(client: Any, roster: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = _evidence(tmp_path / "in")
    monkeypatch.setattr("victimshield.verify.Verifier.problems", lambda self, folder, written: ["input 1: planted"])
    with pytest.raises(VerificationError):
        vdask.redact_files([inputs], out=tmp_path / "many", policy=POLICY, to="GB", roster=roster, key=KEY,
                           options=OPTIONS, client=client)
    assert not (tmp_path / "many").exists()


def test_recipe_repr_shows_no_key(roster: Path) -> None:
    made = vdask.recipe(POLICY, "GB", roster=roster, key=KEY)
    assert KEY.hex() not in repr(made) and "keyed=True" in repr(made)


def test_dask_files_refuse_an_unreadable_input_as_one_machine_does(client: Any, roster: Path, single: Shield,
                                                                    tmp_path: Path) -> None:
    inputs = _evidence(tmp_path / "in")
    (inputs / "Elena Dumitru.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(InputError) as alone:
        single.redact_paths([inputs], tmp_path / "one")
    with pytest.raises(InputError) as spread:  # raised on a worker, the same error here
        vdask.redact_files([inputs], out=tmp_path / "many", policy=POLICY, to="GB", roster=roster, key=KEY,
                           options=OPTIONS, client=client)
    assert str(spread.value) == str(alone.value)
    assert "Elena" not in str(spread.value)
    assert not (tmp_path / "many").exists()


def test_dask_files_take_relative_inputs_from_the_clients_folder(client: Any, roster: Path, single: Shield,
                                                                 tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _evidence(tmp_path / "in")
    monkeypatch.chdir(tmp_path)  # the workers started elsewhere: they are sent whole paths
    one = single.redact_paths(["in"], tmp_path / "one")
    many = vdask.redact_files(["in"], out=tmp_path / "many", policy=POLICY, to="GB", roster=roster, key=KEY,
                              options=OPTIONS, client=client)
    assert [e.output_sha256 for e in many.files] == [e.output_sha256 for e in one.files]
