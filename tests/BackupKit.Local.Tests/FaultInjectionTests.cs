using System.Diagnostics;
using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

public sealed class FaultInjectionTests : EmulatorTest
{
    [Fact]
    public async Task Throttle_answers_400_ThrottlingException_then_lets_requests_through()
    {
        Emulator.Faults.Throttle("ListBackupVaults", times: 2, retryAfter: TimeSpan.FromMilliseconds(1500));

        using var first = await Caller.SendAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput());
        var error = await AwsErrorResponse.ReadAsync(first);
        var second = await ErrorAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput());
        var third = await CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput());

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("ThrottlingException", error.ErrorType);
        Assert.Equal("Rate exceeded", error.BodyMessage);
        Assert.Equal("1500", first.Headers.GetValues("x-amz-retry-after").Single());
        Assert.Equal("ThrottlingException", second.ErrorType);
        Assert.NotNull(third.BackupVaultList);
        Assert.Equal(3, Emulator.Faults.RequestCount("ListBackupVaults"));
    }

    [Fact]
    public async Task Throttle_does_not_touch_other_operations()
    {
        Emulator.Faults.Throttle("CreateBackupVault");

        await CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput());

        Assert.Equal("ThrottlingException", (await ErrorAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "v1" })).ErrorType);
    }

    [Fact]
    public async Task ServerError_answers_ServiceUnavailableException_with_the_status_code()
    {
        Emulator.Faults.ServerError("DescribeBackupVault");
        Emulator.Faults.ServerError("DescribeBackupVault", statusCode: 500);

        var first = await ErrorAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "v1" });
        var second = await ErrorAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "v1" });
        var third = await ErrorAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "v1" });

        Assert.Equal((503, "ServiceUnavailableException"), (first.StatusCode, first.ErrorType));
        Assert.Equal("Server", first.Body.GetProperty("Type").GetString());
        Assert.Equal((500, "ServiceUnavailableException"), (second.StatusCode, second.ErrorType));
        Assert.Equal("ResourceNotFoundException", third.ErrorType);
    }

    [Fact]
    public async Task Error_answers_any_AWS_error_and_does_not_perform_the_operation()
    {
        Emulator.Faults.Error("CreateBackupVault", "LimitExceededException", 400);

        var error = await ErrorAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "never" });

        Assert.Equal((400, "LimitExceededException"), (error.StatusCode, error.ErrorType));
        Assert.Empty((await CallAsync(BackupOperations.ListBackupVaults, new ListBackupVaultsInput())).BackupVaultList!);
    }

    [Fact]
    public async Task Latency_delays_the_answer()
    {
        Emulator.Faults.Latency("ListBackupPlans", TimeSpan.FromMilliseconds(300), times: 1);

        var slow = Stopwatch.StartNew();
        await CallAsync(BackupOperations.ListBackupPlans, new ListBackupPlansInput());
        slow.Stop();

        Assert.True(slow.Elapsed >= TimeSpan.FromMilliseconds(280), $"The answer took {slow.Elapsed}.");
    }

    [Fact]
    public async Task DropConnectionAfterCommit_commits_the_change_and_answers_nothing()
    {
        Emulator.Faults.DropConnectionAfterCommit("CreateBackupVault");

        await Assert.ThrowsAsync<HttpRequestException>(() => Caller.CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "committed", CreatorRequestId = "token-1" }));

        var described = await CallAsync(BackupOperations.DescribeBackupVault, new DescribeBackupVaultInput { BackupVaultName = "committed" });
        Assert.Equal("token-1", described.CreatorRequestId);

        // The retry with the same token succeeds and finds the committed vault.
        var retried = await CallAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "committed", CreatorRequestId = "token-1" });
        Assert.Equal(described.BackupVaultArn, retried.BackupVaultArn);
        Assert.Equal(2, Emulator.Faults.RequestCount("CreateBackupVault"));
    }

    [Fact]
    public async Task DropConnectionAfterCommit_on_a_plan_create_leaves_exactly_one_plan_after_a_retry()
    {
        Emulator.Faults.DropConnectionAfterCommit("CreateBackupPlan");
        var input = new CreateBackupPlanInput { BackupPlan = Plan("dropped"), CreatorRequestId = "create-once" };

        await Assert.ThrowsAsync<HttpRequestException>(() => Caller.CallAsync(BackupOperations.CreateBackupPlan, input));
        await CallAsync(BackupOperations.CreateBackupPlan, input);

        Assert.Single((await CallAsync(BackupOperations.ListBackupPlans, new ListBackupPlansInput())).BackupPlansList!);
    }

    [Fact]
    public async Task RequestCount_counts_every_request_of_the_operation_and_Clear_resets_rules_and_counts()
    {
        Emulator.Faults.Throttle("ListBackupPlans", times: 5);
        await ErrorAsync(BackupOperations.ListBackupPlans, new ListBackupPlansInput());
        await ErrorAsync(BackupOperations.ListBackupPlans, new ListBackupPlansInput());

        Assert.Equal(2, Emulator.Faults.RequestCount("ListBackupPlans"));
        Assert.Equal(0, Emulator.Faults.RequestCount("ListBackupVaults"));

        Emulator.Faults.Clear();
        await CallAsync(BackupOperations.ListBackupPlans, new ListBackupPlansInput());

        Assert.Equal(1, Emulator.Faults.RequestCount("ListBackupPlans"));
    }

    [Fact]
    public void Rules_for_unknown_operations_or_bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Emulator.Faults.Throttle("CreateBackupPlans"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Emulator.Faults.Throttle("CreateBackupPlan", times: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Emulator.Faults.ServerError("CreateBackupPlan", statusCode: 400));
        Assert.Throws<ArgumentOutOfRangeException>(() => Emulator.Faults.Error("CreateBackupPlan", "X", 200));
        Assert.Throws<ArgumentOutOfRangeException>(() => Emulator.Faults.Latency("CreateBackupPlan", TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public async Task Faults_apply_before_validation_and_authentication_still_comes_first()
    {
        Emulator.Faults.Throttle("CreateBackupVault");

        using var unsigned = await Caller.SendRawAsync("PUT", "/backup-vaults/x!", WireCaller.Json("{}"), authorization: "");

        Assert.Equal("MissingAuthenticationTokenException", (await AwsErrorResponse.ReadAsync(unsigned)).ErrorType);
        Assert.Equal("ThrottlingException", (await ErrorAsync(BackupOperations.CreateBackupVault, new CreateBackupVaultInput { BackupVaultName = "x!" })).ErrorType);
    }
}
