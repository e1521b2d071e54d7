#!/usr/bin/python3
"""Browser tests: a real headless Chromium (Selenium + Debian's chromedriver)
drives a Synergia server on a throwaway SQLite database with the demo workspace.
Screenshots of every page visited go to test-output/screenshots/.

Usage: Tests/browser/browser_tests.py [path/to/synergia]
(BROWSER_TEST_FILTER=REGEX runs only the tests whose names match.)
"""
import json
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
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
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
                        SYNERGIA_PUBLIC_URL=self.base, SYNERGIA_JOBS_DIR=os.path.join(self.folder, "jobs"))

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

    def replaced(_):
        # Chromium answers either "stale element" or "node does not belong to the
        # document" once the old page is gone, depending on timing: both mean it is.
        try:
            page.is_enabled()
            return False
        except WebDriverException:
            return True

    WebDriverWait(driver, 30).until(replaced)


def shot(driver, name):
    os.makedirs(SHOTS, exist_ok=True)
    driver.save_screenshot(os.path.join(SHOTS, name + ".png"))


def console_errors(driver):
    """Errors the page raised, Content-Security-Policy violations included."""
    # A page answered 4xx on purpose (a stale save, a refused workspace) is logged by
    # Chromium as a failed resource: not an error of the page.
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]
            and "the server responded with a status of 4" not in e["message"]]


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


def test_the_page_switches_to_chinese(driver, server):
    driver.get(server.base + "/w/KEN")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "a[lang=zh]"))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh"
    assert "国家目标" in driver.find_element(By.TAG_NAME, "body").text
    shot(driver, "03b-dashboard-zh")
    submit(driver, driver.find_element(By.CSS_SELECTOR, "a[lang=en]"))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"


def session_cookie_header(driver):
    return "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())


def test_a_workbook_is_exported_edited_offline_and_imported_back(driver, server):
    request = urllib.request.Request(server.base + "/api/reports/1/export/xlsx", headers={"Cookie": session_cookie_header(driver)})
    workbook = urllib.request.urlopen(request).read()
    assert workbook[:2] == b"PK", workbook[:20]
    # Offline: the focal point retypes one answer in a visible sheet, as a spreadsheet
    # program does: a new shared string, the cell pointed at it; the hidden sheet untouched.
    import io
    import zipfile
    with zipfile.ZipFile(io.BytesIO(workbook)) as source:
        parts = {item.filename: source.read(item.filename) for item in source.infolist()}
    strings = parts["xl/sharedStrings.xml"].decode()
    items = re.findall(r"<si>.*?</si>", strings, re.S)
    index = next(i for i, item in enumerate(items) if "Saved by a colleague." in item)
    strings = strings.replace("</sst>", "<si><t>Edited offline in the workbook.</t></si></sst>")
    strings = re.sub(r'(count|uniqueCount)="(\d+)"', lambda m: f'{m.group(1)}="{int(m.group(2)) + 1}"', strings)
    parts["xl/sharedStrings.xml"] = strings.encode()
    hidden_id = re.search(r'<sheet [^>]*state="veryHidden"[^>]*r:id="(\w+)"', parts["xl/workbook.xml"].decode()).group(1)
    hidden = "xl/" + re.search(r'Id="%s"[^>]*Target="([^"]+)"' % hidden_id, parts["xl/_rels/workbook.xml.rels"].decode()).group(1).lstrip("/").removeprefix("xl/")
    changed = False
    for name in [n for n in parts if n.startswith("xl/worksheets/") and n != hidden]:
        sheet = parts[name].decode()
        edited_sheet = sheet.replace(f't="s"><v>{index}</v>', f't="s"><v>{len(items)}</v>')
        changed |= edited_sheet != sheet
        parts[name] = edited_sheet.encode()
    assert changed, "the exported workbook shows the current answer"
    edited = io.BytesIO()
    with zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    path = os.path.join(server.folder, "offline.xlsx")
    with open(path, "wb") as f:
        f.write(edited.getvalue())
    driver.get(server.base + "/reports/1?section=s1")
    driver.find_element(By.ID, "workbook").send_keys(path)
    submit(driver, driver.find_element(By.XPATH, "//form[contains(@action,'/workbook')]//button"))
    plan = driver.find_element(By.TAG_NAME, "body").text
    assert "Edited offline in the workbook." in plan and "Saved by a colleague." in plan, plan[:600]
    shot(driver, "05b-workbook-plan")
    submit(driver, driver.find_element(By.XPATH, "//form[contains(@action,'/workbook/apply')]//button"))
    assert driver.find_element(By.CSS_SELECTOR, "#q-report_process textarea").get_attribute("value") == "Edited offline in the workbook."
    errors = console_errors(driver)
    assert errors == [], errors


