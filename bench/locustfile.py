"""Load scenario for Gagyo: public visitors, firm members and staff (Locust).

Run it with bench/load_run.sh, which prepares the database and users, starts `make serve`
(gunicorn) on the loopback, runs this headless for a fixed time and stops everything.

Targets only the loopback: any other host is refused. Mix per simulated person:
- Visitor (most users): home, directory unfiltered and filtered, searches in Korean, English
  and Chinese, autocomplete, firm pages (demo and synthetic), partner list and pages.
- Member (fixed count): own workspace, profile page, edit form, and now and then a profile
  edit submitted as a pending change.
- Staff (fixed count): workspace home, partners, engagements, connections, review queue,
  follow-ups and the match page for Tencent Cloud.

Environment: GAGYO_LOAD_PASSWORD (the load accounts' password, set by load_run.sh),
GAGYO_LOAD_THINK=0 for the saturation run (no think time), GAGYO_LOAD_FIRM_LIST (a file of
published firm slugs; unpublished ones answer 404 by design) or GAGYO_LOAD_FIRMS.
"""

from __future__ import annotations

import os
import random
import re
from html.parser import HTMLParser
from urllib.parse import urlencode, urlparse

from locust import FastHttpUser, HttpUser, between, constant, events, task

PASSWORD = os.environ.get("GAGYO_LOAD_PASSWORD", "")
THINK = os.environ.get("GAGYO_LOAD_THINK", "1") != "0"
SYNTHETIC = int(os.environ.get("GAGYO_LOAD_FIRMS", "10000"))
DEMO_FIRMS = ["nhn-cloud", "megazone-cloud", "hancom", "aiworks", "hypernology", "initech"]
PARTNERS = ["tencent-cloud", "chongqing-liangjiang"]
SPECIALTIES = ["ai", "cloud", "security", "robotics", "software", "industrial-vision", "ai-data"]
MARKETS = ["CN", "US", "JP", "VN", "DE"]
SIZES = ["micro", "small", "medium", "large"]
QUERIES = {
    "": ["클라우드", "로보틱", "보안", "컴퓨터", "한컴", "ㅎㄱㄱㅋ", "AI", "비전"],
    "/en": ["cloud", "robot", "security", "vision", "Hancom", "data"],
    "/zh-hans": ["云", "腾讯", "安全", "机器人", "数据"],
}
LANGS = ["", "/en", "/zh-hans"]
wait = between(1, 3) if THINK else constant(0)


@events.test_start.add_listener
def _loopback_only(environment, **kwargs):
    host = urlparse(environment.host or "").hostname
    if host not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit(f"Refusing to load-test {host!r}: only the loopback is allowed.")


def _published() -> list[str]:
    path = os.environ.get("GAGYO_LOAD_FIRM_LIST")
    if path and os.path.exists(path):
        with open(path) as fh:
            return [line.strip() for line in fh if line.strip().startswith("synthetic-")]
    return [f"synthetic-{n:07d}" for n in range(1, SYNTHETIC + 1)]


SYNTHETIC_SLUGS = _published()


def _firm_slug() -> str:
    if random.random() < 0.2:
        return random.choice(DEMO_FIRMS)
    return random.choice(SYNTHETIC_SLUGS)


