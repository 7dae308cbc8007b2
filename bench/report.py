#!/usr/bin/python3
"""Figures of bench/run (JSON lines) to a Markdown table: each figure for the reference and for us,
ours ÷ reference, the target and whether it is met.

  report.py table FIGURES.jsonl MACHINE.txt
  report.py thread-ticks PID
  report.py export-figure BEFORE.txt AFTER.txt CPU_TICKS CLK_TCK ELAPSED_MS INTERVALS INTERVAL_S SERIES EMULATOR_TICKS \
      THREADS_BEFORE.json THREADS_AFTER.json
"""
import json
import os
import re
import statistics
import sys


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def fmt(value, unit=""):
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if value >= 100:
        text = "{:,.0f}".format(value)
    elif value >= 10:
        text = "{:.1f}".format(value)
    else:
        text = "{:.2f}".format(value)
    return text + unit


def ratio(ours, ref):
    if ours is None or ref is None or ref == 0:
        return None
    return ours / ref


def verdict(value, target):
    """target: ('>=', x) or ('<=', x) or ('<', x) on the value; None: no target."""
    if target is None:
        return "", ""
    op, bound = target
    text = "%s %s" % ({">=": "≥", "<=": "≤", "<": "<"}[op], fmt(bound))
    if value is None:
        return text, "not measured"
    met = value >= bound if op == ">=" else value <= bound if op == "<=" else value < bound
    return text, "met" if met else "**short**"


class Table:
    def __init__(self):
        self.rows = []

    def add(self, figure, ref, ours, unit="", target=None, ratio_of=None, note=""):
        """A row; the target applies to ours ÷ reference unless ratio_of='ours' (then to ours)."""
        r = ratio(ours, ref)
        checked = ours if ratio_of == "ours" else r
        target_text, result = verdict(checked, target)
        if ratio_of == "ours" and target_text:
            target_text = "ours " + target_text
        elif target_text:
            target_text = "ratio " + target_text
        self.rows.append([figure, fmt(ref, unit), fmt(ours, unit),
                          ("%.2f×" % r) if r is not None else "–", target_text, result, note])

    def markdown(self):
        head = ["Figure", "Reference 1.5.1", "Ours", "Ours ÷ ref", "Target", "Result", "Note"]
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in self.rows]
        return "\n".join(lines)


def by(figures, kind, **match):
    return [f for f in figures if f["figure"] == kind and all(f.get(k) == v for k, v in match.items())]


