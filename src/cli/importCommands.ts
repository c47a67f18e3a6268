import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { importGlpi } from '../app/import/glpiImport.js';
import { openGlpiDatabase } from '../channels/glpi/glpiDatabase.js';
import { openGlpiFiles } from '../channels/glpi/glpiFiles.js';
import { DEFAULT_GLPI_MAPPING, type GlpiMapping, mappingWithOverrides } from '../domain/glpi/glpiMapping.js';
import { isTimeZone } from '../domain/glpi/glpiTime.js';
import { out, withContext } from './runtime.js';

const entityId = (value: string, previous: number[] = []) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 0)
    throw new Error(`--entity takes a GLPI entity id (a number), not ${value}`);
  return [...previous, id];
};

/** The default table with the overrides of the operator's file, or what is wrong with the file. */
async function mappingFrom(path: string | undefined): Promise<GlpiMapping> {
  if (!path) return DEFAULT_GLPI_MAPPING;
  const written = await readFile(path, 'utf8').catch(() => {
    throw new Error(`cannot read the mapping file ${path}`);
  });
  let overrides: unknown;
  try {
    overrides = JSON.parse(written);
  } catch {
    throw new Error(`the mapping file ${path} is not JSON`);
  }
  const { mapping, problems } = mappingWithOverrides(overrides);
  if (problems.length > 0) throw new Error(`the mapping file ${path}: ${problems.join('; ')}`);
  return mapping;
}

interface GlpiOptions {
  database: string;
  files: string;
  entity?: number[];
  dryRun?: boolean;
  timezone: string;
  mapping?: string;
}

export function registerImportCommands(program: Command): void {
  const importing = program.command('import').description('bring another help desk’s data into this one');
  importing
    .command('glpi')
    .description(
      'take a GLPI 9.5 / 10 helpdesk: entities, self-service users, technicians, tickets with their history and files (docs/glpi-import.md)',
    )
    .requiredOption('--database <url>', 'the GLPI database, mysql://USER:PASS@HOST/DB')
    .requiredOption('--files <dir>', 'GLPI’s files folder (GLPI_DOC_DIR), where its documents lie')
    .option(
      '--entity <id>',
      'a GLPI entity that is a customer (repeat it); every entity but the root when left out',
      entityId,
    )
    .option('--dry-run', 'read everything and say what would happen, writing nothing')
    .option(
      '--timezone <zone>',
      'the zone GLPI wrote its times in, when its database server ran in another (docs/glpi-import.md)',
      'UTC',
    )
    .option('--mapping <file>', 'a JSON file overriding the status and priority table')
    .action(async (options: GlpiOptions) => {
      if (!isTimeZone(options.timezone))
        throw new Error(`--timezone takes a time zone such as Europe/Moscow, not ${options.timezone}`);
      const mapping = await mappingFrom(options.mapping);
      const files = await openGlpiFiles(options.files);
      const source = await openGlpiDatabase(options.database, { timeZone: options.timezone });
      process.stderr.write(
        `reading GLPI ${source.version}${options.dryRun ? ' (dry run: nothing is written)' : ''}\n`,
      );
      try {
        await withContext(async (ctx) => {
          const report = await importGlpi(ctx, source, {
            entityIds: options.entity ?? null,
            files,
            mapping,
            dryRun: options.dryRun === true,
            onProgress: (kind, done) => process.stderr.write(`${kind}: ${done}\n`),
          });
          for (const skipped of report.skipped)
            out(`skipped GLPI ${skipped.kind} ${skipped.id}: ${skipped.reason}`);
          out(JSON.stringify({ ...report, skipped: report.skipped.length }));
        });
      } finally {
        await source.close();
      }
    });
}
