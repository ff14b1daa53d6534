// Backup plans through the official SDK: create (several rules, copy actions, lifecycles, advanced settings), get,
// get by VersionId, update (new version), list with pagination, list versions, delete, and the documented errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  CreateBackupPlanCommand, CreateBackupVaultCommand, DeleteBackupPlanCommand, GetBackupPlanCommand,
  ListBackupPlansCommand, ListBackupPlanVersionsCommand, ListTagsCommand, UpdateBackupPlanCommand,
} from '@aws-sdk/client-backup';
import { arn, assertRecent, collectPages, expectError, expectLimitRefusal, newClient, uniqueName } from '../lib/harness.mjs';

const client = await newClient();
const primaryVault = uniqueName('plan-primary');
const archiveVault = uniqueName('plan-archive');
await client.send(new CreateBackupVaultCommand({ BackupVaultName: primaryVault }));
await client.send(new CreateBackupVaultCommand({ BackupVaultName: archiveVault }));
// A copy destination in another Region: AWS takes any vault ARN there, it is checked when the copy job runs.
const crossRegionVaultArn = arn.vault(archiveVault).replace(':us-east-1:', ':us-west-2:');

function fullPlan(name) {
  return {
    BackupPlanName: name,
    Rules: [
      {
        RuleName: 'daily',
        TargetBackupVaultName: primaryVault,
        ScheduleExpression: 'cron(0 5 ? * * *)',
        ScheduleExpressionTimezone: 'Europe/Paris',
        StartWindowMinutes: 60,
        CompletionWindowMinutes: 180,
        Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 120 },
        RecoveryPointTags: { tier: 'gold', owner: 'storage-team' },
        CopyActions: [
          { DestinationBackupVaultArn: arn.vault(archiveVault), Lifecycle: { DeleteAfterDays: 365 } },
          { DestinationBackupVaultArn: crossRegionVaultArn, Lifecycle: { MoveToColdStorageAfterDays: 7, DeleteAfterDays: 97 } },
        ],
      },
      { RuleName: 'minimal', TargetBackupVaultName: primaryVault },
      {
        RuleName: 'monthly_archive.v2',
        TargetBackupVaultName: archiveVault,
        ScheduleExpression: 'cron(0 3 1 * ? *)',
        Lifecycle: { DeleteAfterDays: 3650 },
      },
      {
        RuleName: 'pitr',
        TargetBackupVaultName: primaryVault,
        EnableContinuousBackup: true,
        Lifecycle: { DeleteAfterDays: 35 },
      },
    ],
    AdvancedBackupSettings: [{ ResourceType: 'EC2', BackupOptions: { WindowsVSS: 'enabled' } }],
  };
}

function ruleByName(plan, name) {
  const rule = plan.Rules.find((r) => r.RuleName === name);
  assert.ok(rule, `rule ${name} is missing from ${JSON.stringify(plan.Rules.map((r) => r.RuleName))}`);
  return rule;
}

