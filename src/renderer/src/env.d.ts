import type { JaasApi } from '../../shared/contract';

declare global {
  interface Window {
    /** The back end, as the preload exposes it (see src/shared/contract.ts). */
    readonly jaas: JaasApi;
  }
}
export {};
