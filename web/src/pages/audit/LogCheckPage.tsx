import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError, api, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import './audit-log.i18n';
import { LogHeadPanel } from './LogHeadPanel';
import { cosignMessage, ed25519Holds, headMessage, inclusionHolds, keyIdHolds } from './log-proof';

type Query = { seq: number } | { leafHash: string };

function parse(text: string): Query | null {
  const v = text.trim().toLowerCase();
  if (/^[1-9]\d{0,15}$/.test(v)) return { seq: Number(v) };
  if (/^[0-9a-f]{64}$/.test(v)) return { leafHash: v };
  return null;
}

/** Fetches the proof and everything it rests on, then checks each step here, in the browser. */
async function checkEntry(q: Query) {
  const query = 'seq' in q ? { seq: q.seq } : { leafHash: q.leafHash };
  const [proof, keys, current, witnesses] = await Promise.all([
    unwrap(api.GET('/api/v1/audit/proofs/inclusion', { params: { query } })),
    unwrap(api.GET('/api/v1/keys')),
    unwrap(api.GET('/api/v1/audit/tree-head')),
    unwrap(api.GET('/api/v1/audit/witnesses')),
  ]);
  const head = proof.head;
  const asked = 'seq' in q ? proof.leafIndex === q.seq - 1 : proof.leafHash === q.leafHash;
  const path =
    asked &&
    (await inclusionHolds(proof.leafIndex, proof.treeSize, proof.leafHash, proof.auditPath, head.rootHash));
  // The head's key must be a published audit key whose id is the hash of its PEM.
  const named = keys.find((k) => k.name === 'audit' && k.keyId === head.keyId);
  const key = named && (await keyIdHolds(named.publicKeyPem, named.keyId)) ? named : undefined;
  const signature = key ? await ed25519Holds(key.publicKeyPem, headMessage(head), head.signature) : false;
  const vouched: string[] = [];
  if (current.head?.treeSize === head.treeSize)
    for (const c of current.cosignatures) {
      const w = witnesses.find((x) => x.keyId === c.witnessKeyId);
      const msg = cosignMessage(head.keyId, head.treeSize, head.rootHash);
      if (w && c.rootHash === head.rootHash && (await ed25519Holds(w.publicKeyPem, msg, c.signature)))
        vouched.push(w.name);
    }
  return { proof, path, signature, vouched };
}

type Checked = Awaited<ReturnType<typeof checkEntry>>;

function Step({ ok, children }: { ok: boolean | null; children: string }) {
  const { t } = useTranslation();
  return (
    <li data-ok={ok === null ? 'unknown' : String(ok)}>
      <span aria-hidden="true">{ok === null ? '…' : ok ? '✓' : '✗'}</span> {children}{' '}
      {ok === null ? null : <strong>— {ok ? t('auditLog.yes') : t('auditLog.no')}</strong>}
    </li>
  );
}

