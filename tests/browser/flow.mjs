// Browser tests of pledgewatch in Debian's headless Chromium, run by the
// Rust test `crates/cli/tests/browser.rs` against a server it starts.
//
// 1. An editor signs in, records a development and rates a commitment; a
//    reviewer approves the rating; the anonymous public then sees both.
//    Done twice: with JavaScript on and with JavaScript off.
// 2. Review: an editor edits a published commitment; the public keeps the
//    approved text while the reviewer sees the change on the review queue
//    and approves it; then a change sent back with a comment, which the
//    editor sees on the record page.
// 3. axe-core finds no accessibility violations on the scorecard, a
//    commitment page, the search page, the entry forms, the review queue
//    and a record with a pending change.
// 4. Screenshots of the main pages are written for people to look at.
// 5. Layout: no page of the route table (PW_PAGES, from the Rust test)
//    scrolls sideways at 390 px, anonymously or signed in, and axe finds
//    nothing on any of them; the first commitment is on the first screen at
//    1366x768; each verdict badge has its own background colour and words;
//    chart text is at least 12 px and never overlaps or runs out of its
//    chart, at any width and as of any date.
// 6. Languages: every page again with the browser asking for Russian,
//    French and Spanish: axe finds nothing and nothing scrolls sideways; in
//    Russian no navigation, heading, label or button is left in English.
// 7. Search, anonymously: every hit for "media law" and "ODIHR" opens, and
//    "закона" finds what "закон" finds (a small Russian dossier is loaded
//    beside the demo by the Rust test).
//
// Usage: PW_BASE_URL=http://127.0.0.1:PORT PW_PASSWORD=... PW_SHOTS=DIR PW_PAGES='[["home","/",true],...]' node flow.mjs

import { chromium } from "playwright-core";
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";

const base = process.env.PW_BASE_URL;
const pageRoutes = JSON.parse(process.env.PW_PAGES || "[]");
const password = process.env.PW_PASSWORD;
const shots = process.env.PW_SHOTS;
const slug = "kazakhstan-osce-2010";
if (!base || !password) {
  console.error("PW_BASE_URL and PW_PASSWORD are required");
  process.exit(2);
}
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
});

let failures = 0;
function check(condition, message) {
  if (condition) {
    console.log(`ok - ${message}`);
  } else {
    failures += 1;
    console.log(`not ok - ${message}`);
  }
}

async function signIn(page, username) {
  await page.goto(`${base}/login`);
  await page.fill("#username", username);
  await page.fill("#password", password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.click("form.stack button[type=submit]")]);
}

async function signOut(page) {
  await Promise.all([page.waitForLoadState("load"), page.click("header form[action='/logout'] button")]);
}

async function firstCommitment(page) {
  await page.goto(`${base}/dossiers/${slug}`);
  const href = await page.getAttribute("table.scorecard tbody tr:first-child a", "href");
  return href.split("?")[0];
}

// The id of the commitment at this page path (its URL names it by slug;
// its feed, by id).
async function commitmentIdOf(page, commitmentPath) {
  await page.goto(`${base}${commitmentPath}`);
  const feed = await page.getAttribute("link[rel=alternate][type='application/atom+xml']", "href");
  return feed.split("/").slice(-2)[0];
}

// The public pages the commitment page links to, by route name.
async function publicPagesOf(page, commitmentPath) {
  await page.goto(`${base}${commitmentPath}`);
  const hrefs = await page.evaluate(() => [...document.querySelectorAll("main a[href]")].map((a) => a.getAttribute("href")));
  const found = {};
  for (const [name, prefix] of [["public_development", "/developments/"], ["public_source", "/sources/"], ["public_quote", "/quotes/"], ["public_recommendation", "/recommendations/"], ["public_actor", "/actors/"], ["public_occasion", "/occasions/"], ["public_concern", "/concerns/"]]) {
    const href = hrefs.find((h) => h.startsWith(prefix));
    if (href) found[name] = href;
  }
  // A concern the commitment page does not cite: any from the search.
  if (!found.public_concern) {
    await page.goto(`${base}/search?q=media&kind=concern`);
    const href = await page.evaluate(() => document.querySelector("ol.hits a[href^='/concerns/']")?.getAttribute("href"));
    if (href) found.public_concern = href;
  }
  return found;
}

