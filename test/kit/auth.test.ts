import { decodeJwt, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { Caller, callerFromAuthorization, config, signToken } from '../../subgraphs/kit/index.js';

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

  it('rejects a token claiming PUBLIC (the absence of a token) or with no identity in sub (found by the fuzzer)', async () => {
    const claimsPublic = await signToken({ sub: 'u1', roles: ['PUBLIC' as any] });
    expect(await codeOf(callerFromAuthorization(`Bearer ${claimsPublic}`))).toBe('UNAUTHENTICATED');
    const mixed = await signToken({ sub: 'u1', roles: ['AUDITOR', 'PUBLIC' as any] });
    expect(await codeOf(callerFromAuthorization(`Bearer ${mixed}`))).toBe('UNAUTHENTICATED');
    for (const sub of ['', '   ', 'x'.repeat(201)]) {
      const token = await new SignJWT({ roles: ['AUDITOR'] }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(config.jwtSecret()));
      expect(await codeOf(callerFromAuthorization(`Bearer ${token}`)), JSON.stringify(sub)).toBe('UNAUTHENTICATED');
    }
  });

  it('require() distinguishes anonymous (UNAUTHENTICATED) from the wrong role (FORBIDDEN)', async () => {
    expect(() => Caller.anonymous.require('ADMIN')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }));
    const court = await callerFromAuthorization(`Bearer ${await signToken({ sub: 'c', roles: ['COURT'] })}`);
    expect(() => court.require('ADMIN')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }));
    expect(() => court.require('ADMIN', 'COURT')).not.toThrow();
  });
});

// Issue 13, item 6: a token's lifetime, issuer and audience are this deployment's to decide.
const SECRET = new TextEncoder().encode(config.jwtSecret());
const now = () => Math.floor(Date.now() / 1000);

/** A token signed with the deployment's secret but with claims of the attacker's choosing. */
function rawToken(claims: { iat?: number; exp?: number; iss?: string; aud?: string | string[] }): Promise<string> {
  const jwt = new SignJWT({ roles: ['ADMIN'], ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject('attacker');
  return jwt.sign(SECRET);
}

async function messageOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return '';
  } catch (error: any) {
    expect(error.extensions?.code).toBe('UNAUTHENTICATED');
    return error.message;
  }
}

const CHINESE_THEN_ENGLISH = /^[^()]*[\u4e00-\u9fff].*\(.*[a-z].*\)$/;

