// Removes dist/ before a build so that compiled files of deleted sources (and their tests) do not linger.
import { rmSync } from 'node:fs';
rmSync('dist', { recursive: true, force: true });
