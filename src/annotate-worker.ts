// Worker-thread entry: annotates batches of article drafts with its own pipeline context.
// Input: { seq, drafts } messages. Output: { seq, results } with a Document or an error per draft.
import { parentPort } from 'node:worker_threads';
import { annotateDrafts, type AnnotationRequest } from './annotate-pool.js';
import { createPipelineContext } from './pipeline.js';

const context = createPipelineContext();

parentPort?.on('message', (request: AnnotationRequest) => {
  parentPort?.postMessage({ seq: request.seq, results: annotateDrafts(request.drafts, context) });
});
