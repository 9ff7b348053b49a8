import datetime as dt

import pytest

from bot import opening_hours


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.timezone.utc)


def test_the_configured_hours_in_uk_time(monkeypatch):
    monkeypatch.delenv("FPOC_HOURS", raising=False)
    hours = opening_hours.load()
    assert hours.is_open(at("2026-11-23T10:00"))  # Monday, GMT
    assert not hours.is_open(at("2026-11-23T17:30"))
    assert not hours.is_open(at("2026-11-27T16:30"))  # Friday closes at 4pm
    assert not hours.is_open(at("2026-11-28T10:00"))  # Saturday
    assert not hours.is_open(at("2026-12-25T10:00"))  # closed day
    assert hours.is_open(at("2026-06-01T08:30"))  # 09:30 in British Summer Time


def test_the_environment_can_override(monkeypatch):
    monkeypatch.setenv("FPOC_HOURS", "never")
    assert not opening_hours.load().is_open(at("2026-11-23T10:00"))


def test_a_broken_file_says_what_is_wrong(tmp_path, monkeypatch):
    monkeypatch.delenv("FPOC_HOURS", raising=False)
    broken = tmp_path / "service.yml"
    broken.write_text("fpoc:\n  hours:\n    monday: ['9am', '5pm']\n")
    with pytest.raises(ValueError, match="monday"):
        opening_hours.load(broken)
