#!/usr/bin/env python3
"""Sends generation requests to a running teacher simulator from N threads and prints what it sustained.

usage: load.py [base_url] [requests] [threads]   (default http://localhost:8090 400 8)
The last line is one JSON object: requests, seconds, requests_per_s, statuses, simulator stats.
"""
import json
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8090"
REQUESTS = int(sys.argv[2]) if len(sys.argv) > 2 else 400
THREADS = int(sys.argv[3]) if len(sys.argv) > 3 else 8

SEEDS = [
    {"messages": [{"role": "user", "content": "Create a task to review the quarterly budget, high priority, due January 17, 2025"},
                  {"role": "assistant", "content": "Created task: 'Review quarterly budget' | Priority: high | Due: 2025-01-17 (Friday)"}]},
    {"messages": [{"role": "user", "content": "Mark task #12 as complete"},
                  {"role": "assistant", "content": "Completed task #12: 'Book team offsite'"}]},
    {"messages": [{"role": "user", "content": "Please mark task 999 as done."},
                  {"role": "assistant", "content": "Error: Task #999 not found"}]},
    {"messages": [{"role": "user", "content": "Can you delete task 5? It's the dentist appointment."},
                  {"role": "assistant", "content": "Deleted task #5: 'Dentist appointment'"}]},
]
SCHEMA = {"type": "object", "properties": {"examples": {"type": "array", "items": {"type": "object", "properties": {
    "messages": {"type": "array", "items": {"type": "object", "properties": {
        "role": {"type": "string"}, "content": {"type": "string"}}, "required": ["role", "content"]}}},
    "required": ["messages"]}}}, "required": ["examples"]}


def body(i):
    user = ("<task>Task API assistant</task>\n<seed_examples>\n" + json.dumps(SEEDS) + "\n</seed_examples>\n"
            "<directives>\naxis.operation: create\naxis.style: casual\nturns: 2\n</directives>\n"
            "<count>5</count>\nWrite 5 new examples. Call " + str(i))
    return json.dumps({"model": "gpt-4o-mini", "temperature": 0.9, "messages": [
        {"role": "system", "content": "You write training examples."}, {"role": "user", "content": user}],
        "response_format": {"type": "json_schema", "json_schema": {"name": "generated_examples", "schema": SCHEMA}}
    }).encode()


def send(i):
    request = urllib.request.Request(BASE + "/v1/chat/completions", data=body(i), method="POST", headers={
        "Content-Type": "application/json", "Authorization": "Bearer sk-load"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as e:
        return e.code


if __name__ == "__main__":
    urllib.request.urlopen(urllib.request.Request(BASE + "/simulator/reset", data=b"", method="POST")).read()
    start = time.time()
    with ThreadPoolExecutor(THREADS) as pool:
        statuses = Counter(pool.map(send, range(REQUESTS)))
    seconds = time.time() - start
    stats = json.loads(urllib.request.urlopen(BASE + "/simulator/stats").read())
    print(f"{REQUESTS} requests from {THREADS} threads in {seconds:.1f} s: {REQUESTS / seconds:.1f} requests/s, "
          f"statuses {dict(statuses)}")
    print(json.dumps({"requests": REQUESTS, "threads": THREADS, "seconds": round(seconds, 2),
                      "requests_per_s": round(REQUESTS / seconds, 1), "statuses": dict(statuses), "stats": stats}))
