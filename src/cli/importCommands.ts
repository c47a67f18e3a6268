import type { Command } from 'commander';
import { importGlpi } from '../app/import/glpiImport.js';
import { openGlpiDatabase } from '../channels/glpi/glpiDatabase.js';
import { out, withContext } from './runtime.js';

const entityId = (value: string, previous: number[] = []) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 0)
    throw new Error(`--entity takes a GLPI entity id (a number), not ${value}`);
  return [...previous, id];
};

export function registerImportCommands(program: Command): void {
  const importing = program.command('import').description('bring another help desk’s data into this one');
  importing
    .command('glpi')
    .description(
      'take a GLPI 9.5 / 10 database’s customers and people: entities, self-service users, technicians (docs/glpi-import.md)',
    )
    .requiredOption('--database <url>', 'the GLPI database, mysql://USER:PASS@HOST/DB')
    .option(
      '--entity <id>',
      'a GLPI entity that is a customer (repeat it); every entity but the root when left out',
      entityId,
    )
    .option('--dry-run', 'read everything and say what would happen, writing nothing')
    .action(async (options: { database: string; entity?: number[]; dryRun?: boolean }) => {
      const source = await openGlpiDatabase(options.database);
      process.stderr.write(
        `reading GLPI ${source.version}${options.dryRun ? ' (dry run: nothing is written)' : ''}\n`,
      );
      try {
        await withContext(async (ctx) => {
          const report = await importGlpi(ctx, source, {
            entityIds: options.entity ?? null,
            dryRun: options.dryRun === true,
            onProgress: (kind, done) => {
              if (done % 1_000 === 0) process.stderr.write(`${kind}: ${done}\n`);
            },
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
