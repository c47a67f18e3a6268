import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SOURCE = normalize(join(import.meta.dirname, '../src'));
const WEB_SOURCE = normalize(join(import.meta.dirname, '../web/src'));
/** The web's own reading of the reader's clock. */
const WEB_CLOCK = 'clock.ts';

/**
 * The layers, lowest first. A file imports only from its own layer or lower ones: the domain from
 * nothing, the use cases not from the channels that call them, nothing from the composition root.
 */
const LAYERS: Record<string, number> = {
  domain: 0,
  contract: 1,
  'config.ts': 1,
  // The configuration's parts, below it: the shared field readers, then the directory and SSO settings.
  'configFields.ts': 0.8,
  'staffDirectoryConfig.ts': 0.9,
  db: 2,
  i18n: 2,
  'logger.ts': 2,
  app: 3,
  // Adapters to the outside world, implementing the use cases' ports: mail, Telegram, file storage.
  channels: 4,
  storage: 4,
  http: 4,
  jobs: 4,
  // The Prometheus adapter reads the use cases' figures and is served by the HTTP app.
  'metrics.ts': 3.5,
  'wiring.ts': 5,
  'server.ts': 5.5,
  cli: 6,
};

/** Only the clock adapter reads the system clock: everything else is given the time. */
const CLOCK_ADAPTER = 'domain/calendar/clock.ts';

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const layerOf = (path: string) => relative(SOURCE, path).split('/')[0] ?? '';

const files = sourceFiles(SOURCE).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

/** The files a file imports from the project, as paths relative to src. */
const importsOf = (path: string, text: string) =>
  [...text.matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((match) =>
    normalize(join(dirname(path), (match[1] as string).replace(/\.js$/, '.ts'))),
  );

/** The groups of files that import one another in a circle (strongly connected, Tarjan's algorithm). */
function importCircles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const circle: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      circle.push(member);
      if (member === node) break;
    }
    if (circle.length > 1 || graph.get(node)?.includes(node)) circles.push(circle.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return circles;
}

describe('the architecture', () => {
  it('gives every source folder a layer', () => {
    const unplaced = [...new Set(files.map((file) => layerOf(file.path)))].filter(
      (layer) => !(layer in LAYERS),
    );
    expect(unplaced).toEqual([]);
  });

  it('has no import that points up a layer', () => {
    const upward = files.flatMap(({ path, text }) => {
      const own = LAYERS[layerOf(path)] ?? -1;
      return importsOf(path, text)
        .filter((target) => layerOf(target) !== layerOf(path) && (LAYERS[layerOf(target)] ?? 99) >= own)
        .map((target) => `${relative(SOURCE, path)} -> ${relative(SOURCE, target)}`);
    });
    expect(upward).toEqual([]);
  });

  it('keeps the domain pure: no library, no Node.js module', () => {
    const impure = files
      .filter((file) => layerOf(file.path) === 'domain')
      .flatMap(({ path, text }) =>
        [...text.matchAll(/from '([^.][^']*)'/g)].map((match) => `${relative(SOURCE, path)}: ${match[1]}`),
      );
    expect(impure).toEqual([]);
  });

  it('reads the system clock only in the clock adapter', () => {
    const readers = files
      .filter(
        ({ path, text }) =>
          relative(SOURCE, path) !== CLOCK_ADAPTER && /new Date\(\)|Date\.now\(\)/.test(text),
      )
      .map(({ path }) => relative(SOURCE, path));
    expect(readers).toEqual([]);
  });

  it('reads the browser clock in the web in one place only', () => {
    const readers = sourceFiles(WEB_SOURCE)
      .filter((path) => relative(WEB_SOURCE, path) !== WEB_CLOCK)
      .filter((path) => /new Date\(\)|Date\.now\(\)/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(WEB_SOURCE, path));
    expect(readers).toEqual([]);
  });

  it('has no import cycle, not even of types alone', () => {
    const graph = new Map(
      files.map(({ path, text }) => [
        relative(SOURCE, path),
        importsOf(path, text).map((target) => relative(SOURCE, target)),
      ]),
    );
    expect(importCircles(graph)).toEqual([]);
  });

  it('keeps the use cases in folders by area: nothing loose beside the context and its ports', () => {
    const root = readdirSync(join(SOURCE, 'app'), { withFileTypes: true });
    expect(root.filter((entry) => !entry.isDirectory()).map((entry) => entry.name)).toEqual(['context.ts']);
    expect(root.some((entry) => entry.isDirectory() && entry.name === 'ports')).toBe(true);
  });

  it('would see a circle of imports if one were written', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(importCircles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect(
      importCircles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('would see an upward import or a clock read if one were written', () => {
    const sample = join(SOURCE, 'domain/sample.ts');
    expect(importsOf(sample, "import { x } from '../app/context.js';")).toEqual([
      join(SOURCE, 'app/context.ts'),
    ]);
    expect(/new Date\(\)|Date\.now\(\)/.test('const at = Date.now();')).toBe(true);
  });
});
