#!/usr/bin/env python3
"""Times the public search endpoint over every combination of a few broad queries, the filters a person sets on the
website (kind, status, region) and the four sorts: 440 requests, each sent twice and the second timed (the first warms
the caches). Prints the share over 25 and 100 ms, the non-200 answers, the percentiles and the slowest.
Usage: scripts/search-combinations.py http://127.0.0.1:5191 [how many of the slowest to print]
The README's "Twelfth pass" figures come from it, against the 1M benchmark database with the read cache off."""
import itertools, json, sys, time, urllib.error, urllib.parse, urllib.request

base = sys.argv[1].rstrip('/') if len(sys.argv) > 1 else 'http://127.0.0.1:5080'
show = int(sys.argv[2]) if len(sys.argv) > 2 else 20
words = ['ТОО', 'Сервис', 'Құрылыс', 'Мұнай', 'Лифт', 'Астана', 'Атырау', 'Газ', 'ТОО Сервис', 'Алматы Лифт']
filters = [{}, {'status': 'valid'}, {'status': 'suspended'}, {'status': 'revoked'}, {'status': 'expired'}, {'kind': 'permit'},
           {'kind': 'fire-equipment-conclusion'}, {'kind': 'standard-agreement'}, {'region': 'Астана'}, {'region': 'Маңғыстау облысы'},
           {'kind': 'accreditation', 'status': 'valid'}]
sorts = [None, 'number', 'issued-newest', 'issued-oldest']

def get(params):
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(f"{base}/api/v1/registry/search?{urllib.parse.urlencode(params)}", timeout=10) as r:
            body = json.loads(r.read())
            return (time.perf_counter() - started) * 1000, r.status, (body['total'], body['totalRelation'])
    except urllib.error.HTTPError as e:
        return (time.perf_counter() - started) * 1000, e.code, None

timed = []
for q, f, sort in itertools.product(words, filters, sorts):
    params = {'q': q, **f, **({'sort': sort} if sort else {})}
    get(params)
    timed.append((*get(params), params))
timed.sort(key=lambda t: -t[0])
ms = sorted(t[0] for t in timed)
print(f"{len(timed)} requests: over 100 ms {sum(m > 100 for m in ms)}, over 25 ms {sum(m > 25 for m in ms)}, "
      f"not 200 {sum(t[1] != 200 for t in timed)}; p50 {ms[len(ms) // 2]:.1f} p90 {ms[int(len(ms) * .9)]:.1f} p99 {ms[int(len(ms) * .99)]:.1f} ms")
for m, status, total, params in timed[:show]:
    print(f"{m:8.1f} ms  {status}  {params}  {total}")
