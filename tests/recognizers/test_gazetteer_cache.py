"""The names cache: built once from the installed package, and never a reason for a run to fail."""

from victimshield.detect import gazetteer


def test_an_unwritable_cache_still_gives_the_names(tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    monkeypatch.setenv("VICTIMSHIELD_CACHE", str(blocked / "cache"))  # a path under a file: mkdir fails
    monkeypatch.setattr(gazetteer, "_distil", lambda source: ["ioana", "marius"])
    gazetteer._cached.cache_clear()
    try:
        assert gazetteer._cached("given-names", "first_names.pkl.gz") == frozenset({"ioana", "marius"})
    finally:
        gazetteer._cached.cache_clear()


def test_the_cache_is_written_once_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("VICTIMSHIELD_CACHE", str(tmp_path))
    calls = []
    monkeypatch.setattr(gazetteer, "_distil", lambda source: calls.append(source) or ["elena"])
    gazetteer._cached.cache_clear()
    try:
        assert gazetteer._cached("surnames", "last_names.pkl.gz") == frozenset({"elena"})
        gazetteer._cached.cache_clear()
        assert gazetteer._cached("surnames", "last_names.pkl.gz") == frozenset({"elena"})
        assert calls == ["last_names.pkl.gz"], "the second load must come from the cache file"
    finally:
        gazetteer._cached.cache_clear()
