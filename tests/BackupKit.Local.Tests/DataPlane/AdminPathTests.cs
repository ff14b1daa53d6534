using System.Net;
using System.Text;
using System.Text.Json;
using BackupKit.Local.Hosting;
using BackupKit.Wire;

namespace BackupKit.Local.Tests.DataPlane;

public sealed class AdminPathTests : DataPlaneTest
{
    private static string Escaped(string arn) => Uri.EscapeDataString(arn);

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var http = new HttpClient { BaseAddress = Emulator.Endpoint };
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Resources_are_added_read_tagged_changed_listed_and_removed_over_plain_HTTP()
    {
        var arn = Table("orders");
        var added = await SendAsync(HttpMethod.Put, "/_backupkit/resources", $$$"""{"arn":"{{{arn}}}","tags":{"backup":"daily"},"sizeInBytes":2048,"content":{"itemCount":3,"checksum":"abc"}}""");
        var bucket = await SendAsync(HttpMethod.Put, "/_backupkit/resources", """{"arn":"arn:aws:s3:::invoices-bucket","region":"eu-west-1"}""");
        var tagged = await SendAsync(HttpMethod.Put, $"/_backupkit/resources/{Escaped(arn)}/tags", """{"tags":{"tier":"gold","team":"payments"}}""");
        var untagged = await SendAsync(HttpMethod.Delete, $"/_backupkit/resources/{Escaped(arn)}/tags?tagKeys=team");
        var changed = await SendAsync(HttpMethod.Put, $"/_backupkit/resources/{Escaped(arn)}/content", """{"itemCount":4,"checksum":"abd","sizeInBytes":4096}""");
        var listed = await SendAsync(HttpMethod.Get, "/_backupkit/resources?region=us-east-1");
        var removed = await SendAsync(HttpMethod.Delete, $"/_backupkit/resources/{Escaped(arn)}");
        var gone = await SendAsync(HttpMethod.Get, $"/_backupkit/resources/{Escaped(arn)}");

        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Equal("DynamoDB", added.Body.GetProperty("resourceType").GetString());
        Assert.Equal("orders", added.Body.GetProperty("resourceName").GetString());
        Assert.Equal("eu-west-1", bucket.Body.GetProperty("region").GetString());
        Assert.Equal(Account, bucket.Body.GetProperty("accountId").GetString());
        Assert.Equal("gold", tagged.Body.GetProperty("tags").GetProperty("tier").GetString());
        Assert.False(untagged.Body.GetProperty("tags").TryGetProperty("team", out _));
        Assert.Equal("daily", untagged.Body.GetProperty("tags").GetProperty("backup").GetString());
        Assert.Equal(4, changed.Body.GetProperty("content").GetProperty("itemCount").GetInt64());
        Assert.Equal(4096, changed.Body.GetProperty("sizeInBytes").GetInt64());
        Assert.Equal([arn], listed.Body.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("arn").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, removed.Status);
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Contains("orders", gone.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.NotNull(Emulator.Inventory.Find("arn:aws:s3:::invoices-bucket"));
    }

    [Fact]
    public async Task Bad_requests_say_what_is_wrong()
    {
        var notModeled = await SendAsync(HttpMethod.Put, "/_backupkit/resources", """{"arn":"arn:aws:sqs:us-east-1:000000000000:queue"}""");
        var noArn = await SendAsync(HttpMethod.Put, "/_backupkit/resources", """{"tags":{}}""");
        var backwards = await SendAsync(HttpMethod.Post, "/_backupkit/clock/advance", """{"seconds":-5}""");
        var unknown = await SendAsync(HttpMethod.Get, "/_backupkit/nothing-here");

        Assert.Equal(HttpStatusCode.BadRequest, notModeled.Status);
        Assert.Contains("arn:aws:dynamodb:<region>:<account>:table/<name>", notModeled.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noArn.Status);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Fact]
    public async Task The_admin_path_moves_the_emulator_clock_and_jobs_follow_it()
    {
        Emulator.Inventory.Add(Table("orders"), Tags(("backup", "daily")), content: new ResourceContent(5, "five"));
        await PlanAsync(ByTags(("backup", "daily")));
        var before = await SendAsync(HttpMethod.Get, "/_backupkit/clock");

        var after = await SendAsync(HttpMethod.Post, "/_backupkit/clock/advance", """{"seconds":86400}""");
        // The test's own caller signs with the fake clock, which the admin path did not move: stay within the skew AWS allows.
        var moved = DateTimeOffset.Parse(after.Body.GetProperty("now").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        using var caller = new Support.WireCaller(Emulator.Endpoint, clock: new OffsetClock(Clock, TimeSpan.FromDays(1)));
        var job = Assert.Single((await caller.CallAsync(BackupOperations.ListBackupJobs, new ListBackupJobsInput())).BackupJobs!);
        var content = await SendAsync(HttpMethod.Get, $"/_backupkit/recovery-points/{Escaped(job.RecoveryPointArn!)}/content");

        Assert.Equal(Clock.GetUtcNow().ToUnixTimeMilliseconds(), before.Body.GetProperty("epochMillis").GetInt64());
        Assert.Equal(Clock.GetUtcNow().AddDays(1), moved);
        Assert.Equal(86400, after.Body.GetProperty("advancedSeconds").GetDouble());
        Assert.Equal(BackupJobState.COMPLETED, job.State);
        Assert.Equal(FirstRun, job.CreationDate);
        Assert.Equal("five", content.Body.GetProperty("checksum").GetString());
    }

    [Fact]
    public async Task Restore_faults_can_be_injected_over_the_admin_path()
    {
        var added = await SendAsync(HttpMethod.Post, "/_backupkit/faults/restore", """{"kind":"corrupt","resourceArnPattern":"arn:aws:dynamodb:*","times":2}""");
        var wrong = await SendAsync(HttpMethod.Post, "/_backupkit/faults/restore", """{"kind":"explode","resourceArnPattern":"*"}""");

        Assert.Equal(HttpStatusCode.NoContent, added.Status);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
    }

    [Fact]
    public void No_route_of_the_AWS_Backup_model_can_reach_the_admin_prefix()
    {
        var routes = OperationCatalog.BuildRoutes();

        Assert.All(BackupOperations.All, o => Assert.False(o.UriTemplate.StartsWith("/_", StringComparison.Ordinal), o.Name));
        foreach (var method in new[] { "GET", "PUT", "POST", "DELETE" })
        {
            foreach (var path in new[] { "/_backupkit/clock", "/_backupkit/resources", "/_backupkit/resources/x", "/_backupkit/resources/x/tags" })
            {
                Assert.False(routes.TryMatch(method, path, static _ => false, out _), $"{method} {path} matched an AWS route");
            }
        }
    }

    /// <summary>A clock ahead of another by a fixed offset, for signing after the admin path moved the emulator clock.</summary>
    private sealed class OffsetClock(TimeProvider inner, TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + offset;
    }
}
