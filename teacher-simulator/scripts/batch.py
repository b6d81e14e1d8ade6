#!/usr/bin/env python3
"""Runs one batch of generation requests through a running teacher simulator's Files and Batch APIs, as a client
would, and prints what it took.

usage: batch.py [base_url] [requests]   (default http://localhost:8090 500)
Polls every 500 ms. The last line is one JSON object: requests, seconds to the batch's end, the slowest poll, the
statuses seen, request_counts, output and error lines, and the simulator's batch stats.
"""
import json
import sys
import time
import urllib.request

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from load import body  # noqa: E402  the same generation request as load.py

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8090"
REQUESTS = int(sys.argv[2]) if len(sys.argv) > 2 else 500


def call(method, path, data=None, content_type="application/json"):
    request = urllib.request.Request(BASE + path, data=data, method=method, headers={
        "Content-Type": content_type, "Authorization": "Bearer sk-batch"})
    with urllib.request.urlopen(request, timeout=300) as response:
        return response.read()


lines = []
for i in range(REQUESTS):
    lines.append(json.dumps({"custom_id": "r-%d" % i, "method": "POST", "url": "/v1/chat/completions",
                             "body": json.loads(body(i))}))
jsonl = ("\n".join(lines) + "\n").encode()
boundary = "----seedforge-batch"
multipart = (("--%s\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--%s\r\n"
              "Content-Disposition: form-data; name=\"file\"; filename=\"requests.jsonl\"\r\n"
              "Content-Type: application/jsonl\r\n\r\n") % (boundary, boundary)).encode() + jsonl + \
    ("\r\n--%s--\r\n" % boundary).encode()

call("POST", "/simulator/reset", b"")
file_id = json.loads(call("POST", "/v1/files", multipart, "multipart/form-data; boundary=" + boundary))["id"]
start = time.time()
batch = json.loads(call("POST", "/v1/batches", json.dumps({"input_file_id": file_id, "endpoint": "/v1/chat/completions",
                                                           "completion_window": "24h"}).encode()))
statuses = [batch["status"]]
slowest = 0.0
while batch["status"] not in ("completed", "failed", "expired", "cancelled"):
    time.sleep(0.5)
    t = time.time()
    batch = json.loads(call("GET", "/v1/batches/" + batch["id"]))
    slowest = max(slowest, time.time() - t)
    if batch["status"] != statuses[-1]:
        statuses.append(batch["status"])
seconds = time.time() - start
output = call("GET", "/v1/files/%s/content" % batch["output_file_id"]).decode().strip().split("\n") \
    if batch["output_file_id"] else []
errors = call("GET", "/v1/files/%s/content" % batch["error_file_id"]).decode().strip().split("\n") \
    if batch["error_file_id"] else []
stats = json.loads(call("GET", "/simulator/stats"))
print(json.dumps({"requests": REQUESTS, "seconds": round(seconds, 2), "slowest_poll_s": round(slowest, 3),
                  "statuses": statuses, "request_counts": batch["request_counts"], "output_lines": len(output),
                  "error_lines": len(errors), "batch_stats": stats["batch"]}))