def table(figures_path, machine_path):
    figures = load(figures_path)
    machine = dict(line.rstrip("\n").split("=", 1) for line in open(machine_path) if "=" in line)
    t = Table()

    stores = sorted({f["stored"] for f in by(figures, "small")})
    for stored in stores:
        for conns in sorted({f["connections"] for f in by(figures, "small", stored=stored)}):
            runs = {s: (by(figures, "small", stored=stored, connections=conns, server=s) or [{}])[0]
                    for s in ("ref", "ours")}
            w = {s: run.get("wrk") for s, run in runs.items()}

            def rate(x):
                return x["requests"] / (x["duration_us"] / 1e6) if x else None

            def ms(x, key):
                return x[key] / 1000 if x and x["requests"] else None

            def errors(x):
                if not x:
                    return ""
                n = sum(x[k] for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts"))
                return "%d errors" % n if n else ""

            label = "%s stored, %d conn" % ("{:,}".format(stored), conns)
            targeted = conns >= 16
            note = "; ".join(e for e in ("ref " + errors(w["ref"]) if errors(w["ref"]) else "",
                                         "ours " + errors(w["ours"]) if errors(w["ours"]) else "") if e)
            if runs["ours"].get("jit_seconds") is not None:
                # a run that reads the steady state leaves the JIT compilers (nearly) idle
                note = (note + "; " if note else "") + "ours' JIT %.2f CPU-s in the run" % runs["ours"]["jit_seconds"]
            if w["ref"] and w["ref"]["requests"] < 50:
                note = (note + "; " if note else "") + "ref: %d pushes in the run, latencies cut off by its end" % w["ref"]["requests"]
            t.add("Small push/s, " + label, rate(w["ref"]), rate(w["ours"]),
                  target=(">=", 20 if stored <= 1000 else 100) if targeted else None, note=note)
            t.add("Small p50 ms, " + label, ms(w["ref"], "p50_us"), ms(w["ours"], "p50_us"))
            t.add("Small p99 ms, " + label, ms(w["ref"], "p99_us"), ms(w["ours"], "p99_us"),
                  target=("<=", 0.1) if targeted else None)

    names = {"text": "text MB/s", "gzip": "gzip, text MB/s (uncompressed)", "proto": "protobuf MB/s"}
    for fmt_name in ("text", "gzip", "proto"):
        r = {s: (by(figures, "large", server=s) or [{}]) for s in ("ref", "ours")}
        res = {s: next((f["result"] for f in r[s] if f and f["result"]["format"] == fmt_name), None) for s in r}
        if not any(res.values()):
            continue
        key = "body_mb_s" if fmt_name == "proto" else "text_mb_s"
        any_res = res["ours"] or res["ref"]
        t.add("Large push %s, %s series" % (names[fmt_name], "{:,}".format(any_res["series"])),
              res["ref"] and res["ref"][key], res["ours"] and res["ours"][key], target=(">=", 2),
              note="body %.1f MB" % (any_res["body_bytes"] / 1e6))

    mem = {s: (by(figures, "memory", server=s) or [None])[0] for s in ("ref", "ours")}
    if any(mem.values()):
        per = {s: m["rss_kb"] * 1024 / m["series"] if m else None for s, m in mem.items()}
        series = (mem["ours"] or mem["ref"])["series"]
        t.add("Memory, bytes RSS per stored series (%s series)" % "{:,}".format(series), per["ref"], per["ours"],
              target=("<=", 0.5),
              note="RSS %s MB / %s MB; idle %s MB / %s MB" % tuple(
                  fmt(m[k] / 1024) if m else "–" for k in ("rss_kb", "idle_kb") for m in (mem["ref"], mem["ours"])))
        get = {s: (by(figures, "get", server=s) or [None])[0] for s in ("ref", "ours")}
        t.add("GET /metrics with %s series, s (median)" % "{:,}".format(series),
              get["ref"] and get["ref"]["result"]["seconds"], get["ours"] and get["ours"]["result"]["seconds"],
              note="%s MB" % fmt((get["ours"] or get["ref"])["result"]["bytes"] / 1e6) if any(get.values()) else "")

    defaults = (by(figures, "memory_defaults") or [None])[0]
    if defaults:
        t.add("Memory with the README's command, MB RSS peak (%s series, embedded emulator)"
              % "{:,}".format(defaults["series"]), None, defaults["peak_kb"] / 1024, ratio_of="ours",
              note="-Xmx2g and the JVM's other defaults; RSS idle %s MB, stored %s MB, after %d exports %s MB"
              % (fmt(defaults["idle_kb"] / 1024), fmt(defaults["stored_kb"] / 1024), defaults["exports"],
                 fmt(defaults["exported_kb"] / 1024)))

    export = (by(figures, "export") or [None])[0]
    if export and export.get("measured"):
        t.add("Export of %s series: CPU-s per interval" % "{:,}".format(export["series"]), None,
              export["cpu_seconds_per_interval"], target=("<", 1), ratio_of="ours",
              note="interval %ss; target: per minute of interval; busiest threads: %s; the emulator (own process): %s CPU-s"
              % (fmt(export["interval_s"]), export.get("busiest_threads", "–"),
                 fmt(export.get("emulator_cpu_seconds_per_interval"))))
        for key, label in (("wall_seconds", "wall time, s"), ("requests", "requests sent per interval"),
                           ("rejected", "series not written (rejected or over the interval)")):
            t.add("Export: " + label, None, export.get(key),
                  target=("<=", 0) if key == "rejected" else None, ratio_of="ours", note=export.get(key + "_from", ""))
    else:
        t.rows.append(["Export of 1,000,000 series", "–", "not measured", "–", "ours < 1 CPU-s per minute",
                       "not measured", (export or {}).get("why", "")])

    restarts = [f for f in by(figures, "restart") if f.get("ms") is not None]
    if restarts:
        ref = next((f for f in restarts if f["server"] == "ref"), None)
        for mode, label in (("snapshot", "snapshot, after SIGTERM"), ("journal", "journal, after SIGKILL")):
            ours = next((f for f in restarts if f.get("mode") == mode), None)
            if ours is None:
                continue
            t.add("Restart to /-/ready with %s series saved, %s; s (median of %d)"
                  % ("{:,}".format(ours["series"]), label, len(ours["all_ms"])),
                  ref and ref["ms"] / 1000, ours["ms"] / 1000, target=("<=", 1),
                  note="CPU-s to ready: ref %s, ours %s; the reference after SIGTERM in both rows"
                  % (fmt(ref and ref["cpu_seconds"]), fmt(ours["cpu_seconds"])))
    else:
        why = next((f.get("why", "") for f in by(figures, "restart")), "")
        t.rows.append(["Restart to /-/ready with 1,000,000 series saved", "–", "not measured", "–", "ratio ≤ 1",
                       "not measured", why])

    start = {s: [f["ms"] / 1000 for f in by(figures, "startup", server=s)] for s in ("ref", "ours")}
    if start["ours"]:
        t.add("Start-up to /-/ready, s (median of %d)" % len(start["ours"]),
              statistics.median(start["ref"]) if start["ref"] else None, statistics.median(start["ours"]),
              target=("<", 2), ratio_of="ours", note="ours max %s s" % fmt(max(start["ours"])))

    out = ["# Benchmark: Stackdriver Pushgateway against Prometheus Pushgateway 1.5.1", "",
           "Written by `bench/run` (see [README](README.md)). Machine and settings:", ""]
    out += ["- %s: `%s`" % (k, v) for k, v in machine.items()]
    out += ["", t.markdown(), "",
            "Ratios are ours ÷ reference: above 1 is better for push/s and MB/s, below 1 for latency, memory "
            "and time. Push/s and p99 targets apply at 16 and 64 connections.", ""]
    print("\n".join(out))


def thread_ticks(pid):
    """Each thread's CPU ticks (user + system), by thread id, with its name: /proc/PID/task/*/stat."""
    threads = {}
    for tid in os.listdir("/proc/%s/task" % pid):
        try:
            with open("/proc/%s/task/%s/stat" % (pid, tid)) as f:
                stat = f.read()
        except OSError:
            continue  # ended meanwhile
        # the name is in parentheses and may hold spaces: split after the last ")"
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        threads[tid] = [name, int(fields[11]) + int(fields[12])]
    print(json.dumps(threads))


def busiest_threads(before_path, after_path, clk_tck, per, top=4):
    """The threads that used most CPU between two thread_ticks readings, grouped by name without its
    number ("Camel (camel-1) thread #3" and "#4" are one), as "name 0.42" in CPU-s per `per`."""
    before, after = json.load(open(before_path)), json.load(open(after_path))
    used = {}
    for tid, (name, ticks) in after.items():
        key = re.sub(r"[\s#-]*\d+$", "", name)
        used[key] = used.get(key, 0) + ticks - before.get(tid, [name, 0])[1]
    busiest = sorted(used.items(), key=lambda kv: -kv[1])[:top]
    return ", ".join("%s %.2f" % (name, ticks / int(clk_tck) / per) for name, ticks in busiest if ticks > 0)


def export_figure(before_path, after_path, ticks, clk_tck, elapsed_ms, intervals, interval_s, series, emulator_ticks,
                  threads_before_path, threads_after_path):
    """From the writer's self-metrics at the start and end of the measured intervals: requests sent
    and series not written (counters, the difference), and the last export's duration (a gauge)."""
    def read(path):
        values = {}
        for line in open(path):
            m = re.match(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)", line)
            if m:
                values[m[1] + (m[2] or "")] = float(m[3])
        return values

    before, after = read(before_path), read(after_path)

    def pick(pattern, counter=True):
        found = {k: v - (before.get(k, 0) if counter else 0) for k, v in after.items() if re.search(pattern, k)}
        return (sum(found.values()), ", ".join(sorted(found))) if found else (None, "no matching self-metric")

    requests, requests_from = pick(r"export_requests_total")
    rejected, rejected_from = pick(r"export_failures_total")
    if rejected is None and requests is not None:
        # the failures counter has a series per reason, and none before the first failure
        rejected, rejected_from = 0, "export_failures_total: no series, none failed"
    wall, wall_from = pick(r"export_duration_seconds$", counter=False)
    written, _ = pick(r"export_series_total")
    cpu = int(ticks) / int(clk_tck)
    emulator_cpu = int(emulator_ticks) / int(clk_tck)
    # the exports that ended between the two readings: two or three in two intervals, by their timing
    n = max(1, round(written / (int(series) * 1.001))) if written else int(intervals)
    measured_intervals = int(elapsed_ms) / 1000 / float(interval_s)
    print(json.dumps({
        "figure": "export", "measured": True, "series": int(series), "interval_s": float(interval_s),
        "cpu_seconds_per_interval": cpu / measured_intervals,
        "emulator_cpu_seconds_per_interval": emulator_cpu / measured_intervals,
        "busiest_threads": busiest_threads(threads_before_path, threads_after_path, clk_tck, measured_intervals),
        "wall_seconds": wall,
        "wall_seconds_from": wall_from,
        "requests": requests / n if requests is not None else None,
        "requests_from": requests_from + (" (÷ %d exports)" % n if requests is not None else ""),
        "rejected": rejected, "rejected_from": rejected_from}))


if __name__ == "__main__":
    if sys.argv[1] == "table":
        table(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "thread-ticks":
        thread_ticks(sys.argv[2])
    elif sys.argv[1] == "export-figure":
        export_figure(*sys.argv[2:])
    else:
        sys.exit(__doc__)
