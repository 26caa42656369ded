// Peer side of PeerBenchmark: answers the shared request set with @cloud-copilot/iam-simulate (AGPL-3.0; run only as
// this separate process, never linked or shipped) and prints one JSON line: {"decisions": [...], "roundsMs": [...]}.
import { readFileSync } from 'node:fs';
import { runSimulation } from '@cloud-copilot/iam-simulate';

const [requestsFile, roundsArg] = process.argv.slice(2);
const requests = JSON.parse(readFileSync(requestsFile, 'utf8'));
const rounds = Number(roundsArg || 1);
const words = { Allowed: 'allowed', ExplicitlyDenied: 'explicitDeny', ImplicitlyDenied: 'implicitDeny' };
const roundsMs = [];
let decisions = [];
for (let r = 0; r < rounds; r++) {
  const start = process.hrtime.bigint();
  decisions = [];
  for (const q of requests) {
    const simulation = {
      request: { principal: q.principal, action: q.action,
        resource: { resource: q.resource, accountId: q.resourceAccount }, contextVariables: {} },
      identityPolicies: q.identityPolicies.map((policy, i) => ({ name: 'p' + i, policy })),
      serviceControlPolicies: [], resourceControlPolicies: [],
    };
    try {
      const response = await runSimulation(simulation, {});
      decisions.push(response.resultType === 'error' ? 'error: ' + JSON.stringify(response.errors).slice(0, 200)
        : words[response.overallResult] || response.overallResult);
    } catch (e) {
      decisions.push('error: ' + String(e).slice(0, 200));
    }
  }
  roundsMs.push(Number(process.hrtime.bigint() - start) / 1e6);
}
console.log(JSON.stringify({ decisions, roundsMs }));