async function flow(javaScriptEnabled) {
  const label = javaScriptEnabled ? "with JavaScript" : "without JavaScript";
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const title = `Parliament adopts a new media law (${label}, ${Date.now()})`;
  const commitmentPath = await firstCommitment(page);
  const commitmentId = await commitmentIdOf(page, commitmentPath);

  await signIn(page, "editor");
  check(await page.isVisible("text=Demo editor"), `${label}: the editor is signed in`);

  await page.goto(`${base}/records/development/new`);
  await page.fill("#f-date", "2031-03-01");
  await page.fill("#f-title", title);
  await page.fill("#f-summary", "A new law replaces the registration of media outlets with notification.");
  // The source picker: words of a title narrow its list (as one types with
  // JavaScript, with its button without), keeping what was typed.
  await page.fill("#f-sources", "media");
  if (javaScriptEnabled) {
    await page.waitForFunction(() => {
      const labels = [...document.querySelectorAll("#l-sources .choice label")];
      return labels.length > 0 && labels.every((l) => /media/i.test(l.textContent));
    });
  } else {
    await page.click("button[name=refine][value=sources]");
  }
  check((await page.inputValue("#f-title")) === title, `${label}: filtering the sources keeps what was typed`);
  check(await page.evaluate(() => [...document.querySelectorAll("#l-sources .choice label")].every((l) => /media/i.test(l.textContent))), `${label}: the source list is narrowed`);
  await page.check("#l-sources input[type=checkbox] >> nth=0");
  await page.selectOption(`[name='effect:commitment:${commitmentId}']`, "advance");
  await page.fill("#f-reason", "From the official gazette");
  await Promise.all([page.waitForURL(/\/records\/development\/[0-9a-f-]+\?done=created/), page.click("form.stack > .actions button[type=submit]")]);
  check((await page.textContent("main")).includes("Draft — not public"), `${label}: the development is saved as a draft`);
  const developmentId = new URL(page.url()).pathname.split("/").pop();

  // Chosen in advance by the link, as a development's page could.
  await page.goto(`${base}/records/assessment/new?commitment=${commitmentId}&developments=${developmentId}`);
  await page.fill("#f-as_of", "2031-03-02");
  await page.selectOption("#f-status", "fulfilled");
  await page.fill("#f-rationale", "The new law meets what was promised in Madrid.");
  check(await page.isChecked(`#l-developments input[value='${developmentId}']`), `${label}: the link chose the development`);
  await Promise.all([page.waitForURL(/\/records\/assessment\/[0-9a-f-]+\?done=created/), page.click("form.stack > .actions button[type=submit]")]);
  const assessmentPath = new URL(page.url()).pathname;
  check((await page.textContent("main")).includes("not yet reviewed"), `${label}: the rating waits for review`);

  const publicUrl = `${base}${commitmentPath}?as_of=2031-03-05`;
  const anonymous = await browser.newContext({ javaScriptEnabled });
  const publicPage = await anonymous.newPage();
  await publicPage.goto(publicUrl);
  check(!(await publicPage.textContent("main")).includes(title), `${label}: the public does not see the draft`);

  await signOut(page);
  await signIn(page, "reviewer");
  await page.goto(`${base}${assessmentPath}`);
  await Promise.all([page.waitForURL(/done=approved/), page.click("form[action$='/approve'] button")]);
  check((await page.textContent(".flash")).includes("Approved"), `${label}: the reviewer approves and publishes`);

  await publicPage.goto(publicUrl);
  const text = await publicPage.textContent("main");
  check(text.includes(title), `${label}: the public sees the development`);
  check(text.includes("Fulfilled") && text.includes("reviewed by the research team"), `${label}: the public sees the reviewed rating`);
  check(!text.includes("reviewed by reviewer"), `${label}: the public does not see staff usernames`);
  await anonymous.close();
  await signOut(page);
  await context.close();
}

// The statement the public page of a commitment shows.
async function publicStatement(page, commitmentPath) {
  await page.goto(`${base}${commitmentPath}`);
  return page.textContent("main");
}

async function editStatement(page, recordPath, statement) {
  await page.goto(`${base}${recordPath}/edit`);
  await page.fill("#f-statement", statement);
  await Promise.all([page.waitForURL(/done=saved/), page.click("form.stack > .actions button[type=submit]")]);
}

