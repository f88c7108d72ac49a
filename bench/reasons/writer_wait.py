"""Waits on SQLite's one writer over and over while PID runs, and prints the longest wait
in seconds: how long a computation's swap keeps every edit and import out.

    python3 writer_wait.py DB PID
"""
import os
import sqlite3
import sys
import time

db, pid = sys.argv[1], int(sys.argv[2])
longest = 0.0
while True:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        break
    connection = sqlite3.connect(db, timeout=600, isolation_level=None)
    start = time.monotonic()
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("COMMIT")
    except sqlite3.OperationalError:
        pass  # not yet a database (a copy under way) or gone
    longest = max(longest, time.monotonic() - start)
    connection.close()
    time.sleep(0.02)
print(f"{longest:.2f}")
