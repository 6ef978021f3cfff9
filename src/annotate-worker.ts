// Worker-thread entry: cleans, annotates and prepares batches of pages with its own pipeline context.
// Input: { seq, pages } messages. Output: { seq, results } with each page's articles or error values.
import { parentPort, workerData } from 'node:worker_threads';
import { analysePages, type AnalysisRequest } from './annotate-pool.js';
import { createPipelineContext, type PipelineOptions } from './pipeline.js';

const context = createPipelineContext((workerData ?? {}) as PipelineOptions);

parentPort?.on('message', (request: AnalysisRequest) => {
  parentPort?.postMessage({ seq: request.seq, results: analysePages(request.pages, context) });
});