async function review() {
  // bypassCSP lets the test inject axe-core; the application itself allows no inline script.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const anonymous = await browser.newContext();
  const publicPage = await anonymous.newPage();
  const commitmentPath = await firstCommitment(page);
  const id = await commitmentIdOf(page, commitmentPath);
  const recordPath = `/records/commitment/${id}`;
  // The id URL lasts when the statement (and so the slug) changes: it
  // redirects to the page's slug.
  const lastingPath = `/dossiers/${slug}/commitments/${id}`;
  const revised = `Replace registration with notification (revised ${Date.now()})`;

  await signIn(page, "editor");
  await page.goto(`${base}${recordPath}/edit`);
  const original = await page.inputValue("#f-statement");
  await editStatement(page, recordPath, revised);
  check((await page.textContent(".standing .badge")).startsWith("Pending change — the public sees version"), "review: the edit waits for review");
  let text = await publicStatement(publicPage, lastingPath);
  check(text.includes(original) && !text.includes(revised), "review: the public still sees the approved text");

  await signOut(page);
  await signIn(page, "reviewer");
  await page.goto(`${base}/review`);
  const item = `#r-${id}`;
  check((await page.textContent(`${item} td.old`)) === original, "review: the queue shows the public value");
  check((await page.textContent(`${item} td.new`)) === revised, "review: the queue shows the proposed value");
  if (shots) await page.screenshot({ path: `${shots}/review.png`, fullPage: true });
  await axe(page, "the review queue");
  await Promise.all([page.waitForURL(/\/review\?done=published/), page.click(`${item} form.approve button`)]);
  text = await publicStatement(publicPage, lastingPath);
  check(text.includes(revised), "review: once approved, the public sees the new text");

  // Another edit, which waits; then sent back with a comment that the
  // editor sees on the record page.
  await signOut(page);
  await signIn(page, "editor");
  const third = `${revised}, citing the gazette`;
  await editStatement(page, recordPath, third);
  if (shots) await page.screenshot({ path: `${shots}/record-pending.png`, fullPage: true });
  await axe(page, "a record with a pending change");
  await signOut(page);
  await signIn(page, "reviewer");
  await page.goto(`${base}/review`);
  const comment = "Cite the gazette of 3 March for the new wording.";
  await page.fill(`${item} form.send-back textarea`, comment);
  await Promise.all([page.waitForURL(/\/review\?done=sent-back/), page.click(`${item} form.send-back button`)]);
  check((await page.textContent(".flash")).includes("Sent back"), "review: the reviewer sends the change back");
  await signOut(page);
  await signIn(page, "editor");
  await page.goto(`${base}${recordPath}`);
  check((await page.textContent(".sent-back .comment")) === comment, "review: the editor sees the reviewer's comment");
  check((await page.textContent(".sent-back h2")).includes("reviewer"), "review: the editor sees who sent it back");
  check((await page.textContent(".standing .badge")).startsWith("Pending change"), "review: the change still waits");
  if (shots) await page.screenshot({ path: `${shots}/record-sent-back.png`, fullPage: true });
  await axe(page, "a record with a change sent back");
  text = await publicStatement(publicPage, lastingPath);
  check(text.includes(revised) && !text.includes(third), "review: the public keeps the approved text");
  await anonymous.close();
  await context.close();
}

