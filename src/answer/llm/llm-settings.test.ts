import { describe, expect, it } from 'vitest';
import { isAppError } from '../../common/errors.js';
import { loadConfig } from '../../config/index.js';

/** The CONFIG_INVALID detail for `env`, or a failure when loading succeeds. */
function problems(env: Record<string, string>): string {
  try {
    loadConfig(env, '/srv/cchc');
  } catch (err: unknown) {
    if (isAppError(err, 'CONFIG_INVALID')) return err.detail;
    throw err;
  }
  throw new Error('expected CONFIG_INVALID; help: check the LLM_* validation in config/config.ts');
}

describe('loadConfig: LLM settings', () => {
  it('leaves the LLM layer off when nothing is set', () => {
    expect(loadConfig({}, '/srv/cchc').llm).toBeUndefined();
  });

  it('turns the layer on with a base URL and a model, defaulting the timeout to 8000 ms', () => {
    const cfg = loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1/', LLM_MODEL: 'qwen2.5:7b-instruct' }, '/srv/cchc');
    expect(cfg.llm).toEqual({ baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen2.5:7b-instruct', apiKey: undefined, timeoutMs: 8000 });
  });

  it('reads the API key and the timeout', () => {
    const cfg = loadConfig({ LLM_BASE_URL: 'https://llm.example.vn/v1', LLM_MODEL: 'm', LLM_API_KEY: 'sk-abc_123', LLM_TIMEOUT_MS: '2500' }, '/srv/cchc');
    expect(cfg.llm).toMatchObject({ apiKey: 'sk-abc_123', timeoutMs: 2500 });
  });

  it('reports a bad URL and a non-numeric timeout together in one CONFIG_INVALID', () => {
    const detail = problems({ LLM_BASE_URL: 'ollama:11434', LLM_MODEL: 'm', LLM_TIMEOUT_MS: 'soon', PORT: 'x' });
    expect(detail).toContain('LLM_BASE_URL="ollama:11434" must be an http(s) URL');
    expect(detail).toContain('LLM_TIMEOUT_MS="soon" must be an integer from 100 to 120000');
    expect(detail, 'other settings are still reported in the same error').toContain('PORT="x"');
  });

  it.each([
    [{ LLM_BASE_URL: 'http://127.0.0.1:8000/v1' }, 'LLM_BASE_URL and LLM_MODEL must be set together'],
    [{ LLM_MODEL: 'm' }, 'LLM_BASE_URL and LLM_MODEL must be set together'],
    [{ LLM_TIMEOUT_MS: '50' }, 'LLM_TIMEOUT_MS="50" must be an integer from 100 to 120000'],
    [{ LLM_BASE_URL: 'http://h/v1', LLM_MODEL: 'm', LLM_API_KEY: 'has space' }, 'LLM_API_KEY must be'],
  ])('rejects %j', (env, message) => {
    expect(problems(env)).toContain(message);
  });

  it('never echoes the API key in the error', () => {
    expect(problems({ LLM_BASE_URL: 'http://h/v1', LLM_MODEL: 'm', LLM_API_KEY: 'sk secret value' })).not.toContain('secret value');
  });
});
