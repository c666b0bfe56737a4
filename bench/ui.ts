import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dist, ensureBuilt } from './lib/dist';
import { median, repoRoot, resultsDir, round, runIfMain, target, type Summary } from './lib/report';
import { freePort, HOST, signIn, startNodeProcess, tempDir, waitFor200 } from './lib/server-process';
import { ADMIN_EMAIL, BENCH_CONNECTORS, DEMO_PASSWORD, seedDataDir } from './seed';

// Measured loads, after one that warms up the server and the browser (see uiBenchmark).
const LOADS = 9;
const CLICKS = 5;
const SCROLL_ROWS = 1_000;
const SCROLL_STEP_PX = 240;
const SCROLL_LIMIT_MS = 120_000;
const FIRST_ROW_TIMEOUT_MS = 30_000;
// The list page's first row, as a multiple of the same row on a page without a framework.
const RATIO_TARGET = 2;
const REFERENCE_PAGE = '/bench-reference.html';
// The issue names the switches `Sync for <instanceName>`; a row is a role=row element, or an item of
// the list labelled "Connectors".
const SYNC_SWITCH = '[role="switch"][aria-label^="Sync for "]';
const ROW = '[role="row"], [aria-label="Connectors"] > li, [aria-label="Connectors"] > [role="listitem"]';

/** The localStorage key the SPA keeps its session token under, read from its API client. */
function tokenKey(): string {
  const source = readFileSync(join(repoRoot, 'src/lib/api-client.ts'), 'utf8');
  const key = /TOKEN_KEY\s*=\s*['"]([^'"]+)['"]/.exec(source)?.[1];
  if (!key) throw new Error('could not find TOKEN_KEY in src/lib/api-client.ts');
  return key;
}

/** The list request /connectors sends first (from public/boot.js), so the reference asks the server for the same. */
function firstListRequest(): string {
  const source = readFileSync(join(repoRoot, 'public/boot.js'), 'utf8');
  const limit = /\.set\(\s*'limit'\s*,\s*'(\d+)'\s*\)/.exec(source)?.[1];
  if (!limit) throw new Error("could not find the list's limit in public/boot.js");
  return `/api/v1/connectors?limit=${limit}`;
}

/**
 * The framework-free reference: a static page whose one plain script fetches the list page's first
 * request with the same token and writes each row as a name and two checkboxes, named as the SPA's
 * switches are, so the same probe times its first row.
 */
