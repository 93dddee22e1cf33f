import { describe, expect, it } from 'vitest';
import { vendorReachabilityChecks } from './vendor-reachability.ts';

describe('vendorReachabilityChecks', () => {
  it('adds a /readyz check for each adapter that can check its vendor, and none for simulators or absent vendors', async () => {
    const calls: string[] = [];
    const reachable = { checkReachable: async () => void calls.push('identity') };
    const unreachable = { checkReachable: async () => Promise.reject(new Error('ECONNREFUSED')) };
    const checks = vendorReachabilityChecks({ identityRegistry: reachable, faceVerifier: null, businessRegistry: { lookup: async () => null }, sms: unreachable });
    expect(Object.keys(checks)).toEqual(['identityRegistry', 'sms']);
    await checks.identityRegistry!();
    expect(calls).toEqual(['identity']);
    await expect(checks.sms!()).rejects.toThrow('ECONNREFUSED');
  });
});
