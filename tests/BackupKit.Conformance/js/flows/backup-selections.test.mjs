// Backup selections (resource assignments): create with ListOfTags, Conditions, Resources and NotResources; get;
// list; delete; and the errors AWS documents, including deleting a plan that still has selections.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  CreateBackupPlanCommand, CreateBackupSelectionCommand, CreateBackupVaultCommand, DeleteBackupPlanCommand,
  DeleteBackupSelectionCommand, GetBackupPlanCommand, GetBackupSelectionCommand, ListBackupSelectionsCommand,
} from '@aws-sdk/client-backup';
import { arn, assertRecent, backupRoleArn, collectPages, expectError, expectLimitRefusal, newClient, uniqueName } from '../lib/harness.mjs';

const client = await newClient();
const vault = uniqueName('sel-vault');
await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault }));

async function newPlan() {
  const created = await client.send(new CreateBackupPlanCommand({
    BackupPlan: { BackupPlanName: uniqueName('sel-plan'), Rules: [{ RuleName: 'daily', TargetBackupVaultName: vault }] },
  }));
  return created.BackupPlanId;
}

const everyCondition = {
  StringEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'daily' }],
  StringLike: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'prod*' }],
  StringNotEquals: [{ ConditionKey: 'aws:ResourceTag/tier', ConditionValue: 'scratch' }],
  StringNotLike: [{ ConditionKey: 'aws:ResourceTag/name', ConditionValue: '*-tmp' }],
};

