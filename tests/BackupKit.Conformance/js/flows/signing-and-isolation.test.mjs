// Requests must be SigV4-signed and fresh; state is kept per account and Region (vault names are unique per
// account and Region, and ARNs carry both).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BackupClient, CreateBackupVaultCommand, DescribeBackupVaultCommand, ListBackupVaultsCommand } from '@aws-sdk/client-backup';
import { accountId, emulatorNow, endpoint, expectError, newClient, uniqueName } from '../lib/harness.mjs';

async function clientFor({ region = process.env.AWS_REGION, credentials, skewMs = 0 } = {}) {
  const offset = (await emulatorNow()) - Date.now() + skewMs;
  return new BackupClient({ endpoint, region, maxAttempts: 1, systemClockOffset: offset, ...(credentials ? { credentials } : {}) });
}

async function vaultNames(client) {
  const names = [];
  let NextToken;
  do {
    const page = await client.send(new ListBackupVaultsCommand({ NextToken }));
    names.push(...(page.BackupVaultList ?? []).map((v) => v.BackupVaultName));
    NextToken = page.NextToken;
  } while (NextToken);
  return names;
}

test('an unsigned request is refused with an AWS error and changes nothing', async () => {
  const name = uniqueName('unsigned');
  const response = await fetch(new URL(`backup-vaults/${name}`, endpoint), {
    method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}',
  });
  assert.ok(response.status === 400 || response.status === 403, `an unsigned request gets 400 or 403, got ${response.status}`);
  assert.ok(response.headers.get('x-amzn-errortype'), 'the refusal names its error in x-amzn-errortype');
  assert.ok(response.headers.get('x-amzn-requestid'), 'the refusal carries x-amzn-requestid');
  const client = await newClient();
  await expectError(client.send(new DescribeBackupVaultCommand({ BackupVaultName: name })), 'ResourceNotFoundException');
});

test('a request signed more than 15 minutes ago is refused', async () => {
  const name = uniqueName('stale');
  const stale = await clientFor({ skewMs: -20 * 60_000 });
  let error;
  try {
    await stale.send(new CreateBackupVaultCommand({ BackupVaultName: name }));
  } catch (e) {
    error = e;
  }
  assert.ok(error, 'a request dated 20 minutes ago must be refused');
  assert.ok([400, 403].includes(error.$metadata?.httpStatusCode), `refused with 400 or 403, got ${error.$metadata?.httpStatusCode} ${error.name}`);
  assert.ok(['RequestExpired', 'InvalidSignatureException', 'SignatureDoesNotMatch'].includes(error.name),
    `an expired-request error (RequestExpired / InvalidSignatureException), got ${error.name}: ${error.message}`);
  const client = await newClient();
  await expectError(client.send(new DescribeBackupVaultCommand({ BackupVaultName: name })), 'ResourceNotFoundException');
});

test('vaults are kept per Region: same name in two Regions, each with its own ARN', async () => {
  const name = uniqueName('regional');
  const east = await clientFor({ region: 'us-east-1' });
  const west = await clientFor({ region: 'us-west-2' });
  const inEast = await east.send(new CreateBackupVaultCommand({ BackupVaultName: name }));
  assert.equal(inEast.BackupVaultArn, `arn:aws:backup:us-east-1:${accountId}:backup-vault:${name}`);
  await expectError(west.send(new DescribeBackupVaultCommand({ BackupVaultName: name })), 'ResourceNotFoundException');
  assert.ok(!(await vaultNames(west)).includes(name), 'a us-east-1 vault is not listed in us-west-2');

  const inWest = await west.send(new CreateBackupVaultCommand({ BackupVaultName: name }));
  assert.equal(inWest.BackupVaultArn, `arn:aws:backup:us-west-2:${accountId}:backup-vault:${name}`);
  assert.equal((await west.send(new DescribeBackupVaultCommand({ BackupVaultName: name }))).BackupVaultArn, inWest.BackupVaultArn);
});

test('vaults are kept per account: another access key sees its own account', async () => {
  const name = uniqueName('account');
  const mine = await newClient();
  const other = await clientFor({ credentials: { accessKeyId: 'AKIDOTHERACCOUNT01', secretAccessKey: 'other-secret' } });
  await mine.send(new CreateBackupVaultCommand({ BackupVaultName: name }));
  await expectError(other.send(new DescribeBackupVaultCommand({ BackupVaultName: name })), 'ResourceNotFoundException');
  const theirs = await other.send(new CreateBackupVaultCommand({ BackupVaultName: name }));
  const theirAccount = theirs.BackupVaultArn.split(':')[4];
  assert.match(theirAccount, /^\d{12}$/);
  assert.notEqual(theirAccount, accountId, 'an unmapped access key belongs to another account than the mapped test key');
});
