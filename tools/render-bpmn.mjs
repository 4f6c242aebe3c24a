// Render .bpmn files to PNG with bpmn-js in Debian's headless Chromium (never a downloaded browser).
// Usage: node render-bpmn.mjs OUT_DIR FILE.bpmn... ; prints one JSON line per file with bpmn-js import
// warnings; exit 1 when any file fails to import or has warnings.
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { withViewerPage } from './chromium.mjs';

const MAX_SIDE = 8000; // px; Chromium refuses larger screenshots

const [outDir, ...files] = process.argv.slice(2);
if (!outDir || files.length === 0) {
  console.error('usage: node render-bpmn.mjs OUT_DIR FILE.bpmn...');
  process.exit(2);
}
let failed = false;
await withViewerPage(async (page) => {
  for (const file of files) {
    const xml = await readFile(file, 'utf8');
    const result = await page.evaluate(async (xml) => {
      const container = document.getElementById('canvas');
      container.innerHTML = '';
      container.style.width = '800px';
      container.style.height = '600px';
      const v = new window.BpmnJS({ container });
      try {
        const { warnings } = await v.importXML(xml);
        const canvas = v.get('canvas');
        const box = canvas.viewbox().inner;
        return { warnings: warnings.map((w) => w.message), box: { x: box.x, y: box.y, w: box.width, h: box.height } };
      } catch (err) {
        return { error: err.message, warnings: (err.warnings || []).map((w) => w.message) };
      }
    }, xml);
    const report = { file, warnings: result.warnings, error: result.error || null, png: null };
    if (!result.error) {
      const margin = 20;
      const scale = Math.min(1, MAX_SIDE / (result.box.w + 2 * margin), MAX_SIDE / (result.box.h + 2 * margin));
      const width = Math.ceil((result.box.w + 2 * margin) * scale);
      const height = Math.ceil((result.box.h + 2 * margin) * scale);
      await page.setViewport({ width, height });
      await page.evaluate((w, h) => {
        const container = document.getElementById('canvas');
        container.style.width = `${w}px`;
        container.style.height = `${h}px`;
      }, width, height);
      // the viewer keeps its instance on the container; re-fit after the resize
      await page.evaluate((b, s, m) => {
        const svg = document.querySelector('#canvas svg');
        const vp = svg.querySelector('.viewport');
        vp.setAttribute('transform', `matrix(${s},0,0,${s},${(-b.x + m) * s},${(-b.y + m) * s})`);
      }, result.box, scale, margin);
      const png = resolve(outDir, basename(file).replace(/\.bpmn$/, '') + '.png');
      await page.screenshot({ path: png, clip: { x: 0, y: 0, width, height } });
      report.png = png;
    }
    if (report.error || report.warnings.length) failed = true;
    console.log(JSON.stringify(report));
  }
});
process.exit(failed ? 1 : 0);
