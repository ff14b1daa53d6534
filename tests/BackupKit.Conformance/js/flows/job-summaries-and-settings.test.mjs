// Job summaries, Region settings and global settings as the AWS Backup API reference describes them. The flow acts in
// an account of its own (an unmapped 12-digit access key is its own account in the emulator), so the counts and the
// opt-in it changes are not shared with other flows. Resources and the clock are driven through the admin path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import {
  BackupClient, CreateBackupPlanCommand, CreateBackupSelectionCommand, CreateBackupVaultCommand, DescribeGlobalSettingsCommand,
  DescribeRegionSettingsCommand, ListBackupJobsCommand, ListBackupJobSummariesCommand, ListCopyJobSummariesCommand,
  ListRestoreJobSummariesCommand, StartRestoreJobCommand, UpdateGlobalSettingsCommand, UpdateRegionSettingsCommand,
} from '@aws-sdk/client-backup';
import { emulatorNow, endpoint, expectError, newClient, region, uniqueName } from '../lib/harness.mjs';
import { addResource, advanceEmulatorClock } from '../lib/admin.mjs';

const day = 24 * 60 * 60 * 1000;

async function ownAccountClient(account) {
  const offset = (await emulatorNow()) - Date.now();
  return new BackupClient({
    endpoint, region, maxAttempts: 1, systemClockOffset: offset,
    credentials: { accessKeyId: account, secretAccessKey: 'flow-secret' },
  });
}

test('an opted-out type is not protected; summaries count the jobs per day, state and type', async () => {
  const account = String(randomInt(100_000_000_000, 999_999_999_999));
  let client = await ownAccountClient(account);
  const role = `arn:aws:iam::${account}:role/service-role/AWSBackupDefaultServiceRole`;
  const vault = uniqueName('summary-vault');
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault }));
  const plan = await client.send(new CreateBackupPlanCommand({
    BackupPlan: { BackupPlanName: uniqueName('summary-plan'), Rules: [{ RuleName: 'daily', TargetBackupVaultName: vault, ScheduleExpression: 'cron(0 5 ? * * *)', Lifecycle: { DeleteAfterDays: 35 } }] },
  }));
  await client.send(new CreateBackupSelectionCommand({
    BackupPlanId: plan.BackupPlanId,
    BackupSelection: { SelectionName: 'by-tag', IamRoleArn: role, ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }] },
  }));
  const table = `arn:aws:dynamodb:${region}:${account}:table/${uniqueName('orders')}`;
  const volume = `arn:aws:ec2:${region}:${account}:volume/vol-0123456789abcdef0`;
  await addResource({ arn: table, tags: { backup: 'daily' } });
  await addResource({ arn: volume, tags: { backup: 'daily' } });

  await client.send(new UpdateRegionSettingsCommand({ ResourceTypeOptInPreference: { EBS: false } }));
  const settings = await client.send(new DescribeRegionSettingsCommand({}));
  assert.equal(settings.ResourceTypeOptInPreference.EBS, false);
  assert.equal(settings.ResourceTypeOptInPreference.DynamoDB, true);
  assert.equal(typeof settings.ResourceTypeManagementPreference.DynamoDB, 'boolean');
  await expectError(client.send(new UpdateRegionSettingsCommand({ ResourceTypeOptInPreference: { NotAType: true } })), 'InvalidParameterValueException');

  // To one hour after the next 05:00 UTC run, then one more day: two runs, both finished.
  const now = await emulatorNow();
  const next = new Date(now);
  next.setUTCHours(5, 0, 0, 0);
  if (next.getTime() <= now) {
    next.setUTCDate(next.getUTCDate() + 1);
  }
  await advanceEmulatorClock(next.getTime() - now + day / 24);
  await advanceEmulatorClock(day);
  client = await ownAccountClient(account);
  const jobs = (await client.send(new ListBackupJobsCommand({}))).BackupJobs;
  assert.equal(jobs.length, 2, 'two daily runs, each of the table only');
  assert.ok(jobs.every((j) => j.ResourceArn === table), 'the opted-out volume is not backed up');

  const daily = await client.send(new ListBackupJobSummariesCommand({ AggregationPeriod: 'ONE_DAY' }));
  assert.equal(daily.AggregationPeriod, 'ONE_DAY');
  assert.equal(daily.BackupJobSummaries.reduce((n, s) => n + s.Count, 0), 2);
  for (const summary of daily.BackupJobSummaries) {
    assert.deepEqual([summary.Region, summary.AccountId, summary.State, summary.ResourceType, summary.MessageCategory, summary.Count],
      [region, account, 'COMPLETED', 'DynamoDB', 'SUCCESS', 1]);
    assert.ok(summary.EndTime > summary.StartTime, 'each summary covers one day');
  }
  const week = await client.send(new ListBackupJobSummariesCommand({ AggregationPeriod: 'SEVEN_DAYS', State: 'AGGREGATE_ALL', ResourceType: 'AGGREGATE_ALL' }));
  assert.equal(week.BackupJobSummaries.length, 1);
  assert.equal(week.BackupJobSummaries[0].Count, 2);
  const failed = await client.send(new ListBackupJobSummariesCommand({ AggregationPeriod: 'FOURTEEN_DAYS', State: 'FAILED' }));
  assert.deepEqual(failed.BackupJobSummaries, []);

  await client.send(new StartRestoreJobCommand({ RecoveryPointArn: jobs[0].RecoveryPointArn, IamRoleArn: role, Metadata: { targetTableName: uniqueName('restored') } }));
  await advanceEmulatorClock(day / 24);
  client = await ownAccountClient(account);
  const restores = await client.send(new ListRestoreJobSummariesCommand({ AggregationPeriod: 'SEVEN_DAYS' }));
  assert.deepEqual(restores.RestoreJobSummaries.map((s) => [s.State, s.ResourceType, s.Count]), [['COMPLETED', 'DynamoDB', 1]]);
  const copies = await client.send(new ListCopyJobSummariesCommand({ AggregationPeriod: 'SEVEN_DAYS' }));
  assert.deepEqual(copies.CopyJobSummaries, []);
  await expectError(client.send(new ListBackupJobSummariesCommand({ MaxResults: 0 })), 'InvalidParameterValueException');
});

test('global settings: every account reads them, only the management account changes them', async () => {
  const member = await ownAccountClient(String(randomInt(100_000_000_000, 999_999_999_999)));
  const management = await newClient();
  const read = await member.send(new DescribeGlobalSettingsCommand({}));
  assert.ok(['true', 'false'].includes(read.GlobalSettings.isCrossAccountBackupEnabled), `isCrossAccountBackupEnabled: ${read.GlobalSettings.isCrossAccountBackupEnabled}`);
  await expectError(member.send(new UpdateGlobalSettingsCommand({ GlobalSettings: { isCrossAccountBackupEnabled: 'false' } })), 'InvalidRequestException');
  await expectError(management.send(new UpdateGlobalSettingsCommand({ GlobalSettings: { isCrossAccountBackupEnabled: 'maybe' } })), 'InvalidParameterValueException');

  // Sets the value it already has, so other flows' cross-account copies are unaffected.
  await management.send(new UpdateGlobalSettingsCommand({ GlobalSettings: { isCrossAccountBackupEnabled: read.GlobalSettings.isCrossAccountBackupEnabled } }));
  const after = await management.send(new DescribeGlobalSettingsCommand({}));
  assert.equal(after.GlobalSettings.isCrossAccountBackupEnabled, read.GlobalSettings.isCrossAccountBackupEnabled);
  assert.ok(after.LastUpdateTime instanceof Date, 'LastUpdateTime is set once the settings were updated');
});