test('create, get, update, get by version, list versions, delete', async () => {
  const name = uniqueName('plan-full');
  const creatorRequestId = randomUUID();
  const created = await client.send(new CreateBackupPlanCommand({
    BackupPlan: fullPlan(name),
    BackupPlanTags: { team: 'storage', env: 'test' },
    CreatorRequestId: creatorRequestId,
  }));
  assert.equal(created.$metadata.httpStatusCode, 200);
  assert.match(created.BackupPlanId, /^\S+$/);
  assert.equal(created.BackupPlanArn, arn.plan(created.BackupPlanId));
  assert.ok(typeof created.VersionId === 'string' && created.VersionId.length > 0 && created.VersionId.length <= 1024, 'VersionId is an opaque string of at most 1024 bytes');
  await assertRecent(created.CreationDate, 'CreationDate');
  assert.deepEqual(created.AdvancedBackupSettings, [{ ResourceType: 'EC2', BackupOptions: { WindowsVSS: 'enabled' } }]);

  const v1 = await client.send(new GetBackupPlanCommand({ BackupPlanId: created.BackupPlanId }));
  assert.equal(v1.BackupPlanId, created.BackupPlanId);
  assert.equal(v1.BackupPlanArn, created.BackupPlanArn);
  assert.equal(v1.VersionId, created.VersionId);
  assert.equal(v1.CreatorRequestId, creatorRequestId);
  assert.equal(v1.CreationDate.getTime(), created.CreationDate.getTime());
  assert.equal(v1.DeletionDate, undefined);
  assert.equal(v1.BackupPlan.BackupPlanName, name);
  assert.equal(v1.BackupPlan.Rules.length, 4);
  assert.deepEqual(v1.BackupPlan.AdvancedBackupSettings, [{ ResourceType: 'EC2', BackupOptions: { WindowsVSS: 'enabled' } }]);

  const ruleIds = v1.BackupPlan.Rules.map((r) => r.RuleId);
  assert.ok(ruleIds.every((id) => typeof id === 'string' && id.length > 0), 'every rule gets a service-generated RuleId');
  assert.equal(new Set(ruleIds).size, 4, 'RuleIds are unique within the plan');

  const daily = ruleByName(v1.BackupPlan, 'daily');
  assert.equal(daily.TargetBackupVaultName, primaryVault);
  assert.equal(daily.ScheduleExpression, 'cron(0 5 ? * * *)');
  assert.equal(daily.ScheduleExpressionTimezone, 'Europe/Paris');
  assert.equal(daily.StartWindowMinutes, 60);
  assert.equal(daily.CompletionWindowMinutes, 180);
  assert.equal(daily.Lifecycle.MoveToColdStorageAfterDays, 30);
  assert.equal(daily.Lifecycle.DeleteAfterDays, 120);
  assert.deepEqual(daily.RecoveryPointTags, { tier: 'gold', owner: 'storage-team' });
  assert.equal(daily.CopyActions.length, 2);
  assert.deepEqual(daily.CopyActions[0], { DestinationBackupVaultArn: arn.vault(archiveVault), Lifecycle: { DeleteAfterDays: 365 } });
  assert.equal(daily.CopyActions[1].DestinationBackupVaultArn, crossRegionVaultArn);
  assert.equal(daily.CopyActions[1].Lifecycle.MoveToColdStorageAfterDays, 7);
  assert.equal(daily.CopyActions[1].Lifecycle.DeleteAfterDays, 97);

  // Defaults AWS documents for a rule that sets only its name and vault: daily at 05:00 UTC, 8 h start window,
  // 7 days completion window.
  const minimal = ruleByName(v1.BackupPlan, 'minimal');
  assert.equal(minimal.ScheduleExpression, 'cron(0 5 ? * * *)');
  assert.equal(minimal.StartWindowMinutes, 480);
  assert.equal(minimal.CompletionWindowMinutes, 10080);
  assert.equal(minimal.Lifecycle?.DeleteAfterDays, undefined, 'no lifecycle means recovery points are kept forever');
  assert.equal(minimal.Lifecycle?.MoveToColdStorageAfterDays, undefined);

  const pitr = ruleByName(v1.BackupPlan, 'pitr');
  assert.equal(pitr.EnableContinuousBackup, true);
  assert.equal(pitr.Lifecycle.DeleteAfterDays, 35);
  assert.equal(ruleByName(v1.BackupPlan, 'monthly_archive.v2').ScheduleExpression, 'cron(0 3 1 * ? *)');

  const tags = await client.send(new ListTagsCommand({ ResourceArn: created.BackupPlanArn }));
  assert.deepEqual(tags.Tags, { team: 'storage', env: 'test' });

  // Update: a new version with one rule changed and one removed.
  const changed = fullPlan(name);
  changed.Rules = changed.Rules.filter((r) => r.RuleName !== 'monthly_archive.v2');
  changed.Rules[0].Lifecycle = { DeleteAfterDays: 60 };
  changed.AdvancedBackupSettings = [{ ResourceType: 'EC2', BackupOptions: { WindowsVSS: 'disabled' } }];
  const updated = await client.send(new UpdateBackupPlanCommand({ BackupPlanId: created.BackupPlanId, BackupPlan: changed }));
  assert.equal(updated.BackupPlanId, created.BackupPlanId);
  assert.equal(updated.BackupPlanArn, created.BackupPlanArn);
  assert.ok(typeof updated.VersionId === 'string' && updated.VersionId.length > 0);
  assert.notEqual(updated.VersionId, created.VersionId, 'UpdateBackupPlan creates a new VersionId');
  assert.deepEqual(updated.AdvancedBackupSettings, [{ ResourceType: 'EC2', BackupOptions: { WindowsVSS: 'disabled' } }]);

  const listedAfterUpdate = (await collectPages((page) => client.send(new ListBackupPlansCommand(page)), 1000, 'BackupPlansList'))
    .items.find((p) => p.BackupPlanId === created.BackupPlanId);
  assert.equal(listedAfterUpdate?.VersionId, updated.VersionId, 'ListBackupPlans shows the current version');

  // A refused update creates no version.
  const refused = fullPlan(name);
  refused.Rules[0].Lifecycle = { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 60 };
  await expectError(client.send(new UpdateBackupPlanCommand({ BackupPlanId: created.BackupPlanId, BackupPlan: refused })), 'InvalidParameterValueException');

  const latest = await client.send(new GetBackupPlanCommand({ BackupPlanId: created.BackupPlanId }));
  assert.equal(latest.VersionId, updated.VersionId);
  assert.equal(latest.BackupPlan.Rules.length, 3);
  assert.deepEqual(ruleByName(latest.BackupPlan, 'daily').Lifecycle, { DeleteAfterDays: 60 });
  assert.ok(!latest.BackupPlan.Rules.some((r) => r.RuleName === 'monthly_archive.v2'));

  const old = await client.send(new GetBackupPlanCommand({ BackupPlanId: created.BackupPlanId, VersionId: created.VersionId }));
  assert.equal(old.VersionId, created.VersionId);
  assert.equal(old.BackupPlan.Rules.length, 4, 'the old version still has its four rules');
  assert.equal(ruleByName(old.BackupPlan, 'daily').Lifecycle.DeleteAfterDays, 120);
  assert.deepEqual(old.BackupPlan.AdvancedBackupSettings, [{ ResourceType: 'EC2', BackupOptions: { WindowsVSS: 'enabled' } }]);

  const versions = await client.send(new ListBackupPlanVersionsCommand({ BackupPlanId: created.BackupPlanId }));
  const versionIds = versions.BackupPlanVersionsList.map((v) => v.VersionId).sort();
  assert.deepEqual(versionIds, [created.VersionId, updated.VersionId].sort());
  for (const version of versions.BackupPlanVersionsList) {
    assert.equal(version.BackupPlanId, created.BackupPlanId);
    assert.equal(version.BackupPlanArn, created.BackupPlanArn);
    assert.equal(version.BackupPlanName, name);
    assert.ok(version.CreationDate instanceof Date);
  }
  const versionPages = await collectPages(
    (page) => client.send(new ListBackupPlanVersionsCommand({ BackupPlanId: created.BackupPlanId, ...page })), 1, 'BackupPlanVersionsList');
  assert.equal(versionPages.items.length, 2);
  assert.equal(versionPages.pages >= 2, true, 'MaxResults=1 over two versions needs two pages');

  const deleted = await client.send(new DeleteBackupPlanCommand({ BackupPlanId: created.BackupPlanId }));
  assert.equal(deleted.BackupPlanId, created.BackupPlanId);
  assert.equal(deleted.BackupPlanArn, created.BackupPlanArn);
  assert.equal(deleted.VersionId, updated.VersionId, 'DeleteBackupPlan deletes the current version');
  await assertRecent(deleted.DeletionDate, 'DeletionDate');

  const active = await collectPages((page) => client.send(new ListBackupPlansCommand(page)), 100, 'BackupPlansList');
  assert.ok(!active.items.some((p) => p.BackupPlanId === created.BackupPlanId), 'a deleted plan is not listed by default');
  const withDeleted = await collectPages(
    (page) => client.send(new ListBackupPlansCommand({ ...page, IncludeDeleted: true })), 100, 'BackupPlansList');
  const listedDeleted = withDeleted.items.find((p) => p.BackupPlanId === created.BackupPlanId);
  assert.ok(listedDeleted, 'IncludeDeleted=true lists the deleted plan');
  assert.ok(listedDeleted.DeletionDate instanceof Date, 'a deleted plan in the list carries its DeletionDate');
});

