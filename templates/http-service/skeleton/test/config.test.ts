import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../src/config.ts';

{% if values.database %}const base = { DATABASE_URL: 'postgres://app:app@localhost:5432/app' };
{% else %}const base = {};
{% endif %}

test('defaults are applied', () => {
  const config = loadConfig({ ...base });
  assert.equal(config.port, ${{ values.port }});
  assert.equal(config.host, '0.0.0.0');
  assert.equal(config.logLevel, 'info');
  assert.equal(config.shutdownTimeoutMs, 25_000);
});

test('environment overrides defaults', () => {
  const config = loadConfig({ ...base, PORT: '9090', LOG_LEVEL: 'debug', SHUTDOWN_TIMEOUT_MS: '1000' });
  assert.equal(config.port, 9090);
  assert.equal(config.logLevel, 'debug');
  assert.equal(config.shutdownTimeoutMs, 1000);
});

test('invalid numbers fail fast', () => {
  assert.throws(() => loadConfig({ ...base, PORT: 'eighty' }), /PORT must be a non-negative integer/);
});
{% if values.database %}
test('DATABASE_URL is required', () => {
  assert.throws(() => loadConfig({}), /DATABASE_URL is required/);
});
{% endif %}
