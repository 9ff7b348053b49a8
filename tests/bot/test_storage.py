from bot.storage import Storage


def test_language_survives_a_new_connection(database_url):
    url = database_url
    Storage(url).set_language("rest-a", "cy", "explicit")
    again = Storage(url)
    assert again.get_language("rest-a").code == "cy"
    again.set_language("rest-a", "pl", "detected")
    assert (again.get_language("rest-a").code, again.get_language("rest-a").source) == ("pl", "detected")
    assert again.get_language("rest-b") is None


def test_transcript_keeps_each_client_message_once(database_url):
    storage = Storage(database_url)
    first = storage.add_message("web-a", "person", "hello", None, "c1")
    assert storage.add_message("web-a", "person", "hello", None, "c1") is None
    storage.add_message("web-a", "assistant", "Hi", {"custom": {"topic": "greet"}})
    storage.add_message("web-b", "person", "other", None, "c1")
    kept = storage.transcript("web-a")
    assert [(m.author, m.text) for m in kept] == [("person", "hello"), ("assistant", "Hi")]
    assert kept[1].as_dict()["custom"] == {"topic": "greet"}
    assert [m.text for m in storage.transcript("web-a", after_id=first.id)] == ["Hi"]


def test_a_database_from_before_migrations_is_upgraded_in_place(tmp_path):
    import sqlalchemy as sa

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text(
            "CREATE TABLE conversation_languages (conversation_id VARCHAR(200) PRIMARY KEY, "
            "language VARCHAR(20) NOT NULL, source VARCHAR(20) NOT NULL, updated_at DATETIME NOT NULL)"
        ))
        connection.execute(sa.text(
            "INSERT INTO conversation_languages VALUES ('rest-old', 'uk', 'explicit', '2026-11-01 10:00:00')"
        ))
    storage = Storage(url)
    assert storage.get_language("rest-old").code == "uk"
    assert storage.add_message("web-x", "person", "hi") is not None