test('ListBackupPlans pages with MaxResults and NextToken', async () => {
  const prefix = uniqueName('plan-page');
  const ids = [];
  for (let i = 0; i < 3; i++) {
    const created = await client.send(new CreateBackupPlanCommand({
      BackupPlan: { BackupPlanName: `${prefix}-${i}`, Rules: [{ RuleName: 'r', TargetBackupVaultName: primaryVault }] },
    }));
    ids.push(created.BackupPlanId);
  }
  const { items, pages } = await collectPages((page) => client.send(new ListBackupPlansCommand(page)), 1, 'BackupPlansList');
  assert.ok(pages >= 3, `MaxResults=1 over at least 3 plans must take at least 3 pages, took ${pages}`);
  const listedIds = items.map((p) => p.BackupPlanId);
  assert.equal(new Set(listedIds).size, listedIds.length, 'no plan is listed twice across pages');
  for (const [i, id] of ids.entries()) {
    const entry = items.find((p) => p.BackupPlanId === id);
    assert.ok(entry, `plan ${id} is listed`);
    assert.equal(entry.BackupPlanName, `${prefix}-${i}`);
    assert.equal(entry.BackupPlanArn, arn.plan(id));
    assert.ok(typeof entry.VersionId === 'string' && entry.VersionId.length > 0);
    assert.ok(entry.CreationDate instanceof Date);
    assert.ok(typeof entry.CreatorRequestId === 'string' && entry.CreatorRequestId.length > 0,
      'the SDK filled CreatorRequestId (an idempotency token) and the service keeps it');
  }
});

