// Copies versioned data files (src/**/data/*) next to the compiled JS so dist/ is self-contained.
import { cpSync, existsSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) continue;
    if (name === 'data') {
      const target = join('dist', relative('src', path));
      mkdirSync(target, { recursive: true });
      cpSync(path, target, { recursive: true });
    } else walk(path);
  }
}
if (existsSync('src')) walk('src');
