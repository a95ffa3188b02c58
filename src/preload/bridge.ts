import type { JaasApi } from '../shared/contract';
import { METHODS, channelFor } from '../shared/methods';

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;

/**
 * Builds `window.jaas`: exactly one function per contract method, each sending
 * its one argument on its own channel. Nothing else of IPC reaches the page.
 */
export function buildApi(invoke: Invoke): JaasApi {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const method of METHODS) api[method] = (input: unknown) => invoke(channelFor(method), input);
  return Object.freeze(api) as unknown as JaasApi;
}
