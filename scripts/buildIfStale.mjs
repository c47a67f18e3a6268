// `npm install` builds the desk (the `prepare` script); `npm start` builds again only when a source is
// newer than what was built, so a fresh install starts at once and an edited tree is never served stale.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src', 'web', 'package.json', 'tsconfig.json'];
const BUILT = ['dist/cli/main.js', 'dist/web/index.html'];

function newestChange(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestChange(join(path, entry)));
  }
  return newest;
}

function builtAt() {
  try {
    return Math.min(...BUILT.map((file) => statSync(file).mtimeMs));
  } catch {
    return 0;
  }
}

if (Math.max(...SOURCES.map(newestChange)) > builtAt()) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  process.exit(build.status ?? 1);
}
