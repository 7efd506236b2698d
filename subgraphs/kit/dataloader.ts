// DataLoader for every loader of the kit and the subgraphs: import it from here, not from
// 'dataloader'. When tracing is on (platform/tracing.ts), each batch is a span,
// `dataloader.batch <name>`, with the batch's SQL statements beneath it; one span per batch, not per
// key (the OpenTelemetry DataLoader instrumentation adds one per `load`, which cost the profile
// query about a tenth of its throughput). When tracing is off this is DataLoader itself.
import { SpanStatusCode, trace } from '@opentelemetry/api';
import DataLoaderClass from 'dataloader';
import { tracingStarted } from '../../platform/tracing.js';

const tracer = trace.getTracer('credit-federation/dataloader');

/** The batch function, run inside a span when the request is traced. */
function tracedBatch<K, V>(batch: DataLoaderClass.BatchLoadFn<K, V>, name: string | undefined): DataLoaderClass.BatchLoadFn<K, V> {
  return (keys) => {
    if (!trace.getActiveSpan()?.isRecording()) return batch(keys);
    return tracer.startActiveSpan(name ? `dataloader.batch ${name}` : 'dataloader.batch', { attributes: { 'dataloader.keys': keys.length } }, async (span) => {
      try {
        return await batch(keys);
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    });
  };
}

class TracedDataLoader<K, V, C = K> extends DataLoaderClass<K, V, C> {
  constructor(batch: DataLoaderClass.BatchLoadFn<K, V>, options?: DataLoaderClass.Options<K, V, C>) {
    super(tracedBatch(batch, options?.name ?? undefined), options);
  }
}

// Decided once: this module loads after platform/tracing-preload.ts has started tracing or not.
export const DataLoader: typeof DataLoaderClass = tracingStarted() ? TracedDataLoader : DataLoaderClass;
export type DataLoader<K, V, C = K> = DataLoaderClass<K, V, C>;
