"""Faults (issue 17): kill -9 of a real `bangfu serve` during an import, a compute, a payment
and a burst of edits, at random moments, then checks that nothing was lost or half-written
and that the retry ends where a clean run ends. Run by bench/faults, which builds the binary
and passes its options; prints the Markdown fault table on stdout, the progress on stderr.
"""

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time

PASSWORD = "Faults2024password"
ACCOUNTS = [  # login, name, role: one account per step (spec §8, segregation of duties)
    ("fclerk", "故障录入员", "clerk"),
    ("freview1", "故障初审", "first_reviewer"),
    ("freview2", "故障复审", "second_reviewer"),
    ("fapprove", "故障审批", "approver"),
    ("ffinance", "故障财务", "finance"),
]
POLICY = "policies/qingdao-2024.toml"
NOBODY = 65534  # the user and group nobody/nogroup
BATCH_DATE = "2024-06-30"
PAY_DATE = "2024-07-15"


def log(*words):
    print(*words, file=sys.stderr, flush=True)


class Bench:
    def __init__(self, options):
        self.bangfu = os.path.abspath(options.bangfu)
        self.data = os.path.abspath(options.data)
        self.work = os.path.abspath(options.work)
        self.port = options.port
        self.server = None
        self.rng = random.Random(options.seed)

    # --- the command line and the server -------------------------------------------------

    def cli(self, db, *arguments, stdin=None, user=None, check=True):
        command = [self.bangfu, *arguments, "--db", db]
        if user:
            command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
        done = subprocess.run(command, input=stdin, capture_output=True, text=True)
        if check and done.returncode != 0:
            raise RuntimeError(f"{' '.join(arguments)}: exit {done.returncode}: {done.stderr.strip()}")
        return done

    def start(self, db, env=None, user=None, extra=()):
        command = [self.bangfu, "serve", "--port", str(self.port), "--db", db, "--policies", "policies", *extra]
        if user:
            command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
        self.serve_log = open(os.path.join(self.work, "serve.log"), "ab")
        self.server = subprocess.Popen(command, stdout=self.serve_log, stderr=self.serve_log, env={**os.environ, **(env or {})})
        # Generous: after a kill the first open replays the WAL, and this machine is shared.
        deadline = time.time() + 600
        while time.time() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError(f"bangfu serve exited with {self.server.returncode}")
            try:
                if self.request("GET", "/login", timeout=2)[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("bangfu serve did not answer within 600 s")

    def kill(self):
        self.server.send_signal(signal.SIGKILL)
        self.server.wait()
        self.server = None

    def stop(self):
        if self.server:
            self.server.send_signal(signal.SIGTERM)
            try:
                self.server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.kill()
            self.server = None

    def request(self, method, path, body=None, token=None, timeout=600, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        sent = dict(headers or {})
        if token:
            sent["Authorization"] = f"Bearer {token}"
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            return answer.status, answer.read()
        finally:
            connection.close()

    def sign_in(self, login):
        status, body = self.request("POST", "/api/v1/login", {"login": login, "password": PASSWORD})
        if status != 200:
            raise RuntimeError(f"login {login}: {status} {body[:200]!r}")
        return json.loads(body)["token"]

    def login(self, login):
        """The account's token, signed in once into the templates: sessions are kept in the
        database and outlive a restart, so a try needs no bcrypt of its own."""
        return self.tokens[login]

    def upload(self, kind, token):
        path = os.path.join(self.data, f"{kind}.csv")
        with open(path, "rb") as file:
            return self.request(
                "POST", f"/api/v1/imports/{kind}?filename={kind}.csv", body=file, token=token,
                headers={"Content-Length": str(os.path.getsize(path)), "Content-Type": "text/csv"})

    # --- databases -----------------------------------------------------------------------

    def template(self, name):
        return os.path.join(self.work, f"template-{name}.sqlite")

    def fresh(self, name, into=None):
        """A copy of template `name` to work on (the WAL was checkpointed into the file)."""
        db = into or os.path.join(self.work, "try.sqlite")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        shutil.copyfile(self.template(name), db)
        # The templates' sessions were opened when they were made: used now, for the idle limit.
        connection = sqlite3.connect(db)
        connection.execute("UPDATE sessions SET last_used_at = CAST(strftime('%s', 'now') AS INTEGER)")
        connection.commit()
        connection.close()
        return db

    @staticmethod
    def settle(db):
        connection = sqlite3.connect(db)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()

    def prepare(self):
        """The templates: accounts with their sessions; + households; + members; + aid; + a
        created batch; + that batch computed, reviewed and approved. Made once with the
        command line."""
        tokens = os.path.join(self.work, "tokens.json")
        if os.path.exists(self.template("approved")):
            self.tokens = json.load(open(tokens))
            return
        db = self.template("accounts")
        if os.path.exists(tokens):
            self.tokens = json.load(open(tokens))
        else:
            self.cli(db, "init")
            for login, name, role in ACCOUNTS:
                self.cli(db, "user", "add", login, "--name", name, "--role", role, stdin=PASSWORD + "\n")
            self.start(db)
            self.tokens = {login: self.sign_in(login) for login, _, _ in ACCOUNTS}
            self.stop()
            json.dump(self.tokens, open(tokens, "w"))
            self.settle(db)
        previous = "accounts"
        for kind in ("households", "members", "aid"):
            log(f"template: import {kind}")
            shutil.copyfile(self.template(previous), self.template(kind))
            self.cli(self.template(kind), "import", kind, os.path.join(self.data, f"{kind}.csv"), "--by", "fclerk")
            self.settle(self.template(kind))
            previous = kind
        db = self.template("created")
        shutil.copyfile(self.template("aid"), db)
        self.cli(db, "batch", "create", "--kind", "living", "--policy", POLICY, "--date", BATCH_DATE, "--name", "故障测试批次", "--by", "fclerk")
        self.settle(db)
        db = self.template("approved-tmp")
        shutil.copyfile(self.template("created"), db)
        self.cli(db, "batch", "compute", "1", "--by", "fclerk")
        self.cli(db, "batch", "review", "1", "--stage", "first", "--by", "freview1")
        self.cli(db, "batch", "review", "1", "--stage", "second", "--by", "freview2")
        self.cli(db, "batch", "approve", "1", "--by", "fapprove")
        self.settle(db)
        os.rename(db, self.template("approved"))


def figures(db):
    """What a clean run and a retried one must agree on: counts and sums of every record."""
    connection = sqlite3.connect(db)
    one = lambda sql: connection.execute(sql).fetchone()
    result = {
        "households": one("SELECT count(*), total(annual_income_fen), group_concat(DISTINCT status) FROM households"),
        "members": one("SELECT count(*) FROM members"),
        "aid": one("SELECT count(*), total(amount_fen), count(batch_id) FROM aid_records"),
        "batches": connection.execute("SELECT id, status, total_fen FROM batches ORDER BY id").fetchall(),
        "entries": one("SELECT count(*), total(amount_fen), sum(eligible) FROM batch_entries"),
        "history": one("SELECT count(*) FROM archive_history"),
        "name_suffixes": one("SELECT count(*) FROM name_suffixes"),
        "phones": one("SELECT group_concat(phone, ',') FROM (SELECT phone FROM households ORDER BY archive_no LIMIT 400)"),
    }
    connection.close()
    return result


def integrity(db):
    """'' when SQLite finds the file sound and every foreign key kept; else what is wrong."""
    connection = sqlite3.connect(db)
    try:
        check = connection.execute("PRAGMA integrity_check").fetchall()
        keys = connection.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        connection.close()
    problems = []
    if check != [("ok",)]:
        problems.append(f"integrity_check: {check[:3]}")
    if keys:
        problems.append(f"foreign_key_check: {keys[:3]}")
    return "; ".join(problems)


def audit_count(db, action):
    connection = sqlite3.connect(db)
    try:
        return connection.execute("SELECT count(*) FROM audit WHERE action = ?", (action,)).fetchone()[0]
    finally:
        connection.close()


# --- the steps: each knows how to start, how to tell before from after, how to retry ------


class ImportStep:
    """(a) POST /api/v1/imports/{kind}: households into a database of accounts, members onto
    the households, aid onto both — turn by turn."""

    kinds = ["households", "members", "aid"]

    def __init__(self, bench):
        self.bench = bench
        self.turn = 0

    def name(self):
        return "import through the API (households, members, aid in turn)"

    def template(self, kind):
        return {"households": "accounts", "members": "households", "aid": "members"}[kind]

    def next_kind(self):
        kind = self.kinds[self.turn % 3]
        self.turn += 1
        return kind

    def run(self, kind, token):
        return self.bench.upload(kind, token)

    def state(self, db, kind, before, after):
        table = {"households": "households", "members": "members", "aid": "aid"}[kind]
        now = figures(db)
        lines = audit_count(db, f"import {kind}")
        if now[table] == before[table] and now["name_suffixes"] == before["name_suffixes"] and lines == 0:
            return "before"
        if now[table] == after[table] and now["name_suffixes"] == after["name_suffixes"] and lines == 1:
            return "after"
        return f"half-written: {table} {now[table]} (before {before[table]}, after {after[table]}), audit lines {lines}"


class BatchStep:
    """(b) compute and (c) pay of batch 1."""

    def __init__(self, bench, step):
        self.bench = bench
        self.step = step

    def name(self):
        return {"compute": "batch compute (POST …/compute)", "pay": "payment (POST …/pay)"}[self.step]

    def template(self, _):
        return {"compute": "created", "pay": "approved"}[self.step]

    def login(self):
        return {"compute": "fclerk", "pay": "ffinance"}[self.step]

    def run(self, _, token):
        body = {"date": PAY_DATE} if self.step == "pay" else {}
        return self.bench.request("POST", f"/api/v1/batches/1/{self.step}", body, token=token)

    def state(self, db, _, before, after):
        now = figures(db)
        action = {"compute": "batch compute", "pay": "batch pay"}[self.step]
        lines = audit_count(db, action) - audit_count(self.bench.template(self.template(None)), action)
        keys = ("batches", "entries", "aid")
        if all(now[k] == before[k] for k in keys) and lines == 0:
            return "before"
        if all(now[k] == after[k] for k in keys) and lines == 1:
            return "after"
        return "half-written: " + ", ".join(f"{k} {now[k]} (before {before[k]}, after {after[k]})" for k in keys) + f", audit lines {lines}"


class EditStep:
    """(d) a burst of PATCH /api/v1/households/{archive_no}, one new 联系电话 each, one
    after the other: the kill lands inside one or between two."""

    count = 120

    def __init__(self, bench):
        self.bench = bench
        connection = sqlite3.connect(bench.template("aid"))
        self.archives = [row[0] for row in connection.execute(f"SELECT archive_no FROM households ORDER BY archive_no LIMIT {self.count}")]
        connection.close()
        self.acknowledged = set()

    def name(self):
        return f"edits (a burst of {self.count} PATCH …/households/{{archive_no}})"

    def template(self, _):
        return "aid"

    def login(self):
        return "fclerk"

    @staticmethod
    def phone(i):
        return f"1391234{i:04d}"

    def run(self, _, token, only=None):
        for i, number in enumerate(self.archives):
            if only is not None and i not in only:
                continue
            status, body = self.bench.request("PATCH", f"/api/v1/households/{number}", {"phone": self.phone(i)}, token=token)
            if status != 200:
                return status, body
            self.acknowledged.add(i)
        return 200, b""

    def state(self, db, _, before, after):
        connection = sqlite3.connect(db)
        problems, done = [], set()
        for i, number in enumerate(self.archives):
            phone = connection.execute("SELECT phone FROM households WHERE archive_no = ?", (number,)).fetchone()[0]
            lines = connection.execute(
                "SELECT count(*) FROM archive_history WHERE archive_no = ? AND new_value = ?", (number, self.phone(i))).fetchone()[0]
            audit = connection.execute("SELECT count(*) FROM audit WHERE action = 'archive edit' AND detail LIKE ?", (f"%{number}%",)).fetchone()[0]
            if (phone == self.phone(i)) != (lines == 1) or lines > 1 or (audit >= 1) != (lines == 1):
                problems.append(f"{number}: phone {phone}, history lines {lines}, audit lines {audit}")
            if phone == self.phone(i):
                done.add(i)
            elif i in self.acknowledged:
                problems.append(f"{number}: the edit was answered 200 but is not stored")
        connection.close()
        self.done = done
        if problems:
            return "half-written or lost: " + "; ".join(problems[:3])
        return f"{len(done)} of {self.count} edits stored ({len(self.acknowledged)} answered)"


# --- one fault loop ----------------------------------------------------------------------


def clean_run(bench, step, kind):
    db = bench.fresh(step.template(kind))
    before = figures(db)
    bench.start(db)
    token = bench.login(step.login() if hasattr(step, "login") else "fclerk")
    started = time.time()
    status, body = step.run(kind, token)
    seconds = time.time() - started
    bench.stop()
    if status != 200:
        raise RuntimeError(f"clean run of {step.name()}: {status} {body[:300]!r}")
    return before, figures(db), seconds


def kill_loop(bench, step, tries):
    kinds = getattr(step, "kinds", [None])
    clean = {kind: clean_run(bench, step, kind) for kind in kinds}
    for kind, (_, _, seconds) in clean.items():
        log(f"{step.name()} {kind or ''}: a clean run takes {seconds:.2f} s")
    held, failures, outcomes = 0, [], {"before": 0, "after": 0, "between": 0}
    for attempt in range(tries):
        kind = step.next_kind() if hasattr(step, "next_kind") else None
        before, after, seconds = clean[kind]
        db = bench.fresh(step.template(kind))
        bench.start(db)
        token = bench.login(step.login() if hasattr(step, "login") else "fclerk")
        if hasattr(step, "acknowledged"):
            step.acknowledged = set()
        answer = {}

        def work():
            try:
                answer["status"] = step.run(kind, token)[0]
            except OSError as error:
                answer["error"] = type(error).__name__

        thread = threading.Thread(target=work)
        delay = bench.rng.uniform(0, seconds * 1.1)
        thread.start()
        time.sleep(delay)
        bench.kill()
        thread.join()
        problems = []
        broken = integrity(db)
        if broken:
            problems.append(broken)
        state = step.state(db, kind, before, after)
        if isinstance(step, EditStep):
            if state.startswith("half") or "lost" in state:
                problems.append(state)
            else:
                outcomes["between"] += 1
        elif state in ("before", "after"):
            outcomes[state] += 1
            if answer.get("status") == 200 and state != "after":
                problems.append("answered 200 but not stored")
        else:
            problems.append(state)
        # Restart; retry what did not happen (a step that happened is refused as done).
        bench.start(db)
        token = bench.login(step.login() if hasattr(step, "login") else "fclerk")
        if isinstance(step, EditStep):
            status, body = step.run(kind, token, only=set(range(step.count)) - step.done)
        elif state == "after" and isinstance(step, BatchStep) and step.step == "pay":
            status, body = step.run(kind, token)
            status, body = (200, b"") if status == 409 else (status, body)
        else:
            status, body = step.run(kind, token)
        bench.stop()
        if status != 200:
            problems.append(f"retry answered {status}: {body[:200]!r}")
        final = figures(db)
        if final != after:
            differing = [k for k in after if final[k] != after[k]]
            problems.append("after the retry differs from a clean run in " + ", ".join(f"{k}: {final[k]} ≠ {after[k]}" for k in differing))
        broken = integrity(db)
        if broken:
            problems.append("after the retry: " + broken)
        where = f"try {attempt + 1}/{tries} {kind or ''} killed at {delay:.2f} s of {seconds:.2f}: {state}"
        if problems:
            failures.append(where + " — " + "; ".join(problems))
            log("FAILED", failures[-1])
        else:
            held += 1
            log("held", where)
    return held, failures, outcomes, clean




# --- disk full, a read-only and a locked database, stale uploads, deferred writes ----------


class Mount:
    """A small tmpfs of `megabytes` at `path`, unmounted on exit."""

    def __init__(self, path, megabytes):
        self.path = path
        os.makedirs(path, exist_ok=True)
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={megabytes}m,mode=1777", "tmpfs", path], check=True)

    def __enter__(self):
        return self.path

    def __exit__(self, *_):
        subprocess.run(["umount", "-l", self.path], check=False)


def error_of(body):
    try:
        answer = json.loads(body)
        return f"{answer['error']['code']}: {answer['error']['message']}"
    except (ValueError, KeyError, TypeError):
        return body[:160].decode(errors="replace")


def small_file(bench, kind, rows):
    """The first `rows` rows of the generated `kind`.csv, for a later import that must work."""
    path = os.path.join(bench.work, f"small-{kind}.csv")
    with open(os.path.join(bench.data, f"{kind}.csv"), "rb") as source, open(path, "wb") as out:
        for _ in range(rows + 1):
            out.write(source.readline())
    return path


def upload_file(bench, kind, path, token):
    with open(path, "rb") as file:
        return bench.request(
            "POST", f"/api/v1/imports/{kind}?filename={os.path.basename(path)}", body=file, token=token,
            headers={"Content-Length": str(os.path.getsize(path)), "Content-Type": "text/csv"})


def households_count(db):
    connection = sqlite3.connect(db)
    try:
        return connection.execute("SELECT count(*) FROM households").fetchone()[0]
    finally:
        connection.close()


def serving(bench, token):
    """The sign-in page and an API read answer 200."""
    return bench.request("GET", "/login")[0] == 200 and bench.request("GET", "/api/v1/households?per_page=5", token=token)[0] == 200


def uploads_in(folder):
    """The upload files under `folder` (not the spools' folders and lock files)."""
    return sum(1 for _, _, files in os.walk(folder) for name in files if name.startswith("bangfu-upload-"))


def disk_full_database(bench):
    """The database on a tmpfs with room for half of what the import of every household
    needs, and a filler file that is removed afterwards (space freed)."""
    rows = []
    small = small_file(bench, "households", 200)
    needed = os.path.getsize(bench.template("households")) - os.path.getsize(bench.template("accounts"))
    megabytes = max(4, (os.path.getsize(bench.template("accounts")) + needed // 2) >> 20)
    with Mount(os.path.join(bench.work, "small-disk"), megabytes + 4) as disk:
        db = bench.fresh("accounts", into=os.path.join(disk, "bangfu.sqlite"))
        with open(os.path.join(disk, "filler"), "wb") as filler:
            filler.write(b"\0" * (4 << 20))
        bench.start(db)
        token = bench.login("fclerk")
        status, body = bench.upload("households", token)
        stored = households_count(db)
        wal = os.path.getsize(db + "-wal") if os.path.exists(db + "-wal") else 0
        still = serving(bench, token)
        free = shutil.disk_usage(disk).free >> 20
        os.remove(os.path.join(disk, "filler"))
        later, later_body = upload_file(bench, "households", small, token)
        bench.stop()
        broken = integrity(db)
        held = status in (503, 507) and stored == 0 and still and later == 200 and households_count(db) == 200 and not broken
        rows.append((
            f"disk full during an import (the database on a {megabytes + 4} MB tmpfs, {needed >> 20} MB needed)", 1, int(held), int(not held),
            f"{status} {error_of(body)}; households stored {stored}; WAL left {wal >> 20} MB, {free} MB free; "
            f"pages and API served: {still}; 4 MB freed, a 200-row import: {later} {'' if later == 200 else error_of(later_body)}"
            + (f"; {broken}" if broken else "")))
    return rows


def disk_full_upload(bench):
    """The upload spool (TMPDIR) on a tmpfs smaller than the file."""
    rows = []
    small = small_file(bench, "households", 200)
    with Mount(os.path.join(bench.work, "small-spool"), 8) as spool:
        db = bench.fresh("accounts")
        bench.start(db, env={"TMPDIR": spool})
        token = bench.login("fclerk")
        status, body = bench.upload("households", token)
        left = uploads_in(spool)
        stored = households_count(db)
        still = serving(bench, token)
        later, later_body = upload_file(bench, "households", small, token)
        bench.stop()
        held = status in (503, 507) and stored == 0 and not left and still and later == 200
        rows.append((
            "disk full while the upload is spooled (TMPDIR on an 8 MB tmpfs)", 1, int(held), int(not held),
            f"{status} {error_of(body)}; households stored {stored}; upload files left {left}; served: {still}; "
            f"a 200-row import afterwards: {later} {'' if later == 200 else error_of(later_body)}"))
    return rows


def chattr(flag, *paths):
    subprocess.run(["chattr", flag, *[p for p in paths if os.path.exists(p)]], check=True)


def served_archive(bench):
    """A copy of the full database served, the clerk's token, and its first 档案编号."""
    db = bench.fresh("aid")
    bench.start(db)
    connection = sqlite3.connect(db)
    number = connection.execute("SELECT archive_no FROM households ORDER BY archive_no LIMIT 1").fetchone()[0]
    connection.close()
    return db, bench.login("fclerk"), number


def read_only_database(bench):
    """The files made immutable (`chattr +i`, which binds root too) under a running server,
    and the database owned by root and opened by `nobody` (CLI and server)."""
    rows = []
    db, token, number = served_archive(bench)
    chattr("+i", db, db + "-wal", db + "-shm")
    try:
        edit, edit_body = bench.request("PATCH", f"/api/v1/households/{number}", {"phone": "13912340000"}, token=token)
        read, _ = bench.request("GET", f"/api/v1/households/{number}", token=token)
        page, _ = bench.request("GET", "/login")
        login, login_body = bench.request("POST", "/api/v1/login", {"login": "fclerk", "password": PASSWORD})
    finally:
        chattr("-i", db, db + "-wal", db + "-shm")
    after, _ = bench.request("PATCH", f"/api/v1/households/{number}", {"phone": "13912340001"}, token=token)
    bench.stop()
    held = edit == 503 and read == 200 and page == 200 and login == 503 and after == 200 and not integrity(db)
    rows.append((
        "read-only database under a running server (`chattr +i` on the file and its WAL)", 1, int(held), int(not held),
        f"edit: {edit} {error_of(edit_body)}; sign-in: {login} {error_of(login_body)}; archive read: {read}; "
        f"after `chattr -i` an edit: {after}"))
    # The database owned by root, 0644, in a folder of its own: `nobody` may read, not write.
    folder = os.path.join(bench.work, "root-owned")
    os.makedirs(folder, exist_ok=True)
    os.chmod(folder, 0o755)
    db = bench.fresh("aid", into=os.path.join(folder, "bangfu.sqlite"))
    os.chmod(db, 0o644)
    small = small_file(bench, "households", 20)
    os.chmod(bench.work, 0o755)
    os.chmod(small, 0o644)
    write = bench.cli(db, "import", "households", small, "--by", "fclerk", user=NOBODY, check=False)
    listing = bench.cli(db, "batch", "list", user=NOBODY, check=False)
    held = write.returncode == 1 and "数据库" in write.stderr and listing.returncode == 0
    rows.append((
        "read-only database for a command (`setpriv` as nobody, the file root's 0644)", 1, int(held), int(not held),
        f"`bangfu import households`: exit {write.returncode}, {write.stderr.strip().splitlines()[0] if write.stderr.strip() else '—'}; "
        f"`bangfu batch list`: exit {listing.returncode}"))
    try:
        bench.start(db, user=NOBODY)
        login, login_body = bench.request("POST", "/api/v1/login", {"login": "fclerk", "password": PASSWORD})
        page, _ = bench.request("GET", "/login")
        bench.stop()
        started = "started"
    except RuntimeError as error:
        login, login_body, page, started = None, b"", None, str(error)
        bench.server = None
    tail = open(os.path.join(bench.work, "serve.log"), "rb").read().decode(errors="replace").strip().splitlines()[-1:]
    held = (login == 503 and page == 200) or (started != "started" and tail and "数据库" in tail[0])
    rows.append((
        "read-only database for the server (`bangfu serve` as nobody)", 1, int(held), int(not held),
        f"started; sign-in: {login} {error_of(login_body)}; sign-in page: {page}" if started == "started"
        else f"refused to start ({started}): {tail[0] if tail else ''}"))
    return rows


def locked_database(bench):
    """Another process holds `BEGIN EXCLUSIVE` in the sqlite3 shell until every writer below
    has given up, longer than the busy timeout (10 s)."""
    rows = []
    db, token, number = served_archive(bench)
    small = small_file(bench, "households", 20)
    holder = subprocess.Popen(["sqlite3", db], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    holder.stdin.write("BEGIN EXCLUSIVE; SELECT count(*) FROM households;\n")
    holder.stdin.flush()
    time.sleep(1)
    results = {}

    def timed(label, action):
        started = time.time()
        results[label] = (action(), time.time() - started)

    threads = [
        threading.Thread(target=timed, args=("edit", lambda: bench.request("PATCH", f"/api/v1/households/{number}", {"phone": "13912340002"}, token=token))),
        threading.Thread(target=timed, args=("read", lambda: bench.request("GET", f"/api/v1/households/{number}", token=token))),
        threading.Thread(target=timed, args=("cli write", lambda: bench.cli(db, "import", "households", small, "--by", "fclerk", check=False))),
        threading.Thread(target=timed, args=("cli read", lambda: bench.cli(db, "batch", "list", check=False))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    holder.stdin.write("COMMIT;\n.quit\n")
    holder.stdin.flush()
    holder.wait()
    after, _ = bench.request("PATCH", f"/api/v1/households/{number}", {"phone": "13912340003"}, token=token)
    bench.stop()
    (edit, edit_body), edit_seconds = results["edit"]
    (read, _), read_seconds = results["read"]
    cli_write, cli_write_seconds = results["cli write"]
    cli_read, cli_read_seconds = results["cli read"]
    held = edit == 503 and read == 200 and cli_write.returncode == 1 and "数据库" in cli_write.stderr and cli_read.returncode == 0 and after == 200
    rows.append((
        "locked database (`BEGIN EXCLUSIVE` held in the sqlite3 shell past the 10 s busy timeout)", 1, int(held), int(not held),
        f"API edit: {edit} after {edit_seconds:.1f} s, {error_of(edit_body)}; API read: {read} in {read_seconds:.2f} s; "
        f"`bangfu import`: exit {cli_write.returncode} after {cli_write_seconds:.1f} s, "
        f"{cli_write.stderr.strip().splitlines()[0] if cli_write.stderr.strip() else '—'}; `bangfu batch list`: exit {cli_read.returncode} "
        f"in {cli_read_seconds:.2f} s; an edit after the lock: {after}"))
    return rows


def stale_uploads(bench):
    """kill -9 while an uploaded file is being imported (the spooled file is named once the
    upload is whole: NIOFileSystem writes it unnamed until then); the next start removes it."""
    spool = os.path.join(bench.work, "spool")
    shutil.rmtree(spool, ignore_errors=True)
    os.makedirs(spool)
    db = bench.fresh("accounts")
    bench.start(db, env={"TMPDIR": spool})
    token = bench.login("fclerk")
    uploading = threading.Thread(target=lambda: _quietly(lambda: bench.upload("households", token)))
    uploading.start()
    deadline = time.time() + 120
    while uploads_in(spool) == 0 and time.time() < deadline and uploading.is_alive():
        time.sleep(0.05)
    left_by_kill = uploads_in(spool)
    bench.kill()
    uploading.join()
    bench.start(db, env={"TMPDIR": spool})
    left_after_start = uploads_in(spool)
    bench.stop()
    held = left_by_kill >= 1 and left_after_start == 0
    return [(
        "kill -9 while an uploaded file is imported, then a restart", 1, int(held), int(not held),
        f"upload files in the spool at the kill: {left_by_kill}; after the restart: {left_after_start}")]


def deferred_writes(bench):
    """Archive views (each an audit line written beside the request), then kill -9 at once:
    alone, and while an import holds SQLite's writer."""
    rows = []
    for beside in (False, True):
        db = bench.fresh("aid")
        bench.start(db)
        token = bench.login("fclerk")
        connection = sqlite3.connect(db)
        numbers = [row[0] for row in connection.execute("SELECT archive_no FROM households ORDER BY random() LIMIT 20")]
        connection.close()
        importing = None
        if beside:
            importing = threading.Thread(target=lambda: _quietly(lambda: bench.upload("members", token)))
            importing.start()
            time.sleep(1.0)
        answered, started = 0, time.time()
        for number in numbers:
            if bench.request("GET", f"/api/v1/households/{number}", token=token)[0] == 200:
                answered += 1
        seconds = time.time() - started
        still_importing = importing is not None and importing.is_alive()
        bench.kill()
        if importing:
            importing.join()
        written = audit_count(db, "archive view")
        held = written == answered
        rows.append((
            "kill -9 right after 20 archive views" + (" while a members import runs" if beside else ""), 1, int(held), int(not held),
            f"views answered {answered} in {seconds:.1f} s; their audit lines in the file {written}"
            + (f"; the import still running at the kill: {still_importing}" if beside else "")))
    return rows


def _quietly(action):
    try:
        action()
    except OSError:
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bangfu", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--port", type=int, default=18171)
    parser.add_argument("--tries", type=int, default=20)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--steps", default="import,compute,pay,edit,disk,spool,readonly,locked,stale,deferred")
    options = parser.parse_args()
    bench = Bench(options)
    bench.prepare()
    loops = {
        "import": lambda: ImportStep(bench),
        "compute": lambda: BatchStep(bench, "compute"),
        "pay": lambda: BatchStep(bench, "pay"),
        "edit": lambda: EditStep(bench),
    }
    singles = {
        "disk": disk_full_database, "spool": disk_full_upload, "readonly": read_only_database, "locked": locked_database,
        "stale": stale_uploads, "deferred": deferred_writes,
    }
    rows, failures = [], []
    try:
        for key in options.steps.split(","):
            if key in singles:
                found = singles[key](bench)
                for row in found:
                    log("held" if row[2] else "FAILED", row[0], "—", row[4])
                rows += found
                continue
            step = loops[key]()
            held, failed, outcomes, clean = kill_loop(bench, step, options.tries)
            seconds = "/".join(f"{c[2]:.1f}" for c in clean.values())
            if isinstance(step, EditStep):
                notes = f"a clean burst takes {seconds} s; every edit answered 200 was found, with its history line"
            else:
                notes = f"clean run {seconds} s; found as before the step {outcomes['before']}×, as after it {outcomes['after']}×"
            rows.append((f"kill -9 during {step.name()}", options.tries, held, len(failed), notes))
            failures += failed
    finally:
        bench.stop()
    print("| fault | tries | held | failed | what was seen |")
    print("| --- | --- | --- | --- | --- |")
    for fault, tries, held, failed, notes in rows:
        print(f"| {fault} | {tries} | {held} | {failed} | {notes.replace('|', '/')} |")
    for failure in failures:
        print(f"\n- FAILED: {failure}")


if __name__ == "__main__":
    main()