def click_workflow(driver, action):
    submit(driver, driver.find_element(By.XPATH, f"//form[contains(@action,'/transition')][.//input[@name='action'][@value='{action}']]//button"))


def test_the_focal_point_submits_a_report(driver, server):
    created = server.cli("report", "create", "--workspace", "KEN", "--template", "cms-cop15", "--as", "focal.point@demo.synergia.example")
    report = re.search(r"Created report (\d+)", created).group(1)
    driver.get(server.base + f"/reports/{report}?section=s3")
    driver.find_element(By.CSS_SELECTOR, "#q-threats_main input[value=bycatch]").click()
    submit(driver, driver.find_element(By.CSS_SELECTOR, "#q-threats_main button[type=submit]"))
    for action in ["submit_for_review", "approve", "submit"]:
        click_workflow(driver, action)
        assert not driver.find_elements(By.CSS_SELECTOR, "[role=alert].error"), driver.find_element(By.TAG_NAME, "body").text[:600]
    body = driver.find_element(By.TAG_NAME, "body").text
    assert "submitted" in body.lower(), body[:400]
    assert driver.find_elements(By.CSS_SELECTOR, f"a[href='/reports/{report}/snapshots/1']"), "the submitted snapshot is offered"
    shot(driver, "05c-report-submitted")


def test_a_member_of_one_workspace_is_refused_on_another(driver, server):
    server.cli("workspace", "create", "--country", "FRA")
    for path in ["/w/FRA", "/w/FRA/reports", "/w/FRA/computations"]:
        driver.get(server.base + path)
        body = driver.find_element(By.TAG_NAME, "body").text
        assert "not a member of this workspace" in body, path + ": " + body[:300]
    shot(driver, "05d-other-workspace-refused")


def test_a_coverage_computation_from_an_upload_shows_its_map(driver, server):
    wdpa = os.path.join(server.folder, "wdpa.gpkg")
    server.cli("demo-data", "protected-areas", "--out", wdpa, "--sites", "30", "--countries", "KEN,TZA", "--seed", "3")
    driver.get(server.base + "/w/KEN/computations")
    driver.find_element(By.ID, "cov-wdpa").send_keys(wdpa)
    submit(driver, driver.find_element(By.XPATH, "//form[contains(@action,'/computations/coverage')]//button"))
    assert "/w/KEN/jobs/" in driver.current_url, driver.current_url
    shot(driver, "08a-computation-running")
    # The job page reloads itself while the job runs: an element read during a reload is looked up again.
    WebDriverWait(driver, 180, ignored_exceptions=[StaleElementReferenceException]).until(
        lambda d: "succeeded" in d.find_element(By.ID, "job-state").text)
    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#map.leaflet-container path.leaflet-interactive"))
    assert "km²" in driver.find_element(By.TAG_NAME, "body").text
    shot(driver, "08b-computation-map")
    errors = console_errors(driver)
    assert errors == [], errors


UNLABELLED = """
return Array.from(document.querySelectorAll('input, select, textarea')).filter(function (c) {
  if (c.type === 'hidden' || c.type === 'submit') return false;
  if (c.getAttribute('aria-label')) return false;
  if (c.id && document.querySelector('label[for="' + c.id + '"]')) return false;
  return !c.closest('label');
}).map(function (c) { return c.outerHTML.slice(0, 120); });
"""


def test_every_control_has_a_label_and_pages_fit_a_phone(driver, server):
    pages = ["/w/KEN", "/reports/1?section=s1", "/reports/1?section=s3", "/w/KEN/computations",
             "/w/KEN/national-targets/new", "/w/KEN/targets/KEN-T1", "/reports/1/audit", "/w/KEN/members",
             "/kb?q=land", "/w/KEN/decisions"]
    for path in pages:
        driver.get(server.base + path)
        unlabelled = driver.execute_script(UNLABELLED)
        assert unlabelled == [], path + ": " + "; ".join(unlabelled[:5])
    driver.set_window_size(360, 800)
    try:
        for path in pages:
            driver.get(server.base + path)
            width = driver.execute_script("return document.documentElement.scrollWidth")
            viewport = driver.execute_script("return window.innerWidth")
            assert width <= viewport + 1, f"{path} is {width} px wide at a {viewport} px viewport"
        shot(driver, "09-members-at-360px")
    finally:
        driver.set_window_size(1280, 1000)


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


