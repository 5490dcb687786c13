/**
 * The report page's only script, written here so that it is type-checked, linted and (its layout)
 * unit-tested, then inlined into the page as source text (`pageScript()`): no library, nothing loaded
 * at view time. Each exported function is self-contained — it refers to nothing outside itself but
 * its parameters and the browser's globals — because the page receives it through
 * `Function.prototype.toString`, from the sources under jest and from the minified bundle in the CLI.
 *
 * What it does: draws the reference graph (every spec when there are few, else the neighbourhood of
 * one spec: what points at it on the left, what it points at on the right; click a spec to follow
 * it), filters the tables as you type, sorts them by a column on click, and jumps from a table row to
 * its spec in the graph.
 */

/** Where each node goes: columns by group, rows ordered to cut crossings (barycentre sweeps). */
export interface GraphLayout {
  x: number[];
  y: number[];
  width: number;
  height: number;
}

export interface LayoutOptions {
  colWidth: number;
  rowHeight: number;
  nodeWidth: number;
  nodeHeight: number;
  pad: number;
  sweeps: number;
}

/**
 * Layered layout: one column per distinct group (in group order), nodes in a column ordered by the
 * mean position of their neighbours in other columns (a few sweeps), columns centred vertically.
 * Deterministic; O(sweeps × (nodes log nodes + edges)).
 */
export function layoutGraph(groups: readonly number[], edges: readonly (readonly [number, number])[], opts: LayoutOptions): GraphLayout {
  const distinct = Array.from(new Set(groups)).sort((a, b) => a - b);
  const colOf = groups.map((g) => distinct.indexOf(g));
  const columns: number[][] = distinct.map(() => []);
  groups.forEach((_, i) => columns[colOf[i]].push(i));
  const adj: number[][] = groups.map(() => []);
  for (const [a, b] of edges) {
    if (a === b || colOf[a] === colOf[b]) continue;
    adj[a].push(b);
    adj[b].push(a);
  }
  const pos: number[] = groups.map(() => 0);
  const place = () => columns.forEach((col) => col.forEach((n, r) => (pos[n] = (r + 0.5) / col.length)));
  place();
  for (let s = 0; s < opts.sweeps; s++) {
    const order = s % 2 === 0 ? columns : [...columns].reverse();
    for (const col of order) {
      const key = new Map<number, number>();
      for (const n of col) key.set(n, adj[n].length ? adj[n].reduce((t, m) => t + pos[m], 0) / adj[n].length : pos[n]);
      col.sort((a, b) => key.get(a)! - key.get(b)! || pos[a] - pos[b] || a - b);
      col.forEach((n, r) => (pos[n] = (r + 0.5) / col.length));
    }
  }
  const rows = Math.max(1, ...columns.map((c) => c.length));
  const x: number[] = groups.map(() => 0);
  const y: number[] = groups.map(() => 0);
  columns.forEach((col, c) => {
    const offset = ((rows - col.length) * opts.rowHeight) / 2;
    col.forEach((n, r) => {
      x[n] = opts.pad + c * opts.colWidth;
      y[n] = opts.pad + offset + r * opts.rowHeight;
    });
  });
  return {
    x,
    y,
    width: opts.pad * 2 + (columns.length - 1) * opts.colWidth + opts.nodeWidth,
    height: opts.pad * 2 + (rows - 1) * opts.rowHeight + opts.nodeHeight,
  };
}

/** The graph as the page embeds it (compact: indices instead of paths). */
export interface PageGraph {
  types: string[];
  /** [path, id, title, type index, score (-1: none), status]. */
  nodes: [string, string, string, number, number, string][];
  /** Per node, the nodes it points at: target × 8 + kinds (1 reference | 2 link | 4 mention). */
  out: number[][];
  /** Draw every spec when there are at most this many; else one spec's neighbourhood. */
  overviewMax: number;
  /** Specs drawn on each side of the focused one. */
  sideMax: number;
}

