using System.Globalization;
using BackupKit.Local.Protocol;

namespace BackupKit.Local.Auth;

/// <summary>
/// Refuses requests signed too far from the emulator clock, as AWS refuses requests whose signing time is more than
/// 15 minutes away from its own (HTTP 403 <c>InvalidSignatureException</c>, "Signature expired" / "not yet current").
/// SDKs then read the answer's <c>Date</c> header, which tells the emulator clock, to correct their skew.
/// </summary>
internal static class RequestTimeCheck
{
    public static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(15);

    public static BackupApiError? Check(string? amzDate, string? date, DateTimeOffset now)
    {
        DateTimeOffset signedAt;
        string shown;
        if (!string.IsNullOrEmpty(amzDate))
        {
            if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out signedAt))
            {
                return new BackupApiError(ErrorCodes.IncompleteSignature, 403, $"Date must be in ISO-8601 'basic format'. Got '{amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601");
            }

            shown = amzDate;
        }
        else if (!string.IsNullOrEmpty(date) && DateTimeOffset.TryParseExact(date, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out signedAt))
        {
            shown = Basic(signedAt);
        }
        else
        {
            return new BackupApiError(ErrorCodes.IncompleteSignature, 403, $"The Date header '{date}' is not an RFC 1123 date; send X-Amz-Date in ISO-8601 basic format instead.");
        }

        if (signedAt < now - AllowedSkew)
        {
            return new BackupApiError(
                ErrorCodes.InvalidSignature,
                403,
                $"Signature expired: {shown} is now earlier than {Basic(now - AllowedSkew)} ({Basic(now)} - 15 min.)");
        }

        if (signedAt > now + AllowedSkew)
        {
            return new BackupApiError(
                ErrorCodes.InvalidSignature,
                403,
                $"Signature not yet current: {shown} is still later than {Basic(now + AllowedSkew)} ({Basic(now)} + 15 min.)");
        }

        return null;
    }

    private static string Basic(DateTimeOffset value) => value.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
