using System.Text;

namespace BackupKit.Conformance.Parity;

/// <summary>The comparison behind the parity tests reports what differs on the wire and nothing that does not.</summary>
public sealed class RequestComparerTests
{
    private const string Authorization =
        "AWS4-HMAC-SHA256 Credential=AKIDBACKUPKITTEST/20240131/us-east-1/backup/aws4_request, SignedHeaders={0}, Signature=00";

    private static CapturedRequest Request(string target, string body = "", string signed = "content-type;host;x-amz-date", string method = "PUT") =>
        new(method, target, new Dictionary<string, string>
        {
            ["authorization"] = string.Format(System.Globalization.CultureInfo.InvariantCulture, Authorization, signed),
            ["content-type"] = "application/json",
        }, Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Identical_requests_have_no_difference()
    {
        var request = Request("/backup/plans/p1?maxResults=1", """{"A":{"B":[1,2]}}""");
        var (differences, notes) = RequestComparer.Compare(request, request);
        Assert.Empty(differences);
        Assert.Empty(notes);
    }

    [Fact]
    public void A_member_missing_from_our_body_is_a_difference()
    {
        var (differences, _) = RequestComparer.Compare(
            Request("/x", """{"BackupPlan":{"Rules":[{"RuleName":"r","Lifecycle":{"DeleteAfterDays":35}}]}}"""),
            Request("/x", """{"BackupPlan":{"Rules":[{"RuleName":"r","Lifecycle":{}}]}}"""));
        Assert.Equal("body $.BackupPlan.Rules[0].Lifecycle.DeleteAfterDays: JS sends 35, ours omits it", Assert.Single(differences));
    }

    [Fact]
    public void Numbers_compare_by_value_and_strings_exactly()
    {
        var (sameNumber, _) = RequestComparer.Compare(Request("/x", """{"T":1706702400}"""), Request("/x", """{"T":1706702400.0}"""));
        Assert.Empty(sameNumber);
        var (otherNumber, _) = RequestComparer.Compare(Request("/x", """{"T":1706702400.5}"""), Request("/x", """{"T":1706702400}"""));
        Assert.Single(otherNumber);
        var (otherCase, _) = RequestComparer.Compare(Request("/x", """{"S":"a"}"""), Request("/x", """{"S":"A"}"""));
        Assert.Single(otherCase);
        var (otherBool, _) = RequestComparer.Compare(Request("/x", """{"B":true}"""), Request("/x", """{"B":false}"""));
        Assert.Single(otherBool);
    }

    [Fact]
    public void Path_encoding_query_values_and_query_order_are_compared()
    {
        var (encoding, _) = RequestComparer.Compare(Request("/tags/arn%3Aaws%3Abackup"), Request("/tags/arn:aws:backup"));
        Assert.StartsWith("path:", Assert.Single(encoding), StringComparison.Ordinal);

        var (value, _) = RequestComparer.Compare(Request("/x?a=1&b=2"), Request("/x?a=1&b=3"));
        Assert.Equal("query: only JS sends [b=2]; only ours sends [b=3]", Assert.Single(value));

        var (repeated, _) = RequestComparer.Compare(Request("/x?k=1&k=1"), Request("/x?k=1"));
        Assert.Single(repeated);

        var (order, _) = RequestComparer.Compare(Request("/x?a=1&b=2"), Request("/x?b=2&a=1"));
        Assert.StartsWith("query order differs", Assert.Single(order), StringComparison.Ordinal);
    }

    [Fact]
    public void Signed_header_sets_are_compared()
    {
        var (differences, _) = RequestComparer.Compare(
            Request("/x", signed: "content-type;host;x-amz-content-sha256;x-amz-date"),
            Request("/x", signed: "content-type;host;x-amz-date;x-amz-security-token"));
        Assert.Equal("signed headers: only JS signs {x-amz-content-sha256}; only ours signs {x-amz-security-token}", Assert.Single(differences));
    }

    [Fact]
    public void An_absent_body_differs_from_an_empty_object()
    {
        var (differences, _) = RequestComparer.Compare(Request("/x", "{}"), Request("/x", string.Empty));
        Assert.Single(differences);
    }
}