class _FormFields(HTMLParser):
    """The named inputs, textareas and selected options of the first POST form."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._in_form = False
        self._done = False
        self._textarea: str | None = None
        self._text = ""
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self._done:
            return
        if (
            tag == "form"
            and (a.get("method") or "").lower() == "post"
            and "logout" not in (a.get("action") or "")
        ):
            self._in_form = True
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    self.fields.append((name, a.get("value") or "on"))
            elif kind not in {"submit", "button", "file"}:
                self.fields.append((name, a.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value") or ""))

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, self._text.lstrip("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self._in_form:
            self._in_form, self._done = False, True


class _SignedIn(HttpUser):
    abstract = True
    username = ""

    def on_start(self):
        self.client.get("/accounts/login/", name="login")
        token = self.client.cookies.get("csrftoken", "")
        response = self.client.post(
            "/accounts/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            name="login",
            allow_redirects=False,
        )
        if response.status_code != 302:
            raise SystemExit(f"Login as {self.username} failed ({response.status_code}).")


def _with_query(path: str, params: dict) -> str:
    return f"{path}?{urlencode(params)}"


class Visitor(FastHttpUser):
    """Anonymous visitors: the bulk of the requests. geventhttpclient (FastHttpUser) costs the
    load generator a fraction of the CPU of requests (HttpUser), which on this 2-core machine
    is CPU the server under test keeps."""

    weight = 40
    wait_time = wait

    @task(2)
    def home(self):
        self.client.get(random.choice(LANGS) + "/", name="home")

    @task(4)
    def directory(self):
        self.client.get(random.choice(LANGS) + "/firms/", name="firms")

    @task(5)
    def filtered(self):
        params = {"specialty": random.choice(SPECIALTIES)}
        if random.random() < 0.5:
            params["market"] = random.choice(MARKETS)
        if random.random() < 0.3:
            params["size"] = random.choice(SIZES)
        if random.random() < 0.3:
            params["page"] = str(random.randint(2, 5))
        self.client.get(
            _with_query(random.choice(LANGS) + "/firms/", params), name="firms filtered"
        )

    @task(5)
    def search(self):
        lang = random.choice(LANGS)
        params = {"q": random.choice(QUERIES[lang])}
        if random.random() < 0.3:
            params["sort"] = random.choice(["name", "newest", "updated"])
        self.client.get(_with_query(lang + "/firms/", params), name="firms search")

    @task(2)
    def suggest(self):
        lang = random.choice(LANGS)
        self.client.get(
            _with_query(lang + "/search/suggest/", {"q": random.choice(QUERIES[lang])[:2]}),
            name="suggest",
        )

    @task(6)
    def firm_page(self):
        self.client.get(f"{random.choice(LANGS)}/firms/{_firm_slug()}/", name="firm page")

    @task(1)
    def partners(self):
        self.client.get(random.choice(LANGS) + "/partners/", name="partners")

    @task(1)
    def partner_page(self):
        self.client.get(
            f"{random.choice(LANGS)}/partners/{random.choice(PARTNERS)}/", name="partner page"
        )


class Member(_SignedIn):
    fixed_count = 5
    wait_time = wait
    username = "load-member"
    firm = "hancom"

    @task(3)
    def my_home(self):
        self.client.get("/my/", name="my")

    @task(2)
    def my_firm(self):
        self.client.get(f"/my/firms/{self.firm}/", name="my firm")

    @task(1)
    def edit_profile(self):
        form = self.client.get(f"/my/firms/{self.firm}/edit/", name="my firm edit form")
        parser = _FormFields()
        parser.feed(form.text)
        fields = [(k, v) for k, v in parser.fields if k != "summary_ko"]
        fields.append(("summary_ko", f"부하 시험 요약 {random.randint(1, 10**6)}"))
        with self.client.post(
            f"/my/firms/{self.firm}/edit/",
            fields,
            name="my firm edit (submit)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # 302: saved as a pending change; 409: someone else edited meanwhile (expected
            # with five members on one firm): both are correct answers, not errors.
            if response.status_code in (302, 409):
                response.success()
            elif response.status_code == 200 and re.search(r"errorlist", response.text):
                response.failure("form error")


class Staff(_SignedIn):
    fixed_count = 5
    wait_time = wait
    username = "load-staff"

    @task(2)
    def home(self):
        self.client.get("/staff/", name="staff home")

    @task(2)
    def partners(self):
        self.client.get("/staff/partners/", name="staff partners")

    @task(1)
    def engagements(self):
        self.client.get("/staff/engagements/", name="staff engagements")

    @task(2)
    def connections(self):
        self.client.get("/staff/connections/", name="staff connections")

    @task(1)
    def reviews(self):
        self.client.get("/staff/reviews/", name="staff reviews")

    @task(1)
    def followups(self):
        self.client.get("/staff/follow-ups/", name="staff follow-ups")

    @task(2)
    def match(self):
        self.client.get("/staff/match/", params={"partner": random.choice(PARTNERS)}, name="match")
