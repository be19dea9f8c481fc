"""Reads the workers' logs (`compose logs -t worker1 worker2`) and the job records for bench.sh.

  runs.py running WORKER LOGS RUNNING_JOBS_JSON   -> "id attempts" of a Running job whose latest log
                                                     mention is WORKER's (empty if none)
  runs.py report LOGS RECORDS KILL_LOG            -> jobs lost, jobs run twice at once, kill -> running again

An attempt of a job on a worker spans that worker's log lines naming the job, from the first to the
last one; when the worker was killed while running the job it ends at the kill. Two spans of one
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
    jobs = {j["id"]: j for j in json.loads(jobs_json)}
    seen = mentions(logs, jobs)
    for job, record in jobs.items():
        last = {w: max(t) for (w, j), t in seen.items() if j == job}
        if last and max(last, key=last.get) == worker:
            print(job, record["attempts"])
            return


def report(logs, records_text, kill_log):
    records = [json.loads(line) for line in records_text.splitlines() if line.strip()]
    kills = []
    for line in open(kill_log):
        worker, job, back, at = line.split()
        kills.append((worker, job, float(back), stamp(at[:26] + "Z")))
    seen = mentions(logs, [r["id"] for r in records])
    spans = {}
    for (worker, job), times in seen.items():
        end = max(times)
        for kworker, kjob, _, at in kills:
            if kworker == worker and kjob == job and at > end:
                end = at
        spans.setdefault(job, []).append((worker, min(times), end))
    twice = sorted(job for job, s in spans.items()
                   if any(a[0] != b[0] and a[1] < b[2] and b[1] < a[2] for i, a in enumerate(s) for b in s[i + 1:]))
    lost = [r["id"] for r in records if r["state"] != "Succeeded"]
    extra = sum(r["attempts"] - 1 for r in records)
    unfinished = ", ".join(f"{r['id']} {r['state']}" for r in records if r["state"] != "Succeeded")
    print(f"  {len(records)} jobs, {len(kills)} worker kills: {len(records) - len(lost)} succeeded, lost {len(lost)}"
          + (f" ({unfinished})" if lost else ""))
    print(f"  jobs run twice at once (overlapping spans on two workers): {len(twice)}" + (f" {twice}" if twice else ""))
    print(f"  attempts beyond the first, over all jobs: {extra} (one per job a kill interrupted: {len(kills)})")
    for worker, job, back, _ in kills:
        print(f"  kill of {worker} running {job}: running again after {back:.1f} s")


if __name__ == "__main__":
    if sys.argv[1] == "running":
        running(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        report(sys.argv[2], sys.argv[3], sys.argv[4])
