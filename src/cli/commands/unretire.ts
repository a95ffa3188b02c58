import { KEY_ARGUMENT, type Command } from '../command';

export const unretireCommand: Command = {
  name: 'unretire',
  summary: 'let a retired key sign again',
  positionals: [KEY_ARGUMENT],
  options: {},
  examples: ['jaas-keys unretire production'],
  async run(context) {
    const key = await context.keys.lifecycle.unretire(context.args[0]!);
    context.out(
      `"${key.label}" is ${key.status === 'active' ? 'active' : 'back, and needs its kid'} again${key.current ? `, and the current key of ${key.appId}` : ''}.`,
    );
  },
};