/** The few DOM members the script uses (the project type-checks without the DOM library). */
interface El {
  id: string;
  textContent: string | null;
  value: string;
  hidden: boolean;
  dataset: Record<string, string | undefined>;
  children: ArrayLike<El>;
  parentElement: El | null;
  classList: { add(c: string): void; remove(c: string): void; toggle(c: string, on?: boolean): void };
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
  appendChild(child: El): El;
  replaceChildren(...children: El[]): void;
  addEventListener(type: string, fn: (ev: { target: El | null; key?: string; preventDefault(): void }) => void): void;
  querySelector(sel: string): El | null;
  querySelectorAll(sel: string): ArrayLike<El>;
  closest(sel: string): El | null;
  scrollIntoView(opts?: object): void;
}
interface Doc {
  addEventListener(type: string, fn: (ev: { target: El | null; preventDefault(): void }) => void): void;
  getElementById(id: string): El | null;
  createElement(name: string): El;
  createElementNS(ns: string, name: string): El;
  querySelectorAll(sel: string): ArrayLike<El>;
}

/** The page's behaviour. `layout` is layoutGraph, handed in (its name may differ once minified). */
export function pageMain(doc: Doc, layout: typeof layoutGraph, data: PageGraph): void {
  const SVG = 'http://www.w3.org/2000/svg';
  const NODE_W = 190;
  const NODE_H = 34;
  const n = data.nodes.length;
  const fanIn: number[] = data.nodes.map(() => 0);
  const into: number[][] = data.nodes.map(() => []);
  const outOf: number[][] = data.nodes.map(() => []);
  const allEdges: [number, number, number][] = [];
  data.out.forEach((targets, a) => {
    for (const code of targets) {
      const b = Math.floor(code / 8);
      allEdges.push([a, b, code % 8]);
      fanIn[b]++;
      into[b].push(a);
      outOf[a].push(b);
    }
  });
  const byPath = new Map<string, number>();
  data.nodes.forEach((node, i) => byPath.set(node[0], i));
  const svg = doc.getElementById('graph-svg');
  const select = doc.getElementById('graph-focus');
  const info = doc.getElementById('graph-info');
  const all = doc.getElementById('graph-all');
  if (!svg || !select || !info || !all) return;

  const el = (name: string, attrs: Record<string, string | number>, text?: string): El => {
    const e = doc.createElementNS(SVG, name);
    for (const k of Object.keys(attrs)) e.setAttribute(k, String(attrs[k]));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const band = (score: number) => (score < 0 ? 'none' : score >= 80 ? 'good' : score >= 50 ? 'fair' : 'poor');
  const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
  const kinds = (k: number) => [k & 1 ? 'reference' : '', k & 2 ? 'link' : '', k & 4 ? 'mention' : ''].filter(Boolean).join(', ');

  let focus = -1;
  function draw(): void {
    let members: number[];
    let groups: number[];
    let note: string;
    if (focus < 0) {
      members = data.nodes.map((_, i) => i);
      groups = data.nodes.map((node) => node[3]);
      note = `${n} specs, ${allEdges.length} references. Click a spec to see only its neighbours.`;
    } else {
      const byFanIn = (a: number, b: number) => fanIn[b] - fanIn[a] || (data.nodes[a][0] < data.nodes[b][0] ? -1 : 1);
      const left = Array.from(new Set(into[focus])).filter((i) => i !== focus).sort(byFanIn);
      const right = Array.from(new Set(outOf[focus])).filter((i) => i !== focus && !left.includes(i)).sort(byFanIn);
      const shownLeft = left.slice(0, data.sideMax);
      const shownRight = right.slice(0, data.sideMax);
      members = [...shownLeft, focus, ...shownRight];
      groups = [...shownLeft.map(() => 0), 1, ...shownRight.map(() => 2)];
      const hidden = left.length - shownLeft.length + (right.length - shownRight.length);
      const f = data.nodes[focus];
      note = `${f[1] || f[0]}: referenced by ${left.length}, references ${outOf[focus].length}.${hidden ? ` ${hidden} not drawn.` : ''} Click a spec to follow it.`;
    }
    const local = new Map<number, number>();
    members.forEach((m, i) => local.set(m, i));
    const edges = allEdges.filter(([a, b]) => local.has(a) && local.has(b) && (focus < 0 || a === focus || b === focus));
    const pos = layout(
      groups,
      edges.map(([a, b]) => [local.get(a)!, local.get(b)!] as const),
      { colWidth: NODE_W + 110, rowHeight: NODE_H + 12, nodeWidth: NODE_W, nodeHeight: NODE_H, pad: 16, sweeps: 6 },
    );
    // Column titles above the columns: the types, or what points at the spec and what it points at.
    const LABEL_H = 22;
    pos.y = pos.y.map((v) => v + LABEL_H);
    const height = pos.height + LABEL_H;
    svg!.setAttribute('viewBox', `0 0 ${pos.width} ${height}`);
    svg!.setAttribute('width', String(pos.width));
    svg!.setAttribute('height', String(height));
    const labelLayer = el('g', { class: 'labels' });
    const columns = Array.from(new Set(groups)).sort((a, b) => a - b);
    columns.forEach((g) => {
      const i = groups.indexOf(g);
      const label = focus < 0 ? data.types[g] : ['Referenced by', 'Spec', 'References'][g];
      labelLayer.appendChild(el('text', { x: pos.x[i], y: 16 + 4, class: 'column' }, label ?? ''));
    });
    const edgeLayer = el('g', { class: 'edges' });
    for (const [a, b, k] of edges) {
      const i = local.get(a)!;
      const j = local.get(b)!;
      const forward = pos.x[j] >= pos.x[i];
      const x1 = pos.x[i] + (forward ? NODE_W : 0);
      const x2 = pos.x[j] + (forward ? 0 : NODE_W);
      // Two specs that point at each other: the backward arrow runs a little lower, so both show.
      const shift = forward ? 0 : 5;
      const y1 = pos.y[i] + NODE_H / 2 + shift;
      const y2 = pos.y[j] + NODE_H / 2 + shift;
      const bend = pos.x[i] === pos.x[j] ? 60 : Math.max(40, Math.abs(x2 - x1) / 2);
      const c1 = forward ? x1 + bend : x1 - bend;
      const c2 = pos.x[i] === pos.x[j] ? x2 + bend : forward ? x2 - bend : x2 + bend;
      const path = el('path', { d: `M${x1},${y1} C${c1},${y1} ${c2},${y2} ${x2},${y2}`, class: k === 4 ? 'edge mention' : 'edge', 'data-from': a, 'data-to': b, 'marker-end': 'url(#arrow)' });
      path.appendChild(el('title', {}, `${data.nodes[a][1] || data.nodes[a][0]} → ${data.nodes[b][1] || data.nodes[b][0]} (${kinds(k)})`));
      edgeLayer.appendChild(path);
    }
    const nodeLayer = el('g', { class: 'nodes' });
    members.forEach((m, i) => {
      const [path, id, title, , score, status] = data.nodes[m];
      const g = el('g', { class: `node ${band(score)}${m === focus ? ' focus' : ''}`, 'data-index': m, 'data-path': path, transform: `translate(${pos.x[i]},${pos.y[i]})`, tabindex: 0, role: 'button' });
      g.appendChild(el('rect', { width: NODE_W, height: NODE_H, rx: 6 }));
      g.appendChild(el('text', { x: 8, y: 14, class: 'id' }, id || path.slice(path.lastIndexOf('/') + 1)));
      g.appendChild(el('text', { x: 8, y: 27, class: 'title' }, cut(title, 30)));
      g.appendChild(el('text', { x: NODE_W - 8, y: 14, class: 'score', 'text-anchor': 'end' }, score < 0 ? '–' : String(score)));
      g.appendChild(el('title', {}, `${id ? `${id} ` : ''}${title}\n${path}\nscore ${score < 0 ? 'n/a' : score}${status ? ` · ${status}` : ''} · referenced by ${fanIn[m]}`));
      nodeLayer.appendChild(g);
    });
    const defs = el('defs', {});
    const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    marker.appendChild(el('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' }));
    defs.appendChild(marker);
    svg!.replaceChildren(defs, labelLayer, edgeLayer, nodeLayer);
    info!.textContent = note;
    select!.value = focus < 0 ? '' : data.nodes[focus][0];
    all!.hidden = focus < 0 || n > data.overviewMax;
  }

  function show(index: number, scroll: boolean): void {
    focus = index;
    draw();
    if (scroll) doc.getElementById('graph')?.scrollIntoView({ block: 'start' });
  }

  const order = data.nodes.map((_, i) => i).sort((a, b) => (data.nodes[a][1] || data.nodes[a][0]).localeCompare(data.nodes[b][1] || data.nodes[b][0], 'en', { numeric: true }));
  if (n <= data.overviewMax) {
    const opt = doc.createElement('option');
    opt.value = '';
    opt.textContent = 'All specs';
    select.appendChild(opt);
  }
  for (const i of order) {
    const opt = doc.createElement('option');
    opt.value = data.nodes[i][0];
    opt.textContent = `${data.nodes[i][1] ? `${data.nodes[i][1]} · ` : ''}${cut(data.nodes[i][2] || data.nodes[i][0], 60)}`;
    select.appendChild(opt);
  }
  select.addEventListener('change', () => show(select.value ? byPath.get(select.value)! : -1, false));
  all.addEventListener('click', () => show(-1, false));
  const pick = (ev: { target: El | null }) => {
    const g = ev.target?.closest('g.node');
    if (g) show(Number(g.dataset.index), false);
  };
  svg.addEventListener('click', pick);
  svg.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      pick(ev);
    }
  });
  svg.addEventListener('mouseover', (ev) => {
    const g = ev.target?.closest('g.node');
    const index = g ? g.dataset.index : undefined;
    const lines = svg.querySelectorAll('path.edge');
    for (let i = 0; i < lines.length; i++) lines[i].classList.toggle('lit', index !== undefined && (lines[i].getAttribute('data-from') === index || lines[i].getAttribute('data-to') === index));
  });
  // A row's "Referenced by" count shows its spec in the graph (one listener for every row).
  doc.addEventListener('click', (ev) => {
    const link = ev.target?.closest('a.focus');
    const i = link ? byPath.get(link.closest('tr')?.dataset.path ?? '') : undefined;
    if (i === undefined) return;
    ev.preventDefault();
    show(i, true);
  });
  if (n > 0) show(n <= data.overviewMax ? -1 : fanIn.indexOf(Math.max(...fanIn)), false);

  // Filter: rows whose text holds every word typed; each type's count follows.
  const filter = doc.getElementById('filter');
  filter?.addEventListener('input', () => {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    for (const table of Array.from(doc.querySelectorAll('table.specs'))) {
      let shown = 0;
      const rows = table.querySelectorAll('tbody > tr');
      for (let i = 0; i < rows.length; i++) {
        const text = (rows[i].textContent ?? '').toLowerCase();
        rows[i].hidden = !words.every((w) => text.includes(w));
        if (!rows[i].hidden) shown++;
      }
      const count = table.parentElement?.querySelector('.count');
      if (count) count.textContent = words.length ? `${shown} of ${rows.length}` : String(rows.length);
    }
  });

  // Sort a table by a column: numbers by value (missing last), text alphabetically (a data attribute,
  // else the cell's text); again to reverse.
  for (const th of Array.from(doc.querySelectorAll('table.specs th[aria-sort]'))) {
    th.addEventListener('click', () => {
      const table = th.closest('table')!;
      const key = th.dataset.sort;
      const column = Number(th.dataset.sortColumn);
      const numeric = th.dataset.numeric === '1';
      const down = th.getAttribute('aria-sort') !== 'ascending';
      const body = table.querySelector('tbody')!;
      const rows = Array.from(body.children);
      const value = (r: El) => (key ? (r.dataset[key] ?? '') : (r.children[column]?.textContent ?? '').replace(/^—$/, ''));
      rows.sort((a, b) => {
        if (numeric) {
          const va = value(a) === '' ? Infinity : Number(value(a));
          const vb = value(b) === '' ? Infinity : Number(value(b));
          return down ? va - vb : vb - va;
        }
        return down ? value(a).localeCompare(value(b), 'en', { numeric: true }) : value(b).localeCompare(value(a), 'en', { numeric: true });
      });
      for (const other of Array.from(table.querySelectorAll('th[aria-sort]'))) other.setAttribute('aria-sort', 'none');
      th.setAttribute('aria-sort', down ? 'ascending' : 'descending');
      for (const r of rows) body.appendChild(r);
    });
  }
}

/** The script as the page embeds it: both functions as source, run on the embedded graph data. */
export function pageScript(): string {
  return `(function () {\n  var layout = (${layoutGraph.toString()});\n  var main = (${pageMain.toString()});\n  var data = JSON.parse(document.getElementById('spec-graph').textContent);\n  main(document, layout, data);\n})();\n`;
}