def test_an_administrator_curates_the_tags_of_a_decision(driver, server):
    server.cli("kb", "import", os.path.join(ROOT, "data/demo/knowledge/demo-cop-decision-en.json"))
    server.cli("kb", "tag", "--document", "1")
    server.cli("user", "create-admin", "--email", "admin@demo.synergia.example")
    sign_in_with_link(driver, server, "admin@demo.synergia.example")
    driver.get(server.base + "/kb/documents/1")
    unlabelled = driver.execute_script(UNLABELLED)
    assert unlabelled == [], "; ".join(unlabelled[:5])
    suggested = driver.find_elements(By.CSS_SELECTOR, ".kb-paragraph .badge.confirm")
    assert suggested, "the demo decision has suggested tags"
    term = suggested[0].text
    submit(driver, driver.find_element(By.XPATH, "//button[@value='add' and starts-with(@aria-label, 'Confirm')]"))
    confirmed = [b.text for b in driver.find_elements(By.CSS_SELECTOR, ".kb-paragraph .badge:not(.confirm)")]
    assert term in confirmed, (term, confirmed)
    # The last paragraph (a report on the budget) has no tag; its term is named by its French label.
    last = driver.find_elements(By.CSS_SELECTOR, ".kb-paragraph")[-1]
    assert not last.find_elements(By.CSS_SELECTOR, ".badge")
    last.find_element(By.CSS_SELECTOR, "details.add-tag summary").click()
    field = last.find_element(By.CSS_SELECTOR, "input[list=thesaurus-terms]")
    field.send_keys("rapport national")
    submit(driver, field.find_element(By.XPATH, "./following-sibling::button"))
    last = driver.find_elements(By.CSS_SELECTOR, ".kb-paragraph")[-1]
    assert [b.text for b in last.find_elements(By.CSS_SELECTOR, ".badge")] == ["national report"], "tag added by its French label"
    shot(driver, "10-tag-curation")
    driver.set_window_size(360, 800)
    try:
        width = driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= driver.execute_script("return window.innerWidth") + 1, f"the document page is {width} px wide at 360"
    finally:
        driver.set_window_size(1280, 1000)
    errors = console_errors(driver)
    assert errors == [], errors


def test_the_register_of_facts_and_a_change_since_review(driver, server):
    focal = ["--as", "focal.point@demo.synergia.example"]
    sign_in_with_link(driver, server, "focal.point@demo.synergia.example")
    created = server.cli("report", "create", "--workspace", "KEN", "--template", "cms-cop15", *focal)
    report = re.search(r"Created report (\d+)", created).group(1)
    server.cli("report", "transition", report, "submit_for_review", *focal)
    facts = json.loads(server.cli("facts", "list", "--workspace", "KEN", "--json"))
    version = next(f["version"] for f in facts if f["fact"] == "focal_point_contact")
    server.cli("facts", "set", "--workspace", "KEN", "--concept", "focal_point_contact", "--value", "Amina Njoroge, NEMA",
               "--version", str(version), *focal)
    driver.get(server.base + "/w/KEN/facts")
    section = driver.find_element(By.ID, "q-fact-focal_point_contact")
    assert "Amina Njoroge, NEMA" in section.text and "changed since reviewed" in section.text, section.text[:600]
    first = driver.find_element(By.CSS_SELECTOR, "section.fact")
    assert first.get_attribute("id") == "q-fact-focal_point_contact", "the fact that differs comes first"
    shot(driver, "facts-register")
    driver.get(server.base + f"/reports/{report}?section=s1")
    notice = driver.find_element(By.CSS_SELECTOR, "#q-focal_point_contact .fact-notice")
    assert "Changed since you reviewed" in notice.text and "Amina Njoroge, NEMA" in notice.text, notice.text
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", notice)
    shot(driver, "changed-since-review")
    submit(driver, notice.find_element(By.CSS_SELECTOR, "button[value=accept]"))
    assert not driver.find_elements(By.CSS_SELECTOR, "#q-focal_point_contact .fact-notice"), "the notice is gone once accepted"
    area = driver.find_element(By.CSS_SELECTOR, "#q-focal_point_contact textarea")
    assert area.get_attribute("value") == "Amina Njoroge, NEMA", area.get_attribute("value")
    assert console_errors(driver) == [], console_errors(driver)


OVERFLOW = "return [document.documentElement.scrollWidth, window.innerWidth]"


def fits_the_width(driver, path):
    width, viewport = driver.execute_script(OVERFLOW)
    assert width <= viewport, f"{path} is {width} px wide at a {viewport} px viewport"


def at_both_widths(driver, server, path, name):
    """The page at a laptop's 1366 px and a phone's 360 px, a screenshot of each; no sideways scrolling on the phone."""
    for width in (1366, 360):
        driver.set_window_size(width, 900)
        driver.get(server.base + path)
        if width == 360:
            fits_the_width(driver, path)
        shot(driver, f"{name}-{width}")
    driver.set_window_size(1366, 900)
    driver.get(server.base + path)


