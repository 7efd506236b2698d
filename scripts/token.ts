// npm run token -- --role AUDITOR [--role COURT] [--uscc <USCC>] [--sub <id>] [--expires 8h]
import { Command, InvalidArgumentError, Option } from 'commander';
import { ROLES, signToken, usccVerdict, type Role } from '../subgraphs/kit/index.js';

const GRANTABLE = ROLES.filter((r) => r !== 'PUBLIC');

const program = new Command()
  .name('token')
  .description('Print a development JWT signed with CREDIT_JWT_SECRET (打印开发用令牌)')
  .addOption(
    new Option('--role <role>', `a role, repeat for several: ${GRANTABLE.join(', ')}`)
      .argParser((value: string, previous: string[] = []) => {
        if (!(GRANTABLE as string[]).includes(value)) throw new InvalidArgumentError(`allowed: ${GRANTABLE.join(', ')}`);
        return [...previous, value];
      })
      .makeOptionMandatory(),
  )
  .option('--uscc <uscc>', 'the caller\'s own organization (required with --role ORGANIZATION)')
  .option('--sub <id>', 'caller id (subject)', 'dev-user')
  .option('--expires <duration>', 'lifetime, e.g. 30m, 8h (at most CREDIT_JWT_MAX_LIFETIME, 24h by default)', '8h')
  .parse();

const options = program.opts<{ role: Role[]; uscc?: string; sub: string; expires: string }>();
if (options.role.includes('ORGANIZATION') && !options.uscc) program.error('--role ORGANIZATION needs --uscc');
// The subgraphs' rule for the uscc claim (platform/auth.ts): a pilot code whose check digits fail is a real unit.
const refused = options.uscc ? usccVerdict(options.uscc).refused : null;
if (refused) program.error(refused.message);
try {
  console.log(await signToken({ sub: options.sub, roles: options.role, uscc: options.uscc, expiresIn: options.expires }));
} catch (error) {
  program.error((error as Error).message); // a lifetime over the maximum, said plainly rather than as a stack trace
}
