import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { Caller, callerFromAuthorization, signToken } from '../../subgraphs/kit/index.js';

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error: any) {
    return error.extensions?.code;
  }
}

describe('callerFromAuthorization', () => {
  it('treats a request without a token as PUBLIC', async () => {
    const caller = await callerFromAuthorization(undefined);
    expect(caller).toBe(Caller.anonymous);
    expect(caller.has('PUBLIC')).toBe(true);
    expect(caller.seesPersonalData).toBe(false);
  });

  it('accepts a token of this deployment with its roles and USCC', async () => {
    const token = await signToken({ sub: 'u1', roles: ['ORGANIZATION'], uscc: '91110000600037341L' });
    const caller = await callerFromAuthorization(`Bearer ${token}`);
    expect(caller.id).toBe('u1');
    expect(caller.has('ORGANIZATION')).toBe(true);
    expect(caller.has('ADMIN')).toBe(false);
    expect(caller.uscc).toBe('91110000600037341L');
  });

  it('rejects expired, forged and unsigned tokens as UNAUTHENTICATED', async () => {
    const expired = await signToken({ sub: 'u1', roles: ['AUDITOR'], expiresIn: Math.floor(Date.now() / 1000) - 60 });
    expect(await codeOf(callerFromAuthorization(`Bearer ${expired}`))).toBe('UNAUTHENTICATED');

    const forged = await new SignJWT({ roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('attacker')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-deployment-secret'));
    expect(await codeOf(callerFromAuthorization(`Bearer ${forged}`))).toBe('UNAUTHENTICATED');

    const [header, payload] = (await signToken({ sub: 'u1', roles: ['AUDITOR'] })).split('.');
    const noneHeader = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(await codeOf(callerFromAuthorization(`Bearer ${noneHeader}.${payload}.`))).toBe('UNAUTHENTICATED');
    expect(header).toBeTruthy();

    expect(await codeOf(callerFromAuthorization('Basic dXNlcjpwYXNz'))).toBe('UNAUTHENTICATED');
  });

  it('rejects unknown roles and an ORGANIZATION token without its USCC', async () => {
    const unknownRole = await signToken({ sub: 'u1', roles: ['SUPERUSER' as any] });
    expect(await codeOf(callerFromAuthorization(`Bearer ${unknownRole}`))).toBe('UNAUTHENTICATED');
    const noUscc = await signToken({ sub: 'u1', roles: ['ORGANIZATION'] });
    expect(await codeOf(callerFromAuthorization(`Bearer ${noUscc}`))).toBe('UNAUTHENTICATED');
  });

  it('require() distinguishes anonymous (UNAUTHENTICATED) from the wrong role (FORBIDDEN)', async () => {
    expect(() => Caller.anonymous.require('ADMIN')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }));
    const court = await callerFromAuthorization(`Bearer ${await signToken({ sub: 'c', roles: ['COURT'] })}`);
    expect(() => court.require('ADMIN')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }));
    expect(() => court.require('ADMIN', 'COURT')).not.toThrow();
  });
});
