// tests/browser/status.cjs - drives examples/status/shmtable-status.php in a
// headless Chromium (puppeteer-core with the system's browser) and checks
// it. Run by scripts/ci-browser.sh, which sets everything up:
//
//   PUPPETEER_DIR  a directory with node_modules/puppeteer-core
//   CHROMIUM       the browser binary
//   STATUS_URL     the page's address; STATUS_USER, STATUS_PASSWORD
//   TABLE          the table to look at; STATS the path of its stats --json
//   EXPECT         the path of a JSON file: {rows, match: {query: count}, hostile}
//   SCREENSHOT     where to save a PNG of the table's page
//
// Prints "ok: ..." or "FAIL: ..." per check and "N passed, N failed" last;
// exits 1 if any failed.
'use strict';
const fs = require('fs');
const puppeteer = require(process.env.PUPPETEER_DIR + '/node_modules/puppeteer-core');

let passed = 0, failed = 0;
function check(what, cond, detail) {
    if (cond) { passed++; console.log('ok: ' + what); }
    else { failed++; console.log('FAIL: ' + what + (detail !== undefined ? ': ' + detail : '')); }
}

(async () => {
    const base = process.env.STATUS_URL;
    const table = process.env.TABLE;
    const stats = JSON.parse(fs.readFileSync(process.env.STATS, 'utf8'));
    const expect = JSON.parse(fs.readFileSync(process.env.EXPECT, 'utf8'));
    const browser = await puppeteer.launch({
        executablePath: process.env.CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    const problems = [];
    try {
        const page = await browser.newPage();
        await page.setViewport({width: 1100, height: 900});
        page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') problems.push('console ' + m.type() + ': ' + m.text()); });
        page.on('pageerror', e => problems.push('page error: ' + e.message));
        page.on('requestfailed', r => problems.push('request failed: ' + r.url()));
        page.on('dialog', async d => { problems.push('dialog: ' + d.message()); await d.dismiss(); });

        // Without the password: refused (asked outside the browser, which
        // would prompt).
        const bare = await fetch(base);
        check('without the password the page answers 401', bare.status === 401, bare.status);
        await page.authenticate({username: process.env.STATUS_USER, password: process.env.STATUS_PASSWORD});

        let r;
        r = await page.goto(base, {waitUntil: 'load'});
        check('overview loads', r.status() === 200, r.status());
        const listed = await page.$$eval('#tables tr[data-table]', trs => trs.map(tr => ({
            name: tr.dataset.table, rows: +tr.children[1].textContent, size: +tr.children[2].textContent })));
        const mine = listed.find(e => e.name === table);
        check('overview lists the table with its rows and size',
              mine && mine.rows === stats.rows && mine.size === stats.size, JSON.stringify(mine));
        check('overview draws a fill gauge', (await page.$$('#tables svg.gauge')).length === listed.length);

        const url = base + '?table=' + encodeURIComponent(table);
        r = await page.goto(url, {waitUntil: 'load'});
        check('table page loads', r.status() === 200, r.status());
        const shown = await page.$$eval('[data-stat]', tds => Object.fromEntries(tds.map(td => [td.dataset.stat, td.textContent])));
        const differ = [];
        for (const [k, v] of Object.entries(stats)) {
            if (typeof v === 'object' && v !== null) continue;
            if (k === 'read_retries') continue;      // per process: the page's own
            const want = v === null ? '-' : String(v);
            if (shown[k] !== want) differ.push(k + ': page ' + shown[k] + ', stats() ' + want);
        }
        check('every counter on the page equals stats()', differ.length === 0, differ.join('; '));
        const bins = await page.$$eval('#histogram td[data-bin]', tds => tds.map(td => +td.textContent));
        check('the chain histogram equals stats()', JSON.stringify(bins) === JSON.stringify(stats.chain_histogram),
              JSON.stringify(bins));
        check('the charts are inline SVG', (await page.$$('svg.chart')).length === 2);
        await page.screenshot({path: process.env.SCREENSHOT, fullPage: true});

        // The key browser: pages of 25, every row once.
        const seen = new Set();
        let pages = 0;
        for (;;) {
            const keys = await page.$$eval('#rows td.key', tds => tds.map(td => td.textContent));
            keys.forEach(k => seen.add(k));
            pages++;
            const next = await page.$('#next');
            if (!next || pages > 100) break;
            await Promise.all([page.waitForNavigation({waitUntil: 'load'}), next.click()]);
        }
        check('paging shows every row once', seen.size === expect.rows && pages === Math.ceil(expect.rows / 25),
              seen.size + ' keys on ' + pages + ' pages');
        check('the last page has a previous link', (await page.$('#prev')) !== null);

        // Search through the form.
        for (const [q, n] of Object.entries(expect.match)) {
            await page.goto(url, {waitUntil: 'load'});
            await page.type('#q', q);
            await Promise.all([page.waitForNavigation({waitUntil: 'load'}), page.click('#search')]);
            const matched = await page.$eval('#matched', p => +p.dataset.matched);
            const keys = await page.$$eval('#rows td.key', tds => tds.map(td => td.textContent));
            check('search ' + JSON.stringify(q) + ' finds ' + n + ' keys',
                  matched === n && keys.length === Math.min(n, 25) && keys.every(k => k.includes(q)),
                  matched + ' matched, ' + keys.length + ' shown');
        }

        // A hostile key is text, not markup.
        await page.goto(url + '&q=' + encodeURIComponent('<script>'), {waitUntil: 'load'});
        const hostileKeys = await page.$$eval('#rows td.key', tds => tds.map(td => td.textContent));
        check('the hostile key renders as text', hostileKeys.includes(expect.hostile), JSON.stringify(hostileKeys));
        check('no script element on the page', (await page.$$('script')).length === 0);
        check('the hostile key ran nothing', await page.evaluate(() => window.__shmtable_xss === undefined));
        check('no console error, page error or failed request', problems.length === 0, problems.join('; '));
    } catch (e) {
        check('the browser run', false, e.stack);
    } finally {
        await browser.close();
    }
    console.log(passed + ' passed, ' + failed + ' failed');
    process.exit(failed ? 1 : 0);
})();
