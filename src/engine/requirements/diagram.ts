import type { CodeBlock } from '../parse.js';
import { codeWeight } from '../substance.js';
import type { RequirementKind } from './types.js';

const BOX = /[│┃┌┐└┘├┤┬┴┼─━═║╔╗╚╝▼▲►◄▶◀→←↓↑⟶]|-->|->|<-|==>|\|\s*\|/;
const PLAIN = new Set(['text', 'txt', 'ascii', 'plaintext', 'plain', 'none', 'diagram', 'markdown', 'md', 'svgbob', 'ditaa', 'goat']);
const DIAGRAM_LANGS = new Set(['mermaid', 'plantuml', 'puml', 'dot', 'graphviz', 'd2']);

/** A diagram: a mermaid (or PlantUML, Graphviz, D2) block, or a plain block drawn with box and arrow characters. */
export function isDiagram(c: CodeBlock): boolean {
  if (c.lang && DIAGRAM_LANGS.has(c.lang)) return true;
  if (c.lang && !PLAIN.has(c.lang)) return false;
  const lines = c.value.split('\n');
  if (lines.length < 3) return false;
  return lines.filter((l) => BOX.test(l)).length >= 2;
}

export const diagram: RequirementKind<boolean, 'diagram'> = {
  key: 'diagram',
  schema: { type: 'boolean', description: 'A diagram: a mermaid block, or a plain/text block drawn with box or arrow characters (ASCII, swimlane).' },
  describe: () => 'a diagram (a mermaid block, or an ASCII/swimlane drawing in a code block)',
  evaluate(o, scope) {
    if (!o) return { met: true };
    const diagrams = scope.code().filter(isDiagram);
    // A two-node sketch meets it a little; a diagram of five lines or more fully.
    if (diagrams.length) return { met: true, strength: Math.max(...diagrams.map(codeWeight)) };
    const broken = scope.doc.codeBlocks.some((c) => c.line >= scope.from && c.line <= scope.to && c.invalid && isDiagram(c));
    return { met: false, detail: broken ? 'the diagram does not render (see the error in it)' : 'no diagram: a mermaid block, or an ASCII or swimlane drawing in a code block' };
  },
};
