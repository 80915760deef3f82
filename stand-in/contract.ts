/**
 * What the suite may know of its stand-in, and nothing more: the fault names and delivery modes a test can pick, the claims that
 * pick them, the page faults the suite injects itself, the drifted /auth/config body, and the identity probe
 * global setup uses to refuse a stand-in signing with another secret. Everything else in `stand-in/` is the
 * stand-in's own business; specs, fixtures and `lib/` import only this module (tests/unit/architecture.spec.ts).
 */
export {
  DRIFTED_AUTH_CONFIG,
  FAULT_MODES,
  faultClaims,
  isFaultMode,
  isPageFault,
  type FaultMode,
  type PageFault,
} from './faults';
export { IDENTITY_PATH, secretFingerprint } from './identity';
export { DELIVERY_MODES, deliveryClaims, type DeliveryMode } from './delivery';
