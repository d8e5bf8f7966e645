import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeReply, startFakeOpenAI } from './openai-api.js';
import type { FakeOpenAI } from './openai-api.js';

describe('fake OpenAI-compatible API', () => {
  let fake: FakeOpenAI;
  const chat = (body: unknown, init: RequestInit = {}) =>
    fetch(`${fake.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-key' },
      body: JSON.stringify(body),
      ...init,
    });
  const request = (content = 'Xin chào') => ({
    model: 'fake-model',
    messages: [
      { role: 'system', content: 'Quy tắc' },
      { role: 'user', content: [{ type: 'text', text: content }] },
    ],
  });

  beforeEach(async () => {
    fake = await startFakeOpenAI();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('answers a scripted reply in the chat.completion shape and records the prompt', async () => {
    fake.script(fakeReply('Chào anh/chị [1].'));
    const res = await chat(request('Cơ chế một cửa là gì?'));
    expect(res.status).toBe(200);
    const json = (await res.json()) as Record<string, any>;
    expect(json).toMatchObject({
      id: expect.stringMatching(/^chatcmpl-/),
      object: 'chat.completion',
      created: expect.any(Number),
      model: 'fake-model',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Chào anh/chị [1].' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number), total_tokens: expect.any(Number) },
    });
    expect(fake.lastPrompt()).toEqual({ system: 'Quy tắc', user: 'Cơ chế một cửa là gì?' });
    expect(fake.calls[0]).toMatchObject({ status: 200, aborted: false, authorization: 'Bearer test-key' });
  });

  it('uses queued behaviours in order, then the default (HTTP 500 until set)', async () => {
    fake.script(fakeReply('một'), { kind: 'error', status: 503, message: 'overloaded' });
    expect(((await (await chat(request())).json()) as any).choices[0].message.content).toBe('một');
    const failed = await chat(request());
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual({ error: { message: 'overloaded', type: 'server_error', param: null, code: null } });
    expect((await chat(request())).status).toBe(500);
    fake.setDefault(fakeReply('mặc định'));
    expect(((await (await chat(request())).json()) as any).choices[0].message.content).toBe('mặc định');
    expect(fake.calls.map((c) => c.status)).toEqual([200, 503, 500, 200]);
  });

  it('returns a malformed JSON body when told', async () => {
    fake.script({ kind: 'malformed' });
    const res = await chat(request());
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow();
  });

  it('delays a reply and records a client that gave up', async () => {
    fake.script(fakeReply('chậm', 2000));
    const started = performance.now();
    await expect(chat(request(), { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(1000);
    await vi.waitFor(() => expect(fake.calls[0].aborted).toBe(true));
  });

  it('refuses streaming requests and unknown paths', async () => {
    expect((await chat({ ...request(), stream: true })).status).toBe(400);
    expect((await fetch(`${fake.baseUrl}/completions`, { method: 'POST', body: '{}' })).status).toBe(404);
    const models = (await (await fetch(`${fake.baseUrl}/models`)).json()) as any;
    expect(models.data[0].id).toBe('fake-model');
  });

  it('forgets calls and the script on reset', async () => {
    fake.script(fakeReply('a'), fakeReply('b'));
    await chat(request());
    fake.reset();
    expect(fake.calls).toHaveLength(0);
    expect((await chat(request())).status).toBe(500);
  });
});
