using System.Net;
using BackupKit.Local.Tests.Support;
using BackupKit.Wire;

namespace BackupKit.Local.Tests;

public sealed class RoutingTests : EmulatorTest
{
    [Theory]
    [InlineData("/backup/plans/")]
    [InlineData("/backup/plans")]
    [InlineData("/backup-vaults/")]
    [InlineData("/backup-vaults")]
    public async Task Trailing_slash_is_optional(string path)
    {
        using var response = await Caller.SendRawAsync("GET", path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Plan_id_route_works_with_and_without_the_template_trailing_slash()
    {
        var plan = await CreatePlanAsync("slashes");

        using var withSlash = await Caller.SendRawAsync("GET", $"/backup/plans/{plan.BackupPlanId}/");
        using var withoutSlash = await Caller.SendRawAsync("GET", $"/backup/plans/{plan.BackupPlanId}");

        Assert.Equal(HttpStatusCode.OK, withSlash.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withoutSlash.StatusCode);
    }

    [Fact]
    public async Task Percent_encoded_ARN_labels_are_decoded()
    {
        var vault = await CreateVaultAsync("tagged");
        await CallAsync(BackupOperations.TagResource, new TagResourceInput { ResourceArn = vault.BackupVaultArn, Tags = new() { ["team"] = "storage" } });

        var encoded = Uri.EscapeDataString(vault.BackupVaultArn!);
        Assert.Contains("%3A", encoded, StringComparison.Ordinal);
        using var response = await Caller.SendRawAsync("GET", $"/tags/{encoded}/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("storage", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_route_answers_404_UnknownOperationException()
    {
        using var response = await Caller.SendRawAsync("GET", "/no/such/thing");
        var error = await AwsErrorResponse.ReadAsync(response);

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("UnknownOperationException", error.ErrorType);
    }

    [Fact]
    public async Task Known_path_with_a_wrong_method_is_an_unknown_operation()
    {
        using var response = await Caller.SendRawAsync("PATCH", "/backup-vaults/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Unimplemented_operation_answers_501_naming_the_operation()
    {
        var error = await ErrorAsync(BackupOperations.ListIndexedRecoveryPoints, new ListIndexedRecoveryPointsInput());

        Assert.Equal(501, error.StatusCode);
        Assert.Equal("NotImplementedException", error.ErrorType);
        Assert.Equal("BackupKit.Local does not implement ListIndexedRecoveryPoints yet.", error.BodyMessage);
    }

    [Fact]
    public async Task Operation_without_input_is_served()
    {
        var types = await CallAsync(BackupOperations.GetSupportedResourceTypes, new GetSupportedResourceTypesInput());

        Assert.Contains("DynamoDB", types.ResourceTypes!);
        Assert.Contains("SAP HANA on Amazon EC2", types.ResourceTypes!);
    }

    [Fact]
    public async Task Literal_query_key_selects_its_own_operation()
    {
        var withKey = await ErrorAsync(
            BackupOperations.DisassociateBackupVaultMpaApprovalTeam,
            new DisassociateBackupVaultMpaApprovalTeamInput { BackupVaultName = "v1" });
        using var withoutKey = await Caller.SendRawAsync("POST", "/backup-vaults/v1/mpaApprovalTeam", WireCaller.Json("{}"));

        Assert.Contains("DisassociateBackupVaultMpaApprovalTeam", withKey.BodyMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, withoutKey.StatusCode);
    }

    [Fact]
    public async Task Malformed_JSON_body_is_a_SerializationException()
    {
        using var response = await Caller.SendRawAsync("PUT", "/backup/plans/", WireCaller.Json("{\"BackupPlan\": {"));
        var error = await AwsErrorResponse.ReadAsync(response);

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("SerializationException", error.ErrorType);
    }

    [Fact]
    public async Task Body_of_the_wrong_JSON_type_is_a_SerializationException()
    {
        using var response = await Caller.SendRawAsync("PUT", "/backup/plans/", WireCaller.Json("{\"BackupPlan\": 42}"));

        Assert.Equal("SerializationException", (await AwsErrorResponse.ReadAsync(response)).ErrorType);
    }

    [Fact]
    public async Task Malformed_query_value_is_an_InvalidParameterValueException()
    {
        using var response = await Caller.SendRawAsync("GET", "/backup/plans/?maxResults=many");
        var error = await AwsErrorResponse.ReadAsync(response);

        Assert.Equal("InvalidParameterValueException", error.ErrorType);
        Assert.Contains("MaxResults", error.BodyMessage, StringComparison.Ordinal);
    }
}
