const { chromium } = require('playwright-core');
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-background-networking'] });
  const base = 'http://127.0.0.1:8791';
  const shots = [
    ['search-ru-390', '/search?q=%D0%B7%D0%B0%D0%BA%D0%BE%D0%BD%D0%B0', 390, 'ru'],
    ['search-fr-1366', '/search?q=ODIHR&kind=commitment', 1366, 'fr'],
  ];
  for (const [name, path, width, lang] of shots) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, locale: lang, extraHTTPHeaders: { 'Accept-Language': lang } });
    const page = await ctx.newPage();
    await page.goto(base + path);
    await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: false });
    await ctx.close();
  }
  // drafting: sign in, paste a text, refuse an accept with a bad deadline
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, extraHTTPHeaders: { 'Accept-Language': 'ru' } });
  const page = await ctx.newPage();
  await page.goto(base + '/login');
  await page.fill('input[name=username]', 'ed');
  await page.fill('input[name=password]', 'correct-horse-battery-9');
  await page.click('button[type=submit]');
  await page.goto(base + '/drafting');
  await page.fill('textarea[name=text]', 'The Government will ratify the Optional Protocol to the Convention against Torture by the end of 2027.');
  await page.fill('input[name=title]', 'Statement');
  await page.fill('input[name=actor]', 'Kazakhstan');
  await page.click('form button[type=submit]');
  await page.fill('article.candidate input[name=deadline]', 'next year');
  await page.fill('article.candidate input[name=statement]', 'Edited statement');
  await page.click('article.candidate form[action$="/accept"] button[type=submit]');
  await page.screenshot({ path: '/tmp/shots/drafting-refused-ru.png', fullPage: false });
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
