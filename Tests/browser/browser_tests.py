#!/usr/bin/python3
"""Browser tests: a real headless Chromium (Selenium + Debian's chromedriver)
drives a Synergia server on a throwaway SQLite database with the demo workspace.
Screenshots of every page visited go to test-output/screenshots/.

Usage: Tests/browser/browser_tests.py [path/to/synergia]
"""
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/synergia")
SHOTS = os.path.join(ROOT, "test-output/screenshots")
PASSWORD = "a-long-browser-password"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="synergia-browser-")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ, SYNERGIA_DATABASE_URL=f"sqlite:{self.folder}/db.sqlite",
                        SYNERGIA_DATA_DIR=os.path.join(ROOT, "data"), SYNERGIA_BCRYPT_COST="4",
                        SYNERGIA_PUBLIC_URL=self.base)

    def cli(self, *args, stdin=None):
        done = subprocess.run([BINARY, *args], env=self.env, input=stdin, capture_output=True, text=True, cwd=ROOT)
        if done.returncode != 0:
            raise RuntimeError(f"synergia {' '.join(args)}: {done.stderr}")
        return done.stdout

    def start(self):
        self.cli("seed", "--demo")
        self.process = subprocess.Popen([BINARY, "serve", "--port", str(self.port)], env=self.env, cwd=ROOT,
                                        stdout=open(os.path.join(self.folder, "serve.log"), "w"), stderr=subprocess.STDOUT)
        for _ in range(100):
            try:
                urllib.request.urlopen(self.base + "/health", timeout=1)
                return
            except Exception:
                time.sleep(0.1)
        raise RuntimeError("the server did not start; see " + self.folder + "/serve.log")

    def link(self, email):
        return self.cli("user", "password-link", "--email", email).strip().splitlines()[-1]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def browser():
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=en-GB"]:
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def submit(driver, button):
    """Clicks a form's button and waits for the next page."""
    page = driver.find_element(By.TAG_NAME, "html")
    button.click()
    WebDriverWait(driver, 30).until(expected_conditions.staleness_of(page))


def shot(driver, name):
    os.makedirs(SHOTS, exist_ok=True)
    driver.save_screenshot(os.path.join(SHOTS, name + ".png"))


