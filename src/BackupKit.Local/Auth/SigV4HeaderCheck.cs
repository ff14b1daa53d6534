using BackupKit.Local.Protocol;

namespace BackupKit.Local.Auth;

/// <summary>The caller a well-formed SigV4 request names: its access key id and the region of its credential scope.</summary>
internal readonly record struct SigV4Caller(string AccessKeyId, string Region);

/// <summary>
/// Checks that a request carries a well-formed AWS Signature Version 4 <c>Authorization</c> header scoped to the
/// <c>backup</c> service, refusing it the way AWS's front end does (HTTP 403 with
/// <c>MissingAuthenticationTokenException</c>, <c>IncompleteSignatureException</c> or <c>InvalidSignatureException</c>).
/// The signature itself is not verified: the emulator holds no secrets.
/// </summary>
internal static class SigV4HeaderCheck
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string ServiceName = "backup";
    private const string Terminator = "aws4_request";

    /// <summary>Parses and checks the header; returns the caller or the error AWS would answer with.</summary>
    public static BackupApiError? Check(string? authorization, string? amzDate, string? date, out SigV4Caller caller)
    {
        caller = default;
        if (string.IsNullOrEmpty(authorization))
        {
            return new BackupApiError(ErrorCodes.MissingAuthenticationToken, 403, "Missing Authentication Token");
        }

        var header = authorization.AsSpan().Trim();
        ReadOnlySpan<char> credential = default;
        ReadOnlySpan<char> signedHeaders = default;
        ReadOnlySpan<char> signature = default;
        var hasAlgorithm = header.StartsWith(Algorithm, StringComparison.Ordinal)
            && (header.Length == Algorithm.Length || header[Algorithm.Length] == ' ');
        if (hasAlgorithm)
        {
            var rest = header[Algorithm.Length..];
            while (!rest.IsEmpty)
            {
                var comma = rest.IndexOf(',');
                var part = (comma < 0 ? rest : rest[..comma]).Trim();
                rest = comma < 0 ? default : rest[(comma + 1)..];
                var eq = part.IndexOf('=');
                if (eq <= 0)
                {
                    continue;
                }

                var name = part[..eq].Trim();
                var value = part[(eq + 1)..].Trim();
                if (name.SequenceEqual("Credential"))
                {
                    credential = value;
                }
                else if (name.SequenceEqual("SignedHeaders"))
                {
                    signedHeaders = value;
                }
                else if (name.SequenceEqual("Signature"))
                {
                    signature = value;
                }
            }
        }

        var hasDate = !string.IsNullOrEmpty(amzDate) || !string.IsNullOrEmpty(date);
        if (credential.IsEmpty || signedHeaders.IsEmpty || signature.IsEmpty || !hasDate)
        {
            var message = string.Concat(
                credential.IsEmpty ? "Authorization header requires 'Credential' parameter. " : string.Empty,
                signature.IsEmpty ? "Authorization header requires 'Signature' parameter. " : string.Empty,
                signedHeaders.IsEmpty ? "Authorization header requires 'SignedHeaders' parameter. " : string.Empty,
                hasDate ? string.Empty : "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ",
                "Authorization=",
                authorization);
            return new BackupApiError(ErrorCodes.IncompleteSignature, 403, message);
        }

        // Credential = <access key>/<yyyymmdd>/<region>/<service>/aws4_request
        Span<Range> parts = stackalloc Range[6];
        if (credential.Split(parts, '/') != 5)
        {
            return new BackupApiError(
                ErrorCodes.IncompleteSignature,
                403,
                $"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{credential}'");
        }

        var accessKey = credential[parts[0]];
        var scopeDate = credential[parts[1]];
        var region = credential[parts[2]];
        var service = credential[parts[3]];
        var terminator = credential[parts[4]];
        if (accessKey.IsEmpty)
        {
            return new BackupApiError(ErrorCodes.IncompleteSignature, 403, $"The Credential '{credential}' does not name an access key id.");
        }

        if (!terminator.SequenceEqual(Terminator))
        {
            return new BackupApiError(ErrorCodes.InvalidSignature, 403, $"Credential should be scoped with a valid terminator: 'aws4_request', not '{terminator}'. ");
        }

        if (!service.SequenceEqual(ServiceName))
        {
            return new BackupApiError(ErrorCodes.InvalidSignature, 403, "Credential should be scoped to correct service: 'backup'. ");
        }

        if (!Hosting.AwsRegions.IsKnown(region))
        {
            // AWS has no endpoint for an invented Region; the emulator keeps no state for one either.
            return new BackupApiError(ErrorCodes.InvalidSignature, 403, $"Credential should be scoped to a valid region, not '{region}'. ");
        }

        if (!IsBasicDate(scopeDate))
        {
            return new BackupApiError(ErrorCodes.InvalidSignature, 403, $"Date must be in ISO-8601 'basic format'. Got '{scopeDate}'. See http://en.wikipedia.org/wiki/ISO_8601");
        }

        if (!string.IsNullOrEmpty(amzDate))
        {
            var requestDate = amzDate.AsSpan();
            if (requestDate.Length != 16 || !IsBasicDate(requestDate[..8]) || requestDate[8] != 'T' || requestDate[15] != 'Z' || !AllDigits(requestDate[9..15]))
            {
                return new BackupApiError(ErrorCodes.IncompleteSignature, 403, $"Date must be in ISO-8601 'basic format'. Got '{amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601");
            }

            if (!requestDate[..8].SequenceEqual(scopeDate))
            {
                return new BackupApiError(
                    ErrorCodes.InvalidSignature,
                    403,
                    $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scopeDate}' != '{requestDate[..8]}', from '{amzDate}'.");
            }
        }

        if (!SignsHost(signedHeaders))
        {
            return new BackupApiError(ErrorCodes.InvalidSignature, 403, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        caller = new SigV4Caller(InternedNames.Intern(accessKey), InternedNames.Intern(region));
        return null;
    }

    private static bool SignsHost(ReadOnlySpan<char> signedHeaders)
    {
        var rest = signedHeaders;
        while (true)
        {
            var semicolon = rest.IndexOf(';');
            var name = semicolon < 0 ? rest : rest[..semicolon];
            if (name.Equals("host", StringComparison.OrdinalIgnoreCase) || name.SequenceEqual(":authority"))
            {
                return true;
            }

            if (semicolon < 0)
            {
                return false;
            }

            rest = rest[(semicolon + 1)..];
        }
    }

    private static bool IsBasicDate(ReadOnlySpan<char> value) => value.Length == 8 && AllDigits(value);

    private static bool AllDigits(ReadOnlySpan<char> value)
    {
        foreach (var ch in value)
        {
            if (!char.IsAsciiDigit(ch))
            {
                return false;
            }
        }

        return true;
    }
}
