#!/usr/bin/env python3
"""Writes the scale benchmark's data sets from the real UPR Info rows.

Two files, both from the 40,634 recommendations of UPR sessions 1-20 in
../shared/data/upr-info-recommendations-sessions-1-20/ (UPR Info database
export), repeated with the text varied per repetition ("review round"):

  upr-info-N.csv     N rows in the UPR Info export format (what
                     `pledgewatch import` reads as --format upr-info):
                     the import benchmark, comparable with earlier runs.
  records-N.csv      pledgewatch's own CSV format (docs/formats.md): the
                     States, the 20 sessions, one Working Group report per
                     review, N commitments (the recommendations' texts), a
                     development for every second commitment (the text of
                     another recommendation, reported as a step taken) and
                     an assessment for every commitment on the default scale.

Each repetition k > 0 moves every recommendation to another State under
review (the k-th next in the list) and adds the round to its text, so that
no two commitments share both State and text. Everything is derived from
the row number: the same N gives the same bytes.

Usage: generate.py --rows N --out DIR [--data DIR] [--only upr|records]
"""

import argparse
import csv
import os
import sys
import uuid

NS = uuid.UUID("5a1e0b3c-7d7c-4b55-9a39-0c3f2e0d4b11")
SESSIONS = {
    1: "2008-04", 2: "2008-05", 3: "2008-12", 4: "2009-02", 5: "2009-05",
    6: "2009-11", 7: "2010-02", 8: "2010-05", 9: "2010-11", 10: "2011-01",
    11: "2011-05", 12: "2011-10", 13: "2012-05", 14: "2012-10", 15: "2013-01",
    16: "2013-04", 17: "2013-10", 18: "2014-01", 19: "2014-04", 20: "2014-10",
}
FILES = ["1-5.csv", "6-9.csv", "10-13.csv", "14-17.csv", "17-20.csv"]
UPR_HEADER = ["To", "To-Rgrp", "To-Org", "Text", "From", "From-Rgrp", "From-Org",
              "Response", "Action", "Issue", "Session"]
STATUSES = ["not_started", "in_progress", "partially_fulfilled", "fulfilled",
            "stalled", "regressed", "in_progress", "not_started"]
DIRECTIONS = ["advance", "no_change", "setback", "advance"]
# The union header of pledgewatch's CSV format, in export order.
PW_HEADER = (
    "entity,id,kind,name,short_name,country_code,roles,title,place,starts,ends,"
    "organiser,publisher,author,published,url,language,confidential,text,"
    "file_sha256,note,known_from,own_document,source,locator,speaker,date,"
    "description,themes,description_as_of,earlier_descriptions,statement,bound,"
    "made_by,occasion,made_on,origin,quote,timing,condition,external_id,summary,"
    "baseline,sources,quotes,effects,commitment,as_of,scale,status,rationale,"
    "developments,rated_by,reviewed_by,action,responsible,proposed_by,priority,"
    "answers,response,division,organisation,recipients,signatories,slug,"
    "commitments,concerns,milestones,recipient_lists,summary_as_of,"
    "earlier_summaries,stakes"
).split(",")


def sid(*parts):
    return str(uuid.uuid5(NS, "\x1f".join(str(p) for p in parts)))