async function withEnv<T>(vars: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('token lifetime', () => {
  it('refuses a token that expires in the year 2500 (default maximum lifetime 24 h)', async () => {
    const token = await rawToken({ iat: now(), exp: Date.UTC(2500, 0, 1) / 1000 });
    const message = await messageOf(callerFromAuthorization(`Bearer ${token}`));
    expect(message).toMatch(CHINESE_THEN_ENGLISH);
    expect(message).toMatch(/有效期/);
    expect(message).toMatch(/lifetime/);
  });

  it('measures exp − iat against CREDIT_JWT_MAX_LIFETIME, to the second', async () => {
    await withEnv({ CREDIT_JWT_MAX_LIFETIME: '1h' }, async () => {
      const t = now();
      const exactly = await rawToken({ iat: t, exp: t + 3600 });
      expect((await callerFromAuthorization(`Bearer ${exactly}`)).id).toBe('attacker');
      const longer = await rawToken({ iat: t, exp: t + 3601 });
      expect(await messageOf(callerFromAuthorization(`Bearer ${longer}`))).toMatch(/lifetime/);
      // A back-dated iat does not stretch the window: exp − iat is what counts.
      const backdated = await rawToken({ iat: t - 3000, exp: t + 1000 });
      expect(await messageOf(callerFromAuthorization(`Bearer ${backdated}`))).toMatch(/lifetime/);
    });
    await withEnv({ CREDIT_JWT_MAX_LIFETIME: '604800' }, async () => {
      const week = await rawToken({ iat: now(), exp: now() + 6 * 86400 });
      expect((await callerFromAuthorization(`Bearer ${week}`)).id).toBe('attacker');
    });
  });

  it('requires iat', async () => {
    const token = await rawToken({ exp: now() + 600 });
    const message = await messageOf(callerFromAuthorization(`Bearer ${token}`));
    expect(message).toMatch(CHINESE_THEN_ENGLISH);
    expect(message).toMatch(/iat/);
  });

  it('refuses an iat in the future beyond a small clock tolerance', async () => {
    const t = now();
    const future = await rawToken({ iat: t + 3600, exp: t + 7200 });
    const message = await messageOf(callerFromAuthorization(`Bearer ${future}`));
    expect(message).toMatch(CHINESE_THEN_ENGLISH);
    expect(message).toMatch(/future/);
    const skewed = await rawToken({ iat: t + 20, exp: t + 600 }); // the issuer's clock 20 s ahead
    expect((await callerFromAuthorization(`Bearer ${skewed}`)).id).toBe('attacker');
  });

  it('signToken refuses to sign what verification would refuse', async () => {
    await expect(signToken({ sub: 'u1', roles: ['AUDITOR'], expiresIn: '30d' })).rejects.toThrow(/CREDIT_JWT_MAX_LIFETIME/);
    await withEnv({ CREDIT_JWT_MAX_LIFETIME: '60d' }, async () => {
      const month = await signToken({ sub: 'u1', roles: ['AUDITOR'], expiresIn: '30d' });
      expect((await callerFromAuthorization(`Bearer ${month}`)).id).toBe('u1');
    });
  });

  it('names the variable when CREDIT_JWT_MAX_LIFETIME cannot be read', async () => {
    await withEnv({ CREDIT_JWT_MAX_LIFETIME: 'forever' }, async () => {
      expect(() => config.jwtMaxLifetimeSeconds()).toThrow(/CREDIT_JWT_MAX_LIFETIME/);
    });
    await withEnv({ CREDIT_JWT_MAX_LIFETIME: '90m' }, async () => {
      expect(config.jwtMaxLifetimeSeconds()).toBe(5400);
    });
    await withEnv({ CREDIT_JWT_MAX_LIFETIME: undefined }, async () => {
      expect(config.jwtMaxLifetimeSeconds()).toBe(86400);
    });
  });
});

describe('token issuer and audience', () => {
  const configured = { CREDIT_JWT_ISSUER: 'https://credit.example.gov.cn', CREDIT_JWT_AUDIENCE: 'credit-federation' };

  it('accepts any iss and aud while none is configured', async () => {
    await withEnv({ CREDIT_JWT_ISSUER: undefined, CREDIT_JWT_AUDIENCE: undefined }, async () => {
      const token = await rawToken({ iat: now(), exp: now() + 600, iss: 'elsewhere', aud: 'other' });
      expect((await callerFromAuthorization(`Bearer ${token}`)).id).toBe('attacker');
    });
  });

  it('refuses a missing or foreign iss once CREDIT_JWT_ISSUER is set', async () => {
    await withEnv(configured, async () => {
      for (const iss of [undefined, 'https://evil.example.com']) {
        const token = await rawToken({ iat: now(), exp: now() + 600, iss, aud: configured.CREDIT_JWT_AUDIENCE });
        const message = await messageOf(callerFromAuthorization(`Bearer ${token}`));
        expect(message).toMatch(CHINESE_THEN_ENGLISH);
        expect(message).toMatch(/iss/);
      }
    });
  });

  it('refuses a missing or foreign aud once CREDIT_JWT_AUDIENCE is set', async () => {
    await withEnv(configured, async () => {
      for (const aud of [undefined, 'another-system', ['another-system']]) {
        const token = await rawToken({ iat: now(), exp: now() + 600, iss: configured.CREDIT_JWT_ISSUER, aud });
        const message = await messageOf(callerFromAuthorization(`Bearer ${token}`));
        expect(message).toMatch(CHINESE_THEN_ENGLISH);
        expect(message).toMatch(/aud/);
      }
      const listed = await rawToken({ iat: now(), exp: now() + 600, iss: configured.CREDIT_JWT_ISSUER, aud: ['another-system', configured.CREDIT_JWT_AUDIENCE] });
      expect((await callerFromAuthorization(`Bearer ${listed}`)).id).toBe('attacker');
    });
  });

  it('signToken sets the configured iss and aud', async () => {
    await withEnv(configured, async () => {
      const token = await signToken({ sub: 'u1', roles: ['AUDITOR'] });
      const claims = decodeJwt(token);
      expect(claims).toMatchObject({ iss: configured.CREDIT_JWT_ISSUER, aud: configured.CREDIT_JWT_AUDIENCE });
      expect((await callerFromAuthorization(`Bearer ${token}`)).id).toBe('u1');
    });
  });
});
