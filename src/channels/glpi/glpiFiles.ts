import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { type GlpiFiles, GlpiSourceError } from '../../app/ports/glpiSource.js';

/**
 * GLPI's files folder (GLPI_DOC_DIR, `files/` of a GLPI install), read-only. A document's path comes from
 * GLPI's database: one that would lead outside the folder is refused, never followed.
 */
export async function openGlpiFiles(folder: string): Promise<GlpiFiles> {
  const root = resolve(folder);
  const found = await stat(root).catch(() => null);
  if (!found?.isDirectory()) throw new GlpiSourceError(`the GLPI files folder ${root} does not exist`);
  const locate = (filePath: string) => join(root, filePath);
  return {
    locate,
    async read(filePath) {
      const path = resolve(locate(filePath));
      const inside = relative(root, path);
      if (!filePath || inside.startsWith('..') || isAbsolute(inside)) return null;
      try {
        return await readFile(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}