function Result({ r }: { r: Checked }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const good = r.path && r.signature !== false;
  const h = r.proof.head;
  return (
    <section
      className={`alert ${good ? 'alert--success' : 'alert--error'}`}
      role="status"
      data-testid="log-check-result"
    >
      <p className="alert-title">
        {good ? t('auditLog.found', { seq: fmt.number(r.proof.leafIndex + 1) }) : t('auditLog.failed')}
      </p>
      <ul className="plain-list">
        <Step ok={r.path}>{t('auditLog.stepPath', { size: fmt.number(r.proof.treeSize) })}</Step>
        <Step ok={r.signature}>
          {r.signature === null
            ? t('auditLog.stepSignatureUnsupported')
            : t('auditLog.stepSignature', { keyId: h.keyId })}
        </Step>
        <li>
          {r.vouched.length
            ? t('auditLog.stepWitnesses', { count: r.vouched.length, names: r.vouched.join('، ') })
            : t('auditLog.stepNoWitnesses')}
        </li>
      </ul>
      <h3>{t('auditLog.entryTitle')}</h3>
      <p>{t('auditLog.entryNote')}</p>
      <dl className="facts" data-testid="log-entry">
        <div>
          <dt>{t('auditLog.entryAction')}</dt>
          <dd>
            <code dir="ltr">{r.proof.entry.action}</code>
          </dd>
        </div>
        <div>
          <dt>{t('auditLog.entityLabel')}</dt>
          <dd>
            <code dir="ltr">{r.proof.entry.entity}</code>
          </dd>
        </div>
        <div>
          <dt>{t('auditLog.occurredAt')}</dt>
          <dd>{fmt.dateTime(r.proof.entry.occurredAt)}</dd>
        </div>
        <div>
          <dt>{t('auditLog.digest')}</dt>
          <dd>
            {r.proof.entry.afterDigest ? (
              <code className="hash" dir="ltr">
                {r.proof.entry.afterDigest}
              </code>
            ) : (
              t('auditLog.noDigest')
            )}
          </dd>
        </div>
      </dl>
      <dl className="proof-facts">
        <dt>{t('auditLog.receipt')}</dt>
        <dd>
          <code className="hash" dir="ltr" data-testid="log-receipt">
            {r.proof.leafHash}
          </code>
        </dd>
        <dt>{t('auditLog.root')}</dt>
        <dd>
          <code className="hash" dir="ltr">
            {h.rootHash}
          </code>
        </dd>
        <dt>{t('auditLog.signedAt')}</dt>
        <dd>{fmt.dateTime(h.timestamp)}</dd>
      </dl>
    </section>
  );
}

/** The server's reason a query has no proof, in the reader's language when it is one we know. */
function useQueryProblem(error: unknown): string | null {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const f = error.fields.find((x) => x.path === 'seq' || x.path === 'leafHash');
  const message = f?.message ?? error.detail;
  const none = /^there is no entry (\d+): the log has (\d+) entries/.exec(message);
  if (none)
    return t('auditLog.noSuchEntry', { seq: fmt.number(Number(none[1])), size: fmt.number(Number(none[2])) });
  const later = /try again after (\d{4}-\d\d-\d\dT\d\d:\d\d) UTC/.exec(message);
  if (later) return t('auditLog.notYetSigned', { time: fmt.dateTime(`${later[1]}:00Z`) });
  return message || null;
}

/** The public "is this in the log?" page: anyone, no login, the proof checked in the browser. */
export default function LogCheckPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const initial = params.get('seq') ?? params.get('leaf') ?? '';
  const [text, setText] = useState(initial);
  const [invalid, setInvalid] = useState(false);
  const check = useMutation({ mutationFn: checkEntry });
  const submit = (value: string) => {
    const q = parse(value);
    setInvalid(q === null);
    if (q) check.mutate(q);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: a link with ?seq= checks once on arrival
  useEffect(() => {
    if (initial) submit(initial);
  }, []);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit(text);
  };
  const notFound = check.error instanceof ApiError && check.error.status === 404;
  const problem = useQueryProblem(check.error);
  return (
    <Page title={t('auditLog.checkTitle')}>
      <p>{t('auditLog.checkLead')}</p>
      <p>{t('auditLog.checkTrust')}</p>
      <form className="filters" onSubmit={onSubmit} noValidate>
        <TextField
          id="log-query"
          label={t('auditLog.query')}
          hint={t('auditLog.queryHint')}
          error={invalid ? t('auditLog.queryInvalid') : (problem ?? undefined)}
          dir="ltr"
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button className="btn btn--primary" type="submit" disabled={check.isPending}>
          {check.isPending ? t('auditLog.checking') : t('auditLog.check')}
        </button>
      </form>
      {notFound ? (
        <div className="alert alert--error" role="alert">
          <p className="alert-title">{t('auditLog.notFound')}</p>
        </div>
      ) : problem ? (
        <div className="alert alert--error" role="alert" data-testid="log-check-problem">
          <p className="alert-title">{problem}</p>
        </div>
      ) : (
        <FormAlert error={check.error} />
      )}
      {check.data ? <Result r={check.data} /> : null}
      <LogHeadPanel linkToCheck={false} />
    </Page>
  );
}
