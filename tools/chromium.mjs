// Debian's headless Chromium (never a downloaded browser) with a page that holds the bpmn-js viewer.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const viewer = require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js');
const css = ['bpmn-js/dist/assets/diagram-js.css', 'bpmn-js/dist/assets/bpmn-js.css'].map((p) => require.resolve(p));

// Run `work(page)` on a page with bpmn-js loaded and a #canvas div; always closes the browser.
export async function withViewerPage(work) {
  const profile = await mkdtemp(join(tmpdir(), 'petaproses-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body style="margin:0;background:#fff">'
      + '<div id="canvas" style="width:800px;height:600px"></div></body></html>');
    for (const c of css) await page.addStyleTag({ path: c });
    await page.addScriptTag({ path: viewer });
    return await work(page);
  } finally {
    await browser.close();
    await rm(profile, { recursive: true, force: true });
  }
}
