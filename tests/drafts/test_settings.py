"""Settings: defaults, typed updates, unknown keys rejected, broken files survived."""

from __future__ import annotations

import json

import pytest

from penholder.settings import MAX_RECENT, Settings, settings_path


def test_defaults_work_without_a_file(user_home):
    settings = Settings.load()
    assert settings.hits == 5 and settings.debounce_ms == 150 and not settings.problems
    assert str(settings.library()).startswith(str(user_home))


@pytest.mark.parametrize("values", [{"colour": "red"}, {"hits": "five"}, {"hits": 0},
                                    {"default_profile": "paris"}, {"recent_files": [1]}])
def test_update_rejects_unknown_keys_and_bad_values(values):
    settings = Settings()
    with pytest.raises(ValueError):
        settings.update(**values)
    assert settings == Settings()


def test_save_load_round_trip_and_unknown_keys_in_file_are_reported(tmp_path):
    settings = Settings()
    settings.update(hits=3, default_profile="ny", editor_font_size=14)
    settings.save()
    assert Settings.load() == settings
    data = json.loads(settings_path().read_text(encoding="utf-8"))
    data["colour"] = "red"
    settings_path().write_text(json.dumps(data), encoding="utf-8")
    loaded = Settings.load()
    assert loaded.hits == 3 and any("colour" in p for p in loaded.problems)


def test_broken_file_falls_back_to_defaults():
    settings_path().write_text("{broken", encoding="utf-8")
    loaded = Settings.load()
    assert loaded.hits == Settings().hits and loaded.problems


def test_recent_files_are_capped_and_missing_ones_dropped(tmp_path):
    settings = Settings()
    files = []
    for i in range(MAX_RECENT + 3):
        files.append(tmp_path / f"{i}.penholder")
        files[-1].write_text("{}", encoding="utf-8")
        settings.add_recent(files[-1])
    assert len(settings.recent_files) == MAX_RECENT
    assert settings.recent_files[0] == str(files[-1].resolve())
    files[-1].unlink()
    settings.save()
    assert str(files[-1].resolve()) not in Settings.load().recent_files
