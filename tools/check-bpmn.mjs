// Load each .bpmn with bpmn-moddle (must give zero warnings) and lint it with bpmnlint's recommended rules.
// Usage: node check-bpmn.mjs FILE.bpmn... ; prints one JSON object per file; exit 1 on any warning or error.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

const moddle = new BpmnModdle();
let failed = false;

for (const file of process.argv.slice(2)) {
  const xml = await readFile(file, 'utf8');
  const report = { file, moddleWarnings: [], lintErrors: [], lintWarnings: [] };
  try {
    const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
    report.moddleWarnings = warnings.map((w) => w.message);
    // a fresh linter per file: some rules (no-duplicate-sequence-flows) keep state between lint() calls
    const linter = new Linter({ config: { extends: "bpmnlint:recommended" }, resolver: new NodeResolver() });
    const results = await linter.lint(rootElement);
    for (const [rule, reports] of Object.entries(results)) {
      for (const r of reports) {
        const entry = `${rule}: ${r.id}: ${r.message}`;
        (r.category === 'error' || r.category === 'rule-error' ? report.lintErrors : report.lintWarnings).push(entry);
      }
    }
  } catch (err) {
    report.moddleWarnings.push(`load failed: ${err.message}`);
  }
  // a lint warning fails too: superfluous-label on every level-1 arc went unnoticed while only errors did (review M 06)
  if (report.moddleWarnings.length || report.lintErrors.length || report.lintWarnings.length) failed = true;
  console.log(JSON.stringify(report));
}
process.exit(failed ? 1 : 0);
