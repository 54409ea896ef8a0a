// The language switch leaves no untranslated string on any screen.
// The test walks all six screens in English and then in Vietnamese and compares what is rendered
// (visible text nodes, and the names people hear or see on hover: aria-label, title, placeholder,
// alt) with the translation files: in English no rendered string may be a Vietnamese-only value
// of the Messages tree (every namespace included), in Vietnamese no English-only value, and no
// raw message key may show. Data from the core (procedure names, dossier titles) is not in the
// Messages tree, so it never counts. Each screen also passes the axe-core check.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { en } from '../../renderer/src/i18n/en';
import { vi } from '../../renderer/src/i18n/vi';
import { openDesk, seriousAxeViolations, shot, type Desk } from '../helpers/browser';

const SCREENS = ['reception', 'batch', 'archive', 'outbox', 'settings', 'audit'] as const;

/** Every string leaf of a Messages tree with its key path (functions are templates: skipped). */
function leaves(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value.trim());
    else if (value && typeof value === 'object')
      for (const [p, v] of leaves(value as object, path)) out.set(p, v);
  }
  return out;
}

const viLeaves = leaves(vi);
const enLeaves = leaves(en);
const enValues = new Set(enLeaves.values());
const viValues = new Set(viLeaves.values());
/** Strings that exist in one language only: seeing one in the other language is a leak. */
const viOnly = new Map([...viLeaves].filter(([, v]) => v !== '' && !enValues.has(v)));
const enOnly = new Map([...enLeaves].filter(([, v]) => v !== '' && !viValues.has(v)));
const keyNames = new Set([...viLeaves.keys()].flatMap((p) => [p, p.split('.').at(-1)!]));

let desk: Desk;

before(async () => {
  desk = await openDesk();
});

after(async () => {
  await desk?.close();
});

/** Visible text nodes and the accessible names/tooltips of visible elements, trimmed. */
/**
 * Visible text nodes and the accessible names/tooltips of visible elements, trimmed. Kept as a
 * string: tsx's transform would add helpers to a function body that the page does not have.
 */
const RENDERED_STRINGS = `(() => {
  const out = [];
  const visible = (el) => !!el && el.checkVisibility({ visibilityProperty: true });
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = (n.textContent || '').trim();
    if (text && visible(n.parentElement)) out.push(text);
  }
  for (const el of document.body.querySelectorAll('[aria-label],[title],[placeholder],[alt]')) {
    if (!visible(el)) continue;
    for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
      const v = (el.getAttribute(attr) || '').trim();
      if (v) out.push(v);
    }
  }
  out.push(document.title);
  return out;
})()`;

async function renderedStrings(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(RENDERED_STRINGS);
}

/** Waits until the screen stops changing (its first data loads have come back). */
async function settle(page: Page): Promise<string[]> {
  let last = '';
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(250);
    const now = JSON.stringify(await renderedStrings(page));
    if (now === last) break;
    last = now;
  }
  return JSON.parse(last) as string[];
}

async function walk(lang: 'en' | 'vi'): Promise<string[]> {
  const { page } = desk;
  const problems: string[] = [];
  await page.locator(`.lang-switch button[lang="${lang}"]`).click();
  await page.locator(`html[lang="${lang}"]`).waitFor();
  const foreign = lang === 'en' ? viOnly : enOnly;
  const foreignByValue = new Map([...foreign].map(([k, v]) => [v, k]));
  for (const screen of SCREENS) {
    await page.locator(`nav button[data-screen="${screen}"]`).click();
    await page.locator(`nav button[data-screen="${screen}"][aria-current="page"]`).waitFor();
    const strings = await settle(page);
    // The walk sees what is rendered: the screen's navigation label in this language.
    const nav = (lang === 'en' ? en : vi)[
      `nav${screen[0]!.toUpperCase()}${screen.slice(1)}` as 'navReception'
    ];
    if (!strings.includes(nav)) problems.push(`${lang}/${screen}: "${nav}" not seen`);
    if (screen === 'reception' && !strings.includes((lang === 'en' ? en : vi).reception.title))
      problems.push(`${lang}/reception: title not seen`);
    for (const s of new Set(strings)) {
      const key = foreignByValue.get(s);
      if (key)
        problems.push(`${lang}/${screen}: "${s}" is the ${lang === 'en' ? 'vi' : 'en'} ${key}`);
      if (keyNames.has(s)) problems.push(`${lang}/${screen}: raw message key "${s}" shown`);
    }
    const violations = await seriousAxeViolations(page);
    if (violations.length) problems.push(`${lang}/${screen}: axe ${JSON.stringify(violations)}`);
    await shot(page, `i18n-${lang}-${screen}`);
  }
  return problems;
}

test('the translation trees have Vietnamese-only and English-only strings to look for', () => {
  // Guards the walk below against comparing against nothing.
  assert.ok(viOnly.size > 50, `only ${viOnly.size} vi-only strings`);
  assert.ok(enOnly.size > 50, `only ${enOnly.size} en-only strings`);
  assert.ok(viOnly.has('reception.title') && enOnly.has('reception.title'));
});

test(
  'English: no Vietnamese-only string on any of the six screens, each accessible',
  {
    timeout: 120_000,
  },
  async () => {
    assert.deepEqual(await walk('en'), []);
  },
);

test(
  'Vietnamese: no English-only string on any of the six screens, each accessible',
  {
    timeout: 120_000,
  },
  async () => {
    assert.deepEqual(await walk('vi'), []);
    assert.deepEqual(desk.browserErrors, []);
  },
);
