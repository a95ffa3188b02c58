import { CoreError } from '../core/errors';
import type { CommandContext } from './command';

/** One answer typed at the terminal, prompted on stderr so stdout stays the command's output. */
export async function ask(context: CommandContext, question: string): Promise<string> {
  // readline loads only for a command that asks: every command pays for what it imports at start.
  const { createInterface } = await import('node:readline/promises');
  const prompt = createInterface({ input: context.stdin, output: process.stderr });
  try {
    return (await prompt.question(question)).trim();
  } finally {
    prompt.close();
  }
}

/** A passphrase typed at the terminal without echo; Ctrl-C cancels. */
export function askSecret(context: CommandContext, question: string): Promise<string> {
  const input = context.stdin as NodeJS.ReadStream;
  // Echo goes off before the prompt appears, so nothing typed after it is ever shown.
  input.setRawMode?.(true);
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (error?: Error) => {
      input.setRawMode?.(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new CoreError('cancelled', 'Cancelled; nothing was changed.'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.resume();
    input.on('data', onData);
  });
}
