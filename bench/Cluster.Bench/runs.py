"""Reads the workers' logs (`compose logs -t worker1 worker2`) and the job records for bench.sh.

  runs.py running WORKER LOG_FILE RUNNING_JOBS_FILE -> "id attempts node" of a Running job whose node is
                                                       named in WORKER's log (empty if none)
  runs.py report LOG_FILE RECORDS_FILE KILL_LOG       -> jobs lost, jobs run twice at once, kill -> running again

An attempt of a job on a worker spans that worker's log lines naming the job between two kills of
that worker, from the first to the last one; when the worker was killed while running the job it
ends at the kill. Two spans of one
job on different workers that overlap are a job run twice at once.
"""
import json
import re
import sys
from datetime import datetime

LINE = re.compile(r"^\S*(worker[12])\S*\s*\|\s*(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)\s(.*)$")


def stamp(text):
    whole, _, frac = text.rstrip("Z").partition(".")
    return datetime.fromisoformat(whole).timestamp() + (float("0." + frac) if frac else 0.0)


def mentions(logs, ids):
    """{(worker, job): [times]} for every log line naming one of the job ids."""
    found = {}
    for line in logs.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        worker, at, text = m.group(1), stamp(m.group(2)), m.group(3)
        for job in ids:
            if job in text:
                found.setdefault((worker, job), []).append(at)
    return found


def running(worker, logs, jobs_json):
    jobs = [j for j in json.loads(jobs_json) if j.get("node")]
    seen = mentions(logs, [j["node"] for j in jobs])
    for job in jobs:
        if (worker, job["node"]) in seen:
            print(job["id"], job["attempts"], job["node"])
            return


def report(logs, records_text, kill_log):
    records = [json.loads(line) for line in records_text.splitlines() if line.strip()]
    kills = []
    for line in open(kill_log):
        worker, job, recovered, at = line.split()
        kills.append((worker, job, float(recovered), stamp(at[:26] + "Z")))
    seen = mentions(logs, [r["id"] for r in records])
    spans = {}
    for (worker, job), times in seen.items():
        # a kill of this worker ends its span; lines after it belong to a later attempt
        cuts = sorted(at for kworker, _, _, at in kills if kworker == worker)
        groups = {}
        for t in sorted(times):
            groups.setdefault(sum(1 for c in cuts if c < t), []).append(t)
        for index, group in groups.items():
            end = max(group)
            if index < len(cuts) and any(k[0] == worker and k[1] == job and k[3] == cuts[index] for k in kills):
                end = cuts[index]
            spans.setdefault(job, []).append((worker, min(group), end))
    twice = sorted(job for job, s in spans.items()
                   if any(a[0] != b[0] and a[1] < b[2] and b[1] < a[2] for i, a in enumerate(s) for b in s[i + 1:]))
    lost = [r["id"] for r in records if r["state"] != "Succeeded"]
    extra = sum(r["attempts"] - 1 for r in records)
    unfinished = ", ".join(f"{r['id']} {r['state']}" for r in records if r["state"] != "Succeeded")
    print(f"  {len(records)} jobs, {len(kills)} worker kills: {len(records) - len(lost)} succeeded, lost {len(lost)}"
          + (f" ({unfinished})" if lost else ""))
    print(f"  jobs run twice at once (overlapping spans on two workers): {len(twice)}" + (f" {twice}" if twice else ""))
    print(f"  attempts beyond the first, over all jobs: {extra} (one per job a kill interrupted: {len(kills)})")
    for worker, job, recovered, at in kills:
        again = [t for (w, j), times in seen.items() if j == job for t in times if t > at]
        rerun = f"running again after {min(again) - at:.1f} s" if again else "never ran again"
        print(f"  kill of {worker} running {job}: node taken for dead and job handed back after {recovered:.1f} s, {rerun}")


def read(path):
    with open(path) as f:
        return f.read()


if __name__ == "__main__":
    if sys.argv[1] == "running":
        running(sys.argv[2], read(sys.argv[3]), read(sys.argv[4]))
    else:
        report(read(sys.argv[2]), read(sys.argv[3]), sys.argv[4])