def pdf_text(driver, server, href):
    request = urllib.request.Request(server.base + href, headers={"Cookie": session_cookie_header(driver)})
    pdf = urllib.request.urlopen(request).read()
    assert pdf.startswith(b"%PDF"), pdf[:20]
    path = os.path.join(server.folder, "report.pdf")
    with open(path, "wb") as f:
        f.write(pdf)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True, check=True).stdout
    # Arabic may be drawn with presentation forms (U+FB50–FEFF): compatibility folding gives the letters back.
    import unicodedata
    return unicodedata.normalize("NFKC", text)


def walk_in(driver, server, language, national_targets, entered, answer, script):
    """Sign in, dashboard, a report form, an answer saved and seen again, the PDF, all in `language`."""
    driver.delete_all_cookies()
    driver.set_window_size(1366, 900)
    driver.get(server.link("focal.point@demo.synergia.example") + "&lang=" + language)
    html = driver.find_element(By.TAG_NAME, "html")
    assert html.get_attribute("lang") == language, html.get_attribute("lang")
    rtl = language == "ar"
    assert (html.get_attribute("dir") == "rtl") == rtl, html.get_attribute("dir")
    fits_the_width(driver, "/set-password")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "confirm").send_keys(PASSWORD)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    assert driver.current_url == server.base + "/", driver.current_url

    at_both_widths(driver, server, "/w/KEN", f"{language}-dashboard")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language, "the language is remembered"
    body = driver.find_element(By.TAG_NAME, "body").text
    assert national_targets in body and "KEN-T1" in body, body[:400]
    tabs = driver.find_elements(By.CSS_SELECTOR, "nav.tabs a")
    nav = driver.find_element(By.CSS_SELECTOR, "nav.tabs").rect
    first, second = tabs[0].rect, tabs[1].rect
    if rtl:
        # Mirrored: the first item (the dashboard) at the right edge, the next one to its left.
        assert abs((first["x"] + first["width"]) - (nav["x"] + nav["width"])) <= 2, (first, nav)
        assert second["x"] < first["x"], (first, second)
        brand = driver.find_element(By.CSS_SELECTOR, ".brand").rect
        assert brand["x"] > driver.execute_script("return window.innerWidth") / 2, f"the brand sits on the right: {brand}"
    else:
        assert abs(first["x"] - nav["x"]) <= 2 and second["x"] > first["x"], (first, second, nav)
    code = driver.find_element(By.CSS_SELECTOR, "a[href='/w/KEN/targets/KEN-T1']")
    assert code.text == "KEN-T1" and code.value_of_css_property("direction") == "ltr", code.text

    driver.get(server.base + "/reports/1?section=s1")
    area = driver.find_element(By.CSS_SELECTOR, "#q-report_process textarea")
    area.clear()
    area.send_keys(answer)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "#q-report_process button[type=submit]"))
    driver.get(server.base + "/reports/1?section=s1")
    assert driver.find_element(By.CSS_SELECTOR, "#q-report_process textarea").get_attribute("value") == answer
    assert entered in driver.find_element(By.CSS_SELECTOR, "#q-report_process .badge").text
    at_both_widths(driver, server, "/reports/1?section=s1", f"{language}-report")
    title = driver.find_element(By.TAG_NAME, "h1").text
    words = [w for w in re.findall(r"\w+", title) if re.search(script, w) and len(w) > 2]
    assert words, f"the report's title is in the page's script: {title}"
    href = driver.find_element(By.CSS_SELECTOR, "a[href*='/export/pdf']").get_attribute("href").removeprefix(server.base)
    assert href.endswith("language=" + language), href
    text = pdf_text(driver, server, href)
    # pdftotext may give right-to-left words in their visual order: a word or its mirror counts.
    assert any(w in text or w[::-1] in text for w in words), f"none of {words} in the PDF: {text[:300]}"
    assert console_errors(driver) == [], console_errors(driver)
    driver.get(server.base + "/w/KEN?lang=en")


def test_a_walk_in_arabic_right_to_left(driver, server):
    walk_in(driver, server, "ar", "الأهداف الوطنية", "مُدخَل", "أُعدّ هذا التقرير في اختبار المتصفح.", r"[\u0600-\u06FF]")


def test_a_walk_in_russian(driver, server):
    walk_in(driver, server, "ru", "Национальные целевые задачи", "Введено", "Подготовлено в тесте браузера.", r"[\u0400-\u04FF]")


def main():
    server = Server()
    server.start()
    driver = browser()
    passed = failed = 0
    try:
        only = os.environ.get("BROWSER_TEST_FILTER", "")
        tests = [(name, fn) for name, fn in globals().items() if name.startswith("test_") and re.search(only, name)]
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
