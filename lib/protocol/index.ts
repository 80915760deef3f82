/**
 * The one module that knows Netra's WebSocket and REST protocol. Specs, fixtures and the stand-in all
 * import from here; when staging drifts, this is the only place that changes.
 */
export * from './agent-events';
export * from './auth';
export * from './client-frames';
export * from './forms';
export * from './invariants';
export * from './issues';
export * from './other-frames';
export * from './rest';
export * from './run-order';
export * from './server-frames';
export * from './timestamps';
export * from './unknown-fields';
export * from './welcome';