function referenceFiles(key: string, listUrl: string): Record<string, string> {
  const script = `(function () {
  var ready = new Promise(function (resolve) {
    if (document.readyState !== 'loading') resolve();
    else document.addEventListener('DOMContentLoaded', resolve);
  });
  var rows = fetch(${JSON.stringify(listUrl)}, {
    headers: { accept: 'application/json', authorization: 'Bearer ' + localStorage.getItem(${JSON.stringify(key)}) },
  }).then(function (response) {
    return response.json();
  });
  Promise.all([rows, ready]).then(function (results) {
    var list = document.createElement('ul');
    list.setAttribute('aria-label', 'Connectors');
    results[0].connectors.forEach(function (connector) {
      var item = document.createElement('li');
      var name = document.createElement('span');
      name.textContent = connector.instanceName;
      item.append(name);
      [['Sync', connector.syncEnabled], ['Agent', connector.agentEnabled]].forEach(function (toggle) {
        var label = document.createElement('label');
        var input = document.createElement('input');
        input.type = 'checkbox';
        input.setAttribute('role', 'switch');
        input.setAttribute('aria-label', toggle[0] + ' for ' + connector.instanceName);
        input.checked = toggle[1];
        label.append(input, ' ' + toggle[0]);
        item.append(' ', label);
      });
      list.append(item);
    });
    document.body.append(list);
  });
})();
`;
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>Connectors (benchmark reference)</title>
    <script src="/bench-reference.js"></script>
  </head>
  <body></body>
</html>
`;
  return { 'bench-reference.html': html, 'bench-reference.js': script };
}

type PageProbe = {
  firstRowDomMs: number | null;
  firstRowPaintedMs: number | null;
  longTasks: { start: number; duration: number }[];
};

declare global {
  interface Window {
    __bench: PageProbe;
  }
}

/**
 * Runs in the page before its own scripts: signs in the way the SPA does (the token in localStorage),
 * records long tasks, and notes when the first row with a Sync switch is in the DOM and when the frame
 * that shows it has been painted (a rAF, then a task after that frame).
 */
function installProbe({ origin, key, token, selector }: { origin: string; key: string; token: string; selector: string }) {
  if (location.origin !== origin) return;
  localStorage.setItem(key, token);
  const probe: PageProbe = { firstRowDomMs: null, firstRowPaintedMs: null, longTasks: [] };
  window.__bench = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const observer = new MutationObserver(() => {
    if (probe.firstRowDomMs !== null || !document.querySelector(selector)) return;
    probe.firstRowDomMs = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        probe.firstRowPaintedMs = performance.now();
        console.debug('bench: first row painted');
      };
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

type Fetched = { path: string; start: number; end: number };
type LoadTimes = { domMs: number; paintedMs: number };

function timesOf(probe: PageProbe): LoadTimes {
  return { domMs: round(probe.firstRowDomMs!), paintedMs: round(probe.firstRowPaintedMs!) };
}

async function openPage(browser: Browser, base: string, path: string, token: string): Promise<{ context: BrowserContext; page: Page; probe: PageProbe; waterfall: Fetched[] }> {
  // A new context each time: empty HTTP cache, as on a first visit.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // tsx compiles this file with esbuild's keepNames, which wraps the named functions inside the page
  // functions below in `__name(...)`, a helper the page does not have.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  await context.addInitScript(installProbe, { origin: base, key: tokenKey(), token, selector: SYNC_SWITCH });
  const page = await context.newPage();
  // The probe says when it is done, rather than being polled: waitForFunction first injects
  // Playwright's script into the page (about 35 ms of the page's main thread, parsing it) and then runs
  // it at every frame, all during the very load being timed.
  const painted = page.waitForEvent('console', { predicate: (message) => message.text() === 'bench: first row painted', timeout: FIRST_ROW_TIMEOUT_MS });
  await Promise.all([painted, page.goto(`${base}${path}`, { waitUntil: 'commit' })]);
  const probe = await page.evaluate(() => window.__bench);
  const waterfall = await page.evaluate((until) =>
    performance
      .getEntriesByType('resource')
      .map((entry) => entry as PerformanceResourceTiming)
      .filter((entry) => entry.startTime <= until)
      .map((entry) => ({ path: new URL(entry.name).pathname + new URL(entry.name).search, start: Math.round(entry.startTime), end: Math.round(entry.responseEnd) })),
    probe.firstRowDomMs ?? 0,
  );
  return { context, page, probe, waterfall };
}

function countRows(page: Page) {
  return page.evaluate(
    ({ row, sync }) => ({
      roleRow: document.querySelectorAll('[role="row"]').length,
      rowElements: document.querySelectorAll(row).length,
      rowsWithSwitch: document.querySelectorAll(sync).length,
    }),
    { row: ROW, sync: SYNC_SWITCH },
  );
}

type ClickResult = {
  label: string;
  from: boolean;
  /** From the click event's timestamp to the start of the first frame that shows the new state. */
  shownMs: number | null;
  /** 1 when the first frame after the click shows it. */
  frames: number | null;
  flickered: boolean;
  settledMs: number | null;
  /** From the click event's timestamp until its first listener ran. */
  inputDelayMs: number;
  /** Long tasks that started between the click and the new state on screen. */
  longTasksBeforeShown: number[];
};

/**
 * Clicks a switch and, in the page, checks it at every frame: when the frame first shows the new state
 * (time since the click event), and whether it ever shows the old state again before the request settles.
 */
async function clickAndWatch(page: Page, label: string): Promise<ClickResult> {
  await page.evaluate((name) => {
    const find = () => [...document.querySelectorAll<HTMLInputElement>('[role="switch"]')].find((input) => input.getAttribute('aria-label') === name);
    const from = find()!.checked;
    const result: ClickResult = { label: name, from, shownMs: null, frames: null, flickered: false, settledMs: null, inputDelayMs: 0, longTasksBeforeShown: [] };
    (window as unknown as { __click: Promise<ClickResult> }).__click = new Promise((resolve) => {
      const onClick = (event: MouseEvent) => {
        if ((event.target as Element).getAttribute?.('aria-label') !== name) return;
        document.removeEventListener('click', onClick, { capture: true });
        const clickedAt = event.timeStamp;
        result.inputDelayMs = performance.now() - clickedAt;
        let frames = 0;
        let quietFrames = 0;
        const check = () => {
          frames++;
          const input = find();
          const now = performance.now();
          const showsNew = input?.checked === !from;
          if (showsNew && result.shownMs === null) {
            result.shownMs = now - clickedAt;
            result.frames = frames;
          } else if (!showsNew && result.shownMs !== null) {
            result.flickered = true;
          }
          // Settled: the request is no longer pending, and a few frames have passed since.
          quietFrames = input && !input.hasAttribute('aria-busy') && result.shownMs !== null ? quietFrames + 1 : 0;
          if (quietFrames >= 10 || now - clickedAt > 10_000) {
            result.settledMs = now - clickedAt;
            const shownAt = clickedAt + (result.shownMs ?? Number.POSITIVE_INFINITY);
            result.longTasksBeforeShown = window.__bench.longTasks
              .filter((task) => task.start + task.duration >= clickedAt && task.start <= shownAt)
              .map((task) => Math.round(task.duration));
            resolve(result);
          } else {
            requestAnimationFrame(check);
          }
        };
        requestAnimationFrame(check);
      };
      document.addEventListener('click', onClick, { capture: true });
    });
  }, label);
  await page.getByRole('switch', { name: label, exact: true }).click();
  return page.evaluate(() => (window as unknown as { __click: Promise<ClickResult> }).__click);
}

type ScrollResult = { reachedRow: number; ms: number; maxRowElements: number; longTasks: { start: number; duration: number }[]; maxFrameGapMs: number };

/** Scrolls the window down a fixed step per frame until the row at `rows` is rendered with its data. */
function scrollThrough(page: Page, rows: number): Promise<ScrollResult> {
  return page.evaluate(
    async ({ rows, step, limit, row, sync }) => {
      const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
      window.scrollTo(0, 0);
      await frame();
      await frame();
      const start = performance.now();
      let last = start;
      let maxFrameGapMs = 0;
      let maxRowElements = 0;
      let reachedRow = 0;
      while (reachedRow < rows && performance.now() - start < limit) {
        window.scrollBy(0, step);
        const now = await frame();
        maxFrameGapMs = Math.max(maxFrameGapMs, now - last);
        last = now;
        const elements = document.querySelectorAll(row);
        maxRowElements = Math.max(maxRowElements, elements.length);
        for (const element of elements) {
          if (!element.querySelector(sync)) continue;
          const position = Number(element.getAttribute('aria-posinset') ?? element.getAttribute('aria-rowindex') ?? 0);
          reachedRow = Math.max(reachedRow, position);
        }
      }
      const end = performance.now();
      const longTasks = window.__bench.longTasks.filter((task) => task.start >= start && task.start <= end);
      return { reachedRow, ms: end - start, maxRowElements, longTasks, maxFrameGapMs };
    },
    { rows, step: SCROLL_STEP_PX, limit: SCROLL_LIMIT_MS, row: ROW, sync: SYNC_SWITCH },
  );
}

/** Turns sync off for one team connector that has it on, through the API: a write, as a user makes. */
async function turnSyncOffForOne(base: string, token: string): Promise<void> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const list = await fetch(`${base}/api/v1/connectors?limit=1&scope=team&syncEnabled=true`, { headers });
  const id = ((await list.json()) as { connectors: { connectorId: string }[] }).connectors[0]?.connectorId;
  if (!id) throw new Error('no team connector with sync on to turn off');
  const toggle = await fetch(`${base}/api/v1/connectors/${id}/toggle`, { method: 'POST', headers, body: JSON.stringify({ type: 'sync', enabled: false }) });
  if (!toggle.ok) throw new Error(`turning sync off answered ${toggle.status}`);
}

export async function uiBenchmark(): Promise<Omit<Summary, 'benchmark'>> {
  const distBuild = ensureBuilt();
  if (distBuild.built) console.log(`built dist/ in ${distBuild.seconds} s`);
  const dataDir = tempDir('bench-ui');
  // dist/ as it is, plus the reference page, served by the same server process as the app.
  const staticDir = tempDir('bench-ui-static');
  let server: ReturnType<typeof startNodeProcess> | undefined;
  let browser: Browser | undefined;
  try {
    cpSync(dist, staticDir.path, { recursive: true });
    const listUrl = firstListRequest();
    for (const [name, content] of Object.entries(referenceFiles(tokenKey(), listUrl))) writeFileSync(join(staticDir.path, name), content);

    const seed = await seedDataDir(dataDir.path, { count: BENCH_CONNECTORS });
    const port = await freePort();
    const base = `http://${HOST}:${port}`;
    server = startNodeProcess('server/main.ts', { PORT: String(port), HOST, DATA_DIR: dataDir.path, STATIC_DIR: staticDir.path, DATABASE_URL: '', SEED_DEMO: '' });
    await waitFor200(`${base}/api/v1/health`, { process: server });
    const token = await signIn(base, ADMIN_EMAIL, DEMO_PASSWORD);

    const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
    browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    console.log(`browser: ${executablePath ?? "Playwright's Chromium"} ${browser.version()}, viewport 1280x900`);
    console.log(`reference: ${REFERENCE_PAGE}, one plain script, one request (${listUrl}), rows as plain elements`);

    // Load 0 of each page is not measured: the server's first answers to the page's own requests
    // compile their code paths and fill its read cache, and the browser starts its processes. It is
    // reported beside the rest. The two pages take turns, so both meet the same state of the machine.
    const loads: LoadTimes[] = [];
    const referenceLoads: LoadTimes[] = [];
    let warmUpLoad: LoadTimes | undefined;
    let referenceWarmUpLoad: LoadTimes | undefined;
    let last: Awaited<ReturnType<typeof openPage>> | undefined;
    for (let load = 0; load <= LOADS; load++) {
      await last?.context.close();
      last = undefined;
      for (const path of [REFERENCE_PAGE, '/connectors']) {
        let opened: Awaited<ReturnType<typeof openPage>>;
        try {
          opened = await openPage(browser, base, path, token);
        } catch (error) {
          const screenshot = join(resultsDir, 'ui-no-rows.png');
          const page = browser.contexts().at(-1)?.pages()[0];
          await page?.screenshot({ path: screenshot, fullPage: true }).catch(() => undefined);
          const text = ((await page?.evaluate(() => document.body.innerText).catch(() => '')) ?? '').slice(0, 300);
          return {
            status: 'skipped',
            reason: `${path} showed no switch named "Sync for …" within ${FIRST_ROW_TIMEOUT_MS} ms (${(error as Error).message.split('\n')[0]}); page text: ${JSON.stringify(text)}; screenshot ${screenshot}`,
            targets: [],
            figures: { connectors: BENCH_CONNECTORS },
          };
        }
        const times = timesOf(opened.probe);
        const isReference = path === REFERENCE_PAGE;
        if (load === 0) {
          if (isReference) referenceWarmUpLoad = times;
          else warmUpLoad = times;
        } else {
          (isReference ? referenceLoads : loads).push(times);
        }
        console.log(
          `  load ${load}${load === 0 ? ' (warm-up, not counted)' : ''} of ${isReference ? 'the reference' : '/connectors'}: first row in the DOM at ${times.domMs} ms, painted at ${times.paintedMs} ms after navigation start`,
        );
        if (isReference) await opened.context.close();
        else last = opened;
      }
    }
    const appMedian = median(loads.map((load) => load.paintedMs));
    const referenceMedian = median(referenceLoads.map((load) => load.paintedMs));
    const ratio = round(appMedian / referenceMedian, 2);
    console.log(
      `  first row painted, median of ${LOADS}: /connectors ${round(appMedian)} ms, reference ${round(referenceMedian)} ms: ${ratio} x the reference ` +
        `(target <= ${RATIO_TARGET} x): ${ratio <= RATIO_TARGET ? 'met' : 'missed'}`,
    );
    const waterfall = last!.waterfall;
    console.log(`  what load ${LOADS} fetched before its first row (ms after navigation start):`);
    for (const entry of waterfall) console.log(`    ${String(entry.start).padStart(5)} -> ${String(entry.end).padStart(5)}  ${entry.path}`);
    const page = last!.page;
    // Not 'networkidle': the page holds its live-updates stream (/events) open for as long as it is open.
    await page.waitForLoadState('load');
    await page.getByRole('switch').first().waitFor();
    const rowsAfterLoad = await countRows(page);
    console.log(`  rows in the DOM after load: ${rowsAfterLoad.rowElements} row elements (${rowsAfterLoad.roleRow} role=row), ${rowsAfterLoad.rowsWithSwitch} with a Sync switch`);

    const labels = await page.evaluate(
      ({ sync, count }) =>
        [...document.querySelectorAll<HTMLInputElement>(`${sync}:not(:disabled)`)]
          .slice(0, count)
          .map((input) => input.getAttribute('aria-label')!),
      { sync: SYNC_SWITCH, count: CLICKS },
    );
    const clicks: ClickResult[] = [];
    for (const label of labels) {
      const click = await clickAndWatch(page, label);
      clicks.push(click);
      console.log(
        `  click "${label}" (${click.from ? 'on' : 'off'} -> ${click.from ? 'off' : 'on'}): new state shown ${click.shownMs === null ? 'never' : `${round(click.shownMs)} ms / frame ${click.frames}`} after the click` +
          `${click.flickered ? ', then FLICKERED back' : ''}; input delay ${round(click.inputDelayMs)} ms; long tasks before shown: ${click.longTasksBeforeShown.join(', ') || 'none'}; settled after ${round(click.settledMs ?? Number.NaN)} ms`,
      );
    }
    const shown = clicks.map((click) => click.shownMs ?? Number.POSITIVE_INFINITY);

    const scroll = await scrollThrough(page, SCROLL_ROWS);
    const longest = Math.max(0, ...scroll.longTasks.map((task) => task.duration));
    console.log(
      `  scroll to row ${scroll.reachedRow} of ${SCROLL_ROWS} in ${round(scroll.ms / 1000)} s (${SCROLL_STEP_PX} px per frame): ${scroll.longTasks.length} long tasks (longest ${round(longest)} ms), ` +
        `longest frame gap ${round(scroll.maxFrameGapMs)} ms, at most ${scroll.maxRowElements} row elements in the DOM`,
    );
    const rowLimitValue = Math.max(rowsAfterLoad.rowElements, scroll.maxRowElements);

    // One load just after a write, which empties the server's read cache (the page refetched after
    // the clicks, filling it again): its requests are answered from the database, as for the first
    // visit after any change. A figure, not a target.
    await last!.context.close();
    last = undefined;
    let loadAfterWrite: LoadTimes | { error: string };
    try {
      await turnSyncOffForOne(base, token);
      last = await openPage(browser, base, '/connectors', token);
      loadAfterWrite = timesOf(last.probe);
      console.log(`  load just after a write (answered from the database, not counted): first row painted at ${loadAfterWrite.paintedMs} ms`);
    } catch (error) {
      loadAfterWrite = { error: (error as Error).message.split('\n')[0]! };
      console.log(`  load just after a write: could not be measured (${loadAfterWrite.error})`);
    }

    return {
      status: 'ok',
      ...(scroll.reachedRow < SCROLL_ROWS ? { reason: `scrolling reached row ${scroll.reachedRow} only` } : {}),
      targets: [
        target(
          `first row painted after navigation, /connectors as a multiple of the plain reference page (medians of ${LOADS} loads each, empty browser cache, server warm)`,
          ratio,
          '<=',
          RATIO_TARGET,
          'x',
        ),
        target('row elements in the DOM (most seen)', rowLimitValue, '<=', 80, ''),
        target('click to the switch showing its new state (median)', clicks.length ? round(median(shown)) : null, '<=', 16, 'ms'),
        target(`long tasks while scrolling through ${SCROLL_ROWS} rows`, scroll.reachedRow >= SCROLL_ROWS ? scroll.longTasks.length : null, '<=', 0, ''),
      ],
      figures: {
        connectors: BENCH_CONNECTORS,
        seedSeconds: round(seed.seconds),
        browser: `${executablePath ?? 'playwright chromium'} ${browser.version()}`,
        warmUpLoad,
        loads,
        firstRowPaintedMedianMs: round(appMedian),
        reference: { page: REFERENCE_PAGE, request: listUrl, warmUpLoad: referenceWarmUpLoad, loads: referenceLoads, firstRowPaintedMedianMs: round(referenceMedian) },
        firstRowRatio: ratio,
        loadAfterWrite,
        lastMeasuredLoadWaterfall: waterfall,
        rowsAfterLoad,
        clicks: clicks.map((click) => ({ ...click, shownMs: click.shownMs === null ? null : round(click.shownMs), settledMs: round(click.settledMs ?? Number.NaN) })),
        clickFramesMedian: median(clicks.map((click) => click.frames ?? Number.POSITIVE_INFINITY)),
        flickers: clicks.filter((click) => click.flickered).length,
        scroll: { ...scroll, ms: round(scroll.ms), maxFrameGapMs: round(scroll.maxFrameGapMs), stepPx: SCROLL_STEP_PX },
      },
    };
  } finally {
    await browser?.close();
    await server?.stop();
    dataDir.remove();
    staticDir.remove();
  }
}

runIfMain(import.meta.url, 'ui', uiBenchmark);