def read_rows(data):
    """The real recommendations: (to, text, session, issues, response)."""
    rows = []
    for name in FILES:
        path = os.path.join(data, name)
        with open(path, encoding="mac_roman", newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            if header != UPR_HEADER:
                sys.exit(f"{path}: unexpected header {header}")
            for r in reader:
                if len(r) != len(UPR_HEADER) or not r[3].strip():
                    continue
                session = int(r[10])
                if session not in SESSIONS:
                    continue
                rows.append(r)
    if not rows:
        sys.exit(f"no rows read from {data}")
    return rows


def varied(text, k):
    text = " ".join(text.split())
    if k == 0:
        return text
    return f"{text} (Made again in review round {k + 1}.)"


class Source:
    """Row i of the data set: the real row and its repetition."""

    def __init__(self, rows):
        self.rows = rows
        self.states = sorted({r[0].strip() for r in rows})
        self.index = {s: i for i, s in enumerate(self.states)}

    def row(self, i):
        n = len(self.rows)
        r, k = self.rows[i % n], i // n
        state = self.states[(self.index[r[0].strip()] + k) % len(self.states)]
        return r, k, state


def write_upr(src, n, path):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(UPR_HEADER)
        for i in range(n):
            r, k, state = src.row(i)
            out = list(r)
            out[0] = state
            out[3] = varied(r[3], k)
            w.writerow(out)


def pw_row(entity, **fields):
    row = dict.fromkeys(PW_HEADER, "")
    row["entity"] = entity
    for key, value in fields.items():
        row[key] = value
    return [row[c] for c in PW_HEADER]


def json_list(ids):
    return "[" + ",".join(f'"{i}"' for i in ids) + "]"


def themes(issue):
    parts = [p.strip() for p in issue.split(",") if p.strip()]
    return json_list(p.replace('"', "'") for p in parts) if parts else "[]"


def commitment_id(i):
    return sid("commitment", i)


def write_records(src, n, path, progress):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(PW_HEADER)
        for state in src.states:
            w.writerow(pw_row("actor", id=sid("actor", state), kind="state",
                              name=state, roles="[]"))
        for s, month in SESSIONS.items():
            w.writerow(pw_row("occasion", id=sid("occasion", s), kind="session",
                              title=f"UPR Working Group, session {s}",
                              place="Geneva", starts=month, ends=month))
        for state in src.states:
            for s, month in SESSIONS.items():
                w.writerow(pw_row(
                    "source", id=sid("source", state, s),
                    title=f"Report of the Working Group on the Universal Periodic Review: {state} (session {s})",
                    publisher="UN Human Rights Council", published=month,
                    language="en", confidential="false", own_document="false"))
        for i in range(n):
            r, k, state = src.row(i)
            s = int(r[10])
            year = int(SESSIONS[s][:4])
            timing = ('{"as_written":"by the next review","deadline":{"date":"%d"},"kind":"by_deadline"}'
                      % (year + 4)) if i % 3 == 0 else '{"as_written":null,"kind":"none_stated"}'
            w.writerow(pw_row(
                "commitment", id=commitment_id(i), themes=themes(r[9]),
                statement=varied(r[3], k), bound=sid("actor", state),
                made_by=sid("actor", state), occasion=sid("occasion", s),
                made_on=SESSIONS[s], origin="accepted_recommendation",
                timing=timing))
            progress("commitments", i, n)
        for i in range(0, n, 2):
            r, k, state = src.row(i)
            other, _, _ = src.row((i * 7 + 13) % len(src.rows))
            s = int(r[10])
            year = int(SESSIONS[s][:4]) + 2
            direction = DIRECTIONS[i % len(DIRECTIONS)]
            w.writerow(pw_row(
                "development", id=sid("development", i),
                title=f"{state} reports on a recommendation of session {s}",
                date=f"{year}-06-30",
                summary=f"At its mid-term review {state} reported this step: {varied(other[3], k)}",
                baseline="false", sources=json_list([sid("source", state, s)]),
                quotes="[]",
                effects='[{"direction":"%s","target":{"commitment":"%s"}}]'
                % (direction, commitment_id(i))))
            progress("developments, at commitment", i, n)
        for i in range(n):
            r, k, state = src.row(i)
            s = int(r[10])
            year = int(SESSIONS[s][:4]) + 3
            developments = json_list([sid("development", i)]) if i % 2 == 0 else "[]"
            status = STATUSES[(i + len(r[3])) % len(STATUSES)]
            w.writerow(pw_row(
                "assessment", id=sid("assessment", i), commitment=commitment_id(i),
                as_of=f"{year}-12-31", scale='{"scale":"default","version":1}',
                status=status,
                rationale=f"Rated {status.replace('_', ' ')} on what {state} reported by the end of {year}.",
                developments=developments, rated_by="Benchmark data"))
            progress("assessments", i, n)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_data = os.path.normpath(os.path.join(
        here, "..", "..", "..", "shared", "data", "upr-info-recommendations-sessions-1-20"))
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("--rows", type=int, default=1_000_000, help="rows (commitments) to write")
    p.add_argument("--out", required=True, help="directory for the files")
    p.add_argument("--data", default=default_data, help="the UPR Info CSV folder")
    p.add_argument("--only", choices=["upr", "records"], help="write only one of the files")
    a = p.parse_args()
    if a.rows < 1:
        sys.exit("--rows must be at least 1")
    os.makedirs(a.out, exist_ok=True)
    src = Source(read_rows(a.data))
    step = max(a.rows // 10, 1)

    def progress(what, i, n):
        if i % step == 0 and i:
            print(f"  {what}: {i:,} of {n:,}", file=sys.stderr)

    if a.only != "records":
        path = os.path.join(a.out, f"upr-info-{a.rows}.csv")
        write_upr(src, a.rows, path)
        print(path)
    if a.only != "upr":
        path = os.path.join(a.out, f"records-{a.rows}.csv")
        write_records(src, a.rows, path, progress)
        print(path)


if __name__ == "__main__":
    main()
