"""One settings module decides where the case bank, the book, the built book and the progress
store are: environment variables with documented defaults."""

from __future__ import annotations

from pathlib import Path

from toolkit import settings

ROOT = Path(__file__).resolve().parent.parent


def test_defaults_in_a_source_checkout(monkeypatch):
    for name in ("HANDBOK_PROJEKT", "HANDBOK_FALLBANK", "HANDBOK_BOK", "HANDBOK_BYGGD_BOK", "HANDBOK_DB", "KOMMUN"):
        monkeypatch.delenv(name, raising=False)
    assert settings.project_root() == ROOT
    assert settings.casebank_dir() == ROOT / "casebank"
    assert settings.book_dir() == ROOT / "book"
    assert settings.built_book_dir() == ROOT / "_build" / "html"
    assert settings.municipality() == "exempelstad"
    url = settings.database_url()
    assert url.startswith("sqlite:///") and url.endswith("/progress.sqlite")
    # The store lives in the user's data folder, never inside the package or the checkout.
    store = Path(url.removeprefix("sqlite:///"))
    assert ROOT not in store.parents and settings.PACKAGE not in store.parents


def test_every_location_follows_its_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("HANDBOK_PROJEKT", str(tmp_path))
    assert settings.casebank_dir() == tmp_path / "casebank"
    assert settings.book_dir() == tmp_path / "book"
    monkeypatch.setenv("HANDBOK_FALLBANK", str(tmp_path / "bank"))
    monkeypatch.setenv("HANDBOK_BOK", str(tmp_path / "bok"))
    monkeypatch.setenv("HANDBOK_BYGGD_BOK", str(tmp_path / "html"))
    monkeypatch.setenv("HANDBOK_DB", "postgresql+psycopg://enhet@127.0.0.1/handbok")
    monkeypatch.setenv("KOMMUN", "grannby")
    assert settings.casebank_dir() == tmp_path / "bank"
    assert settings.book_dir() == tmp_path / "bok"
    assert settings.built_book_dir() == tmp_path / "html"
    assert settings.database_url() == "postgresql+psycopg://enhet@127.0.0.1/handbok"
    assert settings.municipality() == "grannby"


def test_parameters_travel_with_the_package():
    assert settings.PARAMETERS == settings.PACKAGE / "parameters"
    assert (settings.PARAMETERS / "riksnorm.yaml").is_file()
