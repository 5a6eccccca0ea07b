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
        const { verifyChain, verifySummary } = await import('./audit.verify.ts');
        // Progress redrawn in place on a terminal only; logs get the result.
        const tty = process.stderr.isTTY;
        const res = await verifyChain(deps, (n) => {
          if (tty) process.stderr.write(`\r\x1b[2K  verified ${n.toLocaleString('en-US')} entries…`);
        });
        if (tty) process.stderr.write('\r\x1b[2K');
        const summary = verifySummary(res);
        emit(opts.json, res, () => summary.text);
        if (!summary.pass) process.exitCode = 1;
      }),
    );
  audit
    .command('sign')
    .description(
      'Chain pending entries and sign a new tree head now (what the background job does every five minutes)',
    )
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
  keys
    .command('rotate-data')
    .description(
      'New data keys for personal fields (decision 0038): new values are sealed with them at once, and a background job re-encrypts the rows in batches; the old keys stay readable until no row uses them (--now does the re-encryption here and waits)',
    )
    .argument('[purpose]', 'identity | contacts | finance (default: all)', (v: string) => {
      if (!['identity', 'contacts', 'finance'].includes(v))
        throw new InvalidArgumentError('one of identity, contacts, finance');
      return v as 'identity' | 'contacts' | 'finance';
    })
    .option('--now', 're-encrypt every row now instead of leaving it to the running servers')
    .option('--json', 'print the old and new key ids (and rows rewritten) as JSON')
    .action(
      async (
        purpose: 'identity' | 'contacts' | 'finance' | undefined,
        opts: { now?: boolean; json?: boolean },
      ) =>
        withDeps(async (deps) => {
          const { rotateDataKeys, sweepPersonalData } = await import('../../platform/keys/index.ts');
          const rotated = await rotateDataKeys(deps, purpose ? [purpose] : undefined);
          const swept = opts.now ? await sweepPersonalData(deps) : null;
          emit(opts.json, { rotated, ...(swept ? swept : {}) }, () => [
            ...rotated.map((r) => `${r.purpose}: data key ${r.previousKeyId} replaced by ${r.keyId}`),
            swept
              ? `Re-encrypted ${Object.values(swept.rewritten).reduce((a, b) => a + b, 0)} rows; drained ${swept.drained.join(', ') || 'none'}.`
              : 'The servers re-encrypt the rows in the background (job personal-data-rekey); markaz keys data shows when the old keys are drained.',
          ]);
        }),
    );
  keys
    .command('rotate-pii')
    .description(
      'Replace the pii key-encryption key itself (decision 0061): every data key is re-wrapped under a new key in one transaction, no row or file is rewritten, the old key file is kept as pii.secret.<id>.retired; running servers pick the new key up from the file',
    )
    .option('--json', 'print the old and new key ids as JSON')
    .action(async (opts: { json?: boolean }) =>
      withDeps(async (deps) => {
        const { rotatePiiKey } = await import('../../platform/keys/index.ts');
        const r = await rotatePiiKey(deps);
        emit(
          opts.json,
          r,
          () =>
            `pii: key ${r.previousKeyId} replaced by ${r.keyId}; ${r.rewrapped} data keys re-wrapped. Take a new backup now: its key bundle carries the new key (markaz backup).`,
        );
      }),
    );
  keys
    .command('encrypt-uploads')
    .description(
      'Encrypt in place every uploaded file still in clear (written before decision 0061); the servers also do it in the background (job uploads-encrypt)',
    )
    .option('--json', 'print the counts as JSON')
    .action(async (opts: { json?: boolean }) =>
      withDeps(async (deps) => {
        const { encryptExistingUploads } = await import('../../platform/uploads/upload-sweep.ts');
        const r = await encryptExistingUploads(deps);
        emit(
          opts.json,
          r,
          () => `Encrypted ${r.encrypted} files; ${r.alreadyEncrypted} were already encrypted.`,
        );
      }),
    );
  keys
    .command('data')
    .description('The data keys of personal fields: current, retired (still readable) and drained')
    .option('--json', 'print the keys as JSON')
    .action(async (opts: { json?: boolean }) =>
      withDeps(async (deps) => {
        const { dataKeys } = await import('../../platform/keys/index.ts');
        const list = await dataKeys(deps.db);
        emit(opts.json, list, () =>
          list
            .map(
              (k) =>
                `${k.id.padEnd(14)} ${k.purpose.padEnd(9)} from ${k.createdAt}  ${k.drainedAt ? `drained ${k.drainedAt}` : k.retiredAt ? `retired ${k.retiredAt}, rows still moving` : 'current'}`,
            )
            .join('\n'),
        );
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
