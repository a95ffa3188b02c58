// The few globals that both of this folder's environments have (Node 16+ and every
// browser) but the ES library does not declare. Nothing else of either is visible here.
declare function atob(data: string): string;