def console_errors(driver):
    """Errors the page raised, Content-Security-Policy violations included."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]


def sign_in_with_link(driver, server, email):
    driver.delete_all_cookies()
    driver.get(server.link(email))
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "confirm").send_keys(PASSWORD)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))


def test_focal_point_sets_a_password_and_sees_the_dashboard(driver, server):
    sign_in_with_link(driver, server, "focal.point@demo.synergia.example")
    assert driver.current_url == server.base + "/", driver.current_url
    shot(driver, "01-home")
    driver.find_element(By.PARTIAL_LINK_TEXT, "Kenya (demo workspace)").click()
    body = driver.find_element(By.TAG_NAME, "body").text
    assert "KEN-T1" in body and "National targets" in body, body[:400]
    assert driver.find_elements(By.CSS_SELECTOR, "svg.sparkline polyline"), "a sparkline per target with a series"
    shot(driver, "02-dashboard")
    assert console_errors(driver) == [], console_errors(driver)


def test_a_national_target_with_its_chart_and_the_crosswalk(driver, server):
    driver.get(server.base + "/w/KEN")
    submit(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "KEN-T1"))
    assert driver.find_elements(By.CSS_SELECTOR, "figure svg"), "a line chart of the series"
    shot(driver, "02b-national-target")
    submit(driver, driver.find_element(By.LINK_TEXT, "GBF-3"))
    body = driver.find_element(By.TAG_NAME, "body").text
    assert "AICHI-11" in body and "KEN-T1" in body, body[:300]
    shot(driver, "02c-global-target")
    assert console_errors(driver) == [], console_errors(driver)


def test_the_page_switches_to_french_and_remembers_it(driver, server):
    driver.get(server.base + "/w/KEN")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "a[lang=fr]"))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    assert "Objectifs nationaux" in driver.find_element(By.TAG_NAME, "body").text
    driver.get(server.base + "/w/KEN/reports")
    assert "Rapports" in driver.find_element(By.TAG_NAME, "h1").text
    shot(driver, "03-reports-fr")
    driver.find_element(By.CSS_SELECTOR, "a[lang=en]").click()


def test_an_answer_saved_in_the_form_is_kept(driver, server):
    driver.get(server.base + "/reports/1?section=s1")
    area = driver.find_element(By.CSS_SELECTOR, "#q-report_process textarea")
    area.clear()
    area.send_keys("Prepared in a browser test.")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "#q-report_process button[type=submit]"))
    assert "#q-report_process" in driver.current_url, driver.current_url
    assert driver.find_element(By.CSS_SELECTOR, "#q-report_process textarea").get_attribute("value") == "Prepared in a browser test."
    assert "Entered" in driver.find_element(By.CSS_SELECTOR, "#q-report_process .badge").text
    shot(driver, "04-report-form")
    assert console_errors(driver) == [], console_errors(driver)


def test_a_stale_save_shows_both_values(driver, server):
    driver.get(server.base + "/reports/1?section=s1")
    area = driver.find_element(By.CSS_SELECTOR, "#q-report_process textarea")
    version = driver.find_element(By.CSS_SELECTOR, "#q-report_process input[name=version]").get_attribute("value")
    # Someone else saves first, through the API.
    token = server.cli("user", "token", "--email", "focal.point@demo.synergia.example").strip()
    request = urllib.request.Request(server.base + "/api/reports/1/answers/report_process", method="PUT",
                                     data=('{"value":{"en":"Saved by a colleague."},"version":%s}' % version).encode(),
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    urllib.request.urlopen(request)
    area.clear()
    area.send_keys("My late edit.")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "#q-report_process button[type=submit]"))
    stale = driver.find_element(By.CSS_SELECTOR, "#q-report_process .stale").text
    assert "My late edit." in stale and "Saved by a colleague." in stale, stale
    shot(driver, "05-stale-save")


def test_members_and_an_invitation_link(driver, server):
    driver.get(server.base + "/w/KEN/members")
    driver.find_element(By.ID, "email").send_keys("new.member@demo.synergia.example")
    driver.find_element(By.ID, "name").send_keys("New Member")
    driver.find_element(By.CSS_SELECTOR, "select#role option[value=viewer]").click()
    submit(driver, driver.find_element(By.XPATH, "//form[contains(@action,'/members/invite')]//button"))
    link = driver.find_element(By.CSS_SELECTOR, ".notice code.link").text
    assert link.startswith(server.base + "/set-password?token="), link
    shot(driver, "06-members")
    # The new viewer signs in with the link and cannot open the members page.
    driver.delete_all_cookies()
    driver.get(link)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "confirm").send_keys(PASSWORD)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    driver.get(server.base + "/w/KEN")
    assert "KEN-T1" in driver.find_element(By.TAG_NAME, "body").text
    driver.get(server.base + "/w/KEN/members")
    assert "only a focal point" in driver.find_element(By.TAG_NAME, "body").text
    driver.get(server.base + "/reports/1?section=s1")
    assert not driver.find_elements(By.CSS_SELECTOR, "#q-report_process textarea"), "a viewer gets no edit form"


def test_sign_out_and_the_login_page(driver, server):
    driver.get(server.base + "/")
    submit(driver, driver.find_element(By.XPATH, "//form[@action='/logout']//button"))
    assert "/login" in driver.current_url
    driver.get(server.base + "/w/KEN")
    assert "/login?next=" in driver.current_url, driver.current_url
    driver.find_element(By.ID, "email").send_keys("focal.point@demo.synergia.example")
    driver.find_element(By.ID, "password").send_keys("wrong-password-here")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    assert "wrong" in driver.find_element(By.CSS_SELECTOR, ".error").text
    shot(driver, "07-login-failed")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    assert driver.current_url == server.base + "/w/KEN", driver.current_url


def main():
    server = Server()
    server.start()
    driver = browser()
    passed = failed = 0
    try:
        tests = [(name, fn) for name, fn in globals().items() if name.startswith("test_")]
        for name, test in tests:
            try:
                test(driver, server)
                passed += 1
                print(f"✔ browser {name}")
            except Exception:
                failed += 1
                print(f"✘ browser {name}")
                traceback.print_exc()
                shot(driver, "failed-" + name)
    finally:
        driver.quit()
        server.stop()
    print(f"Browser tests: {passed} passed, {failed} failed (screenshots in test-output/screenshots)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
