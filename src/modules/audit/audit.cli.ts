import { type Command, InvalidArgumentError } from 'commander';
import type { CliContext } from '../../platform/area.ts';

// Imports only commander and types at the top: the service loads when the command runs.

/** `markaz audit`. */
export function auditCli(program: Command, { withDeps, emit }: CliContext): void {
  const audit = program.command('audit').description('The audit log');
  audit
    .command('verify')
    .description(
      'Check the whole log and write nothing: the chain, the Merkle tree, every signed tree head and its signature',
    )
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) =>
      withDeps(async (deps) => {
        const { verifyChain } = await import('./audit.verify.ts');
        // Progress redrawn in place on a terminal only; logs get the result.
        const tty = process.stderr.isTTY;
        const res = await verifyChain(deps, (n) => {
          if (tty) process.stderr.write(`\r\x1b[2K  verified ${n.toLocaleString('en-US')} entries…`);
        });
        if (tty) process.stderr.write('\r\x1b[2K');
        emit(opts.json, res, () => {
          if (res.ok)
            return `OK: ${res.checkedEntries} entries, ${res.headsChecked} signed tree heads, ${res.checkpointsChecked} checkpoints, ${res.ledgerTransactionsChecked} ledger transactions verified; head ${res.lastHash ?? '(empty)'}${res.unchainedEntries ? `; ${res.unchainedEntries} recent entries not chained yet` : ''}`;
          const b = res.broken!;
          return `BROKEN at seq ${b.chainSeq}${b.id === null ? '' : ` (entry #${b.id})`}: ${b.reason}`;
        });
        if (!res.ok) process.exitCode = 1;
      }),
    );
  audit
    .command('sign')
    .description('Chain pending entries and sign a new tree head now (what the background job does hourly)')
    .option('--json', 'print the head as JSON')
    .action(async (opts: { json?: boolean }) =>
      withDeps(async (deps) => {
        const { chainAndSign } = await import('./audit.service.ts');
        const head = await chainAndSign(deps);
        emit(opts.json, head, () =>
          head ? `Signed tree head: size ${head.treeSize}, root ${head.rootHash}` : 'Nothing new to sign.',
        );
      }),
    );
  const keys = program
    .command('keys')
    .description('Signing keys: kept outside the database, their public halves published at /api/v1/keys');
  keys
    .command('list')
    .description('Every published signing key, current and retired, with its validity period')
    .option('--json', 'print the keys as JSON')
    .action(async (opts: { json?: boolean }) =>
      withDeps(async (deps) => {
        const { publishedKeys } = await import('../../platform/keys/index.ts');
        const list = await publishedKeys(deps.db);
        emit(opts.json, list, () =>
          list
            .map(
              (k) =>
                `${k.name.padEnd(12)} ${k.keyId}  from ${k.createdAt}  ${k.retiredAt ? `retired ${k.retiredAt}` : 'current'}${k.handover ? `  (handed over from ${k.handover.previousKeyId})` : ''}`,
            )
            .join('\n'),
        );
      }),
    );
  keys
    .command('rotate')
    .description(
      'Replace a signing key: the old key signs a handover to the new one, published and recorded in the audit log; the old public key stays published so old signatures still verify',
    )
    .argument('<name>', 'audit | snapshots | credentials', (v: string) => {
      if (!['audit', 'snapshots', 'credentials'].includes(v))
        throw new InvalidArgumentError('one of audit, snapshots, credentials');
      return v as 'audit' | 'snapshots' | 'credentials';
    })
    .option('--json', 'print the old and new key ids as JSON')
    .action(async (name: 'audit' | 'snapshots' | 'credentials', opts: { json?: boolean }) =>
      withDeps(async (deps) => {
        const { rotateKey } = await import('../../platform/keys/index.ts');
        const r = await rotateKey(deps, name);
        emit(opts.json, { name, ...r }, () => `${name}: key ${r.previousKeyId} handed over to ${r.keyId}`);
      }),
    );
  program
    .command('witness')
    .description(
      "Witness a Markaz server's audit log: check each signed tree head extends the last one seen, cosign it",
    )
    .argument('<url>', "the server's base address, e.g. https://markaz.example")
    .option('--state <file>', 'where the witness keeps its key and the heads it saw', './markaz-witness.json')
    .option('--once', 'check once and exit (otherwise poll)')
    .option('--every <seconds>', 'poll interval', '60')
    .option('--no-post', 'do not post the cosignature back')
    .option('--json', 'print each result as JSON')
    .action(
      async (
        url: string,
        opts: { state: string; once?: boolean; every: string; post: boolean; json?: boolean },
      ) => {
        const { httpTransport, witnessOnce } = await import('./audit.witness.ts');
        const t = httpTransport(url);
        for (;;) {
          const r = await witnessOnce(t, opts.state, { post: opts.post });
          emit(opts.json, r, () => r.message);
          if (r.alarm) {
            process.exitCode = 2;
            return;
          }
          if (opts.once) return;
          await new Promise((res) => setTimeout(res, Number(opts.every) * 1000));
        }
      },
    );
}
