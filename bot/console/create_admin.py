"""Creates a console account (the first admin, or any account):

    make admin USERNAME=jo.smith        (asks for the password twice)
    CONSOLE_PASSWORD=... python -m bot.console.create_admin jo.smith --name "Jo Smith" [--role staff]

The password is never taken as an argument, so it does not land in shell history.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from bot.console.accounts import AccountError, Accounts
from bot.settings import Settings
from bot.storage import Storage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("username")
    parser.add_argument("--name", default="", help="the name colleagues see (default: the username)")
    parser.add_argument("--role", default="admin", choices=("admin", "staff"))
    args = parser.parse_args(argv)
    password = os.environ.get("CONSOLE_PASSWORD")
    if not password:
        password = getpass.getpass("Password (12 characters or more): ")
        if getpass.getpass("The same password again: ") != password:
            print("The two passwords are not the same. Nothing was created.", file=sys.stderr)
            return 1
    try:
        member = Accounts(Storage(Settings.from_env().database_url)).create(
            args.username, args.name, password, args.role
        )
    except AccountError as error:
        print(f"{error} Nothing was created.", file=sys.stderr)
        return 1
    print(f"Created {member.role} account '{member.username}'. Sign in at /console/sign-in.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