test('a repeated CreatorRequestId returns the same plan; the same plan again is AlreadyExists', async () => {
  const name = uniqueName('plan-idem');
  const creatorRequestId = `req-${randomUUID()}`;
  const input = { BackupPlan: { BackupPlanName: name, Rules: [{ RuleName: 'r', TargetBackupVaultName: primaryVault }] } };
  const first = await client.send(new CreateBackupPlanCommand({ ...input, CreatorRequestId: creatorRequestId }));
  const again = await client.send(new CreateBackupPlanCommand({ ...input, CreatorRequestId: creatorRequestId }));
  assert.equal(again.BackupPlanId, first.BackupPlanId, 'a CreatorRequestId that matches an existing plan returns that plan');
  assert.equal(again.BackupPlanArn, first.BackupPlanArn);
  assert.equal(again.VersionId, first.VersionId);

  const duplicate = await expectError(
    client.send(new CreateBackupPlanCommand({ ...input, CreatorRequestId: `req-${randomUUID()}` })), 'AlreadyExistsException');
  assert.ok(duplicate.message.length > 0);

  const all = await collectPages((page) => client.send(new ListBackupPlansCommand(page)), 1000, 'BackupPlansList');
  assert.equal(all.items.filter((p) => p.BackupPlanName === name).length, 1, 'exactly one plan was created');
});

test('unknown ids answer ResourceNotFoundException', async () => {
  const unknownId = randomUUID();
  const plan = { BackupPlanName: uniqueName('plan-x'), Rules: [{ RuleName: 'r', TargetBackupVaultName: primaryVault }] };
  await expectError(client.send(new GetBackupPlanCommand({ BackupPlanId: unknownId })), 'ResourceNotFoundException');
  await expectError(client.send(new UpdateBackupPlanCommand({ BackupPlanId: unknownId, BackupPlan: plan })), 'ResourceNotFoundException');
  await expectError(client.send(new DeleteBackupPlanCommand({ BackupPlanId: unknownId })), 'ResourceNotFoundException');
  await expectError(client.send(new ListBackupPlanVersionsCommand({ BackupPlanId: unknownId })), 'ResourceNotFoundException');

  const created = await client.send(new CreateBackupPlanCommand({ BackupPlan: plan }));
  await expectError(
    client.send(new GetBackupPlanCommand({ BackupPlanId: created.BackupPlanId, VersionId: 'not-a-version-of-this-plan' })),
    'ResourceNotFoundException');
  await client.send(new DeleteBackupPlanCommand({ BackupPlanId: created.BackupPlanId }));
});

