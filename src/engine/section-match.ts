/**
 * Template sections → the headings of a document, as authors write them (see headings.ts for how a
 * heading is reduced to its words), in three passes: certain, close (shared words) and by what a
 * section holds. Linear in headings × template sections.
 */
import { closeness, evidenceIn, headingStems, isOtherTopic, keysNameSection, textStems, titleKeys } from './headings.js';
import type { Section, SpecDoc } from './parse.js';
import type { CompiledSection, SpecType } from './ruleset.js';

/** How a template section was found: by its title or an alias, by the words its heading shares with it, or by what it holds. */
export type HeadingMatch = 'exact' | 'close' | 'content';

export interface SectionMatch {
  section?: Section;
  match?: HeadingMatch;
  /** For a section not found: a heading that shared a word with it but was not taken. */
  nearMiss?: Section;
}

/** The most common level among the headings matched for certain (2 when none): close matches are looked for there. */
function sectionLevel(found: readonly (Section | undefined)[]): number {
  const count = new Map<number, number>();
  for (const s of found) if (s) count.set(s.level, (count.get(s.level) ?? 0) + 1);
  let best = 2;
  let n = 0;
  for (const [level, c] of count) if (c > n || (c === n && level < best)) [best, n] = [level, c];
  return best;
}

/**
 * How many of a section's requirements a candidate meets, weighted: a diagram, table, code or steps say
 * more than a word. Given `atLeast`, it may stop as soon as that many can no longer be reached, and then
 * returns some number below it.
 */
export type RequirementsMet = (rule: CompiledSection, candidate: Section, atLeast?: number) => number;

export const TELLING = ['diagram', 'table', 'code', 'step_labels'];

/** A template section that introduces the document (Overview, Summary, Purpose...): whatever an author's first section is called, it is that. */
function isIntroduction(rule: CompiledSection): boolean {
  return [rule.title, ...(rule.aliases ?? [])].some((t) => /^(?:overview|summary|introduction|purpose|about|abstract)$/i.test(t.trim()));
}

/**
 * Template sections → the document's headings, in three passes:
 * 1. certain: a heading (or a bold line used as one) that names the section, the shallowest first;
 * 2. close: a heading at the sections' level that shares words with the section, best pairs first;
 * 3. by what it holds: a heading no section claimed whose text carries the section's own words and
 *    keywords and meets its requirements (`## Running it in production` full of deploy steps and a
 *    rollback is Deployment; `## Picture` holding the only diagram is the Flow Diagram), and the first
 *    heading of the document for the first template section (an introduction comes first).
 */
export function matchSections(doc: SpecDoc, type: SpecType, meets: RequirementsMet): SectionMatch[] {
  const candidates = doc.sections.filter((s) => !(s.level === 1 && doc.h1 && s.line === doc.h1.line));
  const out: SectionMatch[] = type.sections.map(() => ({}));
  const taken = new Set<Section>();
  // 1. Certain. (Each heading's keys once, not once per template section.)
  const candidateKeys = candidates.map((s) => titleKeys(s.title));
  let boldKeys: string[][] | undefined;
  type.sections.forEach((rule, i) => {
    let best: Section | undefined;
    candidates.forEach((s, j) => {
      if (keysNameSection(candidateKeys[j], rule.vocabulary) && (!best || s.level < best.level)) best = s;
    });
    if (!best) {
      boldKeys ??= doc.boldHeadings.map((s) => titleKeys(s.title));
      best = doc.boldHeadings.find((_, j) => keysNameSection(boldKeys![j], rule.vocabulary));
    }
    if (best) {
      out[i] = { section: best, match: 'exact' };
      taken.add(best);
    }
  });
  // A sub-heading that names a section inside a heading that names none (`### Test Strategy` under
  // `## Test plan`): the heading at the sections' level is the section, read by its sub-heading.
  const level = sectionLevel(out.map((o) => o.section));
  out.forEach((o, i) => {
    if (!o.section || o.section.level <= level) return;
    const inner = o.section;
    const outer = candidates.find((c) => c.level === level && c.line < inner.line && c.endLine >= inner.line);
    if (!outer || taken.has(outer)) return;
    taken.delete(inner);
    taken.add(outer);
    out[i] = { section: outer, match: 'close' };
  });
  // 2. Close.
  const open = candidates.filter((s) => s.level <= level && !taken.has(s));
  const pairs: { i: number; s: Section; score: number }[] = [];
  const near = new Map<number, { s: Section; score: number }>();
  for (const s of open) {
    const stems = headingStems(s.title);
    if (!stems.length) continue;
    type.sections.forEach((rule, i) => {
      if (out[i].section) return;
      const c = closeness(stems, rule.vocabulary);
      if (c.score > 0) pairs.push({ i, s, score: c.score * 10 + c.accounted });
      else if (c.accounted > 0 && (near.get(i)?.score ?? 0) < c.accounted) near.set(i, { s, score: c.accounted });
    });
  }
  pairs.sort((a, b) => b.score - a.score || a.s.line - b.s.line || a.i - b.i);
  for (const p of pairs) {
    if (out[p.i].section || taken.has(p.s)) continue;
    out[p.i] = { section: p.s, match: 'close' };
    taken.add(p.s);
  }
  // 3. By what it holds.
  const left = open.filter((s) => !taken.has(s) && !isOtherTopic(s.title));
  if (left.length && out.some((o) => !o.section)) {
    const first = candidates.find((s) => s.level <= level && !/^(?:table of )?contents$|^toc$/i.test(s.title.trim()));
    const byContent: { i: number; s: Section; n: number }[] = [];
    const stems = new Map<Section, Set<string>>();
    const textOf = (s: Section) => {
      let t = stems.get(s);
      if (!t) {
        const own: string[] = [];
        for (let ln = s.line + 1; ln <= s.endLine; ln++) if (!doc.literalLines.has(ln)) own.push(doc.lines[ln - 1]);
        t = textStems(own.join('\n'));
        stems.set(s, t);
      }
      return t;
    };
    type.sections.forEach((rule, i) => {
      if (out[i].section) return;
      // Where the section belongs: after the template sections before it that are present, before those after it.
      const after = Math.max(0, ...out.slice(0, i).map((o) => o.section?.line ?? 0));
      const before = Math.min(Infinity, ...out.slice(i + 1).map((o) => o.section?.line ?? Infinity));
      for (const s of left) {
        // In its place, three signs are enough; elsewhere (an extra section about something else), it takes twice as many.
        const need = s.line > after && s.line < before ? 3 : 6;
        const signs = evidenceIn(textOf(s), rule.vocabulary) + (i === 0 && s === first && isIntroduction(rule) ? 3 : 0);
        const n = signs + meets(rule, s, need - signs);
        if (n >= need) byContent.push({ i, s, n });
      }
    });
    byContent.sort((a, b) => b.n - a.n || a.s.line - b.s.line || a.i - b.i);
    for (const p of byContent) {
      if (out[p.i].section || taken.has(p.s)) continue;
      out[p.i] = { section: p.s, match: 'content' };
      taken.add(p.s);
    }
  }
  for (const [i, n] of near) if (!out[i].section && !taken.has(n.s)) out[i].nearMiss = n.s;
  return out;
}
