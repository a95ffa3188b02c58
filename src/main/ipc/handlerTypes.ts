import type { Input, Output } from '../../shared/contract';
import type { Method } from '../../shared/methods';

// The window's back end as a type: one handler per contract method. It sits apart
// from handlers.ts so the files that build parts of it need not import the assembler.

export type Handlers = { [M in Method]: (input: Input<M>) => Promise<Output<M>> };
