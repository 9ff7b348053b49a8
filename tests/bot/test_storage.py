from bot.storage import Storage


def test_language_survives_a_new_connection(tmp_path):
    url = f"sqlite:///{tmp_path / 'g.db'}"
    Storage(url).set_language("rest-a", "cy", "explicit")
    again = Storage(url)
    assert again.get_language("rest-a").code == "cy"
    again.set_language("rest-a", "pl", "detected")
    assert (again.get_language("rest-a").code, again.get_language("rest-a").source) == ("pl", "detected")
    assert again.get_language("rest-b") is None