test('invalid and missing parameters are refused and nothing is created', async () => {
  const name = uniqueName('plan-bad');
  const rule = (extra) => ({ RuleName: 'r', TargetBackupVaultName: primaryVault, ...extra });
  const create = (backupPlan) => client.send(new CreateBackupPlanCommand({ BackupPlan: backupPlan }));

  // Cold storage needs at least 90 days before deletion.
  await expectError(create({ BackupPlanName: name, Rules: [rule({ Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 100 } })] }),
    'InvalidParameterValueException');
  // The same rule for a copy action's lifecycle.
  await expectError(create({
    BackupPlanName: name,
    Rules: [rule({ CopyActions: [{ DestinationBackupVaultArn: arn.vault(archiveVault), Lifecycle: { MoveToColdStorageAfterDays: 10, DeleteAfterDays: 50 } }] })],
  }), 'InvalidParameterValueException');
  // Continuous backup has no cold tier.
  await expectError(create({
    BackupPlanName: name,
    Rules: [rule({ EnableContinuousBackup: true, Lifecycle: { MoveToColdStorageAfterDays: 1, DeleteAfterDays: 100 } })],
  }), 'InvalidParameterValueException');
  // Rule names: ^[a-zA-Z0-9\-\_\.]{1,50}$.
  await expectError(create({ BackupPlanName: name, Rules: [{ RuleName: 'no spaces allowed', TargetBackupVaultName: primaryVault }] }),
    'InvalidParameterValueException');
  // Start window must be at least 60 minutes.
  await expectError(create({ BackupPlanName: name, Rules: [rule({ StartWindowMinutes: 30 })] }), 'InvalidParameterValueException');
  // Only cron() schedules.
  await expectError(create({ BackupPlanName: name, Rules: [rule({ ScheduleExpression: 'not a schedule' })] }), 'InvalidParameterValueException');
  // Lifecycle: DeleteAfterDays within 1..36500; a cold transition that is present (even 0) needs 90 more days.
  await expectError(create({ BackupPlanName: name, Rules: [rule({ Lifecycle: { DeleteAfterDays: 36501 } })] }), 'InvalidParameterValueException');
  await expectError(create({ BackupPlanName: name, Rules: [rule({ Lifecycle: { DeleteAfterDays: 0 } })] }), 'InvalidParameterValueException');
  await expectError(create({ BackupPlanName: name, Rules: [rule({ Lifecycle: { MoveToColdStorageAfterDays: 0, DeleteAfterDays: 30 } })] }),
    'InvalidParameterValueException');
  // Continuous backup keeps at most 35 days.
  await expectError(create({ BackupPlanName: name, Rules: [rule({ EnableContinuousBackup: true, Lifecycle: { DeleteAfterDays: 36 } })] }),
    'InvalidParameterValueException');
  // MaxResults is 1..1000.
  await expectError(client.send(new ListBackupPlansCommand({ MaxResults: 1001 })), 'InvalidParameterValueException');
  // Required members absent.
  await expectError(create({ Rules: [rule()] }), 'MissingParameterValueException');
  await expectError(create({ BackupPlanName: name }), 'MissingParameterValueException');
  await expectError(create({ BackupPlanName: name, Rules: [{ RuleName: 'r' }] }), 'MissingParameterValueException');
  await expectError(client.send(new CreateBackupPlanCommand({})), 'MissingParameterValueException');

  const all = await collectPages((page) => client.send(new ListBackupPlansCommand(page)), 1000, 'BackupPlansList');
  assert.ok(!all.items.some((p) => p.BackupPlanName === name), 'refused creates leave no plan behind');
});

test('documented plan quotas: at most 10 rules per plan and 5 copy actions per rule', async () => {
  const name = uniqueName('plan-quota');
  const rules = (count) => Array.from({ length: count }, (_, i) => ({ RuleName: `rule-${i}`, TargetBackupVaultName: primaryVault }));
  const copies = (count) => Array.from({ length: count }, (_, i) => ({ DestinationBackupVaultArn: arn.vault(`copy-target-${i}`) }));

  const ten = await client.send(new CreateBackupPlanCommand({ BackupPlan: { BackupPlanName: name, Rules: rules(10) } }));
  assert.equal((await client.send(new GetBackupPlanCommand({ BackupPlanId: ten.BackupPlanId }))).BackupPlan.Rules.length, 10);
  await expectLimitRefusal(client.send(new CreateBackupPlanCommand({ BackupPlan: { BackupPlanName: `${name}-11`, Rules: rules(11) } })),
    'a plan with 11 rules');
  await expectLimitRefusal(client.send(new UpdateBackupPlanCommand({ BackupPlanId: ten.BackupPlanId, BackupPlan: { BackupPlanName: name, Rules: rules(11) } })),
    'an update to 11 rules');

  const five = await client.send(new CreateBackupPlanCommand({
    BackupPlan: { BackupPlanName: `${name}-c5`, Rules: [{ RuleName: 'r', TargetBackupVaultName: primaryVault, CopyActions: copies(5) }] },
  }));
  assert.equal((await client.send(new GetBackupPlanCommand({ BackupPlanId: five.BackupPlanId }))).BackupPlan.Rules[0].CopyActions.length, 5);
  await expectLimitRefusal(client.send(new CreateBackupPlanCommand({
    BackupPlan: { BackupPlanName: `${name}-c6`, Rules: [{ RuleName: 'r', TargetBackupVaultName: primaryVault, CopyActions: copies(6) }] },
  })), 'a rule with 6 copy actions');
});