async function axe(page, name) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  for (const v of result.violations) {
    console.log(`  ${name}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
  }
  check(result.violations.length === 0, `axe finds no violations on ${name}`);
}

// With JavaScript, htmx applies the scorecard's filters in place; without
// it, the same form reloads the page. Both give the same rows.
async function filters(javaScriptEnabled) {
  const label = javaScriptEnabled ? "with JavaScript" : "without JavaScript";
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(`${base}/dossiers/${slug}?as_of=2008-05-31`);
  check((await page.locator("table.scorecard tbody tr").count()) === 6, `${label}: the scorecard lists six commitments`);
  check(!(await page.isVisible("#f-status")), `${label}: the filters start folded away`);
  await page.click("details.filter-panel > summary");
  if (javaScriptEnabled) {
    await page.evaluate(() => { window.__sameDocument = true; });
    await page.selectOption("#f-status", "regressed");
    await page.waitForFunction(() => document.querySelectorAll("table.scorecard tbody tr").length === 2);
    check(await page.evaluate(() => window.__sameDocument === true), `${label}: the filter applied without reloading the page`);
    check(page.url().includes("status=regressed"), `${label}: the address shows the filter`);
  } else {
    await page.selectOption("#f-status", "regressed");
    await Promise.all([page.waitForURL(/status=regressed/), page.click("form.filters button[type=submit]")]);
    check((await page.locator("table.scorecard tbody tr").count()) === 2, `${label}: the filter applied by reloading`);
    check(await page.isVisible("#f-status"), `${label}: with a filter set, the filters are open`);
  }
  await context.close();
}

async function accessibility() {
  // bypassCSP lets the test inject axe-core; the application itself allows no inline script.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const commitmentPath = await firstCommitment(page);
  const commitmentId = await commitmentIdOf(page, commitmentPath);
  const pages = [
    ["the scorecard", `/dossiers/${slug}?as_of=2010-01-01`, "scorecard"],
    ["a commitment page", `${commitmentPath}?as_of=2010-01-01`, "commitment"],
    ["the search page", "/search?q=media+law", "search"],
    ["the sign-in form", "/login", "login"],
  ];
  for (const [name, path, shot] of pages) {
    await page.goto(`${base}${path}`);
    if (shots) await page.screenshot({ path: `${shots}/${shot}.png`, fullPage: true });
    await axe(page, name);
  }
  await signIn(page, "editor");
  for (const [name, path, shot] of [
    ["the development form", "/records/development/new", "form-development"],
    ["the assessment form", "/records/assessment/new", "form-assessment"],
    ["a record page", `/records/commitment/${commitmentId}`, "record"],
  ]) {
    await page.goto(`${base}${path}`);
    if (shots) await page.screenshot({ path: `${shots}/${shot}.png`, fullPage: true });
    await axe(page, name);
  }
  // A form with errors, as a user would see it.
  await page.goto(`${base}/records/commitment/new`);
  await page.click("form.stack > .actions button[type=submit]");
  check(await page.evaluate(() => document.activeElement && document.activeElement.classList.contains("error-summary")), "the error summary takes the focus");
  if (shots) await page.screenshot({ path: `${shots}/form-errors.png`, fullPage: true });
  await axe(page, "a form showing errors");
  await context.close();
}

// The path of a route with its parameters filled in, or null when the test
// does not know how to open it (which fails).
function pathOf(name, pattern, ids) {
  // The public pages are opened at the paths the commitment page links to.
  if (name.startsWith("public_")) return ids.publicPages[name] ?? null;
  const values = {
    slug,
    kind: "commitment",
    id: name === "drafting_source" ? ids.draftingSource : ids.commitment,
  };
  let unknown = false;
  const path = pattern.replace(/\{(\w+)\}/g, (_, p) => {
    if (values[p] === undefined) unknown = true;
    return values[p];
  });
  return unknown ? null : path;
}

async function noSidewaysScroll(page, label) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= 390, `${label}: no horizontal scrolling at 390 px (${width} px)`);
}

// Every page of the route table at 390 px, anonymously (public pages) and
// signed in as an administrator (every page), with and without JavaScript.
// With a language, the browser asks for it (Accept-Language): every page
// is checked in it, and in Russian no interface word is left in English.
async function everyPageAtPhoneWidth(javaScriptEnabled, lang = null) {
  const how = (javaScriptEnabled ? "with JavaScript" : "without JavaScript") + (lang ? `, in ${lang}` : "");
  check(pageRoutes.length >= 10, `${how}: the route table's pages are given (${pageRoutes.length})`);
  const options = { bypassCSP: true, javaScriptEnabled, viewport: { width: 390, height: 844 } };
  if (lang) options.extraHTTPHeaders = { "Accept-Language": lang };
  const anonymous = await browser.newContext(options);
  const signedIn = await browser.newContext(options);
  const anon = await anonymous.newPage();
  const admin = await signedIn.newPage();
  const commitmentPath = await firstCommitment(anon);
  const ids = { commitment: await commitmentIdOf(anon, commitmentPath), publicPages: await publicPagesOf(anon, commitmentPath) };
  await signIn(admin, "admin");
  await admin.goto(`${base}/drafting`);
  await admin.fill("#d-title", `Browser test statement (${how})`);
  await admin.fill("#d-text", "The Government will amend the media law by the end of 2027.");
  await Promise.all([admin.waitForURL(/\/drafting\/[0-9a-f-]+/), admin.click("form.stack button[type=submit]")]);
  ids.draftingSource = new URL(admin.url()).pathname.split("/").pop();
  for (const [name, pattern, isPublic] of pageRoutes) {
    const path = pathOf(name, pattern, ids);
    check(path !== null, `${how}: the test knows how to open ${name} (${pattern})`);
    if (path === null) continue;
    for (const [who, page] of isPublic ? [["anonymous", anon], ["admin", admin]] : [["admin", admin]]) {
      // The sign-in and setup forms are for visitors who are not signed in.
      if (who === "admin" && (name === "login_form" || name === "setup_form" || name === "reset_form")) continue;
      const response = await page.goto(`${base}${path}`);
      const label = `${how}, ${who}: ${name} ${path}`;
      if (name !== "setup_form") check(response.status() < 400, `${label}: opens (${response.status()})`);
      await noSidewaysScroll(page, label);
      if (javaScriptEnabled) await axe(page, `${name} (${who}, 390 px${lang ? `, ${lang}` : ""})`);
      if (lang === "ru") await noEnglishInterface(page, label);
    }
  }
  await anonymous.close();
  await signedIn.close();
}

// Interface words a Russian page must not show in English: navigation,
// headings, labels, buttons, table headers and legends (the record's own
// words, such as a commitment's statement, may be English: they are content).
const englishInterfaceWords = ["Search", "Sign in", "Sign out", "Save", "Scorecard", "Commitments", "Developments", "Sources", "Quotes", "Filter", "Deadline", "Status", "Account", "Review", "Drafting", "Language", "Dossiers", "History", "Edit", "Delete", "Publish", "Withdraw", "Cancel", "Overdue", "Add", "Title", "Summary", "Home", "Records", "Users", "Password", "Recommendations", "Concerns", "Actors", "Occasions", "Rate this commitment", "Record a development", "On this page", "Results", "There is a problem", "Accept", "Reject", "Approve", "Send back", "Download", "Export", "Show"];
async function noEnglishInterface(page, label) {
  const found = await page.evaluate((words) => {
    const out = [];
    const selector = "header, nav, footer, h1, h2, h3, h4, label, button, th, legend, summary, .button, input[type=submit]";
    for (const el of document.querySelectorAll(selector)) {
      // Content the record holds is marked as such, or is a link to a record.
      if (el.closest("[data-content], .content, blockquote, q")) continue;
      const text = (el.tagName === "INPUT" ? el.value : el.innerText) || "";
      for (const w of words) {
        if (new RegExp(`(^|[^A-Za-z])${w}([^A-Za-z]|$)`).test(text)) out.push(`${el.tagName.toLowerCase()}: ${w} (${text.trim().slice(0, 60)})`);
      }
    }
    return [...new Set(out)];
  }, englishInterfaceWords);
  check(found.length === 0, `${label}: no English interface words in Russian (${found.slice(0, 5).join("; ")})`);
}

// The scorecard's first screen, its badges, and its charts at every width.
async function scorecardScreen() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(`${base}/dossiers/${slug}`);
  const row = await page.locator("table.scorecard tbody tr").first().boundingBox();
  check(row !== null && row.y + row.height <= 768, `the first commitment is on the first screen at 1366x768 (bottom at ${row && Math.round(row.y + row.height)} px)`);
  const badges = await page.evaluate(() => [...document.querySelectorAll("table.scorecard .verdict, .counts .verdict")].map((b) => ({
    text: b.textContent.trim(),
    background: getComputedStyle(b).backgroundColor,
  })));
  const byText = new Map(badges.map((b) => [b.text, b.background]));
  check(badges.length >= 6 && badges.every((b) => b.text.length > 0), `each verdict badge has words (${[...byText.keys()].join(", ")})`);
  check(new Set(byText.values()).size === byText.size && byText.size >= 4, `each verdict has its own background colour (${[...byText.values()].join(" ")})`);
  check(badges.every((b) => byText.get(b.text) === b.background), "a verdict has the same colour wherever it appears");
  await context.close();
  for (const width of [320, 390, 768, 1024, 1366]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    for (const asOf of ["2007-12-15", "2009-03-01", "2012-06-30", "2026-12-06"]) {
      await page.goto(`${base}/dossiers/${slug}?as_of=${asOf}`);
      const report = await page.evaluate(() => {
        const out = { charts: 0, smallest: 99, overlaps: [], outside: [] };
        for (const svg of document.querySelectorAll("svg.chart")) {
          const box = svg.getBoundingClientRect();
          if (box.width === 0) continue;
          out.charts += 1;
          const scale = svg.getScreenCTM().a;
          const texts = [...svg.querySelectorAll("text")].map((t) => ({ text: t.textContent, r: t.getBoundingClientRect(), size: parseFloat(t.getAttribute("font-size")) * scale }));
          for (const t of texts) {
            out.smallest = Math.min(out.smallest, t.size);
            if (t.r.left < box.left - 0.5 || t.r.right > box.right + 0.5 || t.r.top < box.top - 0.5 || t.r.bottom > box.bottom + 0.5) out.outside.push(t.text);
          }
          for (let i = 0; i < texts.length; i++) {
            for (let j = i + 1; j < texts.length; j++) {
              const a = texts[i].r, b = texts[j].r;
              if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) out.overlaps.push(`${texts[i].text} / ${texts[j].text}`);
            }
          }
        }
        return out;
      });
      const label = `charts at ${width} px as of ${asOf}`;
      check(report.charts === 2, `${label}: both charts are shown once`);
      check(report.smallest >= 12, `${label}: text is at least 12 px (${report.smallest.toFixed(1)})`);
      check(report.overlaps.length === 0, `${label}: no labels overlap ${report.overlaps.join("; ")}`);
      check(report.outside.length === 0, `${label}: no label runs out of its chart ${report.outside.join("; ")}`);
      if (width <= 390) await noSidewaysScroll(page, label);
    }
    if (shots && (width === 390 || width === 1366)) {
      await page.goto(`${base}/dossiers/${slug}`);
      await page.screenshot({ path: `${shots}/scorecard-${width}.png`, fullPage: true });
    }
    await context.close();
  }
}

