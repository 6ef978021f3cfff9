// Worker-thread entry: cleans, annotates and prepares batches of pages with its own pipeline context.
// Input: { seq, pages, cleaned } messages (pages as read, or cleaned by the sender). Output: { seq, results } with each
// page's articles or error values.
import { parentPort, workerData } from 'node:worker_threads';
import { answerRequest, type AnalysisRequest } from './annotate-pool.js';
import { createPipelineContext, type PipelineOptions } from './pipeline.js';

const context = createPipelineContext((workerData ?? {}) as PipelineOptions);

parentPort?.on('message', (request: AnalysisRequest) => {
  parentPort?.postMessage({ seq: request.seq, results: answerRequest(request, context) });
});