test('create, get, list and delete selections of every kind', async () => {
  const planId = await newPlan();

  const byTags = {
    SelectionName: 'by-tags',
    IamRoleArn: backupRoleArn,
    ListOfTags: [
      { ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' },
      { ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'hourly' },
    ],
  };
  const byResources = {
    SelectionName: 'by_resources.all',
    IamRoleArn: backupRoleArn,
    Resources: [arn.dynamoTable('orders'), arn.efs('fs-0123456789abcdef0'), 'arn:aws:ec2:*:*:volume/*'],
    NotResources: [arn.dynamoTable('orders-scratch')],
  };
  const byConditions = {
    SelectionName: 'by-conditions',
    IamRoleArn: backupRoleArn,
    Resources: ['*'],
    Conditions: everyCondition,
  };

  const created = [];
  for (const selection of [byTags, byResources, byConditions]) {
    const creatorRequestId = randomUUID();
    const out = await client.send(new CreateBackupSelectionCommand({ BackupPlanId: planId, BackupSelection: selection, CreatorRequestId: creatorRequestId }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.equal(out.BackupPlanId, planId);
    assert.match(out.SelectionId, /^\S+$/);
    await assertRecent(out.CreationDate, 'CreationDate');
    created.push({ selection, creatorRequestId, out });
  }
  assert.equal(new Set(created.map((c) => c.out.SelectionId)).size, 3, 'each selection gets its own SelectionId');

  for (const { selection, creatorRequestId, out } of created) {
    const got = await client.send(new GetBackupSelectionCommand({ BackupPlanId: planId, SelectionId: out.SelectionId }));
    assert.equal(got.BackupPlanId, planId);
    assert.equal(got.SelectionId, out.SelectionId);
    assert.equal(got.CreatorRequestId, creatorRequestId);
    assert.equal(got.CreationDate.getTime(), out.CreationDate.getTime());
    assert.equal(got.BackupSelection.SelectionName, selection.SelectionName);
    assert.equal(got.BackupSelection.IamRoleArn, backupRoleArn);
    assert.deepEqual(got.BackupSelection.ListOfTags ?? [], selection.ListOfTags ?? []);
    assert.deepEqual(got.BackupSelection.Resources ?? [], selection.Resources ?? []);
    assert.deepEqual(got.BackupSelection.NotResources ?? [], selection.NotResources ?? []);
    for (const operator of ['StringEquals', 'StringLike', 'StringNotEquals', 'StringNotLike']) {
      assert.deepEqual(got.BackupSelection.Conditions?.[operator] ?? [], selection.Conditions?.[operator] ?? [],
        `Conditions.${operator} of ${selection.SelectionName}`);
    }
  }

  const list = await client.send(new ListBackupSelectionsCommand({ BackupPlanId: planId }));
  assert.equal(list.BackupSelectionsList.length, 3);
  for (const { selection, creatorRequestId, out } of created) {
    const entry = list.BackupSelectionsList.find((s) => s.SelectionId === out.SelectionId);
    assert.ok(entry, `selection ${selection.SelectionName} is listed`);
    assert.equal(entry.SelectionName, selection.SelectionName);
    assert.equal(entry.BackupPlanId, planId);
    assert.equal(entry.IamRoleArn, backupRoleArn);
    assert.equal(entry.CreatorRequestId, creatorRequestId);
    assert.ok(entry.CreationDate instanceof Date);
  }
  const paged = await collectPages((page) => client.send(new ListBackupSelectionsCommand({ BackupPlanId: planId, ...page })), 2, 'BackupSelectionsList');
  assert.equal(paged.items.length, 3);
  assert.ok(paged.pages >= 2, 'MaxResults=2 over three selections needs two pages');

  // A plan with selections cannot be deleted.
  await expectError(client.send(new DeleteBackupPlanCommand({ BackupPlanId: planId })), 'InvalidRequestException');
  assert.equal((await client.send(new GetBackupPlanCommand({ BackupPlanId: planId }))).BackupPlanId, planId, 'the refused delete left the plan');

  for (const { out } of created) {
    const deleted = await client.send(new DeleteBackupSelectionCommand({ BackupPlanId: planId, SelectionId: out.SelectionId }));
    assert.equal(deleted.$metadata.httpStatusCode, 200);
    await expectError(client.send(new GetBackupSelectionCommand({ BackupPlanId: planId, SelectionId: out.SelectionId })), 'ResourceNotFoundException');
  }
  const empty = await client.send(new ListBackupSelectionsCommand({ BackupPlanId: planId }));
  assert.deepEqual(empty.BackupSelectionsList ?? [], []);

  const deletedPlan = await client.send(new DeleteBackupPlanCommand({ BackupPlanId: planId }));
  assert.equal(deletedPlan.BackupPlanId, planId);
});

test('a repeated CreatorRequestId returns the same selection', async () => {
  const planId = await newPlan();
  const input = {
    BackupPlanId: planId,
    BackupSelection: { SelectionName: 'idem', IamRoleArn: backupRoleArn, Resources: [arn.dynamoTable('t')] },
    CreatorRequestId: `sel-${randomUUID()}`,
  };
  const first = await client.send(new CreateBackupSelectionCommand(input));
  const again = await client.send(new CreateBackupSelectionCommand(input));
  assert.equal(again.SelectionId, first.SelectionId);
  const list = await client.send(new ListBackupSelectionsCommand({ BackupPlanId: planId }));
  assert.equal(list.BackupSelectionsList.length, 1, 'the retry created nothing');
});

test('selection errors', async () => {
  const planId = await newPlan();
  const unknownPlan = randomUUID();
  const valid = { SelectionName: 'ok', IamRoleArn: backupRoleArn, Resources: [arn.dynamoTable('t')] };
  const create = (selection, id = planId) => client.send(new CreateBackupSelectionCommand({ BackupPlanId: id, BackupSelection: selection }));

  await expectError(create(valid, unknownPlan), 'ResourceNotFoundException');
  await expectError(client.send(new ListBackupSelectionsCommand({ BackupPlanId: unknownPlan })), 'ResourceNotFoundException');
  await expectError(client.send(new GetBackupSelectionCommand({ BackupPlanId: planId, SelectionId: randomUUID() })), 'ResourceNotFoundException');
  await expectError(client.send(new DeleteBackupSelectionCommand({ BackupPlanId: planId, SelectionId: randomUUID() })), 'ResourceNotFoundException');

  // Required members.
  await expectError(create({ SelectionName: 'no-role', Resources: [arn.dynamoTable('t')] }), 'MissingParameterValueException');
  await expectError(create({ IamRoleArn: backupRoleArn, Resources: [arn.dynamoTable('t')] }), 'MissingParameterValueException');
  await expectError(create({ ...valid, ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup' }] }), 'MissingParameterValueException');
  // Constraint violations: name pattern ^[a-zA-Z0-9\-\_\.]{1,50}$, ConditionType enum (STRINGEQUALS only).
  await expectError(create({ ...valid, SelectionName: 'spaces are not allowed' }), 'InvalidParameterValueException');
  await expectError(create({ ...valid, SelectionName: 'x'.repeat(51) }), 'InvalidParameterValueException');
  await expectError(create({ ...valid, ListOfTags: [{ ConditionType: 'STRINGLIKE', ConditionKey: 'backup', ConditionValue: 'x' }] }),
    'InvalidParameterValueException');

  const list = await client.send(new ListBackupSelectionsCommand({ BackupPlanId: planId }));
  assert.deepEqual(list.BackupSelectionsList ?? [], [], 'refused creates leave no selection behind');
});

test('documented assignment quotas: 500 plain ARNs, 30 wildcard ARNs, 30 conditions per selection', async () => {
  const planId = await newPlan();
  const create = (name, selection) => client.send(new CreateBackupSelectionCommand({
    BackupPlanId: planId, BackupSelection: { SelectionName: name, IamRoleArn: backupRoleArn, ...selection },
  }));
  const tables = (count) => Array.from({ length: count }, (_, i) => arn.dynamoTable(`table-${i}`));
  const wildcards = (count) => Array.from({ length: count }, (_, i) => arn.dynamoTable(`prefix-${i}-*`));
  const conditions = (count) => Array.from({ length: count }, (_, i) => ({ ConditionKey: `aws:ResourceTag/k${i}`, ConditionValue: 'v' }));

  await create('plain-500', { Resources: tables(500) });
  await expectLimitRefusal(create('plain-501', { Resources: tables(501) }), 'a selection with 501 ARNs');
  await create('wild-30', { Resources: wildcards(30) });
  await expectLimitRefusal(create('wild-31', { Resources: wildcards(31) }), 'a selection with 31 wildcard ARNs');
  await create('cond-30', { Resources: ['*'], Conditions: { StringEquals: conditions(20), StringNotEquals: conditions(10) } });
  await expectLimitRefusal(create('cond-31', { Resources: ['*'], Conditions: { StringEquals: conditions(20), StringLike: conditions(11) } }),
    'a selection with 31 conditions');

  const names = (await client.send(new ListBackupSelectionsCommand({ BackupPlanId: planId }))).BackupSelectionsList.map((s) => s.SelectionName).sort();
  assert.deepEqual(names, ['cond-30', 'plain-500', 'wild-30'], 'only the selections within the quotas exist');
});
