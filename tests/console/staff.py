"""Console accounts and a signed-in HTTP client for tests, on the test gateway's own database."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from typing import Tuple

from bot.console.accounts import Accounts
from bot.storage import Storage

PASSWORD = "a-long-test-password"


def accounts_for(assistant) -> Accounts:
    return Accounts(Storage(f"sqlite:///{assistant.data_dir / 'gateway.db'}"))


def make_staff(assistant, username: str, role: str = "staff") -> str:
    accounts = accounts_for(assistant)
    if username not in {m.username for m in accounts.all()}:
        accounts.create(username, username.title(), PASSWORD, role)
    return username


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class ConsoleClient:
    """Talks to the console like a browser: cookies kept, redirects not followed."""

    def __init__(self, base: str) -> None:
        self.base = base
        # Browsers treat loopback as a secure origin and send Secure cookies to it; so does this.
        policy = http.cookiejar.DefaultCookiePolicy()
        policy.return_ok_secure = lambda cookie, request: True
        self.jar = http.cookiejar.CookieJar(policy)
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())
        self.csrf = ""

    def request(self, path: str, form: dict | None = None) -> Tuple[int, str, dict]:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            with self.opener.open(self.base + path, data=data, timeout=30) as reply:
                return reply.status, reply.read().decode(), dict(reply.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), dict(error.headers)

    def form_token(self, path: str) -> str:
        _, page, _ = self.request(path)
        found = re.search(r'name="csrf" value="([^"]+)"', page)
        return found.group(1) if found else ""

    def sign_in(self, username: str, password: str = PASSWORD) -> int:
        token = self.form_token("/console/sign-in")
        status, _, _ = self.request("/console/sign-in", {"csrf": token, "username": username, "password": password})
        if status == 303:
            self.csrf = self.form_token("/console/")
        return status
