"""The clerks' journeys through the pages in a real browser (Debian's headless Chromium).

Run by Tests/Browser/run, which starts `bangfu serve` on the demo's year. Each journey is
a function below; the last line is the count, as `N passed, M failed`.
"""
import os
import re
import sys
import time
import traceback

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

URL = os.environ["BANGFU_URL"]
PASSWORD = os.environ["BANGFU_PASSWORD"]
WORK = os.environ["BANGFU_WORK"]
SHOTS = sys.argv[sys.argv.index("--shots") + 1] if "--shots" in sys.argv else None
JOURNEYS = []


def journey(function):
    JOURNEYS.append(function)
    return function


class Browser:
    def __init__(self):
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=zh-CN"]:
            options.add_argument(argument)
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.implicitly_wait(2)
        self.journey = ""
        self.count = 0

    def open(self, path):
        self.driver.get(URL + path)
        self.shot()

    def shot(self):
        if SHOTS:
            self.count += 1
            os.makedirs(SHOTS, exist_ok=True)
            self.driver.save_screenshot(os.path.join(SHOTS, f"{self.journey}-{self.count:02d}.png"))

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def text(self):
        return self.find("main").text

    def fill(self, name, value):
        field = self.driver.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)

    def submit(self, css="main form button.primary"):
        self.click(self.find(css))

    def click(self, element):
        """Clicks `element` and waits for the page it leads to (a form's answer, a link)."""
        page = self.find("html")
        element.click()
        WebDriverWait(self.driver, 10).until(expected_conditions.staleness_of(page))
        self.shot()

    def sign_in(self, login, password=PASSWORD):
        self.driver.delete_all_cookies()
        self.open("/login")
        self.fill("login", login)
        self.fill("password", password)
        self.submit()

    def title(self):
        return self.driver.title


def expect(condition, what):
    if not condition:
        raise AssertionError(what)


@journey
def a_clerk_signs_in_finds_a_household_and_opens_it(browser):
    browser.sign_in("zhouting")
    expect(browser.find("h1").text == "工作台", "the workbench opens after sign-in")
    expect("经办人周婷" in browser.find("header").text, "the header names who is signed in")
    browser.fill("q", "王")
    browser.submit("main form.search button")
    expect(browser.find("h1").text == "档案查询", "the search page answers")
    rows = browser.find_all("main table tbody tr")
    expect(len(rows) > 0, "a one-character name part finds archives")
    number = rows[0].find_element(By.CSS_SELECTOR, "td a").text
    expect(re.fullmatch(r"[0-9]{17}[0-9X]", rows[0].find_elements(By.CSS_SELECTOR, "td")[2].text), "a clerk sees whole 身份证号")
    browser.click(rows[0].find_element(By.CSS_SELECTOR, "td a"))
    expect(number in browser.text(), "the household page shows its 档案编号")


@journey
def a_wrong_password_is_refused_in_chinese(browser):
    browser.sign_in("zhouting", "not-the-password-1")
    expect("账号或密码错误" in browser.text(), "a wrong password says so in Chinese")
    expect(browser.find("h1").text == "登录", "the sign-in page stays")


@journey
def an_approver_sees_numbers_masked_and_no_registration(browser):
    browser.sign_in("wangzhuxi")
    browser.open("/archives")
    cells = browser.find_all("main table tbody tr td:nth-child(3)")
    expect(cells and all(re.fullmatch(r"[0-9]{6}\*{8}[0-9]{3}[0-9X]", cell.text) for cell in cells), "an approver sees 6 + 4")
    menu = browser.find("header nav").text
    expect("建档" not in menu and "导入" not in menu, "an approver's menu has no registration or import")


@journey
def a_union_clerk_sees_only_its_union(browser):
    browser.sign_in("gangclerk")
    browser.open("/archives")
    summary = browser.find("main .summary").text
    expect("共 21 户" in summary, f"the harbour union's 21 archives only, got {summary}")
    expect("导入" not in browser.find("header nav").text, "a union's clerk imports no files")


@journey
def signing_out_ends_the_session(browser):
    browser.sign_in("zhouting")
    browser.submit("header .me form button")
    expect("已安全退出" in browser.text(), "signing out says so")
    browser.open("/")
    expect(browser.find("h1").text == "登录", "after signing out a page asks to sign in again")


def main():
    browser = Browser()
    passed = failed = 0
    try:
        for function in JOURNEYS:
            browser.journey = function.__name__
            browser.count = 0
            started = time.monotonic()
            try:
                function(browser)
                passed += 1
                print(f"✔ {function.__name__} ({time.monotonic() - started:.1f} s)")
            except Exception:
                failed += 1
                print(f"✘ {function.__name__}")
                traceback.print_exc()
                browser.journey += "-failed"
                browser.shot()
    finally:
        browser.driver.quit()
    print(f"browser: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
