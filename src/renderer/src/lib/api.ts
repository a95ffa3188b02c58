import type { Input, Output } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import type { Method } from '../../../shared/methods';

/** Calls the back end; a rejected IPC promise (window closing, bridge missing) becomes an error value too. */
export async function call<M extends Method>(method: M, input: Input<M>): Promise<Result<Output<M>>> {
  try {
    const invoke = window.jaas[method] as (value: Input<M>) => Promise<Result<Output<M>>>;
    return await invoke(input);
  } catch {
    return { ok: false, error: { code: 'internal', message: 'The app’s back end did not answer.' } };
  }
}
