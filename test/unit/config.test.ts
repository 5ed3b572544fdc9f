import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const SECRET = 'a-session-secret-that-is-long-enough-0123456789';

describe('loadConfig', () => {
  it('is demo mode with defaults when no upstream URL is set', () => {
    const config = loadConfig({});
    expect(config.demo).toBe(true);
    expect(config.env).toBe('development');
    expect(config.introspection).toBe(true);
    expect(config.schemaEndpoint).toBe(true);
    expect(config.upstreams.hr.url).toBeUndefined();
    expect(config.http).toMatchObject({ deadlineMs: 10_000, retries: 2, circuitFailureRatio: 0.5, circuitWindowMs: 10_000, circuitMinCalls: 20, circuitHalfOpenAfterMs: 10_000 });
    expect(config.session).toMatchObject({ idleTtlSeconds: 1_800, absoluteTtlSeconds: 43_200, cookie: false });
    expect(loadConfig({ SESSION_COOKIE: 'true' }).session.cookie).toBe(true);
  });

  it('leaves demo mode when any URL is set, and then needs SESSION_SECRET', () => {
    expect(() => loadConfig({ HR_URL: 'http://hr.internal:8000' })).toThrow(/SESSION_SECRET/);
    const config = loadConfig({ HR_URL: 'http://hr.internal:8000/', SESSION_SECRET: SECRET, NODE_ENV: 'production', UPSTREAM_DEADLINE_MS: '250' });
    expect(config).toMatchObject({ demo: false, env: 'production', introspection: false, schemaEndpoint: false, upstreams: { hr: { url: 'http://hr.internal:8000/' } }, http: { deadlineMs: 250 } });
  });

  it('links employees for HR and REHIVE users unless EMPLOYEE_LINK_UPSTREAMS says otherwise', () => {
    expect([...loadConfig({}).employeeLinkUpstreams]).toEqual(['hr', 'rehive']);
    expect([...loadConfig({ EMPLOYEE_LINK_UPSTREAMS: ' hr ' }).employeeLinkUpstreams]).toEqual(['hr']);
  });

  it('serves /schema.graphql outside production unless SCHEMA_ENDPOINT says otherwise', () => {
    expect(loadConfig({ SCHEMA_ENDPOINT: 'false' }).schemaEndpoint).toBe(false);
    expect(loadConfig({ HR_URL: 'http://hr.internal:8000/', SESSION_SECRET: SECRET, NODE_ENV: 'production', SCHEMA_ENDPOINT: 'true' }).schemaEndpoint).toBe(true);
  });

  it('turns tracing on with an OTLP endpoint, from the standard OTEL_* variables', () => {
    expect(loadConfig({}).tracing).toBeUndefined();
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }).tracing).toBeUndefined();
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing).toEqual({
      url: 'http://collector:4318/v1/traces',
      protocol: 'http/protobuf',
      headers: {},
      timeoutMs: 10_000,
      compression: 'none',
      serviceName: 'gatehouse',
      resourceAttributes: {},
      sampler: { name: 'parentbased_always_on', ratio: 1 },
      batch: { scheduleDelayMs: 5_000, exportTimeoutMs: 30_000, maxQueueSize: 2_048, maxExportBatchSize: 512 },
      resolverSpans: false,
    });
    const tracing = loadConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector.example.com/otlp/',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_HEADERS: 'api-key=a%20secret, x-tenant = one',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-tenant=two',
      OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '2500',
      OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
      OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-resource,deployment.environment.name=staging',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
      TRACING_RESOLVER_SPANS: 'true',
    }).tracing;
    expect(tracing).toMatchObject({
      url: 'https://collector.example.com/otlp/v1/traces',
      protocol: 'http/json',
      headers: { 'api-key': 'a secret', 'x-tenant': 'two' },
      timeoutMs: 2_500,
      compression: 'gzip',
      serviceName: 'from-resource',
      resourceAttributes: { 'service.name': 'from-resource', 'deployment.environment.name': 'staging' },
      sampler: { name: 'parentbased_traceidratio', ratio: 0.25 },
      resolverSpans: true,
    });
    // The signal-specific endpoint is the whole URL; OTEL_SERVICE_NAME wins over the resource's.
    expect(loadConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/custom', OTEL_SERVICE_NAME: 'edge', OTEL_RESOURCE_ATTRIBUTES: 'service.name=x' }).tracing).toMatchObject({
      url: 'http://collector:4318/custom',
      serviceName: 'edge',
    });
  });

  it('never repeats a bad OTLP header value in its message (it may be a credential)', () => {
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_HEADERS: 'api-key=%E0%A4%A' })).toThrow(/^Invalid configuration:\n {2}OTEL_EXPORTER_OTLP_HEADERS: must be key=value pairs/);
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_HEADERS: 'api-key=%E0%A4%A' })).not.toThrow(/%E0/);
  });

  it('reads the trusted-document settings; only-mode needs a manifest', () => {
    expect(loadConfig({}).persistedDocuments).toBeUndefined();
    expect(loadConfig({ PERSISTED_DOCUMENTS: 'manifest.json' }).persistedDocuments).toEqual({ path: 'manifest.json', only: false });
    expect(loadConfig({ PERSISTED_DOCUMENTS: 'manifest.json', PERSISTED_DOCUMENTS_ONLY: 'true' }).persistedDocuments).toEqual({ path: 'manifest.json', only: true });
    expect(() => loadConfig({ PERSISTED_DOCUMENTS_ONLY: 'true' })).toThrow(/PERSISTED_DOCUMENTS_ONLY: needs PERSISTED_DOCUMENTS/);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ HR_URL: '', PORT: '' })).toMatchObject({ demo: true, port: 4000 });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ UPSTREAM_DEADLINE_MS: '0' }, 'UPSTREAM_DEADLINE_MS'],
    [{ CIRCUIT_FAILURE_RATIO: '1' }, 'CIRCUIT_FAILURE_RATIO'],
    [{ CIRCUIT_FAILURE_RATIO: '0' }, 'CIRCUIT_FAILURE_RATIO'],
    [{ CIRCUIT_MIN_CALLS: '1.5' }, 'CIRCUIT_MIN_CALLS'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ INTROSPECTION: 'yes' }, 'INTROSPECTION'],
    [{ SCHEMA_ENDPOINT: 'on' }, 'SCHEMA_ENDPOINT'],
    [{ HR_URL: 'ftp://hr.internal' }, 'HR_URL'],
    [{ HR_URL: 'http://hr.internal/?x=1', SESSION_SECRET: SECRET }, 'HR_URL'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ LENEL_SERVICE_USERNAME: 'svc' }, 'LENEL_SERVICE_PASSWORD'],
    [{ EMPLOYEE_LINK_UPSTREAMS: 'HR,LENEL' }, 'EMPLOYEE_LINK_UPSTREAMS'],
    [{ HTTP_HEADERS_TIMEOUT_MS: '40000' }, 'HTTP_HEADERS_TIMEOUT_MS'],
    [{ CORS_ORIGINS: 'https://app.example.com/' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
    [{ SESSION_COOKIE: 'yes' }, 'SESSION_COOKIE'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, 'OTEL_EXPORTER_OTLP_ENDPOINT'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, 'OTEL_EXPORTER_OTLP_PROTOCOL'],
    [{ OTEL_EXPORTER_OTLP_HEADERS: 'no-equals-sign' }, 'OTEL_EXPORTER_OTLP_HEADERS'],
    [{ OTEL_TRACES_SAMPLER: 'sometimes' }, 'OTEL_TRACES_SAMPLER'],
    [{ OTEL_TRACES_SAMPLER_ARG: '1.5' }, 'OTEL_TRACES_SAMPLER_ARG'],
    [{ OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '4096' }, 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE'],
    [{ TRACING_RESOLVER_SPANS: 'yes' }, 'TRACING_RESOLVER_SPANS'],
  ])('a bad value names the variable: %j', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(variable);
  });
});
