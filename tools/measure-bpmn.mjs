// Measure what bpmn-js draws: import each .bpmn in the viewer (Debian's Chromium) and print one JSON line per
// file with every shape's bounds, the box of its text as drawn (SVG getBBox) and its lines, every external
// label's box and lines, and every flow's waypoints. Boxes are in diagram coordinates, except lane and pool
// names, whose box is in the name band's own frame before rotation (x along the lane, y across the band).
// Usage: node measure-bpmn.mjs FILE.bpmn... ; exit 1 when any file fails to import or has import warnings.
import { readFile } from 'node:fs/promises';
import { withViewerPage } from './chromium.mjs';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node measure-bpmn.mjs FILE.bpmn...');
  process.exit(2);
}

function measure() {  // runs in the page, on the viewer left in window.viewer
  const box = (b) => ({ x: b.x, y: b.y, w: b.width, h: b.height });
  const textOf = (gfx) => {
    const text = gfx && gfx.querySelector('.djs-visual > text.djs-label');
    if (!text) return null;
    return { box: box(text.getBBox()), lines: [...text.querySelectorAll('tspan')].map((t) => t.textContent) };
  };
  const registry = window.viewer.get('elementRegistry');
  const shapes = [], labels = [], flows = [];
  for (const el of registry.getAll()) {
    const gfx = registry.getGraphics(el);
    const type = el.type.replace(/^bpmn:/, '');
    if (el.waypoints) {
      flows.push({ id: el.id, type, points: el.waypoints.map((p) => [p.x, p.y]) });
    } else if (type === 'label') {
      const t = textOf(gfx);
      if (t) t.box = { ...t.box, x: t.box.x + el.x, y: t.box.y + el.y };
      labels.push({ id: el.businessObject.id, name: el.businessObject.name || null, owner: el.labelTarget.type.replace(/^bpmn:/, ''),
                    bounds: { x: el.x, y: el.y, w: el.width, h: el.height }, text: t });
    } else if (el.parent) {  // not the root
      const t = textOf(gfx);
      const rotated = type === 'Lane' || type === 'Participant';
      if (t && !rotated) t.box = { ...t.box, x: t.box.x + el.x, y: t.box.y + el.y };
      shapes.push({ id: el.id, type, name: el.businessObject.name || null, bounds: { x: el.x, y: el.y, w: el.width, h: el.height }, text: t, rotated });
    }
  }
  return { shapes, labels, flows };
}

let failed = false;
await withViewerPage(async (page) => {
  for (const file of files) {
    const xml = await readFile(file, 'utf8');
    const result = await page.evaluate(async (xml, measureSrc) => {
      const container = document.getElementById('canvas');
      container.innerHTML = '';
      if (window.viewer) window.viewer.destroy();
      window.viewer = new window.BpmnJS({ container });
      try {
        const { warnings } = await window.viewer.importXML(xml);
        return { warnings: warnings.map((w) => w.message), ...(new Function(`return (${measureSrc})()`))() };
      } catch (err) {
        return { error: err.message, warnings: (err.warnings || []).map((w) => w.message) };
      }
    }, xml, measure.toString());
    const report = { file, error: result.error || null, ...result };
    if (report.error || report.warnings.length) failed = true;
    console.log(JSON.stringify(report));
  }
});
process.exit(failed ? 1 : 0);
