// Writes the windows-1256 sample page from its UTF-8 source, to test charset detection on a real legacy encoding.
// Input: scripts/sample-src/enab-hol-camp.utf8.html; output: samples/enab-hol-camp.html (windows-1256 bytes).
import { readFileSync, writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';

const source = readFileSync('scripts/sample-src/enab-hol-camp.utf8.html', 'utf8');
writeFileSync('samples/enab-hol-camp.html', iconv.encode(source, 'windows-1256'));
