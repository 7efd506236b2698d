// platform/tracing.ts: when tracing is on, which service name a process gets, and that with no
// OTLP endpoint nothing of the OpenTelemetry SDK is loaded (the "off and free" half of issue 18;
// the "on" half runs real processes: test/e2e/tracing.e2e.test.ts).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { activeTraceId, blankLiterals, serviceNameOf, startTracing, tracingStarted, tracingWanted, withTraceId } from '../../platform/tracing.js';

const require = createRequire(import.meta.url);

describe('tracing', () => {
  it('is wanted only with an OTLP endpoint, and not when the SDK is disabled', () => {
    expect(tracingWanted({})).toBe(false);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: '' })).toBe(false);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(tracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toBe(false);
  });

  it('names the service after the script the process runs, source or compiled, unless OTEL_SERVICE_NAME says', () => {
    expect(serviceNameOf('/srv/credit/subgraphs/court-debtors/main.ts', {})).toBe('court-debtors');
    expect(serviceNameOf('/srv/credit/tmp/compiled/e2e-1/subgraphs/registry/main.js', {})).toBe('registry');
    expect(serviceNameOf('C:\\credit\\gateway\\main.ts', {})).toBe('gateway');
    expect(serviceNameOf('/srv/credit/scripts/seed.ts', {})).toBe('credit-federation');
    expect(serviceNameOf('/srv/credit/gateway/main.ts', { OTEL_SERVICE_NAME: 'gateway-eu' })).toBe('gateway-eu');
  });

  it('blanks every literal of a statement before it is recorded, and no name', () => {
    // What MikroORM runs: values written into the SQL.
    expect(blankLiterals("select `o0`.* from `organization` as `o0` where `o0`.`uscc` in ('12231102245322526M', '91230000MA1A2B3C4D')"))
      .toBe('select `o0`.* from `organization` as `o0` where `o0`.`uscc` in (?, ?)');
    // A name with a quote in it, an ID number, numbers, a negative and a decimal.
    expect(blankLiterals("select * from `debtor` where `name` = 'O''Brien 张三' and `id_number` = '230102199001011234' and `amount` > 1500.25 and `age` > -1 limit 20 offset 40"))
      .toBe('select * from `debtor` where `name` = ? and `id_number` = ? and `amount` > ? and `age` > ? limit ? offset ?');
    // Digits within names and PostgreSQL's placeholders stay; a literal cut off by the length limit goes whole.
    expect(blankLiterals('select "t1"."c2", `r0`.`code` from "t1" join r0 on x = $1')).toBe('select "t1"."c2", `r0`.`code` from "t1" join r0 on x = $1');
    expect(blankLiterals("insert into `audit` (`who`) values ('230102199001")).toBe('insert into `audit` (`who`) values (?');
  });

  it('without an endpoint starts nothing and loads none of the SDK; log lines and answers get no trace id', () => {
    expect(startTracing('registry', {})).toBe(false);
    expect(tracingStarted()).toBe(false);
    const loaded = Object.keys(require.cache).filter((path) => /@opentelemetry[\\/](sdk-trace-node|exporter-trace-otlp-http|instrumentation-)/.test(path));
    expect(loaded).toEqual([]);
    expect(activeTraceId()).toBeUndefined();
    expect(withTraceId({ msg: 'request' })).toEqual({ msg: 'request' });
  });
});
