import { redactForLog, toErrorValue } from '../../core/errors';
import { contract } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { METHODS, type Method } from '../../shared/methods';
import type { Handlers } from './handlerTypes';

export type Logger = (message: string) => void;

export type Dispatch = (method: string, senderUrl: string | undefined, input: unknown) => Promise<Result<unknown>>;

function isMethod(name: string): name is Method {
  return (METHODS as readonly string[]).includes(name);
}

/**
 * Every IPC call passes here: the method must exist, the sender must be the
 * app's own page, the input must match the contract's schema exactly. Only then
 * is the handler called, and whatever happens the caller gets a value back.
 */
export function createDispatcher(
  handlers: Handlers,
  isTrustedSender: (url: string | undefined) => boolean,
  log: Logger,
): Dispatch {
  return async (method, senderUrl, input) => {
    if (!isMethod(method))
      return {
        ok: false,
        error: { code: 'unknown_method', message: 'The app asked for something the back end does not offer.' },
      };
    if (!isTrustedSender(senderUrl)) {
      log(`refused ${method} from an untrusted frame`);
      return {
        ok: false,
        error: { code: 'forbidden_sender', message: 'This request did not come from the app’s own window.' },
      };
    }
    const parsed = contract[method].input.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : 'the request';
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: `Refused ${method}: ${where} is not valid (${issue?.message ?? 'wrong shape'}).`,
        },
      };
    }
    try {
      const handler = handlers[method] as (value: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      const value = toErrorValue(error);
      if (value.code === 'internal') log(`unexpected failure in ${method}: ${redactForLog(error)}`);
      return { ok: false, error: value };
    }
  };
}
