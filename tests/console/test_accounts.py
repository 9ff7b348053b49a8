import datetime as dt

import pytest

from bot.console import create_admin
from bot.console.accounts import AccountError, Accounts, wait_after
from bot.storage import Storage


@pytest.fixture
def accounts(database_url):
    return Accounts(Storage(database_url))


def test_passwords_are_argon2id_hashes(accounts):
    accounts.create("jo", "Jo", "correct horse battery")
    with accounts.engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT password_hash FROM staff").scalar()
    assert stored.startswith("$argon2id$") and "correct" not in stored
    assert accounts.check_password("jo", "correct horse battery").username == "jo"
    assert accounts.check_password("jo", "wrong") is None
    assert accounts.check_password("nobody", "correct horse battery") is None


def test_accounts_are_checked(accounts):
    with pytest.raises(AccountError, match="12 characters"):
        accounts.create("jo", "Jo", "short")
    with pytest.raises(AccountError, match="role"):
        accounts.create("jo", "Jo", "long enough password", role="boss")
    accounts.create("jo", "Jo", "long enough password")
    with pytest.raises(AccountError, match="already"):
        accounts.create("JO", "Jo again", "long enough password")


def test_wrong_passwords_are_slowed_down(accounts):
    assert [wait_after(n) for n in (0, 4, 5, 6, 7, 20)] == [0, 0, 2, 4, 8, 300]
    accounts.create("jo", "Jo", "correct horse battery")
    for _ in range(5):
        accounts.check_password("jo", "wrong")
    assert accounts.seconds_to_wait("jo") >= 1
    assert accounts.seconds_to_wait("someone-else") == 0


def test_sessions_end_when_idle_and_on_sign_out(accounts):
    member = accounts.create("jo", "Jo", "correct horse battery")
    token = accounts.start_session(member)
    assert accounts.session(token, dt.timedelta(minutes=30)).staff.id == member.id
    assert accounts.session(token, dt.timedelta(seconds=-1)) is None, "idle too long"
    assert accounts.session(token, dt.timedelta(minutes=30)) is None, "and it stays ended"
    other = accounts.start_session(member)
    accounts.end_session(other)
    assert accounts.session(other, dt.timedelta(minutes=30)) is None


def test_the_command_creates_the_first_admin(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'admin.db'}")
    monkeypatch.setenv("CONSOLE_PASSWORD", "first admin password")
    assert create_admin.main(["ada", "--name", "Ada"]) == 0
    assert "Created admin account 'ada'" in capsys.readouterr().out
    assert create_admin.main(["ada"]) == 1, "a second account with the same name is refused"
    monkeypatch.setenv("CONSOLE_PASSWORD", "short")
    assert create_admin.main(["bo"]) == 1
