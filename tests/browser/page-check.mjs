// Looks at running pages as people will: a screenshot on a desktop, a 375 px phone
// and at 200% zoom, and an axe-core scan of each. Like ../shared/tools/page-check,
// but it runs axe over the DevTools protocol, so our Content-Security-Policy (no
// inline scripts) stays on. Usage:
//   node page-check.mjs [--cookie NAME=VALUE] URL [URL ...]   (screenshots in artifacts/page-check/)
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, HERE, launchChromium } from './harness.mjs';

const AXE = readFileSync(join(HERE, 'node_modules/axe-core/axe.min.js'), 'utf8');
const VIEWS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 }, scale: 1 },
  { name: 'phone', viewport: { width: 375, height: 812 }, scale: 2 },
  { name: 'zoom200', viewport: { width: 640, height: 450 }, scale: 2 },
];
const args = process.argv.slice(2);
let cookie = null;
const urls = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--cookie') cookie = args[++i]; else urls.push(args[i]);
}
const out = join(ARTIFACTS, 'page-check');
mkdirSync(out, { recursive: true });
const browser = await launchChromium();
let bad = 0;
for (const url of urls) {
  const slug = url.replace(/^https?:\/\/[^/]+/, '').replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, '') || 'home';
  for (const view of VIEWS) {
    const context = await browser.newContext({ viewport: view.viewport, deviceScaleFactor: view.scale, locale: 'nl-NL' });
    if (cookie) {
      const [name, ...rest] = cookie.split('=');
      await context.addCookies([{ name, value: rest.join('='), url }]);
    }
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.screenshot({ path: join(out, `${slug}-${view.name}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) { bad += 1; console.log(`${url} [${view.name}]: scrolls sideways by ${overflow}px`); }
    if (view.name === 'desktop') {
      await page.evaluate(AXE);
      const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
      for (const v of result.violations) {
        bad += 1;
        console.log(`${url}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      }
    }
    await context.close();
  }
  console.log(`${url}: checked`);
}
await browser.close();
process.exit(bad ? 1 : 0);
