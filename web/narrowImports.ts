import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

interface Narrowing {
  /** Which of the library's files import it. */
  importer: RegExp;
  /** The whole module they import. */
  source: string;
  /** Ours, giving the little they use. */
  replacement: string;
}

/**
 * A few Mantine components import one small thing from a large module, and a module cannot be split
 * between chunks: every page with a table would download the floating placement library for
 * ScrollArea's ref merging, and every page with a header (AppShell's header, footer and aside) the dialogs' scroll lock for two class names.
 * For those importers alone, the import resolves to a file of ours that gives just that. The build
 * fails if an importer no longer imports it so (after a Mantine upgrade), rather than silently carrying
 * the module again.
 */
const NARROWINGS: Narrowing[] = [
  {
    importer: /@mantine[\\/]core[\\/]esm[\\/]components[\\/]ScrollArea[\\/]ScrollArea\.mjs$/,
    source: '@floating-ui/react',
    replacement: 'src/vendor/mergeRefs.ts',
  },
  {
    importer:
      /@mantine[\\/]core[\\/]esm[\\/]components[\\/]AppShell[\\/]AppShell(Header|Footer|Aside)[\\/]AppShell\1\.mjs$/,
    source: 'react-remove-scroll',
    replacement: 'src/vendor/removeScrollClassNames.ts',
  },
];

export function narrowImports(): Plugin {
  const used = new Set<Narrowing>();
  return {
    name: 'supportdesk:narrow-imports',
    enforce: 'pre',
    resolveId(source, importer) {
      const narrowing = NARROWINGS.find(
        (each) => each.source === source && importer && each.importer.test(importer),
      );
      if (!narrowing) return null;
      used.add(narrowing);
      return fileURLToPath(new URL(narrowing.replacement, import.meta.url));
    },
    generateBundle() {
      for (const narrowing of NARROWINGS)
        if (!used.has(narrowing))
          this.error(
            `nothing imports ${narrowing.source} as ${narrowing.importer} any more: drop that narrowing`,
          );
    },
  };
}
