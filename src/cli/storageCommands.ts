import type { Command } from 'commander';
import { migrateFiles } from '../app/files/storageMigration.js';
import { loadConfig } from '../config.js';
import { FileSystemStore } from '../storage/fileSystemStore.js';
import { S3FileStore } from '../storage/s3Store.js';
import { out, withContext } from './runtime.js';

export function registerStorageCommands(program: Command): void {
  const storage = program.command('storage').description('where file bytes are kept');
  storage
    .command('migrate')
    .description(
      'copy the files under DATA_DIR into the S3 bucket the configuration names (STORAGE=s3); run it again to resume',
    )
    .action(async () => {
      const config = loadConfig();
      if (!config.s3) throw new Error('STORAGE=s3 and the S3_* settings name the bucket to copy into');
      const from = new FileSystemStore(config.dataDir, config.attachmentMaxBytes);
      const bucket = config.s3;
      await withContext(async (ctx) => {
        const to = new S3FileStore(bucket, config.attachmentMaxBytes, ctx.clock);
        const report = await migrateFiles(ctx, from, to);
        out(
          `copied ${report.copied}, already in the bucket ${report.alreadyThere}, missing ${report.missing.length}`,
        );
        for (const key of report.missing) out(`missing under ${from.root}: ${key}`);
      });
    });
}