// The hits of an anonymous search: their links, each opened.
async function searchHits(page, words) {
  await page.goto(`${base}/search?q=${encodeURIComponent(words)}`);
  const hrefs = await page.$$eval("ol.hits p.hit-title", (titles) => titles.map((t) => t.querySelector("a")?.getAttribute("href") || ""));
  for (const href of hrefs) {
    const status = href ? (await page.request.get(`${base}${href}`)).status() : 0;
    check(status === 200, `the hit ${href || "(no link)"} for "${words}" opens (${status})`);
  }
  return hrefs;
}

async function search() {
  const context = await browser.newContext();
  const page = await context.newPage();
  for (const words of ["media law", "ODIHR"]) {
    const hits = await searchHits(page, words);
    check(hits.length > 0, `"${words}" finds something (${hits.length} hits)`);
  }
  const law = await searchHits(page, "закон");
  const ofTheLaw = await searchHits(page, "закона");
  check(law.length >= 2, `"закон" finds the Russian records (${law.length} hits)`);
  check(JSON.stringify([...law].sort()) === JSON.stringify([...ofTheLaw].sort()), `"закона" finds what "закон" finds (${ofTheLaw.length} and ${law.length} hits)`);
  await context.close();
}

try {
  if (shots) mkdirSync(shots, { recursive: true });
  await search();
  await scorecardScreen();
  await everyPageAtPhoneWidth(true);
  await everyPageAtPhoneWidth(false);
  for (const lang of ["ru", "fr", "es"]) await everyPageAtPhoneWidth(true, lang);
  await flow(true);
  await flow(false);
  await filters(true);
  await filters(false);
  await review();
  await accessibility();
} catch (e) {
  failures += 1;
  console.log(`not ok - the browser test stopped: ${e.stack || e}`);
} finally {
  await browser.close();
}
console.log(`${failures === 0 ? "all browser checks passed" : `${failures} browser checks failed`}`);
process.exit(failures === 0 ? 0 : 1);
