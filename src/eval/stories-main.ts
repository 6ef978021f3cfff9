// `node dist/eval/stories-main.js [samples-dir] [--json]`: clusters the sample articles and scores the stories.
// Input: samples/ with its stories.json. Output: the score table (or the JSON report) on stdout.
import { resolve } from 'node:path';
import { formatStoriesReport, scoreStoriesOnSamples } from './stories.js';

const argv = process.argv.slice(2);
const dirArgument = argv.find((a) => !a.startsWith('--'));
const report = await scoreStoriesOnSamples(dirArgument ? resolve(dirArgument) : undefined);
process.stdout.write((argv.includes('--json') ? JSON.stringify(report, null, 2) : formatStoriesReport(report)) + '\n');
