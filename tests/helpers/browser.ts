// What every UI test needs: the loopback web host on a fresh data folder, the system Chromium,
// a page that records console errors, and the accessibility check (axe-core, run in the page).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startWebHost, type WebHost, type WebHostOptions } from '../../electron/webhost/server';

export const STATIC_DIR = 'dist/renderer';
export const SHOTS_DIR = path.resolve('test-output/e2e');

export interface Desk {
  work: string;
  dataDir: string;
  host: WebHost;
  browser: Browser;
  page: Page;
  /** Console errors, page errors and failed non-API requests seen so far. */
  browserErrors: string[];
  close(): Promise<void>;
}

export interface OpenDeskOptions {
  env?: Record<string, string>;
  /** The main process's file dialog as the test plays it: the path "chosen" for a purpose. */
  choosePath?: WebHostOptions['choosePath'];
  /** The main process's PIN window as the test plays it. */
  askPin?: WebHostOptions['askPin'];
  /** IT's policy file and the account at the desk (the log folder is the test's own). */
  machine?: WebHostOptions['machine'];
  /** The window's inner size; the counter's 1366×768 screen is the one the layout is made for. */
  viewport?: { width: number; height: number };
}

/** Starts the web host on a temporary data folder and opens the desk in Chromium (Vietnamese). */
export async function openDesk(options: OpenDeskOptions = {}): Promise<Desk> {
  assert.ok(
    fs.existsSync(path.join(STATIC_DIR, 'index.html')),
    `${STATIC_DIR}/index.html is missing: run "npm run build" before the e2e tests`,
  );
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-e2e-'));
  const dataDir = path.join(work, 'data');
  const saved = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(options.env ?? {})) {
    saved.set(k, process.env[k]);
    process.env[k] = v;
  }
  const host = await startWebHost({
    dataDir,
    staticDir: STATIC_DIR,
    ...(options.choosePath ? { choosePath: options.choosePath } : {}),
    ...(options.askPin ? { askPin: options.askPin } : {}),
    machine: { logDir: path.join(work, 'logs'), ...options.machine },
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1360, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = await context.newPage();
  const browserErrors: string[] = [];
  page.on('console', (m) => {
    // An API call that failed at the network level (the host restarting) is the page's to
    // handle and show, as an API error status is (below): not an error of the page itself.
    const apiNetwork =
      m.text().startsWith('Failed to load resource') &&
      new URL(m.location().url || 'about:blank').pathname.startsWith('/api/');
    if (m.type() === 'error' && !apiNetwork) browserErrors.push(m.text());
  });
  page.on('pageerror', (e) => browserErrors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().includes('/api/'))
      browserErrors.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(host.url);
  return {
    work,
    dataDir,
    host,
    browser,
    page,
    browserErrors,
    async close() {
      await browser.close();
      await host.close();
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const axeSource = fs.readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/**
 * Runs axe-core in the page (WCAG 2.1 A/AA rules) and returns the serious and critical
 * violations; a test asserts the list is empty. The CSP forbids inline scripts from the page
 * itself, but Playwright's evaluate runs in the page's own world regardless.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  const violations = await axeViolations(page);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Every axe-core violation (WCAG 2.1 A/AA), whatever its impact. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations;
}

/**
 * Asserts the element is wholly inside the window as it is now: nothing scrolled to reach it
 * (Playwright's own actions scroll first, so this reads the box without acting) and the page
 * itself not scrolled either.
 */
export async function assertInViewport(target: Locator, what: string): Promise<void> {
  await target.waitFor();
  const box = await target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return {
      top: r.top,
      left: r.left,
      bottom: r.bottom,
      right: r.right,
      width: window.innerWidth,
      height: window.innerHeight,
      scrolled: window.scrollY,
    };
  });
  assert.equal(box.scrolled, 0, `${what}: the page itself scrolled`);
  assert.ok(
    box.top >= 0 && box.left >= 0 && box.bottom <= box.height && box.right <= box.width,
    `${what} is outside the ${box.width}×${box.height} window: ${JSON.stringify(box)}`,
  );
}

/** Saves a screenshot under test-output/e2e/ (the README shows the main ones). */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage: true });
}
