// Load each .bpmn in the bpmn-js Modeler (Debian's headless Chromium, never a downloaded browser) and save
// it again with the Modeler's saveXML, as a user of bpmn.io or Camunda Modeler would.
// Usage: node roundtrip-bpmn.mjs OUT_DIR FILE.bpmn... ; writes OUT_DIR/<name>.bpmn and prints one JSON line
// per file with the import warnings; exit 1 when any file fails to import or to save.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const modeler = require.resolve('bpmn-js/dist/bpmn-modeler.production.min.js');

const [outDir, ...files] = process.argv.slice(2);
if (!outDir || files.length === 0) {
  console.error('usage: node roundtrip-bpmn.mjs OUT_DIR FILE.bpmn...');
  process.exit(2);
}
const profile = await mkdtemp(join(tmpdir(), 'petaproses-chromium-'));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  userDataDir: profile,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
let failed = false;
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html><body><div id="canvas" style="width:800px;height:600px"></div></body></html>');
  await page.addScriptTag({ path: modeler });
  for (const file of files) {
    const xml = await readFile(file, 'utf8');
    const result = await page.evaluate(async (xml) => {
      const container = document.getElementById('canvas');
      container.innerHTML = '';
      const m = new window.BpmnJS({ container });
      try {
        const { warnings } = await m.importXML(xml);
        const { xml: saved } = await m.saveXML({ format: true });
        m.destroy();
        return { warnings: warnings.map((w) => w.message), xml: saved };
      } catch (err) {
        return { error: err.message, warnings: (err.warnings || []).map((w) => w.message) };
      }
    }, xml);
    const out = resolve(outDir, basename(file));
    const report = { file, out: null, warnings: result.warnings, error: result.error || null };
    if (!result.error) {
      await writeFile(out, result.xml, 'utf8');
      report.out = out;
    } else {
      failed = true;
    }
    console.log(JSON.stringify(report));
  }
} finally {
  await browser.close();
  await rm(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
