// AWS Backup Audit Manager as the developer guide describes it: a framework of controls is created (in progress, then
// completed), described, listed, updated and deleted; report plans deliver job reports and compliance reports to S3;
// an on-demand report job completes with its S3 keys. The clock is moved through the emulator's admin path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  CreateFrameworkCommand, CreateReportPlanCommand, DeleteFrameworkCommand, DeleteReportPlanCommand, DescribeFrameworkCommand,
  DescribeReportJobCommand, DescribeReportPlanCommand, ListFrameworksCommand, ListReportJobsCommand, ListReportPlansCommand,
  StartReportJobCommand, UpdateFrameworkCommand, UpdateReportPlanCommand,
} from '@aws-sdk/client-backup';
import { expectError, newClient } from '../lib/harness.mjs';
import { advanceEmulatorClock } from '../lib/admin.mjs';

const minute = 60 * 1000;
// Framework and report plan names: a letter, then letters, digits or '_'.
const auditName = (prefix) => `${prefix}_${randomBytes(5).toString('hex')}`;

test('a framework is created, completes, is described, listed, updated and deleted', async () => {
  let client = await newClient();
  const name = auditName('fw');
  const created = await client.send(new CreateFrameworkCommand({
    FrameworkName: name,
    FrameworkDescription: 'retention and encryption',
    FrameworkControls: [
      { ControlName: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK', ControlInputParameters: [{ ParameterName: 'requiredRetentionDays', ParameterValue: '35' }] },
      { ControlName: 'BACKUP_RECOVERY_POINT_ENCRYPTED' },
    ],
    IdempotencyToken: randomBytes(8).toString('hex'),
  }));
  assert.equal(created.FrameworkName, name);
  assert.match(created.FrameworkArn, /^arn:aws:backup:[a-z0-9-]+:\d{12}:framework:/);

  const inProgress = await client.send(new DescribeFrameworkCommand({ FrameworkName: name }));
  assert.equal(inProgress.DeploymentStatus, 'CREATE_IN_PROGRESS');
  await expectError(client.send(new UpdateFrameworkCommand({ FrameworkName: name, FrameworkControls: [{ ControlName: 'BACKUP_RECOVERY_POINT_ENCRYPTED' }] })), 'ConflictException', 409);

  await advanceEmulatorClock(5 * minute);
  client = await newClient();
  const completed = await client.send(new DescribeFrameworkCommand({ FrameworkName: name }));
  assert.equal(completed.DeploymentStatus, 'COMPLETED');
  assert.equal(completed.FrameworkControls.length, 2);
  const listed = (await client.send(new ListFrameworksCommand({}))).Frameworks.find((f) => f.FrameworkName === name);
  assert.equal(listed?.NumberOfControls, 2);

  await client.send(new UpdateFrameworkCommand({
    FrameworkName: name,
    FrameworkControls: [{ ControlName: 'BACKUP_RECOVERY_POINT_ENCRYPTED' }],
    IdempotencyToken: randomBytes(8).toString('hex'),
  }));
  await advanceEmulatorClock(5 * minute);
  client = await newClient();
  const updated = await client.send(new DescribeFrameworkCommand({ FrameworkName: name }));
  assert.deepEqual(updated.FrameworkControls.map((c) => c.ControlName), ['BACKUP_RECOVERY_POINT_ENCRYPTED']);

  await expectError(client.send(new CreateFrameworkCommand({
    FrameworkName: auditName('bad'),
    FrameworkControls: [{ ControlName: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK', ControlInputParameters: [{ ParameterName: 'requiredRetentionDays', ParameterValue: '0' }] }],
  })), 'InvalidParameterValueException');

  await client.send(new DeleteFrameworkCommand({ FrameworkName: name }));
  await expectError(client.send(new DescribeFrameworkCommand({ FrameworkName: name })), 'ResourceNotFoundException');
});

test('report plans are created, described, listed, updated and deleted; a report job completes with its S3 keys', async () => {
  let client = await newClient();
  const framework = auditName('fw');
  const frameworkArn = (await client.send(new CreateFrameworkCommand({ FrameworkName: framework, FrameworkControls: [{ ControlName: 'BACKUP_RECOVERY_POINT_ENCRYPTED' }] }))).FrameworkArn;
  const jobs = auditName('jobs');
  const compliance = auditName('compliance');
  const created = await client.send(new CreateReportPlanCommand({
    ReportPlanName: jobs,
    ReportDeliveryChannel: { S3BucketName: 'backup-reports-bucket', S3KeyPrefix: 'audit', Formats: ['CSV', 'JSON'] },
    ReportSetting: { ReportTemplate: 'BACKUP_JOB_REPORT' },
  }));
  assert.match(created.ReportPlanArn, /:report-plan:/);
  await client.send(new CreateReportPlanCommand({
    ReportPlanName: compliance,
    ReportDeliveryChannel: { S3BucketName: 'backup-reports-bucket' },
    ReportSetting: { ReportTemplate: 'RESOURCE_COMPLIANCE_REPORT', FrameworkArns: [frameworkArn] },
  }));
  await expectError(client.send(new CreateReportPlanCommand({
    ReportPlanName: auditName('nofw'),
    ReportDeliveryChannel: { S3BucketName: 'backup-reports-bucket' },
    ReportSetting: { ReportTemplate: 'RESOURCE_COMPLIANCE_REPORT', FrameworkArns: [frameworkArn.replace(framework, 'missing')] },
  })), 'InvalidParameterValueException');

  assert.equal((await client.send(new DescribeReportPlanCommand({ ReportPlanName: jobs }))).ReportPlan.DeploymentStatus, 'CREATE_IN_PROGRESS');
  await advanceEmulatorClock(5 * minute);
  client = await newClient();
  const described = (await client.send(new DescribeReportPlanCommand({ ReportPlanName: jobs }))).ReportPlan;
  assert.equal(described.DeploymentStatus, 'COMPLETED');
  assert.deepEqual(described.ReportDeliveryChannel.Formats, ['CSV', 'JSON']);
  assert.equal(described.ReportSetting.ReportTemplate, 'BACKUP_JOB_REPORT');
  const names = (await client.send(new ListReportPlansCommand({}))).ReportPlans.map((p) => p.ReportPlanName);
  assert.ok(names.includes(jobs) && names.includes(compliance), 'both report plans are listed');

  await client.send(new UpdateReportPlanCommand({ ReportPlanName: jobs, ReportDeliveryChannel: { S3BucketName: 'backup-reports-bucket', S3KeyPrefix: 'audit2', Formats: ['JSON'] } }));
  assert.deepEqual((await client.send(new DescribeReportPlanCommand({ ReportPlanName: jobs }))).ReportPlan.ReportDeliveryChannel.Formats, ['JSON']);
  await advanceEmulatorClock(5 * minute);
  client = await newClient();
  await expectError(client.send(new UpdateReportPlanCommand({ ReportPlanName: jobs, ReportSetting: { ReportTemplate: 'COPY_JOB_REPORT' } })), 'InvalidParameterValueException');

  const started = await client.send(new StartReportJobCommand({ ReportPlanName: jobs, IdempotencyToken: randomBytes(8).toString('hex') }));
  assert.ok(started.ReportJobId, 'StartReportJob returns the job id');
  await advanceEmulatorClock(10 * minute);
  client = await newClient();
  const job = (await client.send(new DescribeReportJobCommand({ ReportJobId: started.ReportJobId }))).ReportJob;
  assert.equal(job.Status, 'COMPLETED');
  assert.equal(job.ReportTemplate, 'BACKUP_JOB_REPORT');
  assert.equal(job.ReportDestination.S3BucketName, 'backup-reports-bucket');
  assert.ok(job.ReportDestination.S3Keys.length === 1 && job.ReportDestination.S3Keys[0].startsWith('audit2/Backup/'), `S3 keys: ${job.ReportDestination.S3Keys}`);
  const listedJobs = (await client.send(new ListReportJobsCommand({ ByReportPlanName: jobs }))).ReportJobs;
  assert.deepEqual(listedJobs.map((j) => j.ReportJobId), [started.ReportJobId]);
  assert.ok((await client.send(new DescribeReportPlanCommand({ ReportPlanName: jobs }))).ReportPlan.LastSuccessfulExecutionTime, 'the plan records its last successful run');

  await client.send(new DeleteReportPlanCommand({ ReportPlanName: jobs }));
  await client.send(new DeleteReportPlanCommand({ ReportPlanName: compliance }));
  await expectError(client.send(new DescribeReportPlanCommand({ ReportPlanName: jobs })), 'ResourceNotFoundException');
  await advanceEmulatorClock(5 * minute);
  client = await newClient();
  await client.send(new DeleteFrameworkCommand({ FrameworkName: framework }));
});
