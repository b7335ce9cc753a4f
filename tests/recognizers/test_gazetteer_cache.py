"""The names cache: built once from the installed package, and never a reason for a run to fail."""

from victimshield.detect import gazetteer


def test_an_unwritable_cache_still_gives_the_names(tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    monkeypatch.setenv("VICTIMSHIELD_CACHE", str(blocked / "cache"))  # a path under a file: mkdir fails
    monkeypatch.setattr(gazetteer, "_distil", lambda source, countries: ["ioana", "marius"])
    gazetteer._cached.cache_clear()
    try:
        assert gazetteer._cached("given-names", "first_names.pkl.gz") == frozenset({"ioana", "marius"})
    finally:
        gazetteer._cached.cache_clear()


def test_the_cache_is_written_once_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("VICTIMSHIELD_CACHE", str(tmp_path))
    calls = []
    monkeypatch.setattr(gazetteer, "_distil", lambda source, countries: calls.append(source) or ["elena"])
    gazetteer._cached.cache_clear()
    try:
        assert gazetteer._cached("surnames", "last_names.pkl.gz") == frozenset({"elena"})
        gazetteer._cached.cache_clear()
        assert gazetteer._cached("surnames", "last_names.pkl.gz") == frozenset({"elena"})
        assert calls == ["last_names.pkl.gz"], "the second load must come from the cache file"
    finally:
        gazetteer._cached.cache_clear()


def test_widely_given_names_are_distilled_and_cached_apart_from_all_given_names(tmp_path, monkeypatch):
    # Given names of two countries or more are a set of their own, in a file of their own:
    # reading one set never answers for the other.
    monkeypatch.setenv("VICTIMSHIELD_CACHE", str(tmp_path))
    asked = []

    def distil(source, countries):
        asked.append(countries)
        return ["nina", "depot"] if countries == 1 else ["nina"]

    monkeypatch.setattr(gazetteer, "_distil", distil)
    gazetteer._cached.cache_clear()
    try:
        assert gazetteer.given_names() == frozenset({"nina", "depot"})
        assert gazetteer.widely_given_names() == frozenset({"nina"})
        assert asked == [1, gazetteer.WIDE_COUNTRIES]
        assert len(list(tmp_path.glob("given-names-*.txt.gz"))) == 2
    finally:
        gazetteer._cached.cache_clear()
