// Replays the API suite's recorded error cases (tests' ContractRecorder: .local/contract-cases/cases.jsonl) through Prism.
// An upstream on REPLAY_PORT answers each request with the response the API gave in the suite; Prism (--errors, on
// PRISM_PORT) validates request and response against the document. Requests Prism itself refuses as invalid (the
// API refused them too: they were recorded as errors) go through a second Prism without --errors (PLAIN_PORT), whose
// sl-violations header still reports any response that breaks the document.
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';

const [casesFile, replayPort, prismPort, plainPort] = process.argv.slice(2);
const cases = existsSync(casesFile) ? readFileSync(casesFile, 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l)) : [];

const upstream = createServer((req, res) => {
  const c = cases[Number(req.headers['x-contract-case'])];
  req.resume();
  if (!c) { res.writeHead(599); res.end(); return; }
  res.writeHead(c.status, c.responseHeaders);
  res.end(c.responseBody);
});
await new Promise(r => upstream.listen(Number(replayPort), '127.0.0.1', r));

async function send(port, i) {
  const c = cases[i];
  const headers = { ...c.requestHeaders, 'x-contract-case': String(i) };
  const body = ['GET', 'HEAD'].includes(c.method) || c.requestBody === '' ? undefined : c.requestBody;
  const res = await fetch(`http://127.0.0.1:${port}${c.path}`, { method: c.method, headers, body, redirect: 'manual' });
  return { res, text: await res.text() };
}

const prismError = (res, text) => {
  if (!(res.headers.get('content-type') || '').includes('problem+json')) return null;
  try { const t = JSON.parse(text).type || ''; return t.startsWith('https://stoplight.io/prism/errors#') ? t.split('#')[1] : null; } catch { return null; }
};

let validated = 0, refused = 0, unrouted = 0;
const failures = [];
for (let i = 0; i < cases.length; i++) {
  const c = cases[i];
  const { res, text } = await send(prismPort, i);
  const error = prismError(res, text);
  if (!error) {
    if (res.status !== c.status) failures.push(`${c.method} ${c.path}: ${res.status} through Prism, ${c.status} from the API`);
    else validated++;
    continue;
  }
  if (error === 'NO_PATH_MATCHED_ERROR' || error === 'NO_METHOD_MATCHED_ERROR') { unrouted++; continue; }
  if (error === 'VIOLATIONS') { failures.push(`${c.method} ${c.path} → ${c.status}: ${text.slice(0, 600)}`); continue; }
  // Prism refused the request itself (invalid input, missing token): validate the API's answer without --errors.
  refused++;
  const plain = await send(plainPort, i);
  const violations = JSON.parse(plain.res.headers.get('sl-violations') || '[]').filter(v => v.location?.[0] === 'response' && v.severity === 'Error');
  if (violations.length > 0) failures.push(`${c.method} ${c.path} → ${c.status}: ${JSON.stringify(violations).slice(0, 600)}`);
}
upstream.close();
console.log(`error cases of the API suite: ${cases.length}; validated through prism --errors: ${validated}; refused by Prism as invalid requests and validated without --errors: ${refused}; paths outside the document: ${unrouted}; violations: ${failures.length}`);
for (const f of failures.slice(0, 40)) console.log(`  ${f}`);
process.exit(failures.length > 0 || cases.length === 0 ? 1 : 0);
