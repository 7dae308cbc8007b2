#!/usr/bin/python3
"""Load helpers of bench/run: fill a gateway with groups, time large pushes and GET /metrics.

Standard library only (Debian python3). Every command prints one JSON object on stdout, so that
bench/run can collect the figures into one results file.

  load.py fill  URL --groups G --series S --prefix P [--job J] [--threads T]
  load.py large URL --series N --format text|gzip|proto --repeat R
  load.py get   URL --repeat R
  load.py body  --series N                     (the small push body, for wrk)
"""
import argparse
import gzip
import http.client
import json
import struct
import sys
import threading
import time
import urllib.parse

PROTO_TYPE = ("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; "
              "encoding=delimited")


# --- bodies ----------------------------------------------------------------------------------
# A push of S series: two families, a counter with its series spread over a label and a gauge,
# with HELP and TYPE, as a client library writes them.

def families(series, tag=""):
    counters = (series + 1) // 2
    gauges = series - counters
    result = []
    if counters:
        result.append(("bench_requests_total", "Requests handled.", "counter",
                       [({"path": "/api/v1/item%s/%d" % (tag, i), "code": "200"}, float(i * 7 + 1))
                        for i in range(counters)]))
    if gauges:
        result.append(("bench_queue_length", "Items waiting.", "gauge",
                       [({"queue": "q%s%d" % (tag, i)}, float(i) + 0.5) for i in range(gauges)]))
    return result


def text_body(series, tag=""):
    lines = []
    for name, help_text, kind, metrics in families(series, tag):
        lines.append("# HELP %s %s" % (name, help_text))
        lines.append("# TYPE %s %s" % (name, kind))
        for labels, value in metrics:
            pairs = ",".join('%s="%s"' % kv for kv in sorted(labels.items()))
            lines.append("%s{%s} %r" % (name, pairs, value))
    return ("\n".join(lines) + "\n").encode()


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field_bytes(number, payload):
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def proto_body(series, tag=""):
    """Delimited io.prometheus.client.MetricFamily messages, hand-encoded (no protobuf module)."""
    types = {"counter": 0, "gauge": 1}
    out = bytearray()
    for name, help_text, kind, metrics in families(series, tag):
        family = bytearray(field_bytes(1, name.encode()) + field_bytes(2, help_text.encode()))
        family += varint(3 << 3 | 0) + varint(types[kind])
        for labels, value in metrics:
            metric = bytearray()
            for k, v in sorted(labels.items()):
                metric += field_bytes(1, field_bytes(1, k.encode()) + field_bytes(2, v.encode()))
            double = varint(1 << 3 | 1) + struct.pack("<d", value)
            metric += field_bytes(2 if kind == "gauge" else 3, double)
            family += field_bytes(4, bytes(metric))
        out += varint(len(family)) + family
    return bytes(out)


# --- HTTP ------------------------------------------------------------------------------------

def connect(url):
    parts = urllib.parse.urlsplit(url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)


def request(conn, method, path, body=None, headers=None):
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    return response.status, data


def fill(args):
    """PUT G groups of S series each, from T threads with kept-alive connections."""
    body = text_body(args.series)
    next_group = [0]
    lock = threading.Lock()
    failures = []

    def worker():
        conn = connect(args.url)
        while True:
            with lock:
                i = next_group[0]
                next_group[0] += 1
            if i >= args.groups or failures:
                return
            path = "/metrics/job/%s/instance/%s%d" % (args.job, args.prefix, i)
            status, data = request(conn, "PUT", path, body, {"Content-Type": "text/plain"})
            if status not in (200, 202):  # 202: the reference without its consistency check
                failures.append("%s: %d %s" % (path, status, data[:200]))

    start = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        sys.exit("fill failed: " + failures[0])
    print(json.dumps({"groups": args.groups, "series": args.groups * args.series,
                      "seconds": round(time.monotonic() - start, 3)}))


def large(args):
    """PUT one N-series body to the same group R times; the median time gives the MB/s."""
    text = text_body(args.series, tag="x")
    headers = {"Content-Type": "text/plain; version=0.0.4"}
    if args.format == "text":
        body = text
    elif args.format == "gzip":
        body = gzip.compress(text, compresslevel=6)
        headers["Content-Encoding"] = "gzip"
    else:
        body = proto_body(args.series, tag="x")
        headers["Content-Type"] = PROTO_TYPE
    conn = connect(args.url)
    times = []
    for _ in range(args.repeat):
        start = time.monotonic()
        status, data = request(conn, "PUT", "/metrics/job/bench-large", body, headers)
        times.append(time.monotonic() - start)
        if status != 200:
            sys.exit("large push failed: %d %s" % (status, data[:300]))
    times.sort()
    median = times[len(times) // 2]
    print(json.dumps({"format": args.format, "series": args.series, "body_bytes": len(body),
                      "text_bytes": len(text), "seconds": round(median, 4),
                      "body_mb_s": round(len(body) / median / 1e6, 2),
                      "text_mb_s": round(len(text) / median / 1e6, 2),
                      "series_s": round(args.series / median)}))


def get(args):
    """GET /metrics R times (text format); the best and median times to the last byte."""
    conn = connect(args.url)
    times, size = [], 0
    for _ in range(args.repeat):
        start = time.monotonic()
        status, data = request(conn, "GET", "/metrics", headers={"Accept": "text/plain"})
        times.append(time.monotonic() - start)
        if status != 200:
            sys.exit("GET /metrics failed: %d %s" % (status, data[:300]))
        size = len(data)
    times.sort()
    print(json.dumps({"seconds": round(times[len(times) // 2], 3), "best": round(times[0], 3),
                      "bytes": size, "lines": data.count(b"\n")}))


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("fill")
    p.add_argument("url")
    p.add_argument("--groups", type=int, required=True)
    p.add_argument("--series", type=int, required=True)
    p.add_argument("--prefix", default="")
    p.add_argument("--job", default="bench")
    p.add_argument("--threads", type=int, default=4)
    p = sub.add_parser("large")
    p.add_argument("url")
    p.add_argument("--series", type=int, default=100000)
    p.add_argument("--format", choices=["text", "gzip", "proto"], default="text")
    p.add_argument("--repeat", type=int, default=3)
    p = sub.add_parser("get")
    p.add_argument("url")
    p.add_argument("--repeat", type=int, default=3)
    p = sub.add_parser("body")
    p.add_argument("--series", type=int, default=10)
    args = parser.parse_args()
    if args.command == "body":
        sys.stdout.write(text_body(args.series).decode())
        return
    {"fill": fill, "large": large, "get": get}[args.command](args)


if __name__ == "__main__":
    main()
