import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, formatHtml, jsonForScript } from './html.js';
import type { ScanReport } from './model.js';
import { HOSTILE_TEXT, hostileReport, sampleReport } from './sample-report.js';

const CHROMIUM = '/usr/bin/chromium';

let browser: Browser;
let workDir: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the HTML report is tested in a real browser; install it with "apt-get install -y chromium"`);
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  workDir = mkdtempSync(path.join(tmpdir(), 'kubeward-html-'));
});

afterAll(async () => {
  await browser?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

interface OpenedPage {
  page: Page;
  /** Every request the page made other than loading its own file. */
  requests: string[];
  /** Console errors (CSP violations among them), page errors and dialogs. */
  problems: string[];
  close(): Promise<void>;
}

async function openReport(report: ScanReport, name: string, options: { onlyFailed?: boolean } = {}): Promise<OpenedPage> {
  const file = path.join(workDir, `${name}.html`);
  writeFileSync(file, formatHtml(report, options));
  const fileUrl = pathToFileURL(file).href;
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  await page.route('**', async (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) await route.continue();
    else await route.abort();
  });
  page.on('request', (request) => {
    if (request.url() !== fileUrl) requests.push(request.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', async (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.goto(fileUrl);
  await page.waitForLoadState('load');
  return { page, requests, problems, close: () => context.close() };
}

const visibleRows = (page: Page) => page.locator('#findings tbody tr:visible').count();

describe('html formatter', () => {
  it('escapes text and keeps the embedded JSON from closing its script element', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const json = jsonForScript({ text: '</script><script>alert(1)</script> & \u2028' });
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual({ text: '</script><script>alert(1)</script> & \u2028' });
  });

  it('is a single self-contained file: no external URL is referenced by any tag', () => {
    const html = formatHtml(sampleReport());
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
    expect(html).not.toMatch(/@import|\burl\(/);
    expect(html).toContain('Content-Security-Policy');
  });

  it('renders score, severity counts, namespace scores and every finding with message, location and fix', async () => {
    const report = sampleReport();
    const { page, requests, problems, close } = await openReport(report, 'sample');
    try {
      expect(await page.locator('#score .value').textContent()).toBe(`${report.summary.score}/100`);
      expect(await page.locator('[data-count="critical"] .value').textContent()).toBe('2');
      expect(await page.locator('[data-count="high"] .value').textContent()).toBe('2');
      expect(await page.locator('[data-count="suppressed"] .value').textContent()).toBe('2');
      expect(await page.locator('#namespaces tbody tr').allTextContents()).toEqual(
        report.summary.namespaces.map((ns) => expect.stringContaining(ns.namespace)),
      );
      expect(await page.locator('#findings tbody tr').count()).toBe(7);
      const privileged = page.locator('#findings tbody tr', { hasText: 'Container "app" runs privileged.' });
      await expect(privileged.textContent()).resolves.toContain('deploy/web.yaml:24:13');
      await expect(privileged.textContent()).resolves.toContain('Remove securityContext.privileged or set it to false');
      const suppressed = page.locator('#findings tbody tr.suppressed');
      expect(await suppressed.count()).toBe(2);
      await expect(suppressed.first().textContent()).resolves.toMatch(/suppressed.*by (annotation|config exemption)/);
      expect(requests).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('filters by severity, namespace, check and suppressed, client-side', async () => {
    const { page, requests, problems, close } = await openReport(sampleReport(), 'filters');
    try {
      expect(await visibleRows(page)).toBe(7);
      await page.selectOption('#filter-severity', 'critical');
      expect(await visibleRows(page)).toBe(2);
      await page.selectOption('#filter-namespace', 'shop');
      expect(await visibleRows(page)).toBe(1);
      await page.selectOption('#filter-severity', '');
      expect(await visibleRows(page)).toBe(4);
      await page.uncheck('#filter-suppressed');
      expect(await visibleRows(page)).toBe(3);
      await page.selectOption('#filter-namespace', '');
      await page.selectOption('#filter-check', 'privileged');
      expect(await visibleRows(page)).toBe(2);
      await page.selectOption('#filter-check', 'latest-tag');
      expect(await visibleRows(page)).toBe(0);
      expect(await page.locator('#no-match').isVisible()).toBe(true);
      expect(await page.locator('#visible-count').textContent()).toBe('0 of 7 findings shown');
      await page.check('#filter-suppressed');
      expect(await visibleRows(page)).toBe(1);
      expect(await page.locator('#no-match').isVisible()).toBe(false);
      expect(await page.locator('#filter-namespace option').allTextContents()).toEqual(['All', '(cluster)', 'default', 'shop']);
      expect(requests).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('downloads the embedded report as JSON without any network request', async () => {
    const report = sampleReport();
    const { page, requests, problems, close } = await openReport(report, 'download');
    try {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
      expect(download.suggestedFilename()).toBe('kubeward-report.json');
      const saved = path.join(workDir, 'download.json');
      await download.saveAs(saved);
      expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual(report);
      expect(requests.every((url) => url.startsWith('blob:'))).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows hostile text as text: no injected element, no script run, no request, data intact', async () => {
    const report = hostileReport();
    const { page, requests, problems, close } = await openReport(report, 'hostile');
    try {
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('script').count()).toBe(2);
      const row = page.locator('#findings tbody tr').first();
      await expect(row.textContent()).resolves.toContain(`Container ${HOSTILE_TEXT}`.slice(0, 60));
      // What the browser's HTML parser left inside the data block is the whole report: nothing closed it early.
      const embedded = JSON.parse((await page.locator('#kubeward-report').textContent()) ?? '');
      expect(embedded).toEqual(report);
      await page.selectOption('#filter-namespace', 'ns-x');
      expect(await visibleRows(page)).toBe(2);
      expect(requests).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('leaves suppressed findings out with onlyFailed', async () => {
    const { page, close } = await openReport(sampleReport(), 'only-failed', { onlyFailed: true });
    try {
      expect(await page.locator('#findings tbody tr').count()).toBe(5);
      expect(await page.locator('#findings tbody tr.suppressed').count()).toBe(0);
    } finally {
      await close();
    }
  });
});
