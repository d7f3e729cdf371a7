export { startEmulator } from './startEmulator.js';
export type { Emulator, EmulatorClientOptions } from './Emulator.js';
export type { EmulatorOptions, TrustedKey } from './EmulatorOptions.js';
export type { EmulatorCredentials } from './EmulatorCredentials.js';
export type { EmulatorCounters } from './EmulatorCounters.js';
export { verifySignature } from './verifySignature.js';
export type { PublicKeyLookup, SignatureVerdict, SignedRequest, VerifySignatureOptions } from './verifySignature.js';
