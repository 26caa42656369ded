// Peer side of PeerBenchmark: expands every Action (expandIamActions) and NotAction (invertIamActions) of every
// statement of the managed policy corpus (get-account-authorization-details output: each policy's default version)
// with @cloud-copilot/iam-expand, `rounds` times, and prints one JSON line:
// {"policies", "actions", "roundsMs": [...]} (the first round includes loading iam-data).
import { readFileSync } from 'node:fs';
import { expandIamActions, invertIamActions } from '@cloud-copilot/iam-expand';

const [corpusFile, roundsArg] = process.argv.slice(2);
const corpus = JSON.parse(readFileSync(corpusFile, 'utf8')).Policies;
const rounds = Number(roundsArg || 1);
const list = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const document = (p) => p.PolicyVersionList.find((v) => v.IsDefaultVersion).Document;
const roundsMs = [];
let actions = 0;
for (let r = 0; r < rounds; r++) {
  const start = process.hrtime.bigint();
  actions = 0;
  for (const p of corpus) {
    for (const s of list(document(p).Statement)) {
      if (s.Action !== undefined) actions += (await expandIamActions(list(s.Action))).length;
      if (s.NotAction !== undefined) actions += (await invertIamActions(list(s.NotAction))).length;
    }
  }
  roundsMs.push(Number(process.hrtime.bigint() - start) / 1e6);
}
console.log(JSON.stringify({ policies: corpus.length, actions, roundsMs }));
